// Translations live in one file per domain (locales/<language>/<domain>.json,
// named after its folder in features/, plus common.json and errors.json for
// text shared across domains) so features add text without touching each
// other's files; each file owns its top-level keys, and they are joined into
// one namespace here. The
// English of the engine errors the runtime explains is not in a locale file:
// it comes from runtime/api/error-texts.ts, its one source, under apiErrors.
import { ERROR_TEXTS } from '../../../runtime/api/error-texts';

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });

export const languages = ['en', 'ko'] as const;
export type Language = (typeof languages)[number];

/** Each language's files by domain name. */
export function filesByLanguage(): Record<Language, Record<string, Tree>> {
  const out: Record<Language, Record<string, Tree>> = { en: {}, ko: {} };
  for (const [path, tree] of Object.entries(files)) {
    const m = /\.\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
    if (m && (languages as readonly string[]).includes(m[1]!)) out[m[1] as Language][m[2]!] = tree;
  }
  return out;
}

function join(trees: Tree[]): Tree {
  return Object.assign({}, ...trees) as Tree;
}

const byLanguage = filesByLanguage();

/** ERROR_TEXTS as a tree under apiErrors: 'port.taken' → apiErrors.port.taken.{message,hint}. */
export function errorTextsTree(): Tree {
  const apiErrors: Tree = {};
  for (const [key, text] of Object.entries(ERROR_TEXTS)) {
    let node = apiErrors;
    for (const part of key.split('.')) node = (node[part] ??= {}) as Tree;
    Object.assign(node, text);
  }
  return { apiErrors };
}

/** `b` merged into `a`, key by key (the i18n test holds them apart: no text is in both). */
function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] = typeof mine === 'object' && typeof value === 'object' ? merge(mine, value) : value;
  }
  return out;
}

export const resources = {
  en: { translation: merge(join(Object.values(byLanguage.en)), errorTextsTree()) },
  ko: { translation: join(Object.values(byLanguage.ko)) },
} as const;
