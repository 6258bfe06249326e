// `npx tsx scripts/dev-engines.ts [folder]`: starts a private Docker engine
// and Podman service (the same launcher `npm test` uses), builds the test
// image on both, prints the environment the tests read, and keeps them
// running until Ctrl-C. For running one test file during development:
//
//   eval "$(cat <folder>/env)" && npx playwright test e2e/logs.spec.ts
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedEngine, type EmbeddedEngineHandle } from '../runtime/engine/embedded';
import { describeProblems, ensureHelperBusybox } from './helper-busybox.mjs';
import { buildBusyboxImage, TEST_IMAGE } from './test-support/busybox-image';

// Wharf's helper busybox (dist/helper), which the runtime loads its helper image from.
const helperProblems = await ensureHelperBusybox();
if (helperProblems.length > 0) console.error(describeProblems(helperProblems));

const dir = process.argv[2] !== undefined ? resolve(process.argv[2]) : await mkdtemp(join(tmpdir(), 'wharf-dev-'));
await mkdir(dir, { recursive: true });
const engines: EmbeddedEngineHandle[] = [];
const stop = () => void Promise.allSettled(engines.map((e) => e.stop())).finally(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

const skipPodman = process.env.WHARF_DEV_NO_PODMAN !== undefined;
for (const kind of skipPodman ? (['docker'] as const) : (['docker', 'podman'] as const)) {
  const engine = await startEmbeddedEngine({ kind, dir: join(dir, kind === 'docker' ? 'd' : 'p') });
  engines.push(engine);
  await buildBusyboxImage(engine.endpoint);
}
const env = [
  `export WHARF_TEST_DIR=${join(dir, 'run')}`,
  `export WHARF_TEST_IMAGE=${TEST_IMAGE}`,
  `export WHARF_TEST_DOCKER=${engines[0]!.endpoint}`,
  ...(engines[1] !== undefined ? [`export WHARF_TEST_PODMAN=${engines[1].endpoint}`] : []),
].join('\n');
await writeFile(join(dir, 'env'), `${env}\n`);
console.log(`${env}\n# written to ${join(dir, 'env')}; Ctrl-C stops the engines`);
