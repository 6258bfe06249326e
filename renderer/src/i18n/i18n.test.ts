// Every key in both languages, and every key the source uses present.
import { describe, expect, it } from 'vitest';
import { ERROR_TEXTS } from '../../../runtime/api/error-texts';
import { errorTextsTree, filesByLanguage, resources } from './resources';

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
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

// The feature folders (../features/<domain>/…) the locale files are named after.
const featureFiles = import.meta.glob('../features/*/*.{ts,tsx}');

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// i18next plural forms: English needs _one and _other, Korean has only _other.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
/** Keys without their plural suffix, each with the text of every form. */
function byBase(keys: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of keys) out.set(base(k), [...(out.get(base(k)) ?? []), v]);
  return out;
}

describe('translations', () => {
  it('has the same feature files in both languages, none defining a top-level key another defines', () => {
    const files = filesByLanguage();
    expect(Object.keys(files.en).sort()).toEqual(Object.keys(files.ko).sort());
    for (const lang of ['en', 'ko'] as const) {
      const tops = Object.values(files[lang]).flatMap((tree) => Object.keys(tree));
      expect(tops.length).toBe(new Set(tops).size);
    }
  });

  it('names each file after a feature folder, or common/errors for shared text', () => {
    const folders = new Set(Object.keys(featureFiles).map((path) => path.split('/')[2]));
    const names = Object.keys(filesByLanguage().en);
    expect(names.filter((name) => name !== 'common' && name !== 'errors' && !folders.has(name))).toEqual([]);
  });

  const enKeys = flatten(en);
  const koKeys = flatten(ko);

  const enBase = byBase(enKeys);
  const koBase = byBase(koKeys);

  it('takes the English of the errors the runtime explains from runtime/api/error-texts.ts, and from no locale file', () => {
    const files = flatten(Object.assign({}, ...Object.values(filesByLanguage().en)) as Tree);
    const fromApi = flatten(errorTextsTree());
    expect(fromApi.size).toBe(2 * Object.keys(ERROR_TEXTS).length);
    expect([...fromApi.keys()].filter((k) => files.has(k))).toEqual([]);
    for (const [k, v] of fromApi) expect(enKeys.get(k)).toBe(v);
  });

  it('has every English key in Korean and every Korean key in English', () => {
    expect([...enBase.keys()].filter((k) => !koBase.has(k))).toEqual([]);
    expect([...koBase.keys()].filter((k) => !enBase.has(k))).toEqual([]);
  });

  it('gives counted texts their plural forms: _one and _other in English, _other in Korean', () => {
    const plural = [...enKeys.keys(), ...koKeys.keys()].filter((k) => PLURAL.test(k)).map(base);
    for (const k of new Set(plural)) {
      expect(enKeys.has(`${k}_one`) && enKeys.has(`${k}_other`), k).toBe(true);
      expect(koKeys.has(`${k}_other`), k).toBe(true);
      expect(enKeys.has(k) || koKeys.has(k), `${k} also without a plural suffix`).toBe(false);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...enBase].filter(([k, forms]) => {
      const ko = (koBase.get(k) ?? []).map(placeholders).map((p) => p.join());
      // Every form may leave out {{count}} (English "one image" may spell it out).
      const strip = (p: string) =>
        p
          .split(',')
          .filter((x) => x !== 'count')
          .join();
      return forms.some((v) => !ko.map(strip).includes(strip(placeholders(v).join())));
    });
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
    const missing = [...used].filter((k) => !enBase.has(k) || !koBase.has(k));
    expect(missing).toEqual([]);
  });
});
