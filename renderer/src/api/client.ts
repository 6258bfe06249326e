// The renderer's one way to reach the runtime: typed requests and
// subscriptions over whatever Transport it is handed. It never knows whether
// that is Electron IPC or a WebSocket.
import type { EventOf, InputOf, OutputOf, RequestName, SubscriptionName } from '../../../runtime/api/contract';
import { ApiError } from '../../../runtime/api/errors';
import type { DownloadDescriptorInput } from '../../../runtime/domains/downloads/contract';
import type { ClientMessage, ServerMessage, Transport } from '../../../runtime/api/protocol';

export type ConnectionStatus = 'open' | 'closed';

export interface StartedDownload {
  id: string;
  name: string;
  command: string;
  saved?: Promise<boolean>;
}

export interface RequestOptions {
  /**
   * Aborting it cancels the request: the runtime is sent `cancel` (the
   * handler stops what it was doing) and the promise rejects at once with
   * code 'cancelled'.
   */
  signal?: AbortSignal | undefined;
}

export interface Client {
  request<K extends RequestName>(method: K, input: InputOf<K>, options?: RequestOptions): Promise<OutputOf<K>>;
  /** Returns a function that ends the subscription. */
  subscribe<K extends SubscriptionName>(
    topic: K,
    input: InputOf<K>,
    onEvent: (event: EventOf<K>) => void,
    onEnd?: (error?: ApiError) => void,
  ): () => void;
  /**
   * Downloads to disk without holding the bytes in the page: in a browser the
   * download manager streams a one-time address; in the desktop app the user
   * picks a file and the runtime writes it. Resolves once it is handed over
   * (the browser's download manager has the address, or the save dialog is
   * opening) with the id to watch ('downloads.watch') and cancel
   * ('downloads.abort') and the docker command it stands for. In the desktop
   * app `saved` settles when the file is written (true), the dialog was
   * cancelled (false), or it failed (rejects).
   */
  startDownload(descriptor: DownloadDescriptorInput, suggestedName: string): Promise<StartedDownload>;
  /**
   * Desktop app: a file dragged to the desktop. `prepare` registers the
   * download and has it written to a temporary file (the id, or undefined when
   * that failed); `start`, in the page's dragstart, begins the OS drag of it.
   * Undefined in a browser, where the drag carries the download's address.
   */
  readonly dragOut?: {
    prepare(descriptor: DownloadDescriptorInput, name: string): Promise<string | undefined>;
    start(id: string): void;
  };
  /** The connection to the runtime (not the engine). */
  readonly status: ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

interface Pending {
  resolve(data: unknown): void;
  reject(error: ApiError): void;
}

interface LiveSubscription {
  topic: string;
  input: unknown;
  onEvent(data: unknown): void;
  onEnd?: ((error?: ApiError) => void) | undefined;
  /** Id on the wire while the runtime knows this subscription. */
  wireId?: number | undefined;
}

const cancelled = (): ApiError => new ApiError({ code: 'cancelled', message: 'Cancelled.' });

const lostConnection = (): ApiError =>
  new ApiError({
    code: 'unavailable',
    message: 'Lost the connection to Wharf.',
    hint: 'Wharf reconnects on its own; try again in a moment.',
  });

export function createClient(transport: Transport): Client {
  let nextId = 1;
  // A transport without status (Electron IPC) is always open.
  let status: ConnectionStatus = 'open';
  const pending = new Map<number, Pending>();
  const live = new Set<LiveSubscription>();
  const byWireId = new Map<number, LiveSubscription>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();

  const send = (message: ClientMessage) => transport.send(message);

  const sendSubscribe = (sub: LiveSubscription) => {
    const id = nextId++;
    sub.wireId = id;
    byWireId.set(id, sub);
    send({ t: 'sub', id, topic: sub.topic, input: sub.input });
  };

  transport.onMessage((message: ServerMessage) => {
    if (message.t === 'res') {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.ok) p.resolve(message.data);
      else p.reject(new ApiError(message.error));
    } else if (message.t === 'evt') {
      byWireId.get(message.id)?.onEvent(message.data);
    } else {
      const sub = byWireId.get(message.id);
      if (!sub) return;
      byWireId.delete(message.id);
      live.delete(sub);
      sub.onEnd?.(message.error ? new ApiError(message.error) : undefined);
    }
  });

  transport.onStatus?.((next) => {
    if (next === status) return;
    status = next;
    if (next === 'closed') {
      // The runtime forgot this client: fail what is in flight, and keep the
      // subscriptions to send again once the connection is back.
      const failed = [...pending.values()];
      pending.clear();
      byWireId.clear();
      for (const sub of live) sub.wireId = undefined;
      for (const p of failed) p.reject(lostConnection());
    } else {
      for (const sub of live) if (sub.wireId === undefined) sendSubscribe(sub);
    }
    for (const listener of [...statusListeners]) listener(next);
  });

  const client: Client = {
    get status() {
      return status;
    },
    request(method, input, options) {
      const signal = options?.signal;
      if (signal?.aborted) return Promise.reject(cancelled());
      if (status === 'closed') return Promise.reject(lostConnection());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          if (!pending.delete(id)) return;
          if (status === 'open') send({ t: 'cancel', id });
          reject(cancelled());
        };
        pending.set(id, {
          resolve: (data) => {
            signal?.removeEventListener('abort', onAbort);
            (resolve as (data: unknown) => void)(data);
          },
          reject: (error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(error);
          },
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        send({ t: 'req', id, method, input });
      });
    },
    subscribe(topic, input, onEvent, onEnd) {
      const sub: LiveSubscription = {
        topic,
        input,
        onEvent: onEvent,
        onEnd,
      };
      live.add(sub);
      if (status === 'open') sendSubscribe(sub);
      return () => {
        if (!live.delete(sub)) return;
        if (sub.wireId !== undefined) {
          byWireId.delete(sub.wireId);
          if (status === 'open') send({ t: 'unsub', id: sub.wireId });
        }
      };
    },
    async startDownload(descriptor, suggestedName) {
      if (!transport.saveDownload && !transport.openDownload)
        throw new ApiError({ code: 'internal', message: 'This window cannot save downloads.' });
      const created = await client.request('downloads.create', descriptor);
      const started: StartedDownload = { id: created.id, name: created.name, command: created.command };
      if (transport.saveDownload) {
        started.saved = transport.saveDownload(created.id, suggestedName).then((outcome) => {
          if (outcome.saved) return true;
          if (outcome.error) throw new ApiError(outcome.error);
          return false;
        });
      } else {
        transport.openDownload?.(created.url, created.name);
      }
      return started;
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    ...(transport.prepareDragOut && transport.startDragOut
      ? {
          dragOut: {
            async prepare(descriptor: DownloadDescriptorInput, name: string) {
              const created = await client.request('downloads.create', descriptor);
              const outcome = await transport.prepareDragOut!(created.id, name);
              return outcome.prepared ? created.id : undefined;
            },
            start: (id: string) => transport.startDragOut!(id),
          },
        }
      : {}),
  };
  return client;
}
