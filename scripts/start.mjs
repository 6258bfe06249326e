// `npm start`: the desktop app when Electron's binary is installed (the first
// run downloads it), otherwise browser mode (the same `wharf serve`) in the
// foreground. Extra arguments are passed through to whichever runs.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadElectronBinary, findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let electron = findElectronBinary();
if (!electron.found && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
  process.stderr.write('Downloading Electron (first start)...\n');
  if (downloadElectronBinary()) electron = findElectronBinary();
}

let child;
if (electron.found) {
  child = spawn(electron.path, ['.', ...args], { cwd: root, stdio: 'inherit' });
} else {
  process.stderr.write(
    'Electron is not installed here (its binary could not be downloaded); serving Wharf in your browser instead.\n',
  );
  child = spawn(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'serve', ...args], {
    cwd: root,
    stdio: 'inherit',
  });
}

// Ctrl+C reaches the child too (same process group): wait for it to stop cleanly. Other signals are passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('error', (error) => {
  process.stderr.write(`wharf: could not start: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
