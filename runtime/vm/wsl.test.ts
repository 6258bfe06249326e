import { EventEmitter } from 'node:events';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunResult } from './support';
import { VmCancelled } from './types';
import { createWslDriver, decodeWslOutput, parseWslList, wslCommands } from './wsl';

const utf16 = (s: string) => Buffer.from(`\uFEFF${s}`, 'utf16le').toString('latin1');

describe('wsl.exe output', () => {
  it('reads UTF-16 and plain output alike', () => {
    const text =
      '  NAME      STATE           VERSION\r\n* Ubuntu    Running         2\r\n  Wharf     Stopped         2\r\n';
    expect(decodeWslOutput(Buffer.from(utf16(text), 'latin1'))).toBe(text);
    expect(decodeWslOutput(Buffer.from(text))).toBe(text);
  });

  it('lists distros with their state and version', () => {
    expect(
      parseWslList(
        '  NAME      STATE           VERSION\n* Ubuntu    Running         2\n  Wharf     Stopped         2\n  Old  Stopped 1\n',
      ),
    ).toEqual([
      { name: 'Ubuntu', state: 'Running', version: 2, isDefault: true },
      { name: 'Wharf', state: 'Stopped', version: 2, isDefault: false },
      { name: 'Old', state: 'Stopped', version: 1, isDefault: false },
    ]);
  });

  it('command lines: import as WSL 2, the engine as root, dial-stdio for each pipe connection', () => {
    expect(wslCommands.import('Wharf', 'C:\\Wharf\\distro', 'C:\\img\\rootfs.tar.gz')).toEqual([
      '--import',
      'Wharf',
      'C:\\Wharf\\distro',
      'C:\\img\\rootfs.tar.gz',
      '--version',
      '2',
    ]);
    expect(wslCommands.engine('Wharf')).toEqual([
      '-d',
      'Wharf',
      '-u',
      'root',
      '-e',
      'dockerd',
      '--host',
      'unix:///run/docker.sock',
      '--log-level',
      'warn',
    ]);
    expect(wslCommands.dialStdio('Wharf')).toEqual([
      '-d',
      'Wharf',
      '-u',
      'root',
      '-e',
      'docker',
      '-H',
      'unix:///run/docker.sock',
      'system',
      'dial-stdio',
    ]);
    expect(wslCommands.unregister('Wharf')).toEqual(['--unregister', 'Wharf']);
  });
});

class FakeChild extends EventEmitter {
  stdout = null;
  stderr = null;
  stdin = null;
  killed = false;
  kill() {
    this.killed = true;
    this.emit('exit', 0, null);
    return true;
  }
}

describe('WSL driver (with wsl.exe faked)', () => {
  let dir: string;
  let calls: string[][];
  let distros: string;
  let pingsUntilReady: number;
  let importFails: boolean;
  let children: FakeChild[];
  const ok = (stdout = ''): RunResult => ({ code: 0, stdout, stderr: '' });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-wsl-'));
    writeFileSync(join(dir, 'rootfs.tar.gz'), 'tar');
    calls = [];
    distros = '  NAME   STATE   VERSION\n* Ubuntu Running 2\n';
    pingsUntilReady = 2;
    importFails = false;
    children = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const driver = () =>
    createWslDriver({
      dir: join(dir, 'vm'),
      image: { dir, arch: 'x64', kernel: '', initrd: '', root: '', version: '0.1.0', kernelVersion: '6.1' },
      resources: { cpus: 2, memoryMiB: 2048, diskGiB: 60 },
      serve: null,
      runner: (_p, args) => {
        calls.push([...args]);
        if (args[0] === '--list') return Promise.resolve(ok(utf16(distros)));
        if (args[0] === '--import') {
          if (importFails)
            return Promise.resolve({ code: 1, stdout: '', stderr: utf16('The operation could not be completed.\r\n') });
          distros += '  Wharf Stopped 2\n';
        }
        if (args.includes('version')) return Promise.resolve(ok(--pingsUntilReady <= 0 ? '20.10.24\n' : ''));
        return Promise.resolve(ok());
      },
      spawner: (_p, args) => {
        calls.push(['spawn', ...args]);
        const child = new FakeChild();
        children.push(child);
        return child as unknown as ChildProcess;
      },
    });

  it('imports the distro once, starts the engine inside, waits until it answers, and names the pipe', async () => {
    const d = driver();
    const phases: string[] = [];
    d.onStatus((s) => phases.push(s.phase));
    await d.start();
    expect(calls.filter((c) => c[0] === '--import')).toHaveLength(1);
    expect(calls).toContainEqual(['spawn', ...wslCommands.engine('Wharf')]);
    expect(d.status().phase).toBe('running');
    expect(d.status().endpoint).toBe('npipe:////./pipe/wharf-engine');
    expect(phases).toEqual(expect.arrayContaining(['preparing', 'booting', 'waiting-engine', 'running']));

    await d.stop();
    expect(d.status().phase).toBe('stopped');
    expect(calls).toContainEqual(wslCommands.terminate('Wharf'));
    pingsUntilReady = 1;
    await d.start();
    expect(calls.filter((c) => c[0] === '--import')).toHaveLength(1);
    await d.stop();
  });

  it('a failed import says what failed, in plain words, with the command', async () => {
    importFails = true;
    const d = driver();
    await expect(d.start()).rejects.toThrow(/Importing the WSL distro failed: The operation could not be completed/);
    expect(d.status().phase).toBe('error');
    expect(d.status().lastCommand).toContain('wsl.exe --import Wharf');
  });

  it('a start cancelled while waiting for the engine stops the engine and the distro, is not a failure, and a later start works', async () => {
    pingsUntilReady = Number.POSITIVE_INFINITY;
    const d = driver();
    const abort = new AbortController();
    const starting = d.start(abort.signal);
    await expect.poll(() => d.status().phase).toBe('waiting-engine');
    abort.abort();
    await expect(starting).rejects.toBeInstanceOf(VmCancelled);
    const status = d.status();
    expect(status).toMatchObject({ phase: 'stopped', cancelled: true, lastCommand: 'wsl.exe --terminate Wharf' });
    expect(status.error).toBeUndefined();
    expect(status.endpoint).toBeUndefined();
    expect(children[0]?.killed).toBe(true);
    expect(calls).toContainEqual(wslCommands.stopEngine('Wharf'));
    expect(calls.at(-1)).toEqual(wslCommands.terminate('Wharf'));

    pingsUntilReady = 1;
    await d.start();
    expect(d.status()).toMatchObject({ phase: 'running', endpoint: 'npipe:////./pipe/wharf-engine' });
    expect(d.status().cancelled).toBeUndefined();
    await d.stop();
  });

  it('remove unregisters the distro', async () => {
    const d = driver();
    await d.remove();
    expect(calls).toContainEqual(['--unregister', 'Wharf']);
    expect(d.status().phase).toBe('absent');
  });
});
