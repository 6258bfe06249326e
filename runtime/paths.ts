// Where Wharf keeps its things on this machine. Both shells use the same data
// folder so settings and the embedded engine are shared between them.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

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

/**
 * Where Wharf's helper busybox may be (<dir>/<arch>/busybox, see
 * scripts/helper-busybox.mjs): the packaged desktop app's resources, dist/
 * beside the running bundle (dist/runtime/cli.js), the checkout's dist/ (from
 * source). Whatever is found is checked against the pinned sha256 before use.
 */
export function helperDirCandidates(
  where: { resourcesPath?: string; script?: string; cwd: string } = {
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
    script: process.argv[1],
    cwd: process.cwd(),
  },
): string[] {
  const dirs = [
    ...(where.resourcesPath ? [join(where.resourcesPath, 'helper')] : []),
    ...(where.script ? [join(dirname(where.script), '..', 'helper')] : []),
    join(where.cwd, 'dist', 'helper'),
  ];
  return [...new Set(dirs)];
}
