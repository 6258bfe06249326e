// Builds the three parts Wharf runs from: the renderer (vite), the runtime's
// command line (esbuild, Node ESM) and the Electron shell (esbuild, CommonJS,
// because a sandboxed preload must be CommonJS); and puts the helper's static
// busybox in dist/helper (helper-busybox.mjs). Without the busybox the build
// still succeeds and says why, unless --require-helper (packaging) or WHARF_HELPER_REQUIRED is given.
// Learn's lessons are checked (a wrong one fails the build) and copied to dist/runtime/lessons.
import { rmSync } from 'node:fs';
import { build as esbuild, context } from 'esbuild';
import { build as viteBuild } from 'vite';
import { describeProblems, ensureHelperBusybox } from './helper-busybox.mjs';
import { checkLessons, copyLessons } from './lessons.mjs';

const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const watch = args.has('--watch');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: quiet ? 'error' : 'info',
};

const builds = [
  {
    ...node,
    entryPoints: ['runtime/cli.ts'],
    outdir: 'dist/runtime',
    // The runtime (and the packages it loads: dockerode, ssh2, yaml…) is a chunk of its own, loaded
    // once `wharf serve` listens: the address is printed while it loads.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    packages: 'external',
  },
  {
    ...node,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    packages: 'external',
    external: ['electron'],
  },
  {
    ...node,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  },
];

const helperProblems = await ensureHelperBusybox();
if (helperProblems.length > 0) {
  console.error(describeProblems(helperProblems));
  if (args.has('--require-helper') || process.env.WHARF_HELPER_REQUIRED) process.exit(1);
}

const lessons = await checkLessons();
if (lessons.problems.length > 0) {
  console.error(`The lessons are not right:\n  ${lessons.problems.join('\n  ')}`);
  process.exit(1);
}

await viteBuild({
  configFile: 'vite.config.ts',
  logLevel: quiet ? 'error' : 'info',
  build: watch ? { watch: {} } : {},
});

// Chunks are named by their hash: the ones of an earlier build would stay beside the new ones.
rmSync('dist/runtime/chunks', { recursive: true, force: true });
if (watch) {
  for (const options of builds) await (await context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild(options)));
}
copyLessons();
