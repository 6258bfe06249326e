// One key factory per domain, so every reader and the change feed agree.
export const containerKeys = {
  all: ['containers'] as const,
  list: () => [...containerKeys.all, 'list'] as const,
  describe: (action: string, ids: readonly string[], flags: string) =>
    [...containerKeys.all, 'describe', action, ids.join(','), flags] as const,
};

export const imageKeys = {
  all: ['images'] as const,
  list: () => [...imageKeys.all, 'list'] as const,
};

export const volumeKeys = {
  all: ['volumes'] as const,
  list: () => [...volumeKeys.all, 'list'] as const,
};

export const engineKeys = {
  all: ['engine'] as const,
  state: () => [...engineKeys.all, 'state'] as const,
  candidates: () => [...engineKeys.all, 'candidates'] as const,
  embedded: () => [...engineKeys.all, 'embedded'] as const,
  settings: () => [...engineKeys.all, 'settings'] as const,
};

/** The lists the engine's event stream keeps fresh. */
export const listKeys = [containerKeys.list(), imageKeys.list(), volumeKeys.list()] as const;
