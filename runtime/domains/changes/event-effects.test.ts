// Event streams captured from the dev engines while the same CLI session ran
// on each: create, start, exec, pause, unpause, restart, stop, start, kill,
// rename, rm -v; volume create/rm; commit, tag, rmi; run --rm.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RawEngineEvent } from '../../engine/types';
import { mergeContainerChange } from './service';
import { effectsOf } from './event-effects';

const events = (engine: string): RawEngineEvent[] =>
  readFileSync(new URL(`../../test-support/fixtures/${engine}-events.ndjson`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RawEngineEvent);

describe.each(['docker', 'podman'])('%s events', (engine) => {
  const all = events(engine);
  const effects = all.flatMap(effectsOf);
  const containerIds = [...new Set(all.filter((e) => e.Type === 'container').map((e) => e.Actor.ID))];

  it('every container that was created is removed at the end, once per removal', () => {
    expect(containerIds.length).toBeGreaterThanOrEqual(2);
    for (const id of containerIds.filter((id) => all.some((e) => e.Actor.ID === id && e.Action === 'create'))) {
      const mine = effects.filter((e) => e.kind === 'container' && e.id === id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.at(-1)).toEqual({ kind: 'container', id, removed: true });
      expect(mine.filter((e) => e.kind === 'container' && e.removed)).toHaveLength(1);
    }
  });

  it('ignores exec, attach and kill, which leave the list as it was', () => {
    const ignored = all.filter((e) => /^(exec|attach|kill)/.test(e.Action));
    expect(ignored.length).toBeGreaterThan(0);
    for (const e of ignored) expect(effectsOf(e)).toEqual([]);
  });

  it('state changes touch the container', () => {
    const expected: Record<string, string[] | undefined> = {
      create: ['created'],
      start: ['running'],
      pause: ['paused'],
      unpause: ['running'],
      restart: ['running'],
      die: ['exited', 'dead', 'restarting'],
      rename: undefined,
    };
    for (const [action, states] of Object.entries(expected)) {
      const e = all.find((x) => x.Type === 'container' && x.Action === action);
      expect(e, action).toBeDefined();
      const effect = { kind: 'container', id: e!.Actor.ID, removed: false, ...(states ? { expect: states } : {}) };
      expect(effectsOf(e!)).toEqual([effect]);
    }
  });

  it('names volumes by name, created then removed, and ignores mounts', () => {
    const vol = effects.filter((e) => e.kind === 'volume');
    const named = vol.filter((e) => e.kind === 'volume' && e.name.startsWith('fxev-'));
    expect(named).toEqual([
      { kind: 'volume', name: expect.stringMatching(/^fxev-fx\d+$/), removed: false },
      { kind: 'volume', name: expect.stringMatching(/^fxev-fx\d+$/), removed: true },
    ]);
    for (const e of all.filter((x) => x.Type === 'volume' && /mount/.test(x.Action))) expect(effectsOf(e)).toEqual([]);
  });

  it('network create, destroy, connect and disconnect refresh the networks', () => {
    for (const e of all.filter((x) => x.Type === 'network')) expect(effectsOf(e)).toEqual([{ kind: 'networks' }]);
  });
});

it('docker image tag/untag and container commit re-list images', () => {
  const all = events('docker');
  const imageEffects = all.filter((e) => e.Type === 'image' || e.Action === 'commit').flatMap(effectsOf);
  expect(imageEffects.length).toBeGreaterThanOrEqual(4);
  for (const e of imageEffects) expect(e).toEqual({ kind: 'images' });
});

it('reads actions that carry detail after a colon and the legacy fields', () => {
  const base = { Type: 'container', Actor: { ID: 'abc', Attributes: {} }, time: 0 };
  expect(effectsOf({ ...base, Action: 'exec_start: sh -c true' })).toEqual([]);
  expect(effectsOf({ ...base, Action: 'health_status: healthy' })).toEqual([
    { kind: 'container', id: 'abc', removed: false },
  ]);
  expect(effectsOf({ ...base, Action: 'died' })).toEqual([
    { kind: 'container', id: 'abc', removed: false, expect: ['exited', 'dead', 'restarting'] },
  ]);
  const legacy = {
    status: 'destroy',
    id: 'def',
    Type: 'container',
    Actor: { ID: '' },
    time: 0,
  } as unknown as RawEngineEvent;
  expect(effectsOf(legacy)).toEqual([{ kind: 'container', id: 'def', removed: true }]);
  expect(effectsOf({ ...base, Type: 'image', Action: 'push' })).toEqual([]);
  expect(effectsOf({ ...base, Type: 'image', Action: 'pull' })).toEqual([{ kind: 'images' }]);
});

describe('mergeContainerChange', () => {
  const running = ['running'] as const;
  const paused = ['paused'] as const;

  it('a newer event sets what to expect and starts its own retries', () => {
    expect(
      mergeContainerChange(
        { removed: false, expect: running, retries: 2 },
        { removed: false, expect: paused, retries: 0 },
      ),
    ).toEqual({ removed: false, expect: paused, retries: 0 });
    expect(
      mergeContainerChange({ removed: false, expect: paused, retries: 2 }, { removed: false, retries: 0 }),
    ).toEqual({
      removed: false,
      expect: paused,
      retries: 2,
    });
  });

  it('a retry never overrides a newer event waiting in the window', () => {
    expect(
      mergeContainerChange(
        { removed: false, expect: paused, retries: 0 },
        { removed: false, expect: running, retries: 1 },
      ),
    ).toEqual({ removed: false, expect: paused, retries: 0 });
  });

  it('removal wins', () => {
    expect(
      mergeContainerChange({ removed: true, retries: 0 }, { removed: false, expect: running, retries: 0 }).removed,
    ).toBe(true);
  });
});
