// Test support: the test image's build context, FROM scratch with Debian's
// static busybox (nothing is pulled in tests). Built through Wharf's own build
// path (image-build.ts), by the test run and by the build tests alike.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { BuildEvent } from '../domains/build/types';
import { runBuild } from '../domains/images/build';

export const BUSYBOX = '/bin/busybox';

export const BUSYBOX_DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL org.opencontainers.image.title="Wharf test image (static busybox)"
CMD ["/bin/sh"]
`;

/** A temp folder holding the test image's Dockerfile and busybox; `extra` adds files (name → content). */
export async function busyboxContext(
  extra: Record<string, string> = {},
): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wharf-image-'));
  await copyFile(BUSYBOX, join(dir, 'busybox'));
  await writeFile(join(dir, 'Dockerfile'), BUSYBOX_DOCKERFILE);
  for (const [name, content] of Object.entries(extra)) await writeFile(join(dir, name), content);
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Builds the test image as `tag` through Wharf's build path; returns every event. Throws when the build failed. */
export async function buildBusybox(docker: Docker, tag: string): Promise<BuildEvent[]> {
  const context = await busyboxContext();
  const events: BuildEvent[] = [];
  try {
    // The classic builder: it runs on both engines alike, whatever the engine's BuildKit.
    await runBuild(
      docker,
      { context: { kind: 'folder', path: context.dir }, tags: [tag], buildArgs: {} },
      { builder: 'classic', reason: 'classic-chosen' },
      (e) => events.push(e),
    );
  } finally {
    await context.dispose();
  }
  const failed = events.find((e) => e.kind === 'failed');
  if (failed !== undefined && failed.kind === 'failed')
    throw new Error(`Building ${tag} failed: ${failed.message}\n${failed.output.join('\n')}`);
  if (!events.some((e) => e.kind === 'done')) throw new Error(`Building ${tag} ended without a result`);
  return events;
}
