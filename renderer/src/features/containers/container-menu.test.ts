import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import type { ContainerSummary } from '../../../../runtime/domains/containers/types';
import { isMenuKey } from '../../components/ContextMenu';
import { containerMenuItems } from './container-menu';

const t = ((key: string) => key) as unknown as TFunction;
const web: ContainerSummary = {
  id: 'abc123',
  name: 'web',
  image: 'nginx',
  imageId: 'sha256:1',
  command: "nginx -g 'daemon off;'",
  state: 'running',
  status: '',
  created: 0,
  ports: [],
  labels: {},
  mounts: [],
};

describe('containerMenuItems', () => {
  const state = { stale: false, busy: false, onAct: vi.fn(), onRemove: vi.fn() };

  it('offers the row’s buttons, enabled as they are, each with its command', () => {
    const items = containerMenuItems(t, web, state);
    expect(items.map((i) => [i.id, i.disabled ?? false, i.command])).toEqual([
      ['start', true, 'docker start web'],
      ['stop', false, 'docker stop web'],
      ['restart', false, 'docker restart web'],
      ['pause', false, 'docker pause web'],
      ['remove', false, 'docker rm web'],
      ['copy-id', false, undefined],
      ['copy-name', false, undefined],
      ['copy-command', false, "nginx -g 'daemon off;'"],
    ]);
  });

  it('runs the same handlers as the buttons: Remove asks, the others act', () => {
    const items = containerMenuItems(t, web, state);
    items.find((i) => i.id === 'stop')!.onSelect();
    items.find((i) => i.id === 'remove')!.onSelect();
    expect(state.onAct).toHaveBeenCalledWith('stop', web);
    expect(state.onRemove).toHaveBeenCalledWith(web);
  });

  it('disables every action while the engine is away or the row is busy, not the copies', () => {
    const items = containerMenuItems(t, web, { ...state, stale: true });
    expect(items.filter((i) => i.disabled).map((i) => i.id)).toEqual(['start', 'stop', 'restart', 'pause', 'remove']);
  });
});

describe('isMenuKey', () => {
  const key = (k: string, mods: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });
  it('is Shift+F10 or the Menu key, nothing else', () => {
    expect(isMenuKey(key('F10', { shiftKey: true }))).toBe(true);
    expect(isMenuKey(key('ContextMenu'))).toBe(true);
    expect(isMenuKey(key('F10'))).toBe(false);
    expect(isMenuKey(key('F10', { shiftKey: true, ctrlKey: true }))).toBe(false);
  });
});
