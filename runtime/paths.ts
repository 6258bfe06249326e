// Where Wharf keeps its things on this machine. Both shells use the same data
// folder so settings and the embedded engine are shared between them.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** $WHARF_DATA_DIR, else the OS's folder for application data. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.WHARF_DATA_DIR) return env.WHARF_DATA_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Wharf');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Wharf');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'wharf');
}

/**
 * The built renderer, found from the folder the running code is in: beside it
 * when bundled (dist/runtime, dist/electron), under dist/ when run from source.
 */
export function findRendererDir(codeDir: string): string {
  const candidates = [join(codeDir, '..', 'renderer'), join(codeDir, '..', 'dist', 'renderer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}
