// Small formatters for sizes, times and ids, in the UI's language.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Decimal units, as `docker images` prints them: 1.2 MB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${UNITS[unit]}`;
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Infinity],
];

// Making an Intl formatter costs far more than formatting with one, and a
// list formats a date in every row: one formatter per language, kept.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const exactFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(formats: Map<string, F>, language: string, make: () => F): F {
  let format = formats.get(language);
  if (format === undefined) {
    format = make();
    formats.set(language, format);
  }
  return format;
}

export function formatRelative(date: Date, language: string, now: Date = new Date()): string {
  const format = cached(relativeFormats, language, () => new Intl.RelativeTimeFormat(language, { numeric: 'auto' }));
  let delta = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(delta) < size) return format.format(Math.round(delta), unit);
    delta /= size;
  }
  return format.format(Math.round(delta), 'year');
}

export function formatExact(date: Date, language: string): string {
  return cached(
    exactFormats,
    language,
    () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }),
  ).format(date);
}

/**
 * Makes the language's formatters before a list needs them: the first of each costs the page a few
 * milliseconds, better spent while it waits for the engine than between the reply and the rows.
 */
export function warmFormats(language: string): void {
  formatRelative(new Date(0), language, new Date(0));
  formatExact(new Date(0), language);
}

/** 12 hex digits, without the "sha256:" prefix. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
