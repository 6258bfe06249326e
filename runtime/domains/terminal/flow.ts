// The output path of one terminal, without I/O.
// - Idle (the renderer drew everything sent, or nothing went out for a batch
//   interval): output goes at once, so an echo never waits for a timer.
// - Under load, or during a flood (a big batch went out less than a batch
//   interval ago): output is batched before it crosses the transport (~16 ms or 1 MB, like Hyper's
//   DataBatcher).
// - The engine stream is paused above the high watermark of unacknowledged
//   output and resumed below the low one.
// Output stays bytes from the engine to xterm, which decodes UTF-8 itself
// (also a character split between two batches): no decoding, JSON or string
// copies on the way, and a batch crosses the WebSocket as one binary frame
// (runtime/api/protocol.ts). "Bytes" are what the renderer acknowledges once
// xterm's write callback fires. Why these sizes: docs/benchmarks.md, "Where
// the terminal's time went".

export interface FlowTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
}

export interface FlowOptions {
  /** Hands one batch to the subscriber: an array of its own (never a view into a larger buffer). */
  send(data: Uint8Array): void;
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
  /** Output from the engine, as it came. */
  push(chunk: Uint8Array): void;
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

  let batch: Uint8Array[] = [];
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
    const data = joinOwned(batch, batched);
    batch = [];
    inFlight += batched;
    batched = 0;
    lastSend = timers.now();
    lastSize = data.length;
    options.send(data);
  };

  return {
    push(chunk) {
      if (disposed || chunk.length === 0) return;
      batch.push(chunk);
      batched += chunk.length;
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
 * The chunks as one array that owns its memory. Node's small buffers are
 * views into a shared pool; a view sent over Electron's IPC would carry the
 * whole pool with it.
 */
export function joinOwned(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const only = chunks.length === 1 ? chunks[0]! : undefined;
  if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) return only;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * A session's most recent output, at most `limit` bytes, to redraw a new
 * screen (a reloaded page), decoded as UTF-8 when asked for. `text()` starts
 * at a line start, so a replay does not begin inside an escape sequence or a
 * character.
 */
export function createReplayBuffer(limit: number): { add(data: Uint8Array): void; text(): string } {
  const recent: Uint8Array[] = [];
  let length = 0;
  return {
    add(data) {
      recent.push(data.length > limit ? data.subarray(data.length - limit) : data);
      length += Math.min(data.length, limit);
      while (length - recent[0]!.length >= limit) length -= recent.shift()!.length;
    },
    text() {
      const all = Buffer.concat(recent);
      const cut = all.length > limit ? all.indexOf(0x0a, all.length - limit) + 1 : 0;
      return all.toString('utf8', cut);
    },
  };
}
