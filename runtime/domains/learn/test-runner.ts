// Learn: runs a lesson the CLI way against a test engine, for the lessons'
// integration tests, and asks Wharf's learn service what it makes of it. A
// lesson test reads like the learner's path:
//
//   const run = await startLessonRun({ endpoint, id: 'first-container' });
//   const before = await run.snapshot();
//   await run.shell('docker run -d --name hello … slep 1', { mayFail: true });   // a wrong attempt
//   expect((await run.step('run')).message).toContain('127');
//   await run.shell('docker rm -f hello');
//   for (const step of run.lesson.spec.steps) expect((await run.perform(step.id)).status).toBe('done');
//   await run.reset();
//   expect(await run.snapshot()).toEqual(before);
//   await run.dispose();
//
// Starting a run resets the lesson first, and disposing it resets it again,
// so a failed test leaves nothing behind for the next one.
//
// A step's command text runs line by line in the run's folder (its files
// written there first), with DOCKER_HOST and CONTAINER_HOST set to the test
// engine, the way a learner would type it:
// - tests pull nothing from Docker Hub: `docker pull busybox:latest` becomes
//   `docker image inspect` (the test tags $WHARF_TEST_IMAGE as busybox:latest,
//   see `tagTestBusybox`); a pull from another registry (localhost:5000) runs;
// - host ports the lesson names (`localhost:8080`, `-p 127.0.0.1:8080:80`)
//   are moved to free ones, in its commands, files and checks alike (the
//   service reads a copy of the lesson with the ports moved);
// - `docker compose` is `docker-compose` where the plugin is missing;
// - prompts (prune's "Are you sure?") are answered y; lines a learner watches
//   and leaves with Ctrl+C (`docker stats`, `logs -f`, `events`) end once
//   they printed something;
// - `curl` and `docker push` are tried again while the server in a container
//   starts listening.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../../test-support/free-port';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createTestEngine, type TestEngine } from '../../test-support/test-engine';
import { HELPER_LABEL, createHelperPool } from '../files/helper';
import { evaluate } from './checks';
import type { CheckSpec } from './schema';
import { type LoadedLesson, findLessonsDir, loadLessons } from './loader';
import { wordMessage } from './messages';
import { type LearnService, checkContext, createLearnService } from './service';
import type { LessonLeftovers, LessonLocale, LessonState, StepState } from './types';

export interface LessonRunOptions {
  /** The test engine (WHARF_TEST_DOCKER or WHARF_TEST_PODMAN). */
  endpoint: string;
  /** The lesson's id. */
  id: string;
  /** The language of the messages the run reads; English unless given. */
  locale?: LessonLocale;
  /** The lessons folder; the source tree's unless given. */
  lessonsDir?: string;
  /** The name of the folder the commands run in (compose names its project after it); `work` unless given. */
  workDir?: string;
  /** Hears what the service logs (a removal that failed on reset, a check that threw). */
  log?: (message: string) => void;
}

/** What the engine holds, as `docker ps -a`, `volume ls`, `network ls` and `images` list it, sorted. */
export interface EngineSnapshot {
  containers: string[];
  images: string[];
  volumes: string[];
  networks: string[];
}

export interface LessonRun {
  /** The lesson as the run performs it (host ports moved). */
  lesson: LoadedLesson;
  service: LearnService;
  engine: TestEngine;
  /** The folder the steps' files are written to and their commands run in. */
  dir: string;
  /** Runs the step's command lines; resolves with what they printed. `mayFail`: a failing line (the lesson means it to) adds its error to the output. */
  commands(stepId: string, options?: { mayFail?: boolean }): Promise<string>;
  /** Performs the step the CLI way (`commands`), then `settle`s it. */
  perform(stepId: string, options?: { mayFail?: boolean }): Promise<StepState>;
  /** Checks until the step is done (engines settle a moment after a command), a few seconds at most; its last state. */
  settle(stepId: string): Promise<StepState>;
  /** Checks (learn.check) once and returns one step's state. */
  step(stepId: string): Promise<StepState>;
  /** learn.check: the whole lesson's state. */
  check(): Promise<LessonState>;
  /** Evaluates a check of one's own (e.g. a lesson's check against a deliberately wrong build), worded in the run's language. */
  evaluate(check: CheckSpec): Promise<{ status: string; message?: string }>;
  /** Runs command lines of one's own in the run's folder, as a step's are; returns what they printed. */
  shell(text: string, options?: { mayFail?: boolean }): Promise<string>;
  snapshot(): Promise<EngineSnapshot>;
  reset(): Promise<LessonLeftovers>;
  dispose(): Promise<void>;
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
/** Lines that reach a server a container starts: tried again until it listens. */
const RETRIED = /^(curl|docker push)\s/;

/** Runs `sh -c line` in `cwd` against `endpoint`; a watched line ends once it printed. Rejects with stderr. */
function runLine(endpoint: string, line: string, cwd: string): Promise<string> {
  const watch = WATCH.test(line);
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', line], {
      cwd,
      env: { ...process.env, DOCKER_HOST: endpoint, CONTAINER_HOST: endpoint },
      detached: watch,
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
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
      clearTimeout(timer);
      if (code === 0 || (interrupted && stdout !== '')) resolve(stdout);
      else reject(new Error(`${line}: exit ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

/** Runs command text line by line in `cwd` (see the top of this file); resolves with everything printed. */
export async function runLines(
  endpoint: string,
  text: string,
  cwd: string,
  options: { mayFail?: boolean } = {},
): Promise<string> {
  let out = '';
  for (const raw of offlineCommands(text).split('\n')) {
    const line = hasComposePlugin ? raw : raw.replace(/^(\s*)docker compose\b/, '$1docker-compose');
    if (line.trim() === '') continue;
    for (let tries = RETRIED.test(line) ? 40 : 1; ; tries--) {
      const printed = await runLine(endpoint, line, cwd).catch((e: Error) =>
        tries > 1 ? undefined : options.mayFail ? e.message : Promise.reject(e),
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

/** Runs `text` in `cwd` against `endpoint` as a lesson's lines run; rejects with stderr on failure. */
export const runShell = (endpoint: string, text: string, cwd: string): Promise<string> => runLines(endpoint, text, cwd);

/**
 * Tags the locally built test image as busybox:latest on the engine (lessons use busybox, tests pull
 * nothing). Returns what takes the tag off again when this call made it: other tests expect the test
 * image under its own name only.
 */
export async function tagTestBusybox(endpoint: string): Promise<() => Promise<void>> {
  const image = process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell:latest';
  const there = await runLine(endpoint, 'docker image inspect busybox:latest', tmpdir()).then(
    () => true,
    () => false,
  );
  if (there) return async () => {};
  await runLine(endpoint, `docker tag ${image} busybox:latest`, tmpdir());
  return async () => {
    await runLine(endpoint, 'docker rmi busybox:latest', tmpdir()).catch(() => undefined);
  };
}

/** A registry host is the first part of a ref when it has a dot or a port, or is localhost. */
const fromHub = (ref: string): boolean => {
  const first = ref.split('/')[0]!;
  return !(ref.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'));
};

/** A step's command text as the test runs it: pulls from Docker Hub become checks that the image is there. */
export function offlineCommands(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.replace(
        /^(\s*)(docker|podman) (?:image )?pull (\S+)\s*$/,
        (all, indent: string, cli: string, ref: string) =>
          fromHub(ref) ? `${indent}${cli} image inspect ${ref} > /dev/null` : all,
      ),
    )
    .join('\n');
}

const HOST_PORT = /\b(localhost|127\.0\.0\.1):(\d+)\b/g;

/** `localhost:8080` / `127.0.0.1:8080` in `text` → the port standing in for 8080. */
export function movePorts(text: string, ports: ReadonlyMap<number, number>): string {
  return text.replace(HOST_PORT, (all, host: string, port: string) => {
    const to = ports.get(Number(port));
    return to === undefined ? all : `${host}:${to}`;
  });
}

/**
 * The host ports `lesson` names, each moved to a free one (other engines on
 * the machine may hold 8080 or 5000), and a lessons folder holding only this
 * lesson with them moved in its commands, files and `publishes.host` checks.
 */
async function withMovedPorts(
  lesson: LoadedLesson,
  lessonsDir: string,
  into: string,
): Promise<{ lessonsDir: string; ports: Map<number, number> }> {
  const ports = new Map<number, number>();
  const source = join(lessonsDir, lesson.folder);
  const text = readFileSync(join(source, 'lesson.yaml'), 'utf8');
  for (const m of text.matchAll(HOST_PORT)) if (!ports.has(Number(m[2]))) ports.set(Number(m[2]), await freePort());
  if (ports.size === 0) return { lessonsDir, ports };
  const move = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') return movePorts(node, ports);
    if (typeof node === 'number' && key === 'host') return ports.get(node) ?? node;
    if (Array.isArray(node)) return node.map((n) => move(n));
    if (node !== null && typeof node === 'object')
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, move(v, k)]));
    return node;
  };
  const copy = join(into, lesson.folder);
  cpSync(source, copy, { recursive: true });
  writeFileSync(join(copy, 'lesson.yaml'), stringify(move(parse(text))));
  return { lessonsDir: into, ports };
}

export async function startLessonRun(options: LessonRunOptions): Promise<LessonRun> {
  const locale = options.locale ?? 'en';
  const sourceDir = options.lessonsDir ?? findLessonsDir({ cwd: process.cwd() });
  const original = loadLessons(sourceDir).find((l) => l.spec.id === options.id);
  if (original === undefined) throw new Error(`no lesson ${options.id} in ${sourceDir}`);
  const dir = mkdtempSync(join(tmpdir(), `wharf-lesson-${options.id}-`));
  const { lessonsDir } = await withMovedPorts(original, sourceDir, join(dir, 'lessons'));
  const lesson = loadLessons(lessonsDir).find((l) => l.spec.id === options.id)!;
  const dataDir = join(dir, '.wharf');
  const work = join(dir, options.workDir ?? 'work');
  mkdirSync(work, { recursive: true });
  const engine = await createTestEngine(options.endpoint);
  const helpers = createHelperPool({ idleMs: 60_000 });
  const service = createLearnService(engine, {
    dataDir,
    lessonsDir,
    helpers,
    ...(options.log ? { log: options.log } : {}),
  });
  const id = options.id;
  // What an earlier, failed run of the same lesson left behind goes first.
  await service.requests['learn.reset']({ id, locale });

  const stateOf = (state: LessonState, stepId: string): StepState => {
    const found = state.steps.find((s) => s.id === stepId);
    if (found === undefined) throw new Error(`lesson ${id} has no step ${stepId}`);
    return found;
  };
  const check = () => service.requests['learn.check']({ id, locale });
  const shell = (text: string, opts?: { mayFail?: boolean }) => runLines(options.endpoint, text, work, opts);
  const stepSpec = (stepId: string) => {
    const step = lesson.spec.steps.find((s) => s.id === stepId);
    if (step === undefined) throw new Error(`lesson ${id} has no step ${stepId}`);
    return step;
  };
  const commands = async (stepId: string, opts?: { mayFail?: boolean }) => {
    const step = stepSpec(stepId);
    for (const file of step.files ?? []) {
      const path = join(work, file.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    return shell(step.command, opts);
  };

  const settle = async (stepId: string) => {
    let state = stateOf(await check(), stepId);
    for (let tries = 1; tries < 40 && state.status !== 'done'; tries++) {
      await new Promise((r) => setTimeout(r, 250));
      state = stateOf(await check(), stepId);
    }
    return state;
  };

  const snapshot = async (): Promise<EngineSnapshot> => {
    const docker = engine.docker();
    const [containers, images, volumes, networks] = await Promise.all([
      docker.listContainers({ all: true }),
      docker.listImages(),
      docker.listVolumes(),
      docker.listNetworks(),
    ]);
    return {
      // Wharf's own helper containers and image come and go with the checks that read volumes.
      containers: containers
        .filter((c) => c.Labels?.[HELPER_LABEL] === undefined)
        .map((c) => `${c.Id.slice(0, 12)} ${(c.Names[0] ?? '').replace(/^\//, '')}`)
        .sort(),
      // Every tag with its image (a tag left on busybox's image shows), untagged ones by id.
      images: images
        .flatMap((i) => {
          const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
          return (tags.length > 0 ? tags : ['<none>']).map((t) => `${t} ${i.Id}`);
        })
        .filter((line) => !/^(\S+\/)?wharf-helper\b/.test(line))
        .sort(),
      volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(),
      networks: networks.map((n) => n.Name).sort(),
    };
  };

  return {
    lesson,
    service,
    engine,
    dir: work,
    commands,
    perform: async (stepId, opts) => {
      await commands(stepId, opts);
      return settle(stepId);
    },
    settle,
    step: async (stepId) => stateOf(await check(), stepId),
    check,
    evaluate: async (spec) => {
      const docker = engine.docker();
      const result = await evaluate(spec, checkContext(engine, docker, id, helpers));
      return { status: result.status, ...(result.message ? { message: wordMessage(result.message, locale) } : {}) };
    },
    shell,
    snapshot,
    reset: () => service.requests['learn.reset']({ id, locale }),
    dispose: async () => {
      // A failed test leaves nothing for the next one either.
      await service.requests['learn.reset']({ id, locale }).catch(() => undefined);
      service.dispose();
      await helpers.dispose();
      await engine.dispose?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
