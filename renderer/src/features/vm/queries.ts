// The engine VM's query keys (its status arrives through useVmStatus).

export const vmKeys = {
  settings: () => ['vm', 'settings'] as const,
};
