// Test support for the lesson files: reads a lesson's lesson.yaml, runs a
// step's own command lines with the docker CLI against a test engine (in a
// folder of its own, host ports moved to free ones), and tells whether the
// engine then holds what the step's check describes, read straight from the
// engine with dockerode. The learn service's own checks replace `evaluate`
// once they exist; the lesson tests only call `expectCheck`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { parse } from 'yaml';
import { dockerCli } from './test-engine';

const LABEL = 'io.wharf.lesson';
export const LESSONS_DIR = join(dirname(new URL(import.meta.url).pathname), '../domains/learn/lessons');

export type Check = Record<string, unknown>;
export interface LessonStepFile {
  id: string;
  command: string;
  check: Check;
  files?: { name: string; content: string }[];
  ui?: { route: string; target: string };
}
export interface LessonFile {
  id: string;
  order: number;
  minutes: number;
  engine: string;
  images: string[];
  steps: LessonStepFile[];
  questions: { id: string; choices: string[]; answer: string }[];
}

export function readLesson(folder: string): LessonFile {
  return parse(readFileSync(join(LESSONS_DIR, folder, 'lesson.yaml'), 'utf8')) as LessonFile;
}

/** Where a lesson's commands run: the engine, a working folder, and the host ports the lesson names mapped to free ones. */
export interface LessonPlace {
  endpoint: string;
  docker: Docker;
  lessonId: string;
  cwd: string;
  ports: Record<number, number>;
}

/** `localhost:8080` / `127.0.0.1:8080` in a command, file or check → the free port standing in for 8080. */
export function localize(place: LessonPlace, text: string): string {
  return text.replace(/\b(localhost|127\.0\.0\.1):(\d+)\b/g, (all, host: string, port: string) => {
    const to = place.ports[Number(port)];
    return to === undefined ? all : `${host}:${to}`;
  });
}

const hasComposePlugin = (() => {
  try {
    execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Lines a learner watches and leaves with Ctrl+C: run until they print, then interrupted. */
const WATCH = /^docker (stats(?!.*--no-stream)|logs\b.*\s(-f|--follow)\b|events(?!.*--until))/;

const retried = /^(curl|docker push)\s/;

/** Runs one step's command lines in order (files written first); resolves with everything they printed. */
/** `mayFail`: a line that fails (as the lesson means it to, or a wrong command) adds its error to the output instead of throwing. */
export async function runStep(
  place: LessonPlace,
  step: Pick<LessonStepFile, 'command' | 'files'>,
  mayFail = false,
): Promise<string> {
  for (const file of step.files ?? []) writeFileSync(join(place.cwd, file.name), localize(place, file.content));
  let out = '';
  for (const raw of localize(place, step.command).split('\n')) {
    const line = hasComposePlugin ? raw : raw.replace(/^docker compose\b/, 'docker-compose');
    if (line.trim() === '') continue;
    // A server in a container (a web server, a registry) listens a moment after `docker run -d` returns; a learner would just try again.
    for (let tries = retried.test(line) ? 40 : 1; ; tries--) {
      const printed = await runLine(place, line, WATCH.test(line)).catch((e: Error) =>
        tries > 1 ? undefined : mayFail ? e.message : Promise.reject(e),
      );
      if (printed !== undefined) {
        out += printed;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return out;
}

function runLine(place: LessonPlace, line: string, watch: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], {
      cwd: place.cwd,
      env: { ...process.env, DOCKER_HOST: place.endpoint },
      detached: watch,
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // A watching line has shown something: the learner presses Ctrl+C. (`docker stats` without a
      // terminal does not stop on SIGINT or SIGTERM, so the line's process group is ended outright.)
      if (watch && !interrupted && child.pid !== undefined) {
        interrupted = true;
        process.kill(-child.pid, 'SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    // Prune commands ask "Are you sure?": the learner answers y (a command that reads nothing closes its input early).
    child.stdin.on('error', () => {});
    child.stdin.end('y\n');
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0 || (interrupted && stdout !== '')) resolve(stdout);
      else reject(new Error(`${line}: exit ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

/** Whether the engine holds what `check` describes, and what it shows instead. */
export interface Verdict {
  met: boolean;
  seen: string;
}

type Fields = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const missing = (e: unknown): boolean => (e as { statusCode?: number }).statusCode === 404;

async function exists(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch (e) {
    if (missing(e)) return false;
    throw e;
  }
}

async function containers(place: LessonPlace, f: Fields): Promise<Docker.ContainerInspectInfo[]> {
  const list = await place.docker.listContainers({ all: true });
  const named = list.filter((c) => f.name === undefined || c.Names.includes(`/${str(f.name)}`));
  const all = await Promise.all(named.map((c) => place.docker.getContainer(c.Id).inspect()));
  return all.filter((c) => f.labelled !== true || c.Config.Labels?.[LABEL] === place.lessonId);
}

/** Why container `c` does not match the fields of a `container` check (empty: it matches). */
function containerOff(place: LessonPlace, c: Docker.ContainerInspectInfo, f: Fields): string[] {
  const off: string[] = [];
  if (f.image !== undefined && c.Config.Image !== f.image) off.push(`image ${c.Config.Image}`);
  if (f.state !== undefined && c.State.Status !== f.state) off.push(`state ${c.State.Status}`);
  if (f.exitCode !== undefined && (c.State.Running || c.State.ExitCode !== f.exitCode))
    off.push(`exit code ${c.State.ExitCode}`);
  const p = f.publishes as { container: number; host?: number } | undefined;
  if (p !== undefined) {
    const bindings = c.HostConfig.PortBindings as Record<string, { HostPort: string }[] | null> | undefined;
    const host = p.host === undefined ? undefined : (place.ports[p.host] ?? p.host);
    const ok = (bindings?.[`${p.container}/tcp`] ?? []).some((b) => host === undefined || Number(b.HostPort) === host);
    if (!ok) off.push(`publishes ${JSON.stringify(bindings ?? {})}`);
  }
  // `source`: a bind mount of a host folder whose path ends so (`$PWD/site` ends with `/site`).
  const m = f.mounts as { volume?: string; source?: string; destination: string } | undefined;
  if (m !== undefined) {
    const ok = c.Mounts.some(
      (x) =>
        x.Destination === m.destination &&
        (m.volume === undefined || (x.Type === 'volume' && x.Name === m.volume)) &&
        (m.source === undefined || (x.Type === 'bind' && x.Source.endsWith(m.source))),
    );
    if (!ok) off.push(`mounts ${c.Mounts.map((x) => `${x.Type}:${x.Name ?? x.Source}->${x.Destination}`).join(', ')}`);
  }
  const net = str(f.network);
  if (net !== undefined && !(net in (c.NetworkSettings.Networks ?? {})))
    off.push(`networks ${Object.keys(c.NetworkSettings.Networks ?? {}).join(', ')}`);
  if (f.memory !== undefined && c.HostConfig.Memory !== f.memory) off.push(`memory ${c.HostConfig.Memory}`);
  return off;
}

export async function evaluate(place: LessonPlace, check: Check): Promise<Verdict> {
  const [kind, ...more] = Object.keys(check);
  if (kind === undefined || more.length > 0) throw new Error(`a check has one key: ${JSON.stringify(check)}`);
  const value = check[kind];
  const f = (value ?? {}) as Fields;
  const d = place.docker;
  switch (kind) {
    case 'all': {
      const verdicts = await Promise.all((value as Check[]).map((c) => evaluate(place, c)));
      return { met: verdicts.every((v) => v.met), seen: verdicts.map((v) => v.seen).join('; ') };
    }
    case 'manual':
      return { met: true, seen: 'the learner presses Done' };
    case 'container': {
      const found = await containers(place, f);
      const offs = found.map((c) => ({ name: c.Name.slice(1), off: containerOff(place, c, f) }));
      return {
        met: offs.some((o) => o.off.length === 0),
        seen: offs.length === 0 ? 'no such container' : offs.map((o) => `${o.name}: ${o.off.join(', ')}`).join('; '),
      };
    }
    case 'noContainer': {
      const found = (await containers(place, f)).filter(
        (c) =>
          (f.image === undefined || c.Config.Image === f.image) &&
          (f.state === undefined || c.State.Status === f.state),
      );
      return { met: found.length === 0, seen: found.map((c) => `${c.Name.slice(1)} ${c.State.Status}`).join(', ') };
    }
    case 'image':
    case 'noImage': {
      if (f.dangling === true) {
        const dangling = await d.listImages({ filters: JSON.stringify({ dangling: ['true'] }) });
        return { met: dangling.length === 0, seen: `${dangling.length} dangling images` };
      }
      const ref = localize(place, str(f.ref) ?? '');
      const there = await exists(() => d.getImage(ref).inspect());
      return { met: there === (kind === 'image'), seen: `${ref} ${there ? 'present' : 'absent'}` };
    }
    case 'pushed': {
      const ref = localize(place, str(f.ref) ?? '');
      const there = await exists(() => d.getImage(ref).distribution());
      return { met: there, seen: `${ref} ${there ? 'in' : 'not in'} the registry` };
    }
    case 'volume':
    case 'noVolume': {
      const there = await exists(() => d.getVolume(str(f.name) ?? '').inspect());
      return { met: there === (kind === 'volume'), seen: `volume ${str(f.name)} ${there ? 'present' : 'absent'}` };
    }
    case 'volumeFile': {
      const [volume, path] = [str(f.volume) ?? '', str(f.path) ?? ''];
      const text = await dockerCli(place.endpoint, [
        'run',
        '--rm',
        '-v',
        `${volume}:/v:ro`,
        'busybox:latest',
        'cat',
        `/v${path}`,
      ]).catch((e: Error) => e.message);
      return { met: text.includes(str(f.contains) ?? ''), seen: `${volume}/${path}: ${text.trim()}` };
    }
    case 'network':
    case 'noNetwork': {
      const there = await exists(() => d.getNetwork(str(f.name) ?? '').inspect());
      let met = there === (kind === 'network');
      const connects = (f.connects as string[] | undefined) ?? [];
      for (const name of met && kind === 'network' ? connects : []) {
        const c = await containers(place, { name });
        met &&= c.some((x) => (str(f.name) ?? '') in (x.NetworkSettings.Networks ?? {}));
      }
      return { met, seen: `network ${str(f.name)} ${there ? 'present' : 'absent'}` };
    }
    case 'compose':
    case 'noCompose': {
      const project = `com.docker.compose.project=${str(f.project)}`;
      const list = await d.listContainers({ all: true, filters: JSON.stringify({ label: [project] }) });
      const nets = await d.listNetworks({ filters: JSON.stringify({ label: [project] }) });
      const seen = `${list.map((c) => `${c.Names[0]} ${c.State}`).join(', ')}; networks ${nets.map((n) => n.Name).join(', ')}`;
      if (kind === 'noCompose') return { met: list.length === 0 && nets.length === 0, seen };
      const services = new Set(list.map((c) => c.Labels['com.docker.compose.service']));
      const met =
        list.length > 0 &&
        ((f.services as string[] | undefined) ?? []).every((s) => services.has(s)) &&
        (f.running !== true || list.every((c) => c.State === 'running'));
      return { met, seen };
    }
    default:
      throw new Error(`unknown check kind ${kind}`);
  }
}

/** Waits until the engine holds what `check` describes (engines settle a moment after a command returns); the last verdict. */
export async function settle(place: LessonPlace, check: Check, tries = 40): Promise<Verdict> {
  let verdict = await evaluate(place, check);
  for (let i = 1; i < tries && !verdict.met; i++) {
    await new Promise((r) => setTimeout(r, 250));
    verdict = await evaluate(place, check);
  }
  return verdict;
}

/** What `docker ps -a`, `volume ls`, `network ls` and `images` list, to compare before and after a lesson. */
export async function engineListing(endpoint: string): Promise<Record<string, string[]>> {
  const lines = async (...args: string[]) =>
    (await dockerCli(endpoint, args))
      .split('\n')
      .filter((l) => l !== '')
      .sort();
  return {
    containers: await lines('ps', '-a', '--format', '{{.ID}} {{.Names}}'),
    volumes: await lines('volume', 'ls', '-q'),
    networks: await lines('network', 'ls', '--format', '{{.Name}}'),
    images: await lines('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'),
  };
}

/** Removes what carries the lesson's label, and the untaggable extras a lesson made (tags, volumes the engine made for a wrong step). */
export async function removeLessonObjects(
  place: LessonPlace,
  extra: { images?: string[]; volumes?: string[] } = {},
): Promise<void> {
  const cli = (...args: string[]) => dockerCli(place.endpoint, args);
  const ids = async (...args: string[]) => (await cli(...args)).split('\n').filter((l) => l !== '');
  const filter = `label=${LABEL}=${place.lessonId}`;
  const containerIds = await ids('ps', '-a', '-q', '--filter', filter);
  if (containerIds.length > 0) await cli('rm', '-f', '-v', ...containerIds);
  for (const v of [...(await ids('volume', 'ls', '-q', '--filter', filter)), ...(extra.volumes ?? [])])
    await cli('volume', 'rm', v).catch(() => {});
  for (const n of await ids('network', 'ls', '-q', '--filter', filter)) await cli('network', 'rm', n);
  const imageIds = [...new Set(await ids('images', '-a', '-q', '--filter', filter))];
  if (imageIds.length > 0) await cli('rmi', '-f', ...imageIds).catch(() => {});
  for (const ref of extra.images ?? []) await cli('rmi', localize(place, ref)).catch(() => {});
}

/** A fresh working folder `name` under `root` (compose names its project after the folder). */
export function workFolder(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
