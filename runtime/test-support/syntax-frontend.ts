// Test support: a "# syntax=" frontend image made offline. The small static
// program in scripts/test-support/syntax-frontend.cpp (a BuildKit gateway
// frontend that hands the Dockerfile to BuildKit's built-in Dockerfile
// frontend) is compiled with g++ -static, put in a FROM scratch image by the
// classic builder, and pushed to a local registry, from which BuildKit pulls
// it as it would docker/dockerfile:1.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dockerCli } from './test-engine';

export const FRONTEND_SOURCE = fileURLToPath(
  new URL('../../scripts/test-support/syntax-frontend.cpp', import.meta.url),
);

/** Whether g++ is here (it brings libc6-dev, whose static C library -static links). */
export function hasStaticCxx(): boolean {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The reference in a label: each push its own image (config digest), which BuildKit has not cached yet.
const dockerfile = (ref: string) => `FROM scratch
COPY frontend /frontend
LABEL org.opencontainers.image.title="Wharf test frontend (# syntax=)" org.opencontainers.image.ref.name="${ref}"
ENTRYPOINT ["/frontend"]
`;

/**
 * Builds the frontend image on the engine as `<registry>/<name>`, pushes it
 * there and removes the engine's copy again (so a build must pull it).
 * Resolves with the reference a "# syntax=" line names.
 */
export async function pushSyntaxFrontend(endpoint: string, registry: string, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wharf-syntax-frontend-'));
  const ref = `${registry}/${name}`;
  try {
    await new Promise<void>((done, fail) =>
      execFile('g++', ['-static', '-O2', '-o', join(dir, 'frontend'), FRONTEND_SOURCE], (error, _out, stderr) =>
        error ? fail(new Error(`g++: ${stderr || error.message}`)) : done(),
      ),
    );
    await writeFile(join(dir, 'Dockerfile'), dockerfile(ref));
    await dockerCli(endpoint, ['build', '-q', '-t', ref, dir]);
    await dockerCli(endpoint, ['push', ref]);
    await dockerCli(endpoint, ['rmi', ref]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return ref;
}
