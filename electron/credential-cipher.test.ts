// The desktop app's registry credentials: encrypted by (a stand-in for)
// safeStorage, never in plain text on disk, refused without a real keychain.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileCredentialStore } from '../runtime/domains/registry/credentials';
import { createSafeStorageCipher, type SafeStorageLike } from './credential-cipher';

/** Like safeStorage: a key held elsewhere (here a byte to XOR with), output not readable as text. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike & { calls: number } {
  const fake = {
    calls: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain: string) {
      fake.calls++;
      return Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a));
    },
    decryptString(data: Buffer) {
      return Buffer.from(data.map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return fake;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wharf-cipher-'));
  dirs.push(dir);
  return join(dir, 'registries.enc');
};

describe('createSafeStorageCipher', () => {
  it('keeps logins through safeStorage: the file holds neither the password nor the user name in plain text', async () => {
    const file = tempFile();
    const safe = fakeSafeStorage();
    const store = createFileCredentialStore(file, createSafeStorageCipher(safe, 'linux'));
    await store.set('127.0.0.1:5000', {
      username: 'alice',
      password: 's3cret-pass',
      savedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(safe.calls).toBe(1);
    const onDisk = readFileSync(file);
    expect(onDisk.includes('s3cret-pass')).toBe(false);
    expect(onDisk.includes('alice')).toBe(false);
    expect(await store.get('127.0.0.1:5000')).toMatchObject({ username: 'alice', password: 's3cret-pass' });
    expect(await store.list()).toEqual([
      { registry: '127.0.0.1:5000', username: 'alice', savedAt: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('refuses to save where Linux has no keychain (basic_text is a public key), saying so in plain words', async () => {
    const store = createFileCredentialStore(
      tempFile(),
      createSafeStorageCipher(fakeSafeStorage('basic_text'), 'linux'),
    );
    await expect(store.set('r', { username: 'u', password: 'p', savedAt: 'now' })).rejects.toMatchObject({
      code: 'unavailable',
      key: 'registry.noKeychain',
    });
  });

  it('refuses when safeStorage cannot encrypt at all', async () => {
    const cipher = createSafeStorageCipher(fakeSafeStorage('keychain', false), 'darwin');
    await expect(cipher.encrypt('x')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('on macOS and Windows the backend is not asked (it is Linux only)', async () => {
    const safe = fakeSafeStorage();
    delete (safe as Partial<SafeStorageLike>).getSelectedStorageBackend;
    const cipher = createSafeStorageCipher(safe, 'win32');
    expect(await cipher.decrypt(await cipher.encrypt('hello'))).toBe('hello');
  });
});
