// English: its files as text, with the English of the engine errors the runtime explains (from
// runtime/api/error-texts.ts, its one source). The page parses only the language it shows
// (index.ts): text in the script costs next to nothing until it is parsed.
import { errorTextsTree, join, merge, parseFiles } from './tree';

const raw = import.meta.glob<string>('./locales/en/*.json', { query: '?raw', import: 'default', eager: true });

export const files = () => parseFiles(raw);

export const translation = () => merge(join(Object.values(files())), errorTextsTree());
