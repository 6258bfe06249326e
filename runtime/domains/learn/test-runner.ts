// Learn: runs a lesson the CLI way against a test engine, for the lessons'
// integration tests. A lesson test reads like the learner's path:
//
//   const run = await startLessonRun({ endpoint, id: 'first-container' });
//   const before = await run.snapshot();
//   await run.shell('docker run -d --name hello … slep 1');   // a wrong attempt
//   expect((await run.step('run')).message).toContain('127');
//   await run.shell('docker rm -f hello');
//   for (const step of run.lesson.spec.steps) expect((await run.perform(step.id)).status).toBe('done');
//   await run.reset();
//   expect(await run.snapshot()).toEqual(before);
//   await run.dispose();
//
// Starting a run resets the lesson first, and disposing it resets it again,
// so a failed test leaves nothing behind for the next one.
// `perform` writes the step's files into the run's folder and runs the
// step's own command text there with `sh -e`, DOCKER_HOST and CONTAINER_HOST
// set to the test engine (so `docker` is the docker CLI pointed at it, and on
// the Podman test engine `podman` lines such as `podman kube play` reach it
// too). Tests pull nothing:
// a `docker pull <ref>` line becomes `docker image inspect <ref>` (the test
// tags $WHARF_TEST_IMAGE as busybox:latest first, see `tagTestBusybox`).
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  /** Hears what the service logs (a removal that failed on reset, a check that threw). */
  log?: (message: string) => void;
}

/** What the engine holds, as ids and names, sorted: two are equal when nothing was added or removed. */
export interface EngineSnapshot {
  containers: string[];
  images: string[];
  volumes: string[];
  networks: string[];
}

export interface LessonRun {
  lesson: LoadedLesson;
  service: LearnService;
  engine: TestEngine;
  /** The folder the steps' files are written to and their commands run in. */
  dir: string;
  /** Performs the step the CLI way, then checks; returns that step's state. */
  perform(stepId: string): Promise<StepState>;
  /** Checks (learn.check) and returns one step's state. */
  step(stepId: string): Promise<StepState>;
  /** learn.check: the whole lesson's state. */
  check(): Promise<LessonState>;
  /** Evaluates a check of one's own (e.g. a lesson's check against a deliberately wrong build), worded in the run's language. */
  evaluate(check: CheckSpec): Promise<{ status: string; message?: string }>;
  /** Runs a command line of one's own in the run's folder (DOCKER_HOST set); returns stdout. */
  shell(line: string): Promise<string>;
  snapshot(): Promise<EngineSnapshot>;
  reset(): Promise<LessonLeftovers>;
  dispose(): Promise<void>;
}

/** Runs `sh -e -c script` in `cwd` with DOCKER_HOST and CONTAINER_HOST set to `endpoint`; rejects with stderr on failure. */
export function runShell(endpoint: string, script: string, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'sh',
      ['-e', '-c', script],
      {
        cwd,
        env: { ...process.env, DOCKER_HOST: endpoint, CONTAINER_HOST: endpoint },
        timeout: 120_000,
        maxBuffer: 8 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script}\n${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** Tags the locally built test image as busybox:latest on the engine: lessons use busybox, tests pull nothing. */
export async function tagTestBusybox(endpoint: string): Promise<void> {
  const image = process.env.WHARF_TEST_IMAGE ?? 'wharf-test/shell:latest';
  await runShell(endpoint, `docker tag ${image} busybox:latest`, tmpdir());
}

/** A step's command text as the test runs it: pulls become checks that the image is there. */
export function offlineCommands(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(\s*)(docker|podman) (?:image )?pull (\S+)\s*$/, '$1$2 image inspect $3 > /dev/null'))
    .join('\n');
}

export async function startLessonRun(options: LessonRunOptions): Promise<LessonRun> {
  const locale = options.locale ?? 'en';
  const lessonsDir = options.lessonsDir ?? findLessonsDir({ cwd: process.cwd() });
  const lesson = loadLessons(lessonsDir).find((l) => l.spec.id === options.id);
  if (lesson === undefined) throw new Error(`no lesson ${options.id} in ${lessonsDir}`);
  const dir = mkdtempSync(join(tmpdir(), `wharf-lesson-${options.id}-`));
  const dataDir = join(dir, '.wharf');
  const work = join(dir, 'work');
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
  const shell = (line: string) => runShell(options.endpoint, line, work);

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
        .map((c) => c.Id)
        .sort(),
      images: images
        .filter((i) => !(i.RepoTags ?? []).some((t) => t.startsWith('wharf-helper') || t.includes('/wharf-helper')))
        .map((i) => i.Id)
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
    perform: async (stepId) => {
      const step = lesson.spec.steps.find((s) => s.id === stepId);
      if (step === undefined) throw new Error(`lesson ${id} has no step ${stepId}`);
      for (const file of step.files ?? []) {
        const path = join(work, file.name);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.content);
      }
      await shell(offlineCommands(step.command));
      return stateOf(await check(), stepId);
    },
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
