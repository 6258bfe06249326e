// Translations live in one file per feature (locales/<language>/<feature>.json)
// so features add text without touching each other's files; each file owns
// its top-level keys, and they are joined into one namespace here.
type Tree = { [key: string]: string | Tree };

const files = import.meta.glob('./locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Tree>;

export const languages = ['en', 'ko'] as const;
export type Language = (typeof languages)[number];

/** Each language's files by feature name. */
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

export const resources = {
  en: { translation: join(Object.values(byLanguage.en)) },
  ko: { translation: join(Object.values(byLanguage.ko)) },
} as const;
