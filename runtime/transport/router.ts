// One router for both transports: it validates each message and its input
// against the contract, calls the handler, and keeps track of the
// subscriptions of one connected client.
import { contract, type RequestName, type SubscriptionName } from '../api/contract';
import { ApiError, type ApiErrorBody } from '../api/errors';
import { ClientMessage, type ServerMessage } from '../api/protocol';
import type { Handlers } from './handlers';
import { toApiError } from './to-api-error';

export interface ClientSession {
  /** Feed one raw message from the client. */
  receive(raw: unknown): void;
  /** The client went away: stop all its subscriptions. */
  close(): void;
}

const isRequest = (name: string): name is RequestName =>
  Object.hasOwn(contract, name) && contract[name as keyof typeof contract].kind === 'request';

const isSubscription = (name: string): name is SubscriptionName =>
  Object.hasOwn(contract, name) && contract[name as keyof typeof contract].kind === 'subscription';

export function createSession(
  handlers: Handlers,
  send: (message: ServerMessage) => void,
  log: (error: unknown) => void = () => {},
): ClientSession {
  const subscriptions = new Map<number, () => void>();
  let closed = false;

  const reply = (message: ServerMessage) => {
    if (!closed) send(message);
  };

  const fail = (id: number, body: ApiErrorBody) => reply({ t: 'res', id, ok: false, error: body });

  function handleRequest(id: number, method: string, rawInput: unknown) {
    if (!isRequest(method)) {
      fail(id, { code: 'unknown-method', message: `Unknown request "${method}".` });
      return;
    }
    const parsed = contract[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      fail(id, { code: 'invalid-input', message: describeZodError(parsed.error) });
      return;
    }
    const handler = handlers.requests[method] as (input: unknown) => Promise<unknown>;
    handler(parsed.data).then(
      (data) => reply({ t: 'res', id, ok: true, data }),
      (error: unknown) => {
        const apiError = toApiError(error);
        if (apiError.code === 'internal') log(error);
        fail(id, apiError.toBody());
      },
    );
  }

  function handleSubscribe(id: number, topic: string, rawInput: unknown) {
    if (subscriptions.has(id)) {
      reply({ t: 'end', id, error: { code: 'invalid-input', message: 'Subscription id in use.' } });
      return;
    }
    if (!isSubscription(topic)) {
      reply({ t: 'end', id, error: { code: 'unknown-method', message: `Unknown subscription "${topic}".` } });
      return;
    }
    const parsed = contract[topic].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      reply({ t: 'end', id, error: { code: 'invalid-input', message: describeZodError(parsed.error) } });
      return;
    }
    const handler = handlers.subscriptions[topic] as (
      input: unknown,
      sink: { emit(e: unknown): void; fail(e: unknown): void },
    ) => () => void;
    let ended = false;
    const stop = handler(parsed.data, {
      emit: (data) => {
        if (!ended) reply({ t: 'evt', id, data });
      },
      fail: (error) => {
        if (ended) return;
        ended = true;
        subscriptions.get(id)?.();
        subscriptions.delete(id);
        reply({ t: 'end', id, error: toApiError(error).toBody() });
      },
    });
    if (ended) stop();
    else
      subscriptions.set(id, () => {
        ended = true;
        stop();
      });
  }

  return {
    receive(raw) {
      if (closed) return;
      const message = ClientMessage.safeParse(raw);
      if (!message.success) {
        log(new ApiError({ code: 'invalid-input', message: 'Malformed message from client.' }));
        return;
      }
      const m = message.data;
      if (m.t === 'req') handleRequest(m.id, m.method, m.input);
      else if (m.t === 'sub') handleSubscribe(m.id, m.topic, m.input);
      else {
        subscriptions.get(m.id)?.();
        subscriptions.delete(m.id);
      }
    },
    close() {
      closed = true;
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
    },
  };
}

function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
