// The shape of a language's text, and how its files are joined into one namespace.
import { ERROR_TEXTS } from '../../../runtime/api/error-texts';

export type Tree = { [key: string]: string | Tree };

/** One language's files by domain name, parsed, from the paths and text of an import.meta.glob of locales/<language>/. */
export function parseFiles(files: Record<string, string>): Record<string, Tree> {
  const out: Record<string, Tree> = {};
  for (const [path, text] of Object.entries(files)) {
    const m = /\/([\w-]+)\.json$/.exec(path);
    if (m) out[m[1]!] = JSON.parse(text) as Tree;
  }
  return out;
}

export function join(trees: Tree[]): Tree {
  return Object.assign({}, ...trees) as Tree;
}

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
export function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    out[key] = typeof mine === 'object' && typeof value === 'object' ? merge(mine, value) : value;
  }
  return out;
}
