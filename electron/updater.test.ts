// The updater's wiring around electron-updater (replaced here by a stand-in
// that records calls): when it loads and checks, what it saves, and what it
// reports. The decisions themselves are update-policy.test.ts's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const listeners = new Map<string, (arg: unknown) => void>();
  return {
    loaded: 0,
    checks: 0,
    installs: [] as unknown[][],
    next: { isUpdateAvailable: false, updateInfo: { version: '1.0.0' } },
    fail: undefined as Error | undefined,
    listeners,
    updater: {},
  };
});

vi.mock('electron-updater', () => {
  fake.loaded += 1;
  Object.assign(fake.updater, {
    on: (event: string, listener: (arg: unknown) => void) => fake.listeners.set(event, listener),
    quitAndInstall: (...args: unknown[]) => fake.installs.push(args),
    checkForUpdates: async () => {
      fake.checks += 1;
      if (fake.fail) throw fake.fail;
      return fake.next;
    },
  });
  return { autoUpdater: fake.updater };
});

const { createUpdater } = await import('./updater');

let dir: string;
let file: string;
const make = (version = '1.0.0') => createUpdater({ version, packaged: true, file, log: () => {} });
const settle = () => vi.waitFor(() => expect(updaterIdle()).toBe(true));
let current: ReturnType<typeof make> | undefined;
const updaterIdle = () => current?.status().checking === false;
const saved = () => JSON.parse(readFileSync(file, 'utf8')) as unknown;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-updater-'));
  file = join(dir, 'updates.json');
  fake.checks = 0;
  fake.installs = [];
  fake.fail = undefined;
  fake.next = { isUpdateAvailable: false, updateInfo: { version: '1.0.0' } };
});
afterEach(() => {
  current?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('createUpdater', () => {
  it('does nothing while the switch is off: no check, nothing saved', async () => {
    current = make();
    current.allowedChanged(false);
    await expect(current.check()).resolves.toMatchObject({ supported: true, checking: false });
    expect(fake.checks).toBe(0);
    expect(() => saved()).toThrow();
  });

  it('checks at start when allowed, saves the outcome and reports it', async () => {
    current = make();
    current.allowedChanged(true);
    await vi.waitFor(() => expect(fake.checks).toBe(1));
    await settle();
    await vi.waitFor(() => expect(saved()).toMatchObject({ result: 'current' }));
    expect(current.status()).toMatchObject({ supported: true, channel: 'latest', last: { result: 'current' } });
    expect(fake.updater).toMatchObject({
      channel: 'latest',
      allowPrerelease: false,
      allowDowngrade: false,
      autoDownload: true,
      autoInstallOnAppQuit: true,
    });
  });

  it('does not check again at the next start within the interval, but does when the user asks', async () => {
    writeFileSync(file, JSON.stringify({ result: 'current', at: Date.now() - 60_000 }));
    current = make();
    current.allowedChanged(true);
    await settle();
    expect(fake.checks).toBe(0);
    fake.next = { isUpdateAvailable: true, updateInfo: { version: '1.1.0' } };
    await expect(current.check()).resolves.toMatchObject({ last: { result: 'available', version: '1.1.0' } });
    expect(fake.checks).toBe(1);
  });

  it('checks at once when the user turns the switch on', async () => {
    writeFileSync(file, JSON.stringify({ result: 'current', at: Date.now() - 60_000 }));
    current = make();
    current.allowedChanged(false);
    current.allowedChanged(true);
    await vi.waitFor(() => expect(fake.checks).toBe(1));
  });

  it('records a failed check with a short message, and a finished download', async () => {
    fake.fail = new Error('net::ERR_NAME_NOT_RESOLVED\n  at somewhere');
    current = make();
    current.allowedChanged(true);
    await vi.waitFor(() => expect(fake.checks).toBe(1));
    await settle();
    expect(current.status().last).toMatchObject({ result: 'error', message: 'net::ERR_NAME_NOT_RESOLVED' });
    fake.listeners.get('update-downloaded')?.({ version: '1.2.0' });
    expect(current.status().last).toMatchObject({ result: 'downloaded', version: '1.2.0' });
    await vi.waitFor(() => expect(saved()).toMatchObject({ result: 'downloaded', version: '1.2.0' }));
  });

  it('keeps the file whole and the latest outcome when outcomes follow each other closely', async () => {
    current = make();
    current.allowedChanged(true);
    await vi.waitFor(() => expect(fake.checks).toBe(1));
    await settle();
    const emit = fake.listeners.get('update-downloaded');
    expect(emit).toBeDefined();
    for (let i = 0; i < 30; i++) emit!({ version: `1.${i}.${'9'.repeat(i % 7)}` });
    emit!({ version: '2.0.0' });
    await vi.waitFor(() => expect(saved()).toMatchObject({ result: 'downloaded', version: '2.0.0' }));
  });

  it('installs only a version downloaded in this run, quitting and opening again', async () => {
    // An earlier run's record says downloaded: nothing of it is ready in this process.
    writeFileSync(file, JSON.stringify({ result: 'downloaded', at: Date.now() - 60_000, version: '1.1.0' }));
    current = make();
    current.allowedChanged(true);
    await settle();
    await expect(current.install()).resolves.toBe(false);
    await current.check();
    fake.listeners.get('update-downloaded')?.({ version: '1.2.0' });
    await expect(current.install()).resolves.toBe(true);
    // Not silent (the installer shows), and Wharf runs again after it.
    expect(fake.installs).toEqual([[false, true]]);
  });

  it('follows the channel of its own version', () => {
    current = make('2.0.0-beta.4');
    expect(current.status().channel).toBe('beta');
  });
});
