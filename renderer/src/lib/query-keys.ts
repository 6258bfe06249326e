// What every feature's queries share. Each feature keeps its own key factory
// in its queries.ts (features/<name>/queries.ts); every query key the
// renderer uses comes from one of those factories, never written in place.
// Inputs that go into a key whole (a form, a describe input) are spelled as
// their JSON.

/** The key of a query that is switched off (enabled: false) until it has an input. */
export const idleKey = ['none'] as const;

/** Lists load once and are then kept fresh by the change feed (sync/), never by polling. */
export const listOptions = { staleTime: Infinity, retry: 1 } as const;
