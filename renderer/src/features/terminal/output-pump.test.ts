import { describe, expect, it } from 'vitest';
import { createOutputPump, FLOOD_GATHER_MS, HOLD_RECHECK_MS, PIECE_CHARS, PIECE_MS } from './output-pump';

/**
 * An xterm that parses when the test says so, at `rate` bytes per ms of a fake clock. The pump carries bytes;
 * the tests speak ASCII text (one byte a character): `push` encodes it, `written` holds each piece decoded.
 */
function setup(options: { budget?: number; rate?: number; lag?: number } = {}) {
  let now = 0;
  let budget = options.budget ?? PIECE_MS.bulk;
  const rate = options.rate ?? 30_000;
  /** Ms between handing a piece over and xterm parsing it (a frame drawn in between). */
  let lag = options.lag ?? 0;
  const written: string[] = [];
  const bytes: Uint8Array[] = [];
  const parsing: Array<{ data: Uint8Array; done: () => void }> = [];
  const acks: number[] = [];
  const microtasks: Array<() => void> = [];
  const timers: Array<{ at: number; fn: () => void }> = [];
  const pump = createOutputPump({
    write: (data, done) => {
      written.push(new TextDecoder().decode(data));
      bytes.push(data);
      parsing.push({ data, done });
    },
    ack: (bytes) => acks.push(bytes),
    budgetMs: () => budget,
    now: () => now,
    queueMicrotask: (fn) => microtasks.push(fn),
    setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }),
  });
  /** xterm parses what it was handed, in one task; then the task's microtasks run. */
  const parseAll = () => {
    while (parsing.length > 0) {
      const { data, done } = parsing.shift()!;
      now += lag + data.length / rate;
      done();
    }
    for (const fn of microtasks.splice(0)) fn();
  };
  return {
    pump: {
      push: (data: string | Uint8Array) => pump.push(typeof data === 'string' ? new TextEncoder().encode(data) : data),
      flush: () => pump.flush(),
      get queued() {
        return pump.queued;
      },
    },
    written,
    bytes,
    acks,
    parseAll,
    inXterm: () => parsing.length,
    advance: (ms: number) => {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    },
    setBudget: (ms: number) => {
      budget = ms;
    },
    setLag: (ms: number) => {
      lag = ms;
    },
  };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
/** `n` letters of the alphabet over and over, starting `seed` letters in. */
const text = (n: number, seed = 0) => ALPHABET.repeat(Math.ceil(n / 26) + 1).slice(seed % 26, (seed % 26) + n);

describe('output pump', () => {
  it('hands xterm everything in order, one piece at a time, and acknowledges all of it', () => {
    const t = setup();
    const chunks = Array.from({ length: 40 }, (_, i) => text(50_000 + i * 997, i));
    for (const c of chunks) t.pump.push(c);
    expect(t.inXterm()).toBe(1);
    t.parseAll();
    // The flood's last, shorter piece waits a moment for more output.
    t.advance(FLOOD_GATHER_MS);
    t.parseAll();
    expect(t.written.join('')).toBe(chunks.join(''));
    expect(t.acks.reduce((a, b) => a + b, 0)).toBe(chunks.join('').length);
    expect(t.pump.queued).toBe(0);
  });

  it('acknowledges once per task however many pieces xterm parsed in it', () => {
    const t = setup({ budget: PIECE_MS.interactive });
    for (let i = 0; i < 10; i++) t.pump.push(text(100_000, i));
    t.parseAll();
    expect(t.written.length).toBeGreaterThan(1);
    expect(t.acks).toEqual([1_000_000]);
  });

  it('writes a lone keystroke echo at once, not after a timer', () => {
    const t = setup({ budget: PIECE_MS.interactive });
    t.pump.push('a');
    expect(t.written).toEqual(['a']);
  });

  it('sizes pieces by parse speed: long while on screen and idle, short after a key', () => {
    const t = setup({ rate: 30_000 });
    // Learn the speed on a few pieces.
    for (let i = 0; i < 20; i++) t.pump.push(text(200_000, i));
    t.parseAll();
    t.written.length = 0;
    for (let i = 0; i < 20; i++) t.pump.push(text(200_000, i));
    t.parseAll();
    const bulk = Math.max(...t.written.map((w) => w.length));
    expect(bulk).toBe(PIECE_CHARS.max);

    t.setBudget(PIECE_MS.interactive);
    t.written.length = 0;
    for (let i = 0; i < 20; i++) t.pump.push(text(200_000, i));
    t.parseAll();
    const short = Math.max(...t.written.map((w) => w.length));
    // About 4 ms of parsing at 30,000 characters per ms.
    expect(short).toBeGreaterThan(60_000);
    expect(short).toBeLessThan(180_000);
  });

  it('short pieces whose parse waited for a frame (while typing) do not teach it a slow speed', () => {
    const t = setup({ rate: 30_000 });
    for (let i = 0; i < 20; i++) t.pump.push(text(200_000, i));
    t.parseAll();
    // Typing during a flood: 4 ms pieces, each parsed after a 16 ms frame.
    t.setBudget(PIECE_MS.interactive);
    t.setLag(16);
    for (let i = 0; i < 100; i++) {
      t.pump.push(text(50_000, i));
      t.parseAll();
    }
    // Back to the flood: pieces are as long as before, not a few KB.
    t.setBudget(PIECE_MS.bulk);
    t.setLag(0);
    t.written.length = 0;
    for (let i = 0; i < 40; i++) t.pump.push(text(200_000, i));
    t.parseAll();
    expect(Math.max(...t.written.map((w) => w.length))).toBeGreaterThan(PIECE_CHARS.max / 2);
  });

  it('out of view while a key was pressed lately, holds output unacknowledged, then goes on', () => {
    const t = setup({ budget: PIECE_MS.hold });
    t.pump.push('held ');
    t.pump.push('output');
    t.advance(HOLD_RECHECK_MS);
    t.parseAll();
    expect(t.written).toEqual([]);
    expect(t.acks).toEqual([]);
    t.setBudget(PIECE_MS.interactive);
    t.advance(HOLD_RECHECK_MS);
    t.parseAll();
    expect(t.written.join('')).toBe('held output');
    expect(t.acks).toEqual([11]);
  });

  it('after the subscription ends, hands xterm what is still queued, unacknowledged', () => {
    const t = setup();
    t.pump.push(text(600_000));
    t.pump.push('the end');
    expect(t.pump.queued).toBeGreaterThan(0);
    t.pump.flush();
    t.pump.push('too late');
    t.parseAll();
    expect(t.written.join('')).toBe(`${text(600_000)}the end`);
    // The runtime forgot that subscription: nothing is acknowledged to it any more.
    expect(t.acks).toEqual([]);
  });

  it('during a flood, a short piece waits for more output, at most FLOOD_GATHER_MS after the last one', () => {
    const t = setup({ rate: 30_000 });
    // A flood that arrives slower than xterm parses: 200 KB messages, each parsed in under 7 ms.
    t.pump.push(text(200_000));
    t.parseAll();
    expect(t.written.length).toBe(1);
    // The next messages wait to be handed over as one piece, so xterm draws one frame for them.
    t.pump.push(text(200_000, 1));
    t.pump.push(text(200_000, 2));
    t.parseAll();
    expect(t.written.length).toBe(1);
    expect(t.acks).toEqual([200_000]);
    t.advance(FLOOD_GATHER_MS);
    expect(t.written).toHaveLength(2);
    expect(t.written[1]).toBe(text(200_000, 1) + text(200_000, 2));
    t.parseAll();
    expect(t.pump.queued).toBe(0);
    expect(t.acks).toEqual([200_000, 400_000]);
  });

  it('a full piece, a key pressed, or output after a short piece never waits', () => {
    const t = setup({ rate: 30_000 });
    t.pump.push(text(200_000));
    t.parseAll();
    // A full piece (100 ms of parsing: 2 MB at most) goes at once.
    t.pump.push(text(PIECE_CHARS.max, 1));
    expect(t.written.at(-1)).toBe(text(PIECE_CHARS.max, 1).slice(0, t.written.at(-1)!.length));
    t.parseAll();
    t.advance(FLOOD_GATHER_MS);
    t.parseAll();
    // Waiting after a long piece; a key is pressed: what waits goes now, in short pieces.
    t.pump.push(text(200_000, 2));
    t.parseAll();
    const before = t.written.length;
    t.pump.push('x');
    t.parseAll();
    expect(t.written.length).toBe(before);
    t.setBudget(PIECE_MS.interactive);
    t.pump.push('y');
    expect(t.written.length).toBe(before + 1);
    t.parseAll();
    expect(t.pump.queued).toBe(0);
    // A short piece (an echo) is followed by the next output at once, whatever the budget.
    t.setBudget(PIECE_MS.bulk);
    t.pump.push('prompt$ ');
    expect(t.written.at(-1)).toBe('prompt$ ');
  });

  it('hands xterm the bytes as they came, a character split between two messages included', () => {
    const t = setup({ budget: PIECE_MS.interactive });
    const utf8 = new TextEncoder().encode('한글 ✓ 😀 done');
    // The runtime splits output anywhere, also inside a character: xterm decodes across writes.
    t.pump.push(utf8.subarray(0, 2));
    t.parseAll();
    t.pump.push(utf8.subarray(2, 9));
    t.pump.push(utf8.subarray(9));
    t.parseAll();
    const all = new Uint8Array(t.bytes.reduce((n, b) => n + b.length, 0));
    t.bytes.reduce((at, b) => (all.set(b, at), at + b.length), 0);
    expect(all).toEqual(utf8);
    expect(t.acks.reduce((a, b) => a + b, 0)).toBe(utf8.length);
  });

  it('hands over a piece of one message as a view of it, without copying', () => {
    const t = setup({ budget: PIECE_MS.interactive });
    const message = new TextEncoder().encode(text(1_000_000));
    t.pump.push(message);
    t.parseAll();
    expect(t.bytes.length).toBeGreaterThan(1);
    expect(t.bytes.every((b) => b.buffer === message.buffer)).toBe(true);
  });
});
