// Installing an engine with the OS package manager, asking for elevation.
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type EnginePackage = 'docker.io' | 'podman';
const allowed: readonly EnginePackage[] = ['docker.io', 'podman'];

export interface InstallSupport {
  platform: 'linux' | 'darwin' | 'win32' | 'other';
  suggestedPackages: string[];
  canInstall: boolean;
}

export interface InstallEnvironment {
  platform?: NodeJS.Platform;
  isRoot?: boolean;
  osRelease?: string;
  has?: (program: string) => boolean;
}

/**
 * The only folders programs run with elevation are taken from: root-owned
 * system folders, never PATH (a folder the user can write to, listed first in
 * PATH, could hold a program named pkexec or apt-get).
 */
export const SYSTEM_DIRS: readonly string[] = ['/usr/bin', '/usr/sbin', '/bin', '/sbin'];
/** The PATH the elevated shell (and apt-get's own helpers, such as dpkg) run with. */
const SYSTEM_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';

export type Locate = (program: string) => string | undefined;

/** The absolute path of a program in the system folders, or undefined. */
export function locateProgram(program: string, dirs: readonly string[] = SYSTEM_DIRS): string | undefined {
  if (!/^[\w.-]+$/.test(program)) return undefined;
  for (const dir of dirs) {
    const path = join(dir, program);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

const hasProgram = (program: string): boolean => locateProgram(program) !== undefined;

function readOsRelease(): string {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

function osIds(osRelease: string): string[] {
  const field = (name: string): string =>
    new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1]?.toLowerCase() ?? '';
  return [field('ID'), ...field('ID_LIKE').split(/\s+/)].filter(Boolean);
}

/** What the "no engine" screen can offer on this machine. */
export function installSupport(input: InstallEnvironment = {}): InstallSupport {
  const platform = input.platform ?? process.platform;
  const has = input.has ?? hasProgram;
  const isRoot = input.isRoot ?? process.getuid?.() === 0;
  if (platform === 'darwin' || platform === 'win32') {
    return { platform, suggestedPackages: [], canInstall: false };
  }
  if (platform !== 'linux') return { platform: 'other', suggestedPackages: [], canInstall: false };
  const ids = osIds(input.osRelease ?? readOsRelease());
  const debianLike = ids.some((id) => id === 'debian' || id === 'ubuntu');
  let suggestedPackages: string[];
  if (debianLike) suggestedPackages = ['docker.io', 'podman'];
  else if (ids.some((id) => id === 'fedora' || id === 'rhel' || id === 'centos'))
    suggestedPackages = ['podman', 'moby-engine'];
  else suggestedPackages = ['podman', 'docker'];
  const canInstall = debianLike && has('apt-get') && (isRoot || has('pkexec'));
  return { platform: 'linux', suggestedPackages, canInstall };
}

/**
 * The command line the install runs, as shown to the user. Every program in
 * it is an absolute path found in SYSTEM_DIRS.
 */
export function installCommand(pkg: EnginePackage, isRoot: boolean, locate: Locate = locateProgram): string[] {
  if (!allowed.includes(pkg)) throw new Error(`"${String(pkg)}" is not an engine package Wharf installs.`);
  const find = (program: string): string => {
    const path = locate(program);
    if (path === undefined || !path.startsWith('/')) {
      throw new Error(`${program} was not found in ${SYSTEM_DIRS.join(', ')}.`);
    }
    return path;
  };
  const aptGet = find('apt-get');
  // A fresh machine may have no package lists yet: update first, in the same
  // elevated shell so the user is asked only once. pkg is one of `allowed`.
  const script = `${aptGet} update && ${aptGet} install -y ${pkg}`;
  const shell = [find('sh'), '-c', script];
  return isRoot ? shell : [find('pkexec'), ...shell];
}

export interface InstallResult {
  ok: boolean;
  command: string;
  output: string;
  /** Set when the output is Wharf's own message rather than the package manager's. */
  key?: string;
}

const MAX_OUTPUT = 64 * 1024;

export async function installEngine(
  pkg: EnginePackage,
  options: {
    isRoot?: boolean;
    locate?: Locate;
    run?: (argv: string[]) => Promise<{ code: number | null; output: string }>;
  } = {},
): Promise<InstallResult> {
  const support = installSupport();
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const unsupported = (command: string): InstallResult => ({
    ok: false,
    command,
    output:
      'Wharf can only install engines on Debian or Ubuntu with apt-get (and pkexec when not root). Install it with your package manager.',
    key: 'install.unsupported',
  });
  let argv: string[];
  try {
    argv = installCommand(pkg, isRoot, options.locate);
  } catch (e) {
    if (!allowed.includes(pkg)) throw e;
    return unsupported(`${isRoot ? '' : 'pkexec '}sh -c 'apt-get update && apt-get install -y ${pkg}'`);
  }
  const command = argv.map((a) => (/^[\w./-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  if (options.run === undefined && !support.canInstall) return unsupported(command);
  const run = options.run ?? runCapture;
  try {
    const { code, output } = await run(argv);
    return { ok: code === 0, command, output: output.slice(-MAX_OUTPUT) };
  } catch (e) {
    return { ok: false, command, output: (e as Error).message };
  }
}

function runCapture(argv: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = argv;
    if (program === undefined) return reject(new Error('empty command'));
    const child = spawn(program, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: SYSTEM_PATH, DEBIAN_FRONTEND: 'noninteractive' },
    });
    let output = '';
    const take = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}
