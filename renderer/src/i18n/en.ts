// English: its files, joined, with the English of the engine errors the runtime explains
// (from runtime/api/error-texts.ts, its one source). A chunk of its own: the page loads the
// language it shows (index.ts).
import { byName, errorTextsTree, join, merge, type Tree } from './tree';

export const files = byName(import.meta.glob<Tree>('./locales/en/*.json', { eager: true, import: 'default' }));

export const translation = merge(join(Object.values(files)), errorTextsTree());
