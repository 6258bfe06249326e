// Test support: a real local registry (Debian's docker-registry) on
// 127.0.0.1:<free port> with htpasswd auth (or, asked for, none: what an
// engine pulls without a client's credentials, a "# syntax=" frontend say),
// in a temp folder, stopped by the caller. Docker allows plain HTTP to 127.0.0.0/8 registries by default;
// Podman is told tlsVerify=false for loopback registries by image-transfer.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from './free-port';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRegistry {
  /** "127.0.0.1:PORT" */
  host: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

export function hasRegistryTools(): boolean {
  try {
    execFileSync('docker-registry', ['--version'], { stdio: 'ignore' });
    execFileSync('htpasswd', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // htpasswd -h exits 2 after printing its usage: it is there.
    return (error as { status?: number }).status === 2 || (error as { status?: number }).status === 1;
  }
}

export async function startTestRegistry(
  username = 'wharf',
  password = `pw-${Math.random().toString(36).slice(2)}`,
  options: { auth?: boolean } = {},
): Promise<TestRegistry> {
  const auth = options.auth ?? true;
  const dir = mkdtempSync(join(tmpdir(), 'wharf-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  writeFileSync(join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', username, password]));
  writeFileSync(
    join(dir, 'config.yml'),
    [
      'version: 0.1',
      'log:',
      '  level: info',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${host}`,
      ...(auth ? ['auth:', '  htpasswd:', '    realm: wharf-test', `    path: ${join(dir, 'htpasswd')}`] : []),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      if (log.includes(`listening on ${host}`)) {
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`docker-registry exited (${code}): ${log.slice(-2000)}`)));
    child.once('error', reject);
  });
  return {
    host,
    username,
    password,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
