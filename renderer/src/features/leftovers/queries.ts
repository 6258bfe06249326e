// The query keys of what Wharf left on the engine.

export const leftoverKeys = {
  list: () => ['wharf', 'leftovers'] as const,
};
