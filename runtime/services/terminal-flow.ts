// The output path of one terminal, without I/O. While the terminal is idle
// (the renderer drew everything sent, or nothing went out for a batch
// interval) output goes at once, so a keystroke's echo never waits for a
// timer. Under load it is batched before it crosses the transport (like
// Hyper's DataBatcher: ~16 ms or 1 MB), also while the renderer keeps up
// with a flood (a big batch went out less than a batch interval ago): sent
// chunk by chunk as the engine reads them (32 KB or less), a flood cost as
// many messages, acknowledgements and wake-ups of every process on the way,
// and the renderer idled a third of the time. The engine stream is paused
// while more than the high watermark is unacknowledged, resumed below the
// low one. "Bytes" here are string lengths of the data events: the unit the
// renderer can count when xterm's write callback fires.

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
  // During a flood the renderer parses output in pieces of up to 100 ms
  // (output-pump.ts: 2 to 3 MB at this machine's speed) and acknowledges each
  // once parsed: the window holds the next piece while it parses one, so a
  // flood never waits on the round trip of an acknowledgement, and batches of
  // up to 1 MB fill it in few messages. A smaller one (500 KB) left the
  // renderer idle a third of the time.
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
