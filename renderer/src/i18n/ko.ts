// Korean: its files as text. The page parses only the language it shows (index.ts).
import { join, parseFiles } from './tree';

const raw = import.meta.glob<string>('./locales/ko/*.json', { query: '?raw', import: 'default', eager: true });

export const files = () => parseFiles(raw);

export const translation = () => join(Object.values(files()));
