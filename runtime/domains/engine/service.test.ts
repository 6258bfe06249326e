import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineState } from './types';
import { createEngineManager, type EngineManager } from '../../engine/manager';
import { createSettingsStore, type SettingsStore } from '../../settings';
import { createSettingsService } from '../settings/service';
import { createEngineService } from './service';

let dir: string;
let settings: SettingsStore;
let manager: EngineManager;
let service: ReturnType<typeof createEngineService>;
let settingsService: ReturnType<typeof createSettingsService>;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-engsvc-'));
  settings = createSettingsStore(join(dir, 'settings.json'));
  // Discovery sees an empty machine: no environment, no sockets.
  manager = createEngineManager({
    settings,
    dataDir: dir,
    log: () => {},
    discovery: { env: {}, home: dir, platform: 'linux', exists: () => false },
  });
  service = createEngineService(manager.engine, manager.controls);
  settingsService = createSettingsService(settings);
  await manager.start();
});
afterEach(async () => {
  await manager.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('engine service', () => {
  it('engine.state reports no engine with what is installed and what to install', async () => {
    const state = await service.requests['engine.state']({});
    expect(state.phase).toBe('no-engine');
    if (state.phase !== 'no-engine') return;
    expect(state.platform).toBe('linux');
    expect(state.suggestedPackages.length).toBeGreaterThan(0);
  });

  it('engine.watch sends the current state at once, then each change, until stopped', async () => {
    const seen: EngineState[] = [];
    const stop = service.subscriptions['engine.watch']({}, { emit: (s) => seen.push(s), fail: () => {} });
    expect(seen.map((s) => s.phase)).toEqual(['no-engine']);
    const endpoint = `unix://${dir}/missing.sock`;
    await service.requests['engine.use']({ endpoint });
    expect(seen.map((s) => s.phase)).toEqual(['no-engine', 'connecting', 'error']);
    stop();
    await service.requests['engine.use']({ endpoint: null });
    expect(seen).toHaveLength(3);
  });

  it('settings.update keeps what the patch leaves out and reconnects when the engine changes', async () => {
    await settingsService.requests['settings.update']({ keepEmbeddedEngine: true });
    const endpoint = `unix://${dir}/other.sock`;
    const updated = await settingsService.requests['settings.update']({ engine: endpoint });
    expect(updated).toEqual({ engine: endpoint, tls: null, keepEmbeddedEngine: true });
    expect(await settingsService.requests['settings.get']({})).toEqual(updated);
    const error = await new Promise<EngineState>((resolve) => {
      if (manager.state().phase === 'error') return resolve(manager.state());
      const off = manager.onState((s) => s.phase === 'error' && (off(), resolve(s)));
    });
    expect(error).toMatchObject({ phase: 'error', endpoint });
  });

  it('engine.embeddedStatus is null before an embedded engine was asked for', async () => {
    expect(await service.requests['engine.embeddedStatus']({})).toBeNull();
  });
});
