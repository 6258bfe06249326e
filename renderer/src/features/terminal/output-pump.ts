// How a terminal's output reaches xterm.js. xterm parses in slices of about
// 12 ms and lets the page draw in between; with the DOM renderer a frame costs
// as much as a slice. So the pump hands xterm one piece at a time, sized by
// how fast xterm has been parsing:
// - long pieces (fewer frames) while the terminal is on screen and nobody types;
//   during a flood a short piece waits a moment for more output (FLOOD_GATHER_MS);
// - short ones once a key is pressed anywhere or the terminal is out of view,
//   so an echo never waits behind a long piece;
// - none for a terminal out of view while a key was pressed lately (held
//   output is not acknowledged, so the runtime pauses that stream).
// The next piece is handed over in the last one's write callback; each piece
// is acknowledged once parsed, at most once per task. Output is bytes, as the
// runtime sent them: xterm decodes UTF-8 itself, also a character split
// between two pieces.

export interface OutputPumpOptions {
  /** xterm's write: `done` runs once `data` is parsed. */
  write(data: Uint8Array, done: () => void): void;
  /** Tells the runtime this much output was parsed (flow control). */
  ack(bytes: number): void;
  /** Milliseconds one piece may take to parse now (see PIECE_MS); 0 holds output for now. */
  budgetMs(): number;
  now?: () => number;
  queueMicrotask?: (fn: () => void) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export const PIECE_MS = {
  /**
   * On screen, no key pressed lately: about 10 frames a second during a flood (each piece is one task,
   * and each task may end in a frame). A key pressed during a flood waits for the piece being parsed,
   * at most this long. Figures for 40 ms against 100 ms: docs/benchmarks.md.
   */
  bulk: 100,
  /** A key was just pressed, or the terminal is not on screen. */
  interactive: 4,
  /** Out of view while a key was pressed lately: wait. */
  hold: 0,
} as const;

/** While held, how often the pump asks again whether it may go on. */
export const HOLD_RECHECK_MS = 100;

/**
 * During a flood (the last piece was long) on screen, a piece shorter than the budget allows waits for more
 * output until this long after the last piece was handed over. Each piece ends in a frame, and a frame of
 * the app's page costs as much as parsing 100 to 200 KB: when the output arrives slower than xterm parses
 * it, handing over every message as it came drew three times the frames of xterm alone (docs/benchmarks.md).
 * A key pressed, or a short output (an echo, a prompt), never waits.
 */
export const FLOOD_GATHER_MS = 50;

/** Parse speed assumed before the first measurement, in bytes per ms (10 MB/s). */
const INITIAL_RATE = 10_000;
/** Pieces at least this long measure the parse speed. */
const LEARN_CHARS = 64 * 1024;
/** Bounds of one piece, in bytes. */
export const PIECE_CHARS = { min: 4 * 1024, max: 2 * 1024 * 1024 } as const;

export interface OutputPump {
  /** Output from the runtime, in order. */
  push(data: Uint8Array): void;
  /** Hands xterm everything still queued, unacknowledged (the subscription ended). */
  flush(): void;
  /** Bytes queued here, not yet handed to xterm. */
  readonly queued: number;
}

export function createOutputPump(options: OutputPumpOptions): OutputPump {
  const now = options.now ?? (() => performance.now());
  const microtask = options.queueMicrotask ?? ((fn: () => void) => queueMicrotask(fn));
  const later = options.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const queue: Uint8Array[] = [];
  let queued = 0;
  let writing = false;
  let held = false;
  let stopped = false;
  let rate = INITIAL_RATE;
  let pendingAck = 0;
  /** When the last piece was handed over, and whether it was a flood's (long) piece. */
  let lastStart = Number.NEGATIVE_INFINITY;
  let lastLong = false;
  let gathering = false;
  let gatherRound = 0;
  /** The length the gathering piece waits for. */
  let gatherFor = 0;

  const sendAck = () => {
    const n = pendingAck;
    pendingAck = 0;
    if (n > 0) options.ack(n);
  };

  /** The next `limit` bytes at most: a view of the first message when it holds them, else one copy. */
  const take = (limit: number): Uint8Array => {
    const size = Math.min(limit, queued);
    queued -= size;
    const head = queue[0]!;
    if (head.length >= size) {
      if (head.length === size) queue.shift();
      else queue[0] = head.subarray(size);
      return head.subarray(0, size);
    }
    const piece = new Uint8Array(size);
    for (let at = 0; at < size;) {
      const next = queue[0]!;
      const n = Math.min(next.length, size - at);
      piece.set(n === next.length ? next : next.subarray(0, n), at);
      at += n;
      if (n === next.length) queue.shift();
      else queue[0] = next.subarray(n);
    }
    return piece;
  };

  const next = () => {
    if (stopped || queue.length === 0) {
      writing = false;
      return;
    }
    const budget = options.budgetMs();
    if (budget <= 0) {
      writing = false;
      if (!held) {
        held = true;
        later(() => {
          held = false;
          if (!writing) next();
        }, HOLD_RECHECK_MS);
      }
      return;
    }
    const limit = Math.min(PIECE_CHARS.max, Math.max(PIECE_CHARS.min, Math.round(rate * budget)));
    const wait = lastStart + FLOOD_GATHER_MS - now();
    if (budget >= PIECE_MS.bulk && lastLong && queued < limit && wait > 0) {
      writing = false;
      gatherFor = limit;
      if (!gathering) {
        gathering = true;
        const mine = ++gatherRound;
        later(() => {
          if (mine !== gatherRound) return;
          gathering = false;
          if (!writing && !held) next();
        }, wait);
      }
      return;
    }
    writing = true;
    // What was gathered goes now: a timer still running for it has nothing left to do.
    gathering = false;
    gatherRound++;
    const piece = take(limit);
    const started = now();
    lastStart = started;
    lastLong = piece.length >= LEARN_CHARS;
    options.write(piece, () => {
      const took = now() - started;
      // Only a piece that took measurable time says how fast xterm parses.
      // `took` also holds whatever the page did between handing the piece over and xterm starting on it (a
      // frame, other tasks): only a long piece says how fast xterm parses, so short ones (while typing) never
      // teach it a slow speed, which would shrink every piece after them until a flood crawled. The fastest
      // recent piece is the best measure, a slower one only lowers it gradually.
      if (took >= 2 && piece.length >= LEARN_CHARS) rate = Math.max(rate * 0.9, piece.length / took);
      if (!stopped) {
        if (pendingAck === 0) microtask(sendAck);
        pendingAck += piece.length;
      }
      next();
    });
  };

  return {
    push(data) {
      if (stopped || data.length === 0) return;
      queue.push(data);
      queued += data.length;
      if (writing || held) return;
      // Gathering a flood's next piece: go once it is full, or at once after a key.
      if (!gathering || queued >= gatherFor || options.budgetMs() < PIECE_MS.bulk) next();
    },
    flush() {
      stopped = true;
      const rest = queued > 0 ? take(queued) : undefined;
      queue.length = 0;
      queued = 0;
      if (rest) options.write(rest, () => {});
    },
    get queued() {
      return queued;
    },
  };
}
