import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VmStatus } from '../domains/vm/types';
import { createVmController } from './controller';
import { createVmSettingsStore, defaultVmSettings } from './settings';
import { ShareRefused } from './shares';
import { createStatusBox } from './support';
import { VmCancelled, VmError, type VmDriver } from './types';

const entry = (name: string, dir: boolean): Dirent => ({ name, isDirectory: () => dir }) as Dirent;
const folder = (name: string): Dirent => entry(name, true);
const file = (name: string): Dirent => entry(name, false);

function fakeDriver(calls: string[]): VmDriver {
  const box = createStatusBox({
    driver: 'qemu',
    phase: 'stopped',
    logTail: [],
    resources: { cpus: 1, memoryMiB: 512, diskGiB: 4 },
  });
  return {
    name: 'qemu',
    create: async () => {},
    start: async () => {
      calls.push('start');
      box.set({ phase: 'booting', progress: 'Booting Linux…' });
      box.set({ phase: 'running', progress: undefined, endpoint: 'unix:///tmp/fake.sock' });
    },
    stop: async () => {
      calls.push('stop');
      box.set({ phase: 'stopped', endpoint: undefined });
    },
    remove: async () => {},
    status: () => box.get(),
    onStatus: (l) => box.on(l),
    logs: () => ['wharf-guest: engine socket ready'],
    resize: async (r) => {
      calls.push(`resize ${JSON.stringify(r)}`);
    },
    socket: () => 'unix:///tmp/fake.sock',
  };
}

describe('engine VM controller', () => {
  let dir: string;
  let calls: string[];
  let running: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-vmc-'));
    mkdirSync(join(dir, 'image'));
    for (const f of ['vmlinuz', 'initrd.img', 'root.qcow2']) writeFileSync(join(dir, 'image', f), '');
    writeFileSync(join(dir, 'image', 'version.json'), '{ "version": "0.1.0", "kernel": "6.1.0" }');
    calls = [];
    running = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const controller = (idleStopMinutes: number, imageDir = join(dir, 'image')) => {
    const settings = createVmSettingsStore(join(dir, 'vm-settings.json'), {
      ...defaultVmSettings('linux', ''),
      idleStopMinutes,
    });
    return createVmController({
      dataDir: dir,
      settings,
      imageDir,
      log: () => {},
      makeDriver: () => fakeDriver(calls),
      countRunning: async () => running,
      idleMinuteMs: 20,
    });
  };

  it('starts the driver, passes its progress on, and names the engine socket once running', async () => {
    const vm = controller(0);
    const seen: VmStatus['phase'][] = [];
    vm.onStatus((s) => seen.push(s.phase));
    const status = await vm.start();
    expect(status.phase).toBe('running');
    expect(status.progress).toBeUndefined();
    expect(seen).toContain('booting');
    expect(vm.endpoint()).toBe('unix:///tmp/fake.sock');
    expect(vm.logs(10)).toEqual(['wharf-guest: engine socket ready']);
  });

  it('without its image, says where it looked and how to build it, and starts nothing', async () => {
    const vm = controller(0, join(dir, 'missing'));
    const status = await vm.start();
    expect(status.phase).toBe('error');
    expect(status.error?.message).toContain(join(dir, 'missing'));
    expect(status.error?.hint).toContain('build-image.sh');
    expect(calls).toEqual([]);
  });

  it('stops after the idle time with no container running, and the next start wakes it', async () => {
    const vm = controller(2);
    await vm.start();
    await expect.poll(() => calls, { timeout: 2000 }).toContain('stop');
    expect(vm.sleeping()).toBe(true);
    expect(vm.status().phase).toBe('stopped');
    await vm.start();
    expect(vm.sleeping()).toBe(false);
    expect(calls).toEqual(['start', 'stop', 'start']);
  });

  it('keeps running while a container runs; a container stopping starts the idle clock', async () => {
    running = 1;
    const vm = controller(1);
    await vm.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toEqual(['start']);
    running = 0;
    vm.onEngineEvent({ Type: 'container', Action: 'die', Actor: { ID: 'x' }, time: 0 });
    await expect.poll(() => calls, { timeout: 2000 }).toContain('stop');
  });

  it('a disk can only grow; new CPUs and memory go to the driver', async () => {
    const vm = controller(0);
    await vm.start();
    expect(() => vm.updateSettings({ diskGiB: 10 })).toThrow(/only grow/);
    vm.updateSettings({ cpus: 4, memoryMiB: 4096 });
    expect(calls).toContain('resize {"cpus":4,"memoryMiB":4096,"diskGiB":60}');
  });
});

/** A driver whose boot waits for the engine until told, or until its start is cancelled. */
function slowDriver(calls: string[]) {
  const box = createStatusBox({
    driver: 'qemu',
    phase: 'stopped',
    logTail: [],
    resources: { cpus: 1, memoryMiB: 512, diskGiB: 4 },
  });
  let ready: (() => void) | undefined;
  const driver: VmDriver = {
    name: 'qemu',
    create: async () => {},
    start: (signal) =>
      new Promise<void>((resolve, reject) => {
        calls.push('start');
        box.set({ phase: 'booting', progress: 'Booting Linux…', cancelled: undefined });
        box.set({ phase: 'waiting-engine', progress: 'Waiting for the engine…' });
        ready = () => {
          box.set({ phase: 'running', progress: undefined });
          resolve();
        };
        signal?.addEventListener('abort', () => {
          calls.push('abort');
          box.set({ phase: 'stopped', progress: undefined, cancelled: true });
          reject(new VmCancelled(box.get()));
        });
      }),
    stop: async () => {
      calls.push('stop');
      box.set({ phase: 'stopped' });
    },
    remove: async () => {},
    status: () => box.get(),
    onStatus: (l) => box.on(l),
    logs: () => [],
    resize: async () => {},
    socket: () => 'unix:///tmp/fake.sock',
  };
  return { driver, ready: () => ready?.() };
}

describe('engine VM controller: cancelling a start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-vmc-'));
    mkdirSync(join(dir, 'image'));
    for (const f of ['vmlinuz', 'initrd.img', 'root.qcow2']) writeFileSync(join(dir, 'image', f), '');
    writeFileSync(join(dir, 'image', 'version.json'), '{ "version": "0.1.0", "kernel": "6.1.0" }');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const controllerWith = (driver: VmDriver) =>
    createVmController({
      dataDir: dir,
      settings: createVmSettingsStore(join(dir, 'vm-settings.json'), defaultVmSettings('linux', '')),
      imageDir: join(dir, 'image'),
      log: () => {},
      makeDriver: () => driver,
      countRunning: async () => 0,
    });

  it('cancel while waiting for the engine: the start resolves stopped and cancelled, not failed, with no endpoint', async () => {
    const calls: string[] = [];
    const { driver } = slowDriver(calls);
    const vm = controllerWith(driver);
    const starting = vm.start();
    await expect.poll(() => vm.status().phase).toBe('waiting-engine');
    const cancelled = await vm.cancel();
    expect(cancelled).toMatchObject({ phase: 'stopped', cancelled: true });
    expect(cancelled.error).toBeUndefined();
    const started = await starting;
    expect(started).toMatchObject({ phase: 'stopped', cancelled: true });
    expect(vm.endpoint()).toBeUndefined();
    expect(calls).toEqual(['start', 'abort']);
  });

  it('a later start works and clears the cancelled mark', async () => {
    const calls: string[] = [];
    const slow = slowDriver(calls);
    const vm = controllerWith(slow.driver);
    const first = vm.start();
    await expect.poll(() => vm.status().phase).toBe('waiting-engine');
    await vm.cancel();
    await first;
    const second = vm.start();
    await expect.poll(() => vm.status().phase).toBe('waiting-engine');
    expect(vm.status().cancelled).toBeUndefined();
    slow.ready();
    expect(await second).toMatchObject({ phase: 'running' });
    expect(vm.endpoint()).toBe('unix:///tmp/fake.sock');
    expect(calls).toEqual(['start', 'abort', 'start']);
  });

  it('cancel with no start in progress changes nothing', async () => {
    const calls: string[] = [];
    const slow = slowDriver(calls);
    const vm = controllerWith(slow.driver);
    expect(await vm.cancel()).toMatchObject({ phase: 'stopped' });
    const starting = vm.start();
    await expect.poll(() => vm.status().phase).toBe('waiting-engine');
    slow.ready();
    await starting;
    expect(await vm.cancel()).toMatchObject({ phase: 'running' });
    expect(calls).toEqual(['start']);
  });
});

describe('engine VM controller: WSL2 CPUs and memory in .wslconfig', () => {
  it('shows how .wslconfig stands for the WSL2 driver, writes it only when asked, and says WSL must restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-vmc-wsl-'));
    try {
      const file = join(dir, '.wslconfig');
      writeFileSync(file, '# shared by all my distros\n[wsl2]\nmemory=8GB\nswap=0\n');
      const settings = createVmSettingsStore(
        join(dir, 'vm-settings.json'),
        defaultVmSettings('win32', 'C:\\Users\\me'),
      );
      const vm = createVmController({
        dataDir: dir,
        settings,
        imageDir: join(dir, 'image'),
        log: () => {},
        wslConfigFile: file,
        platform: 'win32',
      });
      const seen: Array<boolean | undefined> = [];
      vm.onStatus((s) => seen.push(s.wslConfig?.restartNeeded));
      expect(vm.status().wslConfig).toMatchObject({
        path: file,
        current: { memory: '8GB' },
        wanted: { processors: 2, memory: '2GB' },
        matches: false,
        restartNeeded: false,
      });
      vm.updateSettings({ cpus: 6, memoryMiB: 12_288 });
      expect(vm.status().wslConfig).toMatchObject({
        wanted: { processors: 6, memory: '12GB' },
        added: ['memory=12GB', 'processors=6'],
      });
      expect(readFileSync(file, 'utf8')).toBe('# shared by all my distros\n[wsl2]\nmemory=8GB\nswap=0\n');
      const after = vm.applyWslConfig();
      expect(readFileSync(file, 'utf8')).toBe(
        '# shared by all my distros\n[wsl2]\nmemory=12GB\nswap=0\nprocessors=6\n',
      );
      expect(after.wslConfig).toMatchObject({ matches: true, restartNeeded: true });
      expect(seen.at(-1)).toBe(true);
      settings.update({ driver: 'qemu' });
      expect(vm.status().wslConfig).toBeUndefined();
      expect(() => vm.applyWslConfig()).toThrow(/Only the WSL2 driver/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('engine VM settings', () => {
  it('on macOS and Windows the VM is the engine and shares the home’s own folders; on Linux it is a choice', () => {
    const macHome = [folder('Desktop'), folder('Library'), folder('.ssh'), folder('code'), file('notes.txt')];
    const mac = defaultVmSettings('darwin', '/Users/me', '/Users/me/Library/Application Support/Wharf', () => macHome);
    expect(mac).toMatchObject({ enabled: true, autoStart: true, driver: 'qemu' });
    // Not the home folder itself, nor Library (Wharf's data: the VM's keys), nor hidden folders such as .ssh.
    expect(mac.shares).toEqual([{ hostPath: '/Users/me/code' }, { hostPath: '/Users/me/Desktop' }]);
    const winHome = [folder('AppData'), folder('Documents'), folder('source')];
    const win = defaultVmSettings('win32', 'C:\\Users\\me', 'C:\\Users\\me\\AppData\\Roaming\\Wharf', () => winHome);
    expect(win).toMatchObject({ enabled: true, driver: 'wsl' });
    expect(win.shares).toEqual([{ hostPath: 'C:\\Users\\me\\Documents' }, { hostPath: 'C:\\Users\\me\\source' }]);
    expect(defaultVmSettings('linux', '/home/me')).toMatchObject({ enabled: false, autoStart: false, shares: [] });
  });

  it('refuses to share Wharf’s data folder, a folder in it or one that holds it, and changes nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'wharf-vms-home-'));
    try {
      const data = join(home, '.config', 'Wharf');
      mkdirSync(join(home, 'code'), { recursive: true });
      mkdirSync(data, { recursive: true });
      const store = createVmSettingsStore(join(data, 'vm-settings.json'), defaultVmSettings('linux', ''), 'linux');
      for (const hostPath of [home, join(home, '.config'), data, join(data, 'vm', 'qemu'), `${home}/./code/..`]) {
        expect(() => store.update({ shares: [{ hostPath: join(home, 'code') }, { hostPath }] })).toThrow(
          /cannot be shared.*Wharf's own data folder/,
        );
      }
      // A link to the home folder is the home folder.
      symlinkSync(home, join(home, 'code', 'home-link'));
      expect(() => store.update({ shares: [{ hostPath: join(home, 'code', 'home-link') }] })).toThrow(ShareRefused);
      expect(store.get().shares).toEqual([]);
      expect(store.update({ shares: [{ hostPath: join(home, 'code') }] }).shares).toEqual([
        { hostPath: join(home, 'code') },
      ]);
      // A file from before that shares the whole home folder: that share is left out, and the default applies.
      writeFileSync(join(data, 'vm-settings.json'), JSON.stringify({ shares: [{ hostPath: home }] }));
      const defaults = { ...defaultVmSettings('linux', ''), shares: [{ hostPath: join(home, 'code') }] };
      expect(createVmSettingsStore(join(data, 'vm-settings.json'), defaults, 'linux').get().shares).toEqual([
        { hostPath: join(home, 'code') },
      ]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('the controller says why a share was refused, with a key the UI translates', () => {
    const home = mkdtempSync(join(tmpdir(), 'wharf-vms-ctl-'));
    try {
      const vm = createVmController({
        dataDir: home,
        settings: createVmSettingsStore(join(home, 'vm-settings.json'), defaultVmSettings('linux', ''), 'linux'),
        imageDir: join(home, 'no-image'),
        log: () => {},
        platform: 'linux',
      });
      let error: unknown;
      try {
        vm.updateSettings({ shares: [{ hostPath: dirname(home) }] });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(VmError);
      expect((error as VmError).status.error).toMatchObject({
        key: 'vm.shareHoldsData',
        message: expect.stringContaining(home) as unknown,
      });
      expect(vm.settings().shares).toEqual([]);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses bad values and keeps the file as it was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-vms-'));
    try {
      const store = createVmSettingsStore(join(dir, 'vm.json'), defaultVmSettings('linux', ''));
      expect(() => store.update({ cpus: 0 })).toThrow();
      expect(() => store.update({ shares: [{ hostPath: 'relative/path' }] })).toThrow(/full path/);
      expect(store.get().cpus).toBe(2);
      store.update({ cpus: 3, idleStopMinutes: 15 });
      expect(createVmSettingsStore(join(dir, 'vm.json')).get()).toMatchObject({ cpus: 3, idleStopMinutes: 15 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
