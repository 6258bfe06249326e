// Registry passwords in the desktop app are encrypted with Electron's
// safeStorage, whose key lives in the OS keychain (Keychain on macOS, DPAPI on
// Windows, the Secret Service or KWallet on Linux). Where no keychain is
// reachable, safeStorage on Linux falls back to a fixed, public key
// ("basic_text"): that is as good as plain text, so Wharf refuses to save then.
import { ApiError } from '../runtime/api/errors';
import type { SecretCipher } from '../runtime/domains/registry/credentials';

/** The part of Electron's safeStorage this uses (so tests need no Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

const noKeychain = () =>
  new ApiError({
    code: 'unavailable',
    message: 'No system keychain is available to keep the password safe, so Wharf did not save it.',
    hint: 'Unlock or install a keyring (GNOME Keyring, KWallet), then log in again.',
    key: 'registry.noKeychain',
  });

export function createSafeStorageCipher(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretCipher {
  const usable = () =>
    safeStorage.isEncryptionAvailable() &&
    !(
      platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend?.() ?? 'unknown')
    );
  return {
    async encrypt(plain) {
      if (!usable()) throw noKeychain();
      return safeStorage.encryptString(plain);
    },
    async decrypt(data) {
      if (!safeStorage.isEncryptionAvailable()) throw noKeychain();
      return safeStorage.decryptString(data);
    },
  };
}
