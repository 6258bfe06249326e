// Every key in both languages, and every key the source uses present.
import { describe, expect, it } from 'vitest';
import { filesByLanguage, resources } from './resources';

type Tree = { [key: string]: string | Tree };
const en = resources.en.translation;
const ko = resources.ko.translation;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

// The source as text, through Vite (the renderer has no Node types).
const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has the same feature files in both languages, none defining a top-level key another defines', () => {
    const files = filesByLanguage();
    expect(Object.keys(files.en).sort()).toEqual(Object.keys(files.ko).sort());
    for (const lang of ['en', 'ko'] as const) {
      const tops = Object.values(files[lang]).flatMap((tree) => Object.keys(tree));
      expect(tops.length).toBe(new Set(tops).size);
    }
  });

  const enKeys = flatten(en as Tree);
  const koKeys = flatten(ko as Tree);

  it('has every English key in Korean and every Korean key in English', () => {
    expect([...enKeys.keys()].filter((k) => !koKeys.has(k))).toEqual([]);
    expect([...koKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...enKeys].filter(
      ([k, v]) => placeholders(v).join() !== placeholders(koKeys.get(k) ?? '').join(),
    );
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it('defines every key the source uses', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/\bt\(\s*'([^'`]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/i18nKey="([^"]+)"/g)) used.add(m[1]!);
    }
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !enKeys.has(k) || !koKeys.has(k));
    expect(missing).toEqual([]);
  });
});
