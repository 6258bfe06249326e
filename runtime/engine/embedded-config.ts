// The embedded engine's configuration: where its programs are, where its files
// go under Wharf's folder, the config files it is given and its command line.
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const searchDirs = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Engine programs installed here (PATH plus the sbin folders a desktop session may lack). */
export function findEngineBinaries(env: NodeJS.ProcessEnv = process.env): { dockerd?: string; podman?: string } {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...searchDirs];
  const find = (name: string): string | undefined => {
    for (const d of dirs) {
      const candidate = join(d, name);
      try {
        accessSync(candidate, constants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
    return undefined;
  };
  const found: { dockerd?: string; podman?: string } = {};
  const dockerd = find('dockerd');
  const podman = find('podman');
  if (dockerd) found.dockerd = dockerd;
  if (podman) found.podman = podman;
  return found;
}

export interface EmbeddedPaths {
  socket: string;
  endpoint: string;
  pidfile: string;
  log: string;
  /** dockerd only: short, because containerd puts sockets under it. */
  execRoot: string;
  /** podman only. */
  containersConf: string;
  /** dockerd only. */
  daemonJson: string;
}

export function embeddedPaths(kind: 'docker' | 'podman', dir: string): EmbeddedPaths {
  const socket = join(dir, kind === 'docker' ? 'docker.sock' : 'podman.sock');
  let execRoot = join(dir, 'exec');
  if (execRoot.length > 60) {
    execRoot = join(tmpdir(), `wharf-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`);
  }
  return {
    socket,
    endpoint: `unix://${socket}`,
    pidfile: join(dir, kind === 'docker' ? 'docker.pid' : 'podman.pid'),
    log: join(dir, 'engine.log'),
    execRoot,
    containersConf: join(dir, 'containers.conf'),
    daemonJson: join(dir, 'daemon.json'),
  };
}

/** The process's hard limit on open files (Podman containers inherit it as their default). */
export function hardNofileLimit(limitsText?: string): number {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return 1_048_576;
    }
  }
  const line = text.split('\n').find((l) => l.startsWith('Max open files'));
  const fields = line?.trim().split(/\s+/) ?? [];
  // "Max open files  <soft>  <hard>  files"
  const hard = fields[4];
  if (hard === undefined) return 1_048_576;
  if (hard === 'unlimited') return 1_048_576;
  const n = Number(hard);
  return Number.isFinite(n) && n > 0 ? n : 1_048_576;
}

export function podmanContainersConf(nofile: number, dir: string): string {
  return [
    '# Written by Wharf for its private Podman engine.',
    '[containers]',
    `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=4096:4096"]`,
    '',
    '[engine]',
    // Its own event log: by default every Podman on the machine shares one
    // under /run/libpod, so this engine would report the others' events, and
    // their rotation of that file would end its event stream.
    'events_logger = "file"',
    `events_logfile_path = ${JSON.stringify(join(dir, 'events.log'))}`,
    'events_logfile_max_size = "64m"',
    '',
  ].join('\n');
}

export function engineCommandLine(kind: 'docker' | 'podman', dir: string): string[] {
  const p = embeddedPaths(kind, dir);
  if (kind === 'docker') {
    return [
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      p.execRoot,
      '--host',
      p.endpoint,
      '--pidfile',
      p.pidfile,
      // Its own config file: the system's /etc/docker/daemon.json (hosts, data-root) would clash.
      '--config-file',
      p.daemonJson,
      // If a system containerd is running dockerd uses it; its own namespaces keep
      // Wharf's containers apart from any other dockerd's.
      '--containerd-namespace',
      'wharf',
      '--containerd-plugins-namespace',
      'wharf-plugins',
    ];
  }
  return ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), 'system', 'service', '--time=0', p.endpoint];
}
