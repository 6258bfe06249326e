// The engine manager with Wharf's engine VM as its engine: progress as the
// engine state, connection once the VM's engine answers, the idle stop shown
// as a stopped VM, and the wake on first use. The "VM" here is a driver whose
// socket forwards to the test Docker engine (the QEMU driver itself is tested
// in runtime/vm/qemu.vm.test.ts): stopping it closes the socket and every
// connection through it, as a VM that powers off does.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineState } from '../domains/engine/types';
import { createSettingsStore } from '../settings';
import { createVmController } from '../vm/controller';
import { createVmSettingsStore, defaultVmSettings } from '../vm/settings';
import { createStatusBox } from '../vm/support';
import type { VmDriver } from '../vm/types';
import { createEngineManager, type EngineManager } from './manager';
import { waitForState } from './test-support';

const dockerEndpoint = process.env.WHARF_TEST_DOCKER;

function forwardingDriver(dir: string, engineSocket: string): VmDriver {
  const socket = join(dir, 'vm.sock');
  const box = createStatusBox({
    driver: 'qemu',
    phase: 'stopped',
    logTail: [],
    resources: { cpus: 1, memoryMiB: 512, diskGiB: 4 },
  });
  let server: Server | undefined;
  const open = new Set<Socket>();
  return {
    name: 'qemu',
    create: async () => {},
    async start() {
      box.set({ phase: 'booting', progress: 'Booting Linux…' });
      box.set({ phase: 'waiting-engine', progress: 'Waiting for the engine…' });
      server = createServer((c) => {
        const u = connect(engineSocket);
        open.add(c).add(u);
        c.pipe(u).pipe(c);
        const end = () => {
          c.destroy();
          u.destroy();
        };
        c.on('error', end).on('close', end);
        u.on('error', end).on('close', end);
      });
      await new Promise<void>((resolve) => server!.listen(socket, resolve));
      box.set({ phase: 'running', progress: undefined, endpoint: `unix://${socket}` });
    },
    async stop() {
      box.set({ phase: 'stopping' });
      for (const s of open) s.destroy();
      open.clear();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = undefined;
      box.set({ phase: 'stopped', endpoint: undefined });
    },
    remove: async () => {},
    status: () => box.get(),
    onStatus: (l) => box.on(l),
    logs: () => [],
    resize: async () => {},
    socket: () => `unix://${socket}`,
  };
}

describe.skipIf(!dockerEndpoint)('engine manager with the engine VM', () => {
  let dir: string;
  let manager: EngineManager | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wharf-mgr-vm-'));
    mkdirSync(join(dir, 'image'));
    for (const f of ['vmlinuz', 'initrd.img', 'root.qcow2']) writeFileSync(join(dir, 'image', f), '');
    writeFileSync(join(dir, 'image', 'version.json'), '{ "version": "test", "kernel": "6.1" }');
  });
  afterEach(async () => {
    await manager?.dispose();
    manager = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the VM with Wharf, shows its progress, connects; stops when idle and wakes on first use', async () => {
    const vmSettings = createVmSettingsStore(join(dir, 'vm-settings.json'), {
      ...defaultVmSettings('linux', ''),
      enabled: true,
      autoStart: true,
    });
    const vm = createVmController({
      dataDir: dir,
      settings: vmSettings,
      imageDir: join(dir, 'image'),
      log: () => {},
      makeDriver: () => forwardingDriver(dir, new URL(dockerEndpoint!).pathname),
      idleMinuteMs: 200,
    });
    manager = createEngineManager({
      settings: createSettingsStore(join(dir, 'settings.json')),
      dataDir: dir,
      log: () => {},
      discovery: { env: {}, home: dir, platform: 'linux', exists: () => false },
      vm,
    });
    const seen: EngineState[] = [];
    manager.onState((s) => seen.push(s));
    await manager.start();
    const connected = await waitForState(manager, (s) => s.phase === 'connected');
    expect(connected.phase === 'connected' && connected.engine.endpoint).toBe(`unix://${join(dir, 'vm.sock')}`);
    expect(connected.phase === 'connected' && connected.engine.embedded).toBe(true);
    const vmPhases = seen.flatMap((s) => (s.phase === 'vm' ? [s.vm.phase] : []));
    expect(vmPhases).toEqual(expect.arrayContaining(['booting', 'waiting-engine']));

    // No container runs in the test engine: with a one-"minute" idle stop, the VM stops and says so.
    const m = manager;
    vm.updateSettings({ idleStopMinutes: 1 });
    const asleep = await waitForState(m, (s) => s.phase === 'vm' && s.vm.phase === 'stopped');
    expect(asleep.phase === 'vm' && asleep.vm.progress).toMatch(/starts again when used/);
    expect(vm.sleeping()).toBe(true);

    // First use wakes it: the request says so, and the engine is back.
    vm.updateSettings({ idleStopMinutes: 0 });
    let refused: unknown;
    try {
      m.docker();
    } catch (e) {
      refused = e;
    }
    expect((refused as { key?: string }).key).toBe('engine.vmWaking');
    await waitForState(m, (s) => s.phase === 'connected');
    await expect(m.docker().ping()).resolves.toBeTruthy();

    // Stop from Settings: the engine state shows the stopped VM, not a reconnect loop.
    await m.stopVm();
    const stopped = m.state();
    expect(stopped.phase === 'vm' && stopped.vm.phase).toBe('stopped');
    expect(vm.sleeping()).toBe(false);
  }, 60_000);
});
