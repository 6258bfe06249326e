// One key factory per domain, so every reader and the change feed agree.
// Every query key the renderer uses comes from here. Inputs that go into a
// key whole (a form, a describe input) are spelled as their JSON.
import type { FileTarget } from '../../../runtime/api/types';

export const containerKeys = {
  all: ['containers'] as const,
  list: () => [...containerKeys.all, 'list'] as const,
  describe: (action: string, ids: readonly string[], flags: string) =>
    [...containerKeys.all, 'describe', action, ids.join(','), flags] as const,
  inspect: (id: string) => [...containerKeys.all, 'inspect', id] as const,
};

export const imageKeys = {
  all: ['images'] as const,
  list: () => [...imageKeys.all, 'list'] as const,
  inspect: (id: string) => [...imageKeys.all, 'inspect', id] as const,
  history: (image: string) => [...imageKeys.all, 'history', image] as const,
  prunePreview: (all: boolean) => [...imageKeys.all, 'prunePreview', all] as const,
  describe: (input: unknown) => [...imageKeys.all, 'describe', JSON.stringify(input)] as const,
  describeBuild: (input: unknown) => [...imageKeys.all, 'describe', 'build', JSON.stringify(input)] as const,
};

export const registryKeys = {
  list: () => ['registries'] as const,
};

export const volumeKeys = {
  all: ['volumes'] as const,
  list: () => [...volumeKeys.all, 'list'] as const,
  sizes: () => [...volumeKeys.all, 'sizes'] as const,
  prunePreview: (all: boolean) => [...volumeKeys.all, 'prunePreview', all] as const,
  describe: (input: unknown) => [...volumeKeys.all, 'describe', JSON.stringify(input)] as const,
};

export const fileKeys = {
  all: ['files'] as const,
  target: (target: FileTarget) => [...fileKeys.all, target.kind, target.kind === 'volume' ? target.name : target.id] as const,
  list: (target: FileTarget, path: string, showHidden: boolean) => [...fileKeys.target(target), 'list', path, showHidden] as const,
  read: (target: FileTarget, path: string) => [...fileKeys.target(target), 'read', path] as const,
};

/** Mount queries carry what they follow (containers' mounts, a plan's mounts) in the key. */
export const mountKeys = {
  all: ['mounts'] as const,
  list: (shown: unknown) => [...mountKeys.all, 'list', JSON.stringify(shown)] as const,
  ofContainer: (id: string, mounts: unknown) => [...mountKeys.all, 'container', id, JSON.stringify(mounts)] as const,
  editPlan: (id: string, mounts: unknown) => [...mountKeys.all, 'plan', id, JSON.stringify(mounts)] as const,
};

export const runKeys = {
  describe: (form: unknown) => ['run', 'describe', JSON.stringify(form)] as const,
};

export const engineKeys = {
  all: ['engine'] as const,
  state: () => [...engineKeys.all, 'state'] as const,
  candidates: () => [...engineKeys.all, 'candidates'] as const,
  embedded: () => [...engineKeys.all, 'embedded'] as const,
  settings: () => [...engineKeys.all, 'settings'] as const,
};

export const vmKeys = {
  settings: () => ['vm', 'settings'] as const,
};

export const leftoverKeys = {
  list: () => ['wharf', 'leftovers'] as const,
};

/** The key of a query that is switched off (enabled: false) until it has an input. */
export const idleKey = ['none'] as const;

/** The lists the engine's event stream keeps fresh. */
export const listKeys = [containerKeys.list(), imageKeys.list(), volumeKeys.list()] as const;
