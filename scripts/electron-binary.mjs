// Where the Electron binary is, or why it is not there. Since Electron 42 the
// electron package downloads its binary the first time it is required (no
// more postinstall), so this never requires it: it reads the package's
// path.txt and looks for the file, and nothing is downloaded behind a test's
// back. `npm start` asks for the download explicitly (downloadElectronBinary).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function electronPackageDir() {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
}

/** @returns {{ found: true, path: string } | { found: false, reason: string }} */
export function findElectronBinary(packageDir = electronPackageDir()) {
  const pathFile = join(packageDir, 'path.txt');
  let executable;
  try {
    executable = readFileSync(pathFile, 'utf8').trim();
  } catch {
    return {
      found: false,
      reason: `the Electron binary is not downloaded (no ${pathFile}; npx install-electron --no fetches it)`,
    };
  }
  if (executable === '') return { found: false, reason: `${pathFile} names no binary` };
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const path = override ? join(override, executable) : join(packageDir, 'dist', executable);
  if (!existsSync(path)) return { found: false, reason: `${path} does not exist` };
  return { found: true, path };
}

/** Runs the electron package's own installer (it downloads the binary); true when it succeeded. */
export function downloadElectronBinary(packageDir = electronPackageDir()) {
  const result = spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'inherit' });
  return result.status === 0;
}
