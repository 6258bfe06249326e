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

function hasProgram(program: string): boolean {
  for (const dir of ['/usr/bin', '/usr/sbin', '/bin', '/sbin', '/usr/local/bin']) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

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
  else if (ids.some((id) => id === 'fedora' || id === 'rhel' || id === 'centos')) suggestedPackages = ['podman', 'moby-engine'];
  else suggestedPackages = ['podman', 'docker'];
  const canInstall = debianLike && has('apt-get') && (isRoot || has('pkexec'));
  return { platform: 'linux', suggestedPackages, canInstall };
}

/** The command line the install runs, as shown to the user. */
export function installCommand(pkg: EnginePackage, isRoot: boolean): string[] {
  if (!allowed.includes(pkg)) throw new Error(`"${String(pkg)}" is not an engine package Wharf installs.`);
  // A fresh machine may have no package lists yet: update first, in the same
  // elevated shell so the user is asked only once. pkg is one of `allowed`.
  const script = `apt-get update && apt-get install -y ${pkg}`;
  return isRoot ? ['sh', '-c', script] : ['pkexec', 'sh', '-c', script];
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
  options: { isRoot?: boolean; run?: (argv: string[]) => Promise<{ code: number | null; output: string }> } = {},
): Promise<InstallResult> {
  const support = installSupport();
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const argv = installCommand(pkg, isRoot);
  const command = argv.map((a) => (/^[\w./-]+$/.test(a) ? a : `'${a}'`)).join(' ');
  if (options.run === undefined && !support.canInstall) {
    return {
      ok: false,
      command,
      output: 'Wharf can only install engines on Debian or Ubuntu with apt-get (and pkexec when not root). Install it with your package manager.',
      key: 'install.unsupported',
    };
  }
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
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
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
