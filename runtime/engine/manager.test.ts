// The views the engine manager hands out: domain services get the engine
// alone; only the engine and VM services get controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../settings';
import { createEngineManager } from './manager';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wharf-mgr-views-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('engine manager views', () => {
  it('gives domain services the engine alone, without embedded-engine or VM controls', async () => {
    const manager = createEngineManager({
      settings: createSettingsStore(join(dir, 'settings.json')),
      dataDir: dir,
      log: () => {},
      discovery: { env: {}, home: dir, platform: 'linux', exists: () => false },
    });
    expect(Object.keys(manager.engine).sort()).toEqual([
      'docker',
      'info',
      'onConnected',
      'onEvent',
      'onState',
      'state',
    ]);
    expect(Object.keys(manager.controls).sort()).toEqual([
      'acceptInsecure',
      'candidates',
      'embeddedStatus',
      'startEmbedded',
      'stopEmbedded',
      'use',
    ]);
    expect(Object.keys(manager.vmControls).sort()).toEqual(['cancelVmStart', 'startVm', 'stopVm']);
    // Without a VM, its controls say so plainly.
    await expect(manager.vmControls.stopVm()).rejects.toMatchObject({ code: 'unavailable' });
    expect(() => manager.engine.docker()).toThrow(/No container engine is connected/);
    await manager.dispose();
  });
});
