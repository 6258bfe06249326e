import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../api/contract';
import { createBuildContextService } from './service';
import { contextFiles } from '../images/build';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('build contexts picked in the browser', () => {
  const service = createBuildContextService();
  afterEach(() => service.dispose());

  it('copies the files into a folder here that builds like any other, .dockerignore and all', async () => {
    const { id, dir } = await service.requests['build.contextBegin']({});
    const put = (path: string, text: string, append = false) =>
      service.requests['build.contextChunk']({ id, path, base64: b64(text), append });
    await put('app/Dockerfile', 'FROM scratch\nCOPY . /\n');
    await put('app/.dockerignore', 'secret.txt\n');
    await put('app/src/main.txt', 'hello ');
    await put('app/src/main.txt', 'world', true);
    await put('app/secret.txt', 'no');
    expect(readFileSync(join(dir, 'app', 'src', 'main.txt'), 'utf8')).toBe('hello world');
    expect(await contextFiles(join(dir, 'app'))).toMatchObject({
      files: ['.dockerignore', 'Dockerfile', 'src/main.txt'],
      ignored: 1,
    });

    expect(await service.requests['build.contextAbort']({ id })).toEqual({ aborted: true });
    expect(existsSync(dir)).toBe(false);
    await expect(put('app/x', 'y')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses paths that leave the folder', () => {
    const input = contract['build.contextChunk'].input;
    const id = 'a'.repeat(32);
    for (const path of ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'a\\..\\b', './a']) {
      expect(input.safeParse({ id, path, base64: '' }).success, path).toBe(false);
    }
    expect(input.safeParse({ id, path: 'app/.dockerignore', base64: '' }).success).toBe(true);
  });
});
