import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore, defaultSettings } from './settings';
import { SettingsPatch } from './domains/settings/contract';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-settings-'));
  file = join(dir, 'nested', 'settings.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts from defaults when there is no file', () => {
    expect(createSettingsStore(file).get()).toEqual(defaultSettings);
  });

  it('writes the file, and a new store reads back what was written', async () => {
    const store = createSettingsStore(file);
    await store.update({ engine: 'unix:///tmp/x.sock', tls: { verify: false } });
    await store.update({ keepEmbeddedEngine: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      engine: 'unix:///tmp/x.sock',
      tls: { verify: false },
      keepEmbeddedEngine: true,
    });
    expect(createSettingsStore(file).get()).toEqual({
      engine: 'unix:///tmp/x.sock',
      tls: { verify: false },
      keepEmbeddedEngine: true,
    });
    // Atomic write leaves no temp files behind.
    expect(readdirSync(join(dir, 'nested'))).toEqual(['settings.json']);
  });

  it('a corrupt file gives defaults and is kept as settings.json.bad', () => {
    createSettingsStore(file);
    writeFileSync(join(dir, 'settings.json'), '{"engine": 42');
    const store = createSettingsStore(join(dir, 'settings.json'));
    expect(store.get()).toEqual(defaultSettings);
    expect(readFileSync(join(dir, 'settings.json.bad'), 'utf8')).toBe('{"engine": 42');
    expect(existsSync(join(dir, 'settings.json'))).toBe(false);
  });

  it('a file of the wrong shape counts as corrupt', () => {
    const f = join(dir, 'settings.json');
    writeFileSync(f, JSON.stringify({ engine: 42 }));
    expect(createSettingsStore(f).get()).toEqual(defaultSettings);
    expect(existsSync(`${f}.bad`)).toBe(true);
  });

  it('fills fields an older file lacks', () => {
    const f = join(dir, 'settings.json');
    writeFileSync(f, JSON.stringify({ engine: 'unix:///a.sock' }));
    expect(createSettingsStore(f).get()).toEqual({ ...defaultSettings, engine: 'unix:///a.sock' });
  });

  it('tells listeners about real changes only, with the previous value', async () => {
    const store = createSettingsStore(file);
    const seen: [string | null, string | null][] = [];
    store.onChange((next, prev) => seen.push([prev.engine, next.engine]));
    await store.update({ engine: 'unix:///a.sock' });
    await store.update({ engine: 'unix:///a.sock' });
    await store.update({ engine: null });
    expect(seen).toEqual([
      [null, 'unix:///a.sock'],
      ['unix:///a.sock', null],
    ]);
  });

  it('keeps the unencrypted endpoints the user accepted, and writes none when there are none', async () => {
    const store = createSettingsStore(file);
    await store.update({ insecureAccepted: ['tcp://192.0.2.10:2375', 'tcp://192.0.2.10:2375'] });
    expect(store.get().insecureAccepted).toEqual(['tcp://192.0.2.10:2375']);
    expect(createSettingsStore(file).get()).toMatchObject({ insecureAccepted: ['tcp://192.0.2.10:2375'] });
    const copy = store.get();
    copy.insecureAccepted?.push('tcp://192.0.2.11:2375');
    expect(store.get().insecureAccepted).toEqual(['tcp://192.0.2.10:2375']);
    // A bounded list: the oldest acceptances are forgotten first, and the file stays readable.
    const many = Array.from({ length: 150 }, (_, i) => `tcp://192.0.2.${i}:2375`);
    await store.update({ insecureAccepted: many });
    expect(createSettingsStore(file).get().insecureAccepted).toEqual(many.slice(-100));
    await store.update({ insecureAccepted: [] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(defaultSettings);
    writeFileSync(file, JSON.stringify({ ...defaultSettings, insecureAccepted: 'tcp://192.0.2.10:2375' }));
    expect(createSettingsStore(file).get()).toEqual(defaultSettings);
  });

  it('get() returns a copy the caller cannot change the store through', () => {
    const store = createSettingsStore(file);
    const s = store.get();
    s.engine = 'unix:///mutated.sock';
    expect(store.get().engine).toBeNull();
  });
});

describe('notification settings', () => {
  it('are kept, read back, and a bad value is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-settings-n-'));
    const file = join(dir, 'settings.json');
    const store = createSettingsStore(file);
    expect(store.get().notifications).toBeUndefined();
    await store.update({ notifications: { died: true, oom: true, unhealthy: false, longAction: false } });
    expect(createSettingsStore(file).get().notifications).toEqual({
      died: true,
      oom: true,
      unhealthy: false,
      longAction: false,
    });
    expect(SettingsPatch.safeParse({ notifications: { died: 'yes' } }).success).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the terminal on this machine', () => {
  it('is on until turned off, and the choice is kept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-settings-s-'));
    const file = join(dir, 'settings.json');
    const store = createSettingsStore(file);
    expect(store.get().hostShell).toBeUndefined();
    await store.update({ hostShell: false });
    expect(createSettingsStore(file).get().hostShell).toBe(false);
    await store.update({ engine: 'unix:///x.sock' });
    expect(createSettingsStore(file).get().hostShell).toBe(false);
    expect(SettingsPatch.safeParse({ hostShell: 'off' }).success).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the desktop app language, tray and quit choices, and refuses other values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wharf-settings-d-'));
    const file = join(dir, 'settings.json');
    const store = createSettingsStore(file);
    expect(store.get().trayOnClose).toBeUndefined();
    await store.update({ language: 'ko', trayOnClose: true, quitEngine: 'keep', trayNoticeShown: true });
    await store.update({ engine: 'unix:///x.sock' });
    expect(createSettingsStore(file).get()).toMatchObject({
      language: 'ko',
      trayOnClose: true,
      quitEngine: 'keep',
      trayNoticeShown: true,
    });
    expect(SettingsPatch.safeParse({ language: 'fr' }).success).toBe(false);
    expect(SettingsPatch.safeParse({ quitEngine: 'maybe' }).success).toBe(false);
    expect(SettingsPatch.safeParse({ trayOnClose: 'yes' }).success).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
