// Translations live in one file per domain (locales/<language>/<domain>.json,
// named after its folder in features/, plus common.json and errors.json for
// text shared across domains) so features add text without touching each
// other's files; each file owns its top-level keys, and they are joined into
// one namespace (en.ts, ko.ts). The English of the engine errors the runtime
// explains is not in a locale file: it comes from runtime/api/error-texts.ts,
// its one source, under apiErrors. The page loads only the language it shows
// (index.ts); this module, with both parsed, is for the tests.
import * as en from './en';
import * as ko from './ko';
import type { Tree } from './tree';

export { errorTextsTree } from './tree';

export const languages = ['en', 'ko'] as const;
export type Language = (typeof languages)[number];

/** Each language's files by domain name. */
export function filesByLanguage(): Record<Language, Record<string, Tree>> {
  return { en: en.files(), ko: ko.files() };
}

export const resources = {
  en: { translation: en.translation() },
  ko: { translation: ko.translation() },
} as const;
