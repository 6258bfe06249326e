// Pure readers of the engine's JSON progress streams: pull/push messages →
// per-layer progress and an overall sum; classic-builder log lines → steps
// with whether each came from the cache. No Node imports.
import type { BuildStep } from '../build/types';
import type { LayerProgress, OverallProgress } from './types';
import type { PlainError } from '../../api/types';

/** One message of a pull, push, build or load stream, as the engine sends it. */
export interface ProgressMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  stream?: string;
  aux?: { ID?: string; Digest?: string; Tag?: string; Size?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

const DONE = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from|Download complete)/;
const FINAL = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from)/;

export class TransferTracker {
  private readonly layers = new Map<string, LayerProgress>();

  /** A layer's new state, or undefined for a message about the whole image. */
  update(message: ProgressMessage): LayerProgress | undefined {
    const { id, status } = message;
    // Layer ids are hex (12+); "latest" or a tag as id is about the image.
    if (id === undefined || status === undefined || !/^[0-9a-f]{12,}$/.test(id)) return undefined;
    const layer = this.layers.get(id) ?? { id, status, done: false };
    layer.status = status;
    const detail = message.progressDetail;
    // Extracting re-counts the same bytes: only the transfer phase sets the sizes.
    if (detail?.total !== undefined && detail.total > 0 && /^(Downloading|Pushing)/.test(status)) {
      layer.total = detail.total;
      layer.current = Math.min(detail.current ?? 0, detail.total);
    }
    // The engine passes on only its latest progress to a slow reader, so a small or fast layer's
    // Downloading lines can all be skipped: its Extracting total is the same size, and all of it came.
    else if (
      detail?.total !== undefined &&
      detail.total > 0 &&
      status.startsWith('Extracting') &&
      layer.total === undefined
    ) {
      layer.total = detail.total;
      layer.current = detail.total;
    }
    if (DONE.test(status) && layer.total !== undefined) layer.current = layer.total;
    if (FINAL.test(status)) layer.done = true;
    this.layers.set(id, layer);
    return { ...layer };
  }

  overall(): OverallProgress {
    let current = 0;
    let total = 0;
    let layersDone = 0;
    for (const layer of this.layers.values()) {
      if (layer.total !== undefined) {
        total += layer.total;
        current += layer.current ?? 0;
      }
      if (layer.done) layersDone++;
    }
    return { current, total, layersDone, layers: this.layers.size };
  }
}

export type TransferFailure = PlainError & { code: 'not-found' | 'forbidden' | 'unavailable' | 'engine' };

/** A registry error in plain words: not found, unauthorized, or the network. */
export function explainTransferError(raw: string, image: string, direction: 'pull' | 'push'): TransferFailure {
  const reason = raw.trim();
  const params = { image, reason };
  if (
    /unauthorized|authentication required|no basic auth credentials|denied: requested access|incorrect username or password/i.test(
      reason,
    )
  ) {
    return {
      code: 'forbidden',
      message: `The registry refused ${direction === 'pull' ? 'to send' : 'to take'} ${image}: not logged in, or not allowed.`,
      hint: 'Log in to the registry with an account that may use this repository.',
      key: 'images.unauthorized',
      params,
    };
  }
  if (
    /manifest unknown|not found|does not exist|repository name not known|pull access denied|name unknown/i.test(reason)
  ) {
    return {
      code: 'not-found',
      message: `The registry has no image ${image}.`,
      hint: 'Check the name and the tag; a private image also needs a login.',
      key: 'images.notFound',
      params,
    };
  }
  if (
    /connection refused|no such host|i\/o timeout|dial tcp|network is unreachable|TLS handshake|server gave HTTP response|EOF|timeout/i.test(
      reason,
    )
  ) {
    return {
      code: 'unavailable',
      message: `The registry for ${image} cannot be reached.`,
      hint: 'Check the registry address and the network; a registry without HTTPS must be allowed as insecure in the engine.',
      key: 'images.network',
      params,
    };
  }
  return { code: 'engine', message: reason, params };
}

// Podman prefixes each step of a multi-stage build with its stage: "[1/2] STEP 2/3: RUN …".
const STEP = /^(?:\[(\d+)\/(\d+)\] )?(?:Step|STEP) (\d+)\/(\d+) ?: ?(.*)$/;
const CACHE = /^\s*-{2,3}> Using cache/;
const BUILDER_LINE =
  /^\s*-{2,3}>|^Removing intermediate container|^Successfully (built|tagged)|^(\[\d+\/\d+\] )?COMMIT|^Sending build context/;

/** Follows a classic builder's log (Docker "Step 1/5 : …", Podman "STEP 1/5: …" or "[1/2] STEP 1/5: …"). */
export class BuildLogReader {
  readonly steps: BuildStep[] = [];
  private partial = '';

  /** Feeds a chunk of `stream` text; returns the complete lines and the steps they changed. */
  feed(text: string): { lines: string[]; changed: BuildStep[] } {
    const all = (this.partial + text).split('\n');
    this.partial = all.pop() ?? '';
    return this.read(all);
  }

  /** What is left after the stream ended. */
  flush(): { lines: string[]; changed: BuildStep[] } {
    const rest = this.partial;
    this.partial = '';
    return this.read(rest === '' ? [] : [rest]);
  }

  current(): BuildStep | undefined {
    return this.steps[this.steps.length - 1];
  }

  private read(lines: string[]): { lines: string[]; changed: BuildStep[] } {
    const changed: BuildStep[] = [];
    const out: string[] = [];
    for (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      out.push(line);
      const step = STEP.exec(line);
      if (step !== null) {
        const [, stage, stages, n, m, instruction] = step;
        // Stage by stage the numbers start again: such steps are numbered in the order they came.
        const s: BuildStep = {
          index: stage === undefined ? Number(n) : this.steps.length + 1,
          total: Number(m),
          instruction: instruction!.trim(),
          cached: false,
          output: [],
          ...(stage !== undefined ? { stage, label: `[${stage}/${stages}] ${n}/${m}` } : {}),
        };
        this.steps.push(s);
        changed.push(s);
        continue;
      }
      const cur = this.current();
      if (cur === undefined) continue;
      if (CACHE.test(line)) {
        cur.cached = true;
        changed.push(cur);
      } else if (!BUILDER_LINE.test(line) && line.trim() !== '') {
        cur.output.push(line);
      }
    }
    return { lines: out, changed: changed.map((s) => ({ ...s, output: [...s.output] })) };
  }
}
