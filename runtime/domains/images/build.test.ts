import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCommand, contextFiles } from './build';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-ctx-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('contextFiles', () => {
  it('honours .dockerignore as Docker does: globs, folders, ** and ! exceptions; Dockerfile and .dockerignore always go', async () => {
    const dir = folder({
      Dockerfile: 'FROM scratch\n',
      '.dockerignore': '# comment\n*.log\nnode_modules\n**/secret*\n!keep.log\nDockerfile\n',
      'app.js': 'x',
      'debug.log': 'x',
      'keep.log': 'x',
      'node_modules/a/index.js': 'x',
      'src/secret.txt': 'x',
      'src/main.js': 'xy',
    });
    const { files, ignored, bytes } = await contextFiles(dir);
    expect(files).toEqual(['.dockerignore', 'Dockerfile', 'app.js', 'keep.log', 'src/main.js']);
    expect(ignored).toBe(3);
    expect(bytes).toBeGreaterThan(0);
  });

  it('sends everything when there is no .dockerignore', async () => {
    const dir = folder({ Dockerfile: 'FROM scratch\n', 'a/b/c.txt': 'x' });
    expect((await contextFiles(dir)).files).toEqual(['Dockerfile', 'a/b/c.txt']);
  });
});

describe('buildCommand', () => {
  it('spells tags, build args, target and a pasted Dockerfile', () => {
    expect(
      buildCommand({
        context: { kind: 'folder', path: '/src/my app' },
        tags: ['web:1', 'web:latest'],
        buildArgs: { VERSION: '1 2' },
        target: 'prod',
      }),
    ).toBe("docker build -t web:1 -t web:latest --build-arg 'VERSION=1 2' --target prod '/src/my app'");
    expect(buildCommand({ context: { kind: 'dockerfile', text: 'FROM x' }, tags: [], buildArgs: {} })).toBe(
      'docker build -',
    );
  });
});
