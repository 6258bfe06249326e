// Reading the engine's log stream: frames, lines, timestamps. Pure (Buffers
// only), so every edge — a frame split across chunks, a multi-byte character
// split across frames — is tested without an engine.

export type LogStreamKind = 'stdout' | 'stderr';

const HEADER = 8;

/**
 * The engine's multiplexed stream, for containers without a TTY: each frame
 * is an 8-byte header (stream type, three zero bytes, payload size as a
 * big-endian uint32) and the payload. Chunks from the socket cut frames
 * anywhere; this keeps the unfinished part until the rest arrives.
 */
export class FrameDemuxer {
  private parts: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly onPayload: (stream: LogStreamKind, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.parts.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < HEADER) return;
      const head = this.peek(HEADER);
      const size = head.readUInt32BE(4);
      if (this.buffered < HEADER + size) return;
      const frame = this.take(HEADER + size);
      // 0 is stdin (never in logs), 1 stdout, 2 stderr.
      this.onPayload(head[0] === 2 ? 'stderr' : 'stdout', frame.subarray(HEADER));
    }
  }

  /** Bytes of an unfinished frame held. */
  get pending(): number {
    return this.buffered;
  }

  private peek(n: number): Buffer {
    if (this.parts[0]!.length < n) this.parts = [Buffer.concat(this.parts)];
    return this.parts[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    if (this.parts[0]!.length < n) this.parts = [Buffer.concat(this.parts)];
    const first = this.parts[0]!;
    const out = first.subarray(0, n);
    if (first.length === n) this.parts.shift();
    else this.parts[0] = first.subarray(n);
    this.buffered -= n;
    return out;
  }
}

/** A line longer than this is cut: one runaway line cannot hold memory. */
export const MAX_LINE_BYTES = 256 * 1024;

/**
 * Bytes → lines, split at '\n', decoded only once a line is whole (so a
 * UTF-8 character split across chunks survives). A trailing '\r' (TTY
 * output) is dropped.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private length = 0;

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) break;
      this.add(chunk.subarray(start, nl));
      this.emit();
      start = nl + 1;
    }
    if (start < chunk.length) this.add(chunk.subarray(start));
  }

  /** Emits what is held as a last line (the stream ended without a newline). */
  end(): void {
    if (this.length > 0) this.emit();
  }

  private add(bytes: Buffer): void {
    let rest = bytes;
    while (this.length + rest.length > MAX_LINE_BYTES) {
      const room = MAX_LINE_BYTES - this.length;
      this.parts.push(rest.subarray(0, room));
      this.length += room;
      this.emit();
      rest = rest.subarray(room);
    }
    if (rest.length > 0) {
      this.parts.push(rest);
      this.length += rest.length;
    }
  }

  private emit(): void {
    let text = (this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts)).toString('utf8');
    this.parts = [];
    this.length = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.onLine(text);
  }
}

export interface Timestamped {
  /** The timestamp as the engine printed it. */
  time: string;
  /** Sortable form: zero-padded unix seconds, '.', nine digits of nanoseconds. */
  key: string;
  /** Whole unix seconds. */
  seconds: number;
  text: string;
}

// Docker prints RFC 3339 with nine fraction digits; Podman whole seconds. Either may carry an offset.
const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

// The last second read: a flood's lines share it, and Date.parse was most of the time spent on a line.
let lastSecond = '';
let lastSeconds = 0;
let lastPadded = '';

/** Splits the engine's "<RFC 3339 time> " prefix off a line; null when the line has none. */
export function splitTimestamp(line: string): Timestamped | null {
  const m = TIMESTAMP.exec(line);
  if (!m) return null;
  const second = `${m[1]}${m[3]}`;
  if (second !== lastSecond) {
    const ms = Date.parse(second);
    if (Number.isNaN(ms)) return null;
    lastSecond = second;
    lastSeconds = Math.floor(ms / 1000);
    lastPadded = String(lastSeconds).padStart(12, '0');
  }
  const key = `${lastPadded}.${(m[2] ?? '').padEnd(9, '0')}`;
  return { time: line.slice(0, m[0].length - 1), key, seconds: lastSeconds, text: line.slice(m[0].length) };
}

/**
 * Where a followed log has got to, so a stream reopened after a restart
 * (asked for lines since the second of the newest line seen) skips what was
 * already sent. Lines sharing the newest timestamp are counted: the engine's
 * `since` is inclusive, and Podman's timestamps are whole seconds.
 */
export class ResumeCursor {
  private maxKey: string | undefined;
  private atMax = 0;
  private maxSeconds: number | undefined;
  private skipKey: string | undefined;
  private skipLeft = 0;

  /** Call before reading a reopened stream. */
  beginResume(): void {
    this.skipKey = this.maxKey;
    this.skipLeft = this.atMax;
  }

  /** True when the line is new; records it. */
  accept(key: string, seconds: number): boolean {
    if (this.skipKey !== undefined) {
      // Everything up to the newest line seen was sent before; the first newer line starts the new part.
      if (key < this.skipKey) return false;
      if (key === this.skipKey && this.skipLeft > 0) {
        this.skipLeft--;
        return false;
      }
      this.skipKey = undefined;
    }
    if (this.maxKey === undefined || key > this.maxKey) {
      this.maxKey = key;
      this.atMax = 1;
      this.maxSeconds = seconds;
    } else if (key === this.maxKey) this.atMax++;
    return true;
  }

  /** The `since` to reopen with: the second of the newest line seen, if any. */
  get resumeSince(): number | undefined {
    return this.maxSeconds;
  }
}
