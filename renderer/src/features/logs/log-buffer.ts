// The lines of one log view, outside React: appended in batches, trimmed to
// a cap the user chooses, searched. Components read it by version number.
import type { LogLine } from '../../../../runtime/domains/logs/types';
import { type AnsiStyle, hasEscapes, parseAnsi, stripAnsi } from './ansi';

export interface StoredLine {
  /** Position in the whole stream (stable while lines are trimmed off the front). */
  seq: number;
  stream: LogLine['stream'];
  /** As received: may hold ANSI sequences. */
  text: string;
  /** Without escapes: what search, filter and download read. */
  plain: string;
  time?: string;
  /** The style carried in from the previous line of the same stream. */
  start?: AnsiStyle;
  /** Where the line came from when a view merges several logs (`web-1`), shown before it. */
  prefix?: string;
  /** Which of the view's source colours the prefix takes. */
  tone?: number;
}

/** A line as a merged view appends it: with its source's prefix and colour. */
export type SourcedLine = LogLine & { prefix?: string; tone?: number };

export const LINE_CAPS = [10_000, 50_000, 100_000, 200_000, 500_000] as const;
export const DEFAULT_CAP = 100_000;

/** Compact the array once this many trimmed lines sit at its front. */
const COMPACT_AT = 20_000;

export class LogBuffer {
  private lines: StoredLine[] = [];
  private head = 0;
  private nextSeq = 0;
  private carry: Partial<Record<LogLine['stream'], AnsiStyle>> = {};
  /** Lines trimmed off the front because of the cap since the last clear. */
  dropped = 0;
  /** Changes on every change; components compare it. */
  version = 0;

  constructor(private cap: number = DEFAULT_CAP) {}

  get length(): number {
    return this.lines.length - this.head;
  }

  get limit(): number {
    return this.cap;
  }

  at(index: number): StoredLine | undefined {
    return this.lines[this.head + index];
  }

  append(batch: readonly SourcedLine[]): void {
    for (const line of batch) {
      const stored: StoredLine = { seq: this.nextSeq++, stream: line.stream, text: line.text, plain: line.text };
      if (line.time !== undefined) stored.time = line.time;
      if (line.prefix !== undefined) stored.prefix = line.prefix;
      if (line.tone !== undefined) stored.tone = line.tone;
      const carried = this.carry[line.stream];
      if (carried) stored.start = carried;
      if (hasEscapes(line.text)) {
        stored.plain = stripAnsi(line.text);
        const end = parseAnsi(line.text, carried).end;
        this.carry[line.stream] = Object.keys(end).length > 0 ? end : undefined;
      } else stored.plain = stripAnsi(line.text);
      this.lines.push(stored);
    }
    this.trim();
    this.version++;
  }

  setCap(cap: number): void {
    this.cap = cap;
    this.trim();
    this.version++;
  }

  clear(): void {
    this.lines = [];
    this.head = 0;
    this.dropped = 0;
    this.carry = {};
    this.version++;
  }

  /** Every line, oldest first. */
  *[Symbol.iterator](): IterableIterator<StoredLine> {
    for (let i = this.head; i < this.lines.length; i++) yield this.lines[i]!;
  }

  private trim(): void {
    const excess = this.length - this.cap;
    if (excess > 0) {
      this.head += excess;
      this.dropped += excess;
    }
    if (this.head >= COMPACT_AT || (this.head > 0 && this.head >= this.length)) {
      this.lines = this.lines.slice(this.head);
      this.head = 0;
    }
  }
}

/** Case-insensitive substring match: what the search box means. */
export function lineMatches(line: StoredLine, needle: string): boolean {
  return needle === '' || line.plain.toLowerCase().includes(needle);
}

/**
 * The indices (into the buffer) a view shows — every line, or with `filter`
 * only those that match — and which of those match the search.
 */
export function buildView(
  buffer: LogBuffer,
  query: string,
  filter: boolean,
  keep?: (line: StoredLine) => boolean,
): { rows: number[] | null; matches: number[] } {
  const needle = query.toLowerCase();
  const matches: number[] = [];
  if (keep) return keptView(buffer, needle, filter, keep);
  if (needle === '') return { rows: null, matches };
  let i = 0;
  for (const line of buffer) {
    if (line.plain.toLowerCase().includes(needle)) matches.push(i);
    i++;
  }
  // Filtered: the view is the matches themselves, so match n is row n.
  return { rows: filter ? matches : null, matches };
}

/** Only the lines `keep` keeps (a merged view's chosen sources); with `filter`, only the matches among them. */
function keptView(buffer: LogBuffer, needle: string, filter: boolean, keep: (line: StoredLine) => boolean) {
  const rows: number[] = [];
  const matches: number[] = [];
  let i = 0;
  for (const line of buffer) {
    if (keep(line)) {
      const hit = needle !== '' && line.plain.toLowerCase().includes(needle);
      if (hit) matches.push(i);
      if (hit || !filter || needle === '') rows.push(i);
    }
    i++;
  }
  return { rows, matches };
}

/** The line as `docker logs` would print it (with -t: the timestamp first; a merged view's prefix first of all). */
export function lineForDownload(line: StoredLine): string {
  const text = line.time !== undefined ? `${line.time} ${line.plain}` : line.plain;
  return line.prefix !== undefined ? `${line.prefix} | ${text}` : text;
}

/** Ranges [start, end) of `needle` (lower-cased) in `text`, case-insensitive. */
export function findRanges(text: string, needle: string): Array<[number, number]> {
  if (needle === '') return [];
  const lower = text.toLowerCase();
  const out: Array<[number, number]> = [];
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, i + needle.length)) {
    out.push([i, i + needle.length]);
  }
  return out;
}
