// A set of listeners that are called in turn; one that throws is logged and
// does not stop the others.

export interface Listeners<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
  clear(): void;
}

export function createListeners<T>(log: (message: string) => void): Listeners<T> {
  const set = new Set<(value: T) => void>();
  return {
    add(listener) {
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(value) {
      for (const l of [...set]) {
        try {
          l(value);
        } catch (e) {
          log(`engine: a listener failed: ${(e as Error).message}`);
        }
      }
    },
    clear: () => set.clear(),
  };
}
