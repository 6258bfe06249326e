// Registry credentials, kept by the runtime and never sent to the renderer.
// The store is one encrypted file; what encrypts it is pluggable: the Electron
// shell hands in a cipher backed by safeStorage (the OS keychain), browser
// mode uses a random key in a file only its owner can read (0600).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RegistryAccount } from './types';

export interface RegistryCredential {
  username: string;
  password: string;
  /** ISO time. */
  savedAt: string;
}

/** Where registry logins live. Implementations never write a password in plain text. */
export interface CredentialStore {
  get(registry: string): Promise<RegistryCredential | undefined>;
  set(registry: string, credential: RegistryCredential): Promise<void>;
  /** True when there was one to delete. */
  delete(registry: string): Promise<boolean>;
  /** Names only: never the passwords. */
  list(): Promise<RegistryAccount[]>;
}

/**
 * Encrypts and decrypts the store's content. Electron implements it with
 * `safeStorage.encryptString` / `decryptString`; the runtime never imports
 * Electron, so the shell passes it in (RuntimeOptions.credentialCipher).
 */
export interface SecretCipher {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<string>;
}

const KEY_BYTES = 32;

/** AES-256-GCM with a random key kept in `keyFile` (created 0600 on first use). */
export function createKeyFileCipher(keyFile: string): SecretCipher {
  let key: Promise<Buffer> | undefined;
  const loadKey = (): Promise<Buffer> =>
    (key ??= (async () => {
      try {
        const existing = await readFile(keyFile);
        if (existing.length !== KEY_BYTES) throw new Error(`The key file ${keyFile} is damaged.`);
        await chmod(keyFile, 0o600);
        return existing;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const fresh = randomBytes(KEY_BYTES);
        await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
        // 'wx': never overwrite a key another process just wrote.
        await writeFile(keyFile, fresh, { mode: 0o600, flag: 'wx' });
        return fresh;
      }
    })());
  return {
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', await loadKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(data) {
      const decipher = createDecipheriv('aes-256-gcm', await loadKey(), data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The whole store in one encrypted file, written atomically (temp file + rename). */
export function createFileCredentialStore(file: string, cipher: SecretCipher): CredentialStore {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };
  const load = async (): Promise<Record<string, RegistryCredential>> => {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    return JSON.parse(await cipher.decrypt(data)) as Record<string, RegistryCredential>;
  };
  const save = async (all: Record<string, RegistryCredential>) => {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, await cipher.encrypt(JSON.stringify(all)), { mode: 0o600 });
    await rename(tmp, file);
  };
  return {
    get: (registry) => serial(async () => (await load())[registry]),
    set: (registry, credential) =>
      serial(async () => {
        const all = await load();
        all[registry] = credential;
        await save(all);
      }),
    delete: (registry) =>
      serial(async () => {
        const all = await load();
        if (!(registry in all)) return false;
        delete all[registry];
        await save(all);
        return true;
      }),
    list: () =>
      serial(async () =>
        Object.entries(await load())
          .map(([registry, c]) => ({ registry, username: c.username, savedAt: c.savedAt }))
          .sort((a, b) => a.registry.localeCompare(b.registry)),
      ),
  };
}

/** Logins kept in this process only (tests, or when no file store is wanted). */
export function createMemoryCredentialStore(): CredentialStore {
  const all = new Map<string, RegistryCredential>();
  return {
    get: async (registry) => all.get(registry),
    set: async (registry, credential) => void all.set(registry, credential),
    delete: async (registry) => all.delete(registry),
    list: async () =>
      [...all]
        .map(([registry, c]) => ({ registry, username: c.username, savedAt: c.savedAt }))
        .sort((a, b) => a.registry.localeCompare(b.registry)),
  };
}
