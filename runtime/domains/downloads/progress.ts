// What the runtime knows of each download it serves: bytes sent, the size
// when known (exact, or estimated for folders), speed, and how it ended.
// Watchers hear a change at most every `intervalMs` (and at once when the
// phase changes), so a fast stream does not flood the page.
import type { DownloadPhase, DownloadProgress } from './contract';
import { type ApiErrorBody } from '../../api/errors';
import { toApiError } from '../../transport/to-api-error';

export interface ProgressOptions {
  now?: () => number;
  /** Least time between two updates to watchers while running. */
  intervalMs?: number;
  /** How long an ended download can still be watched. */
  keepMs?: number;
}

export interface Progress {
  readonly id: string;
  snapshot(): DownloadProgress;
  readonly phase: DownloadPhase;
  /** Streaming began; `total` when the exact size is known. */
  start(total?: number): void;
  /** The folder's estimated archive size arrived. */
  estimated(total: number): void;
  /** Bytes passed on so far (counted from the first, even those buffered before streaming began). */
  sentTo(bytes: number): void;
  /** How much of the estimated source was read so far (a zip's tar; otherwise what was sent). */
  readTo(bytes: number): void;
  /** Ends it; the first end wins. `'wharf'`/`'client'`: cancelled by Cancel in Wharf or by the receiver going away. */
  end(
    outcome: { phase: 'done' } | { phase: 'failed'; error: unknown } | { phase: 'cancelled'; by: 'wharf' | 'client' },
  ): void;
  /** What Cancel does while it runs (stops the stream); set by whoever streams it. */
  onCancel(stop: () => void): void;
  /** Cancel in Wharf: ends it as cancelled and stops the stream. False when it had ended already. */
  cancel(): boolean;
  watch(listener: (p: DownloadProgress) => void): () => void;
}

export interface ProgressRegistry {
  create(id: string, name: string): Progress;
  get(id: string): Progress | undefined;
}

/** Speed over the last couple of seconds: samples older than the window drop out. */
const WINDOW_MS = 2_000;

export function createProgressRegistry(options: ProgressOptions = {}): ProgressRegistry {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? 250;
  const keepMs = options.keepMs ?? 10 * 60_000;
  const all = new Map<string, Progress>();

  function create(id: string, name: string): Progress {
    let phase: DownloadPhase = 'waiting';
    let sent = 0;
    let total: number | undefined;
    let estimate: { total: number; read: number } | undefined;
    let read = 0;
    let error: ApiErrorBody | undefined;
    let cancelledBy: 'wharf' | 'client' | undefined;
    let startedAt = 0;
    let endedAt = 0;
    let stop: (() => void) | undefined;
    const samples: { at: number; sent: number }[] = [];
    const listeners = new Set<(p: DownloadProgress) => void>();
    let lastEmit = -Infinity;
    let timer: NodeJS.Timeout | undefined;

    const speed = (): number => {
      if (phase === 'waiting') return 0;
      if (phase !== 'running') {
        const seconds = (endedAt - startedAt) / 1000;
        return seconds > 0 ? Math.round(sent / seconds) : 0;
      }
      const first = samples[0];
      const last = samples.at(-1);
      if (!first || !last || last.at === first.at) return 0;
      return Math.round(((last.sent - first.sent) * 1000) / (last.at - first.at));
    };

    const snapshot = (): DownloadProgress => ({
      id,
      name,
      phase,
      sent,
      ...(total !== undefined ? { total } : {}),
      ...(estimate !== undefined ? { estimate: { total: estimate.total, read: Math.min(read, estimate.total) } } : {}),
      bytesPerSecond: speed(),
      ...(error !== undefined ? { error } : {}),
      ...(cancelledBy !== undefined ? { cancelledBy } : {}),
    });

    const emitNow = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      lastEmit = now();
      const p = snapshot();
      for (const listener of [...listeners]) listener(p);
    };
    // While running: at most one update per interval, the last change never lost.
    const emitSoon = () => {
      if (timer !== undefined) return;
      const wait = lastEmit + intervalMs - now();
      if (wait <= 0) return emitNow();
      timer = setTimeout(emitNow, wait);
      timer.unref();
    };

    const sample = () => {
      const at = now();
      samples.push({ at, sent });
      while (samples.length > 2 && (samples[1]?.at ?? at) <= at - WINDOW_MS) samples.shift();
    };

    const progress: Progress = {
      id,
      get phase() {
        return phase;
      },
      snapshot,
      start(size) {
        if (phase !== 'waiting') return;
        phase = 'running';
        startedAt = now();
        if (size !== undefined) total = size;
        samples.length = 0;
        sample();
        emitNow();
      },
      estimated(size) {
        estimate = { total: size, read: 0 };
        // It may come after a small folder was sent whole: then all of it was read.
        if (phase === 'done') read = size;
        if (phase === 'running') emitSoon();
        else emitNow();
      },
      sentTo(bytes) {
        if (phase !== 'running' && phase !== 'waiting') return;
        sent = bytes;
        if (phase !== 'running') return;
        sample();
        emitSoon();
      },
      readTo(bytes) {
        read = bytes;
      },
      end(outcome) {
        if (phase === 'done' || phase === 'failed' || phase === 'cancelled') return;
        if (phase === 'waiting') startedAt = now();
        phase = outcome.phase;
        endedAt = now();
        if (outcome.phase === 'failed') error = toApiError(outcome.error).toBody();
        if (outcome.phase === 'cancelled') cancelledBy = outcome.by;
        if (outcome.phase === 'done' && estimate !== undefined) read = estimate.total;
        stop = undefined;
        emitNow();
        const forget = setTimeout(() => {
          if (all.get(id) === progress) all.delete(id);
          listeners.clear();
        }, keepMs);
        forget.unref();
      },
      onCancel(fn) {
        stop = fn;
      },
      cancel() {
        if (phase !== 'waiting' && phase !== 'running') return false;
        const halt = stop;
        progress.end({ phase: 'cancelled', by: 'wharf' });
        halt?.();
        return true;
      },
      watch(listener) {
        listeners.add(listener);
        listener(snapshot());
        return () => listeners.delete(listener);
      },
    };
    all.set(id, progress);
    return progress;
  }

  return { create, get: (id) => all.get(id) };
}
