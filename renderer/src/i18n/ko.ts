// Korean: its files, joined. A chunk of its own: the page loads the language it shows (index.ts).
import { byName, join, type Tree } from './tree';

export const files = byName(import.meta.glob<Tree>('./locales/ko/*.json', { eager: true, import: 'default' }));

export const translation = join(Object.values(files));
