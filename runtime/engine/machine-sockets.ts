// The engine sockets the Mac's VM tools leave on the host, one per machine:
// Lima ($LIMA_HOME or ~/.lima/<name>/sock/docker.sock), Colima ($COLIMA_HOME
// or ~/.colima/<name>/docker.sock) and Podman machine (Podman 4:
// ~/.local/share/containers/podman/machine/<name or provider>/podman.sock;
// Podman 5: $TMPDIR/podman/<name>-api.sock). A function of the platform, the
// home folder, the environment and what is on disk.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface MachineSocket {
  endpoint: string;
  /** "Lima 'docker'", "Colima 'default'", "Podman machine 'podman-machine-default'" */
  label: string;
  kind: 'docker' | 'podman';
}

export interface MachineInput {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
  exists?: (path: string) => boolean;
  /** Entries of a folder; [] when it cannot be read. */
  readDir?: (path: string) => string[];
}

const listDir = (path: string): string[] => {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
};

export function machineSockets(input: MachineInput): MachineSocket[] {
  if (input.platform !== 'darwin') return [];
  const { home, env } = input;
  const exists = input.exists ?? existsSync;
  const readDir = input.readDir ?? listDir;
  const out: MachineSocket[] = [];
  const add = (path: string, label: string, kind: MachineSocket['kind']): void => {
    if (exists(path) && !out.some((s) => s.endpoint === `unix://${path}`)) {
      out.push({ endpoint: `unix://${path}`, label, kind });
    }
  };

  const lima = env.LIMA_HOME || join(home, '.lima');
  for (const name of readDir(lima)) {
    if (name.startsWith('_')) continue; // _config, _networks: Lima's own folders
    add(join(lima, name, 'sock', 'docker.sock'), `Lima '${name}'`, 'docker');
  }

  const colima = env.COLIMA_HOME || join(home, '.colima');
  for (const name of readDir(colima)) {
    if (name.startsWith('_')) continue; // _lima: the Lima home Colima keeps inside
    add(join(colima, name, 'docker.sock'), `Colima '${name}'`, 'docker');
  }

  const data = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const machines = join(data, 'containers', 'podman', 'machine');
  add(join(machines, 'podman-machine-default', 'podman.sock'), "Podman machine 'podman-machine-default'", 'podman');
  for (const name of readDir(machines)) {
    add(join(machines, name, 'podman.sock'), `Podman machine '${name}'`, 'podman');
  }

  const tmp = (env.TMPDIR || '/tmp').replace(/\/+$/, '');
  const apiDir = join(tmp, 'podman');
  add(join(apiDir, 'podman-machine-default-api.sock'), "Podman machine 'podman-machine-default'", 'podman');
  for (const file of readDir(apiDir)) {
    const name = /^(.+)-api\.sock$/.exec(file)?.[1];
    if (name !== undefined) add(join(apiDir, file), `Podman machine '${name}'`, 'podman');
  }
  return out;
}
