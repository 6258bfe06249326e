// The lessons of Learn (runtime/domains/learn/lessons): checked with the
// runtime's own loader (bundled by esbuild for the check), then copied to
// dist/runtime/lessons where the built runtime and the desktop shell find them.
// A lesson that is not right stops the build, each problem named by file and field.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { build as esbuild } from 'esbuild';

export const LESSONS_SOURCE = 'runtime/domains/learn/lessons';
export const LESSONS_TARGET = 'dist/runtime/lessons';

/** Problems of every lesson (empty when all are right), and how many lessons were read. */
export async function checkLessons(dir = LESSONS_SOURCE) {
  const out = mkdtempSync(join(tmpdir(), 'wharf-lessons-'));
  try {
    const outfile = join(out, 'loader.cjs');
    await esbuild({
      entryPoints: ['runtime/domains/learn/loader.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      // CommonJS: the bundled packages' own require() calls (yaml's) work as they are.
      format: 'cjs',
      target: 'node20',
      // Resolved from the checkout's node_modules, not from the temporary folder.
      packages: 'bundle',
      logLevel: 'error',
    });
    const { loadLessons, LessonError } = createRequire(import.meta.url)(outfile);
    try {
      return { problems: [], count: loadLessons(resolve(dir)).length };
    } catch (error) {
      if (error instanceof LessonError) return { problems: error.problems, count: 0 };
      throw error;
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function copyLessons(from = LESSONS_SOURCE, to = LESSONS_TARGET) {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
