// Where the Electron binary is, or why it is not there. The electron package
// installs without its binary when the download is impossible (or skipped
// with ELECTRON_SKIP_BINARY_DOWNLOAD): then require('electron') throws, or
// names a file that does not exist.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** @returns {{ found: true, path: string } | { found: false, reason: string }} */
export function findElectronBinary() {
  const require = createRequire(import.meta.url);
  let path;
  try {
    path = require('electron');
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { found: false, reason: `the electron package has no binary (${message})` };
  }
  if (typeof path !== 'string') return { found: false, reason: 'the electron package did not name a binary' };
  if (!existsSync(path)) return { found: false, reason: `${path} does not exist` };
  return { found: true, path };
}
