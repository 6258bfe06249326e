// The tray menu as data: from what Wharf knows (the engine's state, the
// running containers, the engine VM, the platform, the language) to the icon,
// the tooltip and the items with the action each stands for. Pure, so every
// case is tested without Electron; tray.ts turns it into a Menu.
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { ContainerSummary } from '../runtime/domains/containers/types';
import { containerActionCommand } from '../runtime/domains/containers/cli';
import type { EngineState } from '../runtime/domains/engine/types';
import type { VmStatus } from '../runtime/domains/vm/types';
import { word, type Lang } from './words';

export const TRAY_STATES = ['connected', 'starting', 'stopped', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** How many containers the menu lists; the rest are one "more" item opening Wharf. */
export const TRAY_CONTAINER_LIMIT = 15;

export type TrayAction =
  | { kind: 'open'; href?: string }
  | { kind: 'container'; action: 'stop' | 'restart'; id: string; name: string }
  | { kind: 'vm'; action: 'start' | 'stop' | 'cancel' }
  | { kind: 'quit' };

export interface TrayItem {
  /** Stable per item (tests and Electron's menu ids). */
  id: string;
  label: string;
  enabled: boolean;
  action?: TrayAction;
  /** The docker command the item stands for. */
  command?: string;
  submenu?: TrayItem[];
  separator?: true;
}

export interface TrayMenu {
  state: TrayState;
  /** The icon file's name in assets/tray/, without .png. */
  icon: string;
  tooltip: string;
  items: TrayItem[];
}

export interface TrayInputs {
  engine: EngineState;
  /** The engine's containers (any state): the running ones are listed. */
  containers: readonly Pick<ContainerSummary, 'id' | 'name' | 'state'>[];
  /** The engine VM, when Wharf manages one; undefined otherwise. */
  vm: VmStatus | undefined;
  platform: NodeJS.Platform;
  language: Lang;
}

/** The tray's state of an engine state: connected, on its way (starting), at rest (stopped) or failed (error). */
export function trayState(engine: EngineState): TrayState {
  switch (engine.phase) {
    case 'connected':
      return 'connected';
    case 'connecting':
    case 'reconnecting':
    case 'starting-embedded':
      return 'starting';
    case 'no-engine':
      return 'stopped';
    case 'error':
      return 'error';
    case 'vm':
      if (engine.vm.phase === 'error') return 'error';
      return engine.vm.phase === 'stopped' || engine.vm.phase === 'absent' ? 'stopped' : 'starting';
  }
}

function stateWords(engine: EngineState, lang: Lang): string {
  const state = trayState(engine);
  if (engine.phase === 'connected') {
    const product = engine.engine.kind === 'podman' ? 'Podman' : 'Docker';
    return word(lang, 'desktop.tray.state.connected', { engine: `${product} ${engine.engine.version}` });
  }
  if (engine.phase === 'vm' && state !== 'error') return word(lang, `desktop.tray.state.vm.${state}`);
  return word(lang, `desktop.tray.state.${state}`);
}

const item = (id: string, label: string, rest: Partial<TrayItem> = {}): TrayItem => ({
  id,
  label,
  enabled: true,
  ...rest,
});
const separator = (id: string): TrayItem => ({ id, label: '', enabled: false, separator: true });
const containerHref = (id: string) => `#/containers/${encodeURIComponent(id)}`;

function containerItems(containers: TrayInputs['containers'], lang: Lang): TrayItem[] {
  const running = containers
    .filter((c) => c.state === 'running')
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  if (running.length === 0) return [item('containers.none', word(lang, 'desktop.tray.none'), { enabled: false })];
  const shown = running.slice(0, TRAY_CONTAINER_LIMIT).map((c) =>
    item(`container.${c.id}`, c.name, {
      submenu: [
        item(`container.${c.id}.open`, word(lang, 'desktop.tray.openContainer'), {
          action: { kind: 'open', href: containerHref(c.id) },
        }),
        item(`container.${c.id}.stop`, word(lang, 'desktop.tray.stop'), {
          action: { kind: 'container', action: 'stop', id: c.id, name: c.name },
          command: containerActionCommand({ action: 'stop', containers: [c.name] }),
        }),
        item(`container.${c.id}.restart`, word(lang, 'desktop.tray.restart'), {
          action: { kind: 'container', action: 'restart', id: c.id, name: c.name },
          command: containerActionCommand({ action: 'restart', containers: [c.name] }),
        }),
      ],
    }),
  );
  const more =
    running.length > TRAY_CONTAINER_LIMIT
      ? [
          item('containers.more', word(lang, 'desktop.tray.more', { count: running.length }), {
            action: { kind: 'open', href: '#/containers' },
          }),
        ]
      : [];
  return [
    item('containers.title', word(lang, 'desktop.tray.running', { count: running.length }), { enabled: false }),
    ...shown,
    ...more,
  ];
}

function vmItems(vm: VmStatus | undefined, lang: Lang): TrayItem[] {
  if (vm === undefined) return [];
  switch (vm.phase) {
    case 'absent':
    case 'stopped':
    case 'error':
      return [item('vm.start', word(lang, 'desktop.tray.vmStart'), { action: { kind: 'vm', action: 'start' } })];
    case 'preparing':
    case 'booting':
    case 'waiting-engine':
      return [item('vm.cancel', word(lang, 'desktop.tray.vmCancel'), { action: { kind: 'vm', action: 'cancel' } })];
    case 'running':
      return [item('vm.stop', word(lang, 'desktop.tray.vmStop'), { action: { kind: 'vm', action: 'stop' } })];
    case 'stopping':
      return [item('vm.stopping', word(lang, 'desktop.tray.vmStopping'), { enabled: false })];
  }
}

export function trayMenu(inputs: TrayInputs): TrayMenu {
  const { engine, language: lang } = inputs;
  const state = trayState(engine);
  const words = stateWords(engine, lang);
  const vm = vmItems(inputs.vm, lang);
  const items: TrayItem[] = [
    item('state', words, { enabled: false }),
    separator('sep.state'),
    ...(state === 'connected' ? [...containerItems(inputs.containers, lang), separator('sep.containers')] : []),
    ...(vm.length > 0 ? [...vm, separator('sep.vm')] : []),
    item('open', word(lang, 'desktop.tray.open'), { action: { kind: 'open' } }),
    item('settings', word(lang, 'desktop.tray.settings'), { action: { kind: 'open', href: '#/settings' } }),
    item('quit', word(lang, 'desktop.tray.quit'), { action: { kind: 'quit' } }),
  ];
  return {
    state,
    // macOS tints template images for a light or dark menu bar; elsewhere the colour icons.
    icon: inputs.platform === 'darwin' ? `tray-${state}Template` : `tray-${state}`,
    tooltip: `Wharf: ${words}`,
    items,
  };
}

/** The icon's file: assets/tray/ two folders above the bundled main process, in the checkout and in app.asar. */
export const trayIconFile = (codeDir: string, icon: string): string =>
  join(codeDir, '..', '..', 'assets', 'tray', `${icon}.png`);

/** The items as Electron's menu template; a click runs the item's action. The command shows as tooltip and sublabel (macOS). */
export function trayTemplate(items: TrayItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.separator) return { type: 'separator' };
    const action = item.action;
    return {
      id: item.id,
      label: item.label,
      enabled: item.enabled,
      ...(item.command !== undefined ? { toolTip: item.command, sublabel: item.command } : {}),
      ...(item.submenu ? { submenu: trayTemplate(item.submenu, run) } : {}),
      ...(action ? { click: () => run(action) } : {}),
    };
  });
}
