// The output path of one terminal, without I/O.
// - Idle (the renderer drew everything sent, or nothing went out for a batch
//   interval): output goes at once, so an echo never waits for a timer.
// - Under load, or during a flood (a big batch went out less than a batch
//   interval ago): output is batched before it crosses the transport (~16 ms or 1 MB, like Hyper's
//   DataBatcher).
// - The engine stream is paused above the high watermark of unacknowledged
//   output and resumed below the low one.
// "Bytes" are string lengths: what the renderer counts when xterm's write
// callback fires. Why these sizes: docs/benchmarks.md, "Where the terminal's
// time went".

export interface FlowTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

export interface FlowOptions {
  /** Hands one batch to the subscriber. */
  send(data: string): void;
  /** Stop reading from the engine stream. */
  pause(): void;
  resume(): void;
  timers?: FlowTimers;
  batchMs?: number;
  batchBytes?: number;
  highWatermark?: number;
  lowWatermark?: number;
}

export const FLOW_DEFAULTS = {
  batchMs: 16,
  batchBytes: 1_000_000,
  // The window holds the next piece the renderer parses (output-pump.ts)
  // while it parses one, so a flood never waits on an acknowledgement.
  // Sizes measured: docs/benchmarks.md.
  highWatermark: 4_000_000,
  lowWatermark: 2_000_000,
} as const;

export interface FlowController {
  /** Output from the engine, already decoded. */
  push(text: string): void;
  /** The renderer drew this much. */
  ack(bytes: number): void;
  /** A subscriber is there (true) or went away (false). Output waits, bounded, while nobody listens. */
  setAttached(attached: boolean): void;
  /** Sends what is batched now (before an exit event). */
  flush(): void;
  /** Output buffered here plus output sent and not yet acknowledged. */
  readonly unacked: number;
  readonly paused: boolean;
  dispose(): void;
}

/** A batch at least this big says the terminal is streaming, not echoing. */
const STREAMING_BYTES = 16 * 1024;

const realTimers: FlowTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export function createFlowController(options: FlowOptions): FlowController {
  const timers = options.timers ?? realTimers;
  const batchMs = options.batchMs ?? FLOW_DEFAULTS.batchMs;
  const batchBytes = options.batchBytes ?? FLOW_DEFAULTS.batchBytes;
  const high = options.highWatermark ?? FLOW_DEFAULTS.highWatermark;
  const low = options.lowWatermark ?? FLOW_DEFAULTS.lowWatermark;

  let batch: string[] = [];
  let batched = 0;
  let inFlight = 0;
  let attached = false;
  let paused = false;
  let timer: unknown;
  let disposed = false;
  let lastSend = Number.NEGATIVE_INFINITY;
  let lastSize = 0;

  const total = () => batched + inFlight;
  /** A big batch went out within the batch interval: a flood, which waits for the timer or a full batch. */
  const streaming = () => lastSize >= STREAMING_BYTES && timers.now() - lastSend < batchMs;

  const check = () => {
    if (disposed) return;
    if (!paused && total() > high) {
      paused = true;
      options.pause();
    } else if (paused && total() < low) {
      paused = false;
      options.resume();
    }
  };

  const flush = () => {
    if (timer !== undefined) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    if (!attached || batched === 0 || disposed) return;
    const data = batch.length === 1 ? batch[0]! : batch.join('');
    batch = [];
    inFlight += batched;
    batched = 0;
    lastSend = timers.now();
    lastSize = data.length;
    options.send(data);
  };

  return {
    push(text) {
      if (disposed || text === '') return;
      batch.push(text);
      batched += text.length;
      if (batched >= batchBytes) flush();
      else if (timer === undefined && attached) {
        // Idle, or nothing went out for a batch interval: send now.
        const sinceLast = timers.now() - lastSend;
        if ((inFlight === 0 && !streaming()) || sinceLast >= batchMs) flush();
        else timer = timers.setTimeout(flush, batchMs - sinceLast);
      }
      check();
    },
    ack(bytes) {
      inFlight = Math.max(0, inFlight - bytes);
      // Caught up: what waits for the timer goes now, unless a flood is on.
      if (batched > 0 && inFlight === 0 && !streaming()) flush();
      check();
    },
    setAttached(next) {
      attached = next;
      // A new subscriber starts with nothing in flight: what the old one was
      // sent and never acknowledged is gone with it.
      if (next) {
        inFlight = 0;
        flush();
      } else if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
      check();
    },
    flush,
    get unacked() {
      return total();
    },
    get paused() {
      return paused;
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      batch = [];
      batched = 0;
    },
  };
}

/**
 * Decodes a byte stream as UTF-8, keeping a multi-byte character that is split
 * across chunks until its last byte arrives.
 */
export function createUtf8Decoder(): { write(chunk: Uint8Array): string; end(): string } {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}

/**
 * A session's most recent output, at most `limit` characters, to redraw a new
 * screen (a reloaded page). `text()` starts at a line start, so a replay does
 * not begin inside an escape sequence.
 */
export function createReplayBuffer(limit: number): { add(data: string): void; text(): string } {
  const recent: string[] = [];
  let length = 0;
  return {
    add(data) {
      recent.push(data.length > limit ? data.slice(-limit) : data);
      length += Math.min(data.length, limit);
      while (length - recent[0]!.length >= limit) length -= recent.shift()!.length;
    },
    text() {
      const all = recent.join('');
      const cut = all.length > limit ? all.indexOf('\n', all.length - limit) + 1 : 0;
      return all.slice(cut);
    },
  };
}
