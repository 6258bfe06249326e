import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineInfo, EngineState } from '../runtime/domains/engine/types';
import type { VmStatus } from '../runtime/domains/vm/types';
import {
  TRAY_CONTAINER_LIMIT,
  TRAY_STATES,
  trayIconFile,
  trayMenu,
  trayState,
  trayTemplate,
  type TrayInputs,
  type TrayItem,
} from './tray-model';

const info: EngineInfo = {
  kind: 'docker',
  version: '27.1.0',
  apiVersion: '1.46',
  os: 'linux',
  arch: 'amd64',
  endpoint: 'unix:///var/run/docker.sock',
  source: 'well-known',
  embedded: false,
};
const connected: EngineState = { phase: 'connected', engine: info };
const vm = (phase: VmStatus['phase']): VmStatus => ({
  driver: 'qemu',
  phase,
  logTail: [],
  resources: { cpus: 2, memoryMiB: 2048, diskGiB: 20 },
});
const running = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `id${i}`,
    name: `c${String(i).padStart(2, '0')}`,
    state: 'running' as const,
  }));

const inputs = (over: Partial<TrayInputs> = {}): TrayInputs => ({
  engine: connected,
  containers: [],
  vm: undefined,
  platform: 'linux',
  language: 'en',
  ...over,
});

const ids = (items: TrayItem[]) => items.map((i) => i.id);
const byId = (items: TrayItem[], id: string) => items.find((i) => i.id === id)!;

describe('tray state', () => {
  it('maps every engine phase to connected, starting, stopped or error', () => {
    expect(trayState(connected)).toBe('connected');
    expect(trayState({ phase: 'connecting' })).toBe('starting');
    expect(trayState({ phase: 'reconnecting', endpoint: 'x', attempt: 2, reason: 'gone' })).toBe('starting');
    expect(trayState({ phase: 'error', error: { message: 'refused' } })).toBe('error');
    expect(
      trayState({ phase: 'no-engine', installed: {}, platform: 'linux', suggestedPackages: [], canInstall: false }),
    ).toBe('stopped');
    expect(trayState({ phase: 'vm', vm: vm('booting') })).toBe('starting');
    expect(trayState({ phase: 'vm', vm: vm('stopped') })).toBe('stopped');
    expect(trayState({ phase: 'vm', vm: vm('error') })).toBe('error');
  });
});

describe('tray menu', () => {
  it('connected: the state in words, the running containers by name, Open and Quit', () => {
    const menu = trayMenu(
      inputs({
        containers: [
          { id: 'b', name: 'web', state: 'running' },
          { id: 'a', name: 'db', state: 'running' },
          { id: 'x', name: 'old', state: 'exited' },
        ],
      }),
    );
    expect(menu.state).toBe('connected');
    expect(menu.icon).toBe('tray-connected');
    expect(menu.tooltip).toBe('Wharf: Docker 27.1.0 is connected');
    expect(ids(menu.items)).toEqual([
      'state',
      'sep.state',
      'containers.title',
      'container.a',
      'container.b',
      'sep.containers',
      'open',
      'settings',
      'quit',
    ]);
    expect(byId(menu.items, 'containers.title')).toMatchObject({ label: 'Running containers: 2', enabled: false });
    expect(byId(menu.items, 'open').action).toEqual({ kind: 'open' });
    expect(byId(menu.items, 'settings')).toMatchObject({
      label: 'Settings…',
      action: { kind: 'open', href: '#/settings' },
    });
    expect(byId(menu.items, 'quit').action).toEqual({ kind: 'quit' });
  });

  it("each container's submenu opens it in Wharf, stops or restarts it, with the docker command", () => {
    const web = byId(
      trayMenu(inputs({ containers: [{ id: 'b', name: 'web', state: 'running' }] })).items,
      'container.b',
    );
    expect(web.label).toBe('web');
    expect(web.submenu!.map((i) => [i.label, i.action, i.command])).toEqual([
      ['Open in Wharf', { kind: 'open', href: '#/containers/b' }, undefined],
      ['Stop', { kind: 'container', action: 'stop', id: 'b', name: 'web' }, 'docker stop web'],
      ['Restart', { kind: 'container', action: 'restart', id: 'b', name: 'web' }, 'docker restart web'],
    ]);
  });

  it(`lists at most ${TRAY_CONTAINER_LIMIT} containers, then one item opening the list`, () => {
    const menu = trayMenu(inputs({ containers: running(TRAY_CONTAINER_LIMIT + 3) }));
    const containers = menu.items.filter((i) => i.id.startsWith('container.'));
    expect(containers).toHaveLength(TRAY_CONTAINER_LIMIT);
    expect(byId(menu.items, 'containers.more')).toMatchObject({
      label: `All ${TRAY_CONTAINER_LIMIT + 3} in Wharf…`,
      action: { kind: 'open', href: '#/containers' },
    });
    expect(trayMenu(inputs({ containers: running(TRAY_CONTAINER_LIMIT) })).items.map((i) => i.id)).not.toContain(
      'containers.more',
    );
  });

  it('says so when nothing runs; lists no containers while the engine is not connected', () => {
    expect(byId(trayMenu(inputs()).items, 'containers.none')).toMatchObject({ enabled: false });
    const starting = trayMenu(inputs({ engine: { phase: 'connecting' }, containers: running(2) }));
    expect(starting.state).toBe('starting');
    expect(ids(starting.items)).toEqual(['state', 'sep.state', 'open', 'settings', 'quit']);
    expect(starting.tooltip).toBe('Wharf: The engine is starting…');
  });

  it('offers the engine VM Start, Cancel or Stop by its phase, only when Wharf manages one', () => {
    const vmItem = (phase: VmStatus['phase']) =>
      trayMenu(inputs({ engine: { phase: 'vm', vm: vm(phase) }, vm: vm(phase) })).items.find((i) =>
        i.id.startsWith('vm.'),
      );
    expect(vmItem('stopped')?.action).toEqual({ kind: 'vm', action: 'start' });
    expect(vmItem('absent')?.action).toEqual({ kind: 'vm', action: 'start' });
    expect(vmItem('error')?.action).toEqual({ kind: 'vm', action: 'start' });
    expect(vmItem('booting')?.action).toEqual({ kind: 'vm', action: 'cancel' });
    expect(vmItem('stopping')).toMatchObject({ enabled: false });
    const on = trayMenu(inputs({ vm: vm('running') }));
    expect(byId(on.items, 'vm.stop').action).toEqual({ kind: 'vm', action: 'stop' });
    expect(trayMenu(inputs()).items.some((i) => i.id.startsWith('vm.'))).toBe(false);
    expect(trayMenu(inputs({ engine: { phase: 'vm', vm: vm('stopped') } })).tooltip).toBe(
      'Wharf: The engine VM is stopped',
    );
  });

  it('uses template images on macOS and colour icons elsewhere, one per state', () => {
    expect(trayMenu(inputs({ platform: 'darwin' })).icon).toBe('tray-connectedTemplate');
    expect(trayMenu(inputs({ platform: 'win32', engine: { phase: 'error', error: { message: 'x' } } })).icon).toBe(
      'tray-error',
    );
  });

  it('speaks Korean when the app does', () => {
    const menu = trayMenu(inputs({ language: 'ko', containers: running(1) }));
    expect(menu.tooltip).toBe('Wharf: Docker 27.1.0 연결됨');
    expect(byId(menu.items, 'quit').label).toBe('Wharf 종료');
    expect(byId(menu.items, 'container.id0').submenu!.map((i) => i.label)).toEqual([
      'Wharf에서 열기',
      '중지',
      '재시작',
    ]);
  });
});

describe('tray icons', () => {
  it('has each state at 1x and 2x, in colour and as a macOS template, as PNG', () => {
    const codeDir = join(import.meta.dirname, '..', 'dist', 'electron');
    for (const state of TRAY_STATES) {
      for (const platform of ['darwin', 'linux'] as const) {
        const file = trayIconFile(codeDir, trayMenu(inputs({ platform, engine: engineIn(state) })).icon);
        for (const f of [file, file.replace(/\.png$/, '@2x.png')]) {
          expect(readFileSync(f).subarray(1, 4).toString('ascii'), f).toBe('PNG');
        }
      }
    }
  });
});

function engineIn(state: (typeof TRAY_STATES)[number]): EngineState {
  if (state === 'connected') return connected;
  if (state === 'starting') return { phase: 'connecting' };
  if (state === 'error') return { phase: 'error', error: { message: 'x' } };
  return { phase: 'vm', vm: vm('stopped') };
}

describe("the tray's Electron template", () => {
  it("keeps ids, labels and separators; a click runs the item's action, in submenus too", () => {
    const menu = trayMenu(inputs({ containers: [{ id: 'b', name: 'web', state: 'running' }] }));
    const ran: unknown[] = [];
    const template = trayTemplate(menu.items, (action) => ran.push(action));
    expect(template.map((i) => i.type ?? i.id)).toEqual(
      ids(menu.items).map((id) => (id.startsWith('sep.') ? 'separator' : id)),
    );
    const web = template.find((i) => i.id === 'container.b')!;
    const stop = (web.submenu as typeof template).find((i) => i.id === 'container.b.stop')!;
    expect(stop).toMatchObject({
      label: 'Stop',
      toolTip: 'docker stop web',
      sublabel: 'docker stop web',
      enabled: true,
    });
    (stop.click as () => void)();
    (template.find((i) => i.id === 'quit')!.click as () => void)();
    expect(ran).toEqual([{ kind: 'container', action: 'stop', id: 'b', name: 'web' }, { kind: 'quit' }]);
    expect(template.find((i) => i.id === 'state')).toMatchObject({ enabled: false });
    expect(template.find((i) => i.id === 'state')!.click).toBeUndefined();
  });
});
