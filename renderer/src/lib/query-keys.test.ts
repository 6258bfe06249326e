// Every query key comes from a key factory, so readers, invalidations and the
// change feed name the same data the same way. A feature defines its factory
// in its queries.ts (features/<name>/queries.ts), and only there.
import { describe, expect, it } from 'vitest';
import { fileKeys } from '../features/files/queries';

// The source as text, through Vite (the renderer has no Node types).
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** A key written out in place: `queryKey: [`, `setQueryData([`, `invalidateQueries({ queryKey: [`… */
const INLINE = /queryKey:\s*\[|Query(?:Data|State)\s*(?:<[^>]*>)?\(\s*\[|Queries(?:Data)?\s*(?:<[^>]*>)?\(\s*\[/;
/** A key factory (`fooKeys = {`): only a feature's queries.ts defines one. */
const FACTORY = /\b\w+Keys\s*=\s*\{/;
const QUERIES = /^\.\.\/features\/[\w-]+\/queries\.ts$/;

describe('query keys', () => {
  it('are not written out in place anywhere in the renderer', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const inline = Object.entries(sources)
      .filter(([path, text]) => INLINE.test(text) || (FACTORY.test(text) && !QUERIES.test(path)))
      .map(([path]) => path);
    expect(inline).toEqual([]);
  });

  it("nest a target's file queries under the target, so one invalidation refreshes them all", () => {
    const target = { kind: 'volume', name: 'data' } as const;
    const prefix = fileKeys.target(target);
    expect(fileKeys.list(target, '/', false).slice(0, prefix.length)).toEqual(prefix);
    expect(fileKeys.read(target, '/a').slice(0, prefix.length)).toEqual(prefix);
  });
});
