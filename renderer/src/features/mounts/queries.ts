// The mounts' query keys.

/** Mount queries carry what they follow (containers' mounts, a plan's mounts) in the key. */
export const mountKeys = {
  all: ['mounts'] as const,
  list: (shown: unknown) => [...mountKeys.all, 'list', JSON.stringify(shown)] as const,
  ofContainer: (id: string, mounts: unknown) => [...mountKeys.all, 'container', id, JSON.stringify(mounts)] as const,
  editPlan: (id: string, mounts: unknown) => [...mountKeys.all, 'plan', id, JSON.stringify(mounts)] as const,
};
