// The part of TOML that containers.conf's connection tables use: [table.path]
// headers (bare or quoted keys), `key = value` lines with basic or literal
// strings, booleans and numbers; comments. Arrays, inline tables and
// multi-line strings are skipped (their keys are left out), never misread.

export type TomlValue = string | boolean | number;

/** Each table's path (segments joined with '.', quotes removed) and its simple values. */
export function parseTomlTables(text: string): Map<string, Record<string, TomlValue>> {
  const tables = new Map<string, Record<string, TomlValue>>();
  let current: Record<string, TomlValue> = {};
  tables.set('', current);
  let skipping: string | undefined;

  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (skipping !== undefined) {
      // Inside a multi-line string or array: wait for its end.
      if (line.includes(skipping)) skipping = undefined;
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const header = /^\[\[?\s*(.*?)\s*\]\]?\s*(#.*)?$/.exec(line)?.[1];
      if (header === undefined) continue;
      const path = splitKey(header).join('.');
      current = tables.get(path) ?? {};
      tables.set(path, current);
      continue;
    }
    const eq = findEquals(line);
    if (eq < 0) continue;
    const keyParts = splitKey(line.slice(0, eq).trim());
    const valueText = line.slice(eq + 1).trim();
    if (valueText.startsWith('"""') || valueText.startsWith("'''")) {
      const fence = valueText.slice(0, 3);
      if (valueText.indexOf(fence, 3) < 0) skipping = fence;
      continue;
    }
    if (valueText.startsWith('[') && !balanced(valueText)) {
      skipping = ']';
      continue;
    }
    const value = parseValue(valueText);
    if (value === undefined || keyParts.length !== 1 || keyParts[0] === undefined) continue;
    current[keyParts[0]] = value;
  }
  return tables;
}

function splitKey(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i += 1;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const end = text.indexOf(quote, i + 1);
      const inner = text.slice(i + 1, end < 0 ? text.length : end);
      parts.push(quote === '"' ? unescape(inner) : inner);
      i = end < 0 ? text.length : end + 1;
    } else {
      const dot = text.indexOf('.', i);
      parts.push(text.slice(i, dot < 0 ? text.length : dot).trim());
      i = dot < 0 ? text.length : dot;
    }
    while (text[i] === ' ' || text[i] === '\t') i += 1;
    if (text[i] === '.') i += 1;
  }
  return parts;
}

/** The '=' that separates key and value (not one inside a quoted key). */
function findEquals(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '=') return i;
  }
  return -1;
}

function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth += 1;
    else if (c === ']') depth -= 1;
  }
  return depth === 0;
}

function parseValue(text: string): TomlValue | undefined {
  if (text.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(text);
    return match?.[1] === undefined ? undefined : unescape(match[1]);
  }
  if (text.startsWith("'")) return /^'([^']*)'\s*(#.*)?$/.exec(text)?.[1];
  const bare = text.replace(/\s*#.*$/, '');
  if (bare === 'true') return true;
  if (bare === 'false') return false;
  if (/^[+-]?\d[\d_]*$/.test(bare)) return Number(bare.replace(/_/g, ''));
  return undefined;
}

function unescape(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}
