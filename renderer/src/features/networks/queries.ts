// The networks' query keys (the run form lists networks).

export const networkKeys = {
  list: () => ['networks', 'list'] as const,
};
