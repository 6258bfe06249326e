import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileCredentialStore, createKeyFileCipher } from './credentials';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-cred-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('file credential store with a key file', () => {
  it('keeps logins across instances, never in plain text, key file 0600', async () => {
    const dir = tempDir();
    const open = () =>
      createFileCredentialStore(join(dir, 'registries.enc'), createKeyFileCipher(join(dir, 'keys', 'registry.key')));
    const store = open();
    await store.set('127.0.0.1:5000', {
      username: 'alice',
      password: 's3cret-Pässword',
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    await store.set('ghcr.io', { username: 'bob', password: 'other', savedAt: '2026-01-02T00:00:00.000Z' });

    const raw = readFileSync(join(dir, 'registries.enc'));
    expect(raw.includes(Buffer.from('s3cret'))).toBe(false);
    expect(raw.includes(Buffer.from('alice'))).toBe(false);
    expect(statSync(join(dir, 'keys', 'registry.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'registries.enc')).mode & 0o777).toBe(0o600);

    const again = open();
    expect(await again.get('127.0.0.1:5000')).toEqual({
      username: 'alice',
      password: 's3cret-Pässword',
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(await again.list()).toEqual([
      { registry: '127.0.0.1:5000', username: 'alice', savedAt: '2026-01-01T00:00:00.000Z' },
      { registry: 'ghcr.io', username: 'bob', savedAt: '2026-01-02T00:00:00.000Z' },
    ]);
    expect(JSON.stringify(await again.list())).not.toContain('s3cret');
    expect(await again.delete('ghcr.io')).toBe(true);
    expect(await again.delete('ghcr.io')).toBe(false);
    expect((await open().list()).map((a) => a.registry)).toEqual(['127.0.0.1:5000']);
  });

  it('cannot be read with another key', async () => {
    const dir = tempDir();
    const file = join(dir, 'registries.enc');
    await createFileCredentialStore(file, createKeyFileCipher(join(dir, 'a.key'))).set('r', {
      username: 'u',
      password: 'p',
      savedAt: 'x',
    });
    await expect(createFileCredentialStore(file, createKeyFileCipher(join(dir, 'b.key'))).list()).rejects.toThrow();
  });
});
