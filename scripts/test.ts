// `npm test`: everything CI checks, in one run, against real engines that
// this run starts itself with Wharf's own embedded-engine launcher.
//
//   npm test                      all steps
//   npm test -- --only e2e        one step (typecheck, lint, format, vitest, build, e2e, vm)
//
// WHARF_TEST_DOCKER / WHARF_TEST_PODMAN, when set, name engines to use instead
// of starting new ones (for development against engines already running).
// The run ends with the line "N passed, N failed, N skipped".
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from '../runtime/engine/embedded';
import { describeProblems, ensureHelperBusybox } from './helper-busybox.mjs';
import { buildBusyboxImage, TEST_IMAGE } from './test-support/busybox-image';
import { countPlaywright, countVitest, type Tally } from './test-support/reports';
import { runVmStep } from './test-support/vm-step';

const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

const argv = process.argv.slice(2);
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined;
const wants = (step: string) => only === undefined || only === step;

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

async function step(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const code = await run(command, args, env);
  if (code === 0) tally.passed += 1;
  else {
    tally.failed += 1;
    failures.push(`${name} (exit ${code})`);
  }
}

/** Runs a test runner that writes a JSON report, and adds its counts. */
async function suite(
  name: string,
  command: string,
  args: string[],
  report: string,
  count: (json: unknown) => Tally,
  env?: NodeJS.ProcessEnv,
) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const code = await run(command, args, env);
  let counted: Tally | undefined;
  try {
    counted = count(JSON.parse(await readFile(report, 'utf8')));
  } catch {
    counted = undefined;
  }
  if (counted === undefined) {
    tally.failed += 1;
    failures.push(`${name}: no report (exit ${code})`);
    return;
  }
  tally.passed += counted.passed;
  tally.failed += counted.failed;
  tally.skipped += counted.skipped;
  if (counted.failed > 0)
    failures.push([`${name}: ${counted.failed} failed`, ...(counted.names ?? []).map((n) => `      ${n}`)].join('\n'));
  else if (code !== 0) {
    tally.failed += 1;
    failures.push(`${name}: exited ${code} with no failed test`);
  }
}

function skip(name: string, reason: string) {
  console.log(`\n=== ${name}: skipped (${reason})`);
  tally.skipped += 1;
}

const engines: EmbeddedEngineHandle[] = [];

async function stopEngines() {
  await Promise.allSettled(engines.splice(0).map((e) => e.stop()));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopEngines().finally(() => process.exit(130));
  });
}

async function main() {
  const needsEngines = wants('vitest') || wants('e2e');
  const dir = await mkdtemp(join(tmpdir(), 'wharf-test-'));
  const env: NodeJS.ProcessEnv = { WHARF_TEST_DIR: dir, WHARF_TEST_IMAGE: TEST_IMAGE };

  if (needsEngines) {
    // Wharf's helper busybox (dist/helper): the runtime loads its helper image from it, in vitest before the build step.
    const problems = await ensureHelperBusybox();
    if (problems.length > 0) throw new Error(describeProblems(problems));
    env.WHARF_TEST_DOCKER = process.env.WHARF_TEST_DOCKER ?? (await startEngine('docker', join(dir, 'd')));
    env.WHARF_TEST_PODMAN = process.env.WHARF_TEST_PODMAN ?? (await startEngine('podman', join(dir, 'p')));
    for (const endpoint of [env.WHARF_TEST_DOCKER, env.WHARF_TEST_PODMAN]) {
      console.log(`Building the test image ${TEST_IMAGE} on ${endpoint}`);
      await buildBusyboxImage(endpoint);
    }
  }

  if (wants('typecheck')) {
    for (const project of ['runtime/api', 'runtime', 'renderer', 'electron', 'e2e', 'scripts']) {
      await step(`typecheck ${project}`, 'npx', ['tsc', '-p', project]);
    }
  }
  if (wants('lint')) await step('lint', 'npx', ['eslint', '.']);
  if (wants('format')) await step('format', 'npx', ['prettier', '--check', '.']);

  if (wants('vitest')) {
    const report = join(dir, 'vitest.json');
    await suite(
      'vitest (unit and integration)',
      'npx',
      [
        'vitest',
        'run',
        '--project',
        'unit',
        '--project',
        'integration',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${report}`,
      ],
      report,
      countVitest,
      env,
    );
  }

  if (wants('build') || wants('e2e') || wants('vm')) await step('build', 'node', ['scripts/build.mjs', '--quiet']);

  if (wants('e2e')) {
    const report = join(dir, 'playwright.json');
    await suite('e2e (Playwright, Chromium, browser mode)', 'npx', ['playwright', 'test'], report, countPlaywright, {
      ...env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    });
  }

  if (wants('vm'))
    await runVmStep({
      dir,
      env,
      suite,
      skip,
      countVitest,
      countPlaywright,
      fail: (what) => {
        failures.push(what);
        tally.failed += 1;
      },
    });

  await stopEngines();
  if (process.env.WHARF_KEEP_TEST_DIR === undefined) await rm(dir, { recursive: true, force: true }).catch(() => {});
}

async function startEngine(kind: 'docker' | 'podman', dir: string): Promise<string> {
  console.log(`Starting a private ${kind} engine for this run in ${dir}`);
  const engine = await startEmbeddedEngine({ kind, dir });
  engines.push(engine);
  return engine.endpoint;
}

try {
  if (!existsSync('node_modules')) throw new Error('Run npm ci first.');
  await main();
} catch (error) {
  tally.failed += 1;
  failures.push(`test run: ${error instanceof Error ? error.message : String(error)}`);
  console.error(error);
  await stopEngines();
}

if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed > 0 ? 1 : 0);
