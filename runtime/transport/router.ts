// One router for both transports: it validates each message and its input
// against the contract, calls the handler, and keeps track of the requests in
// flight, subscriptions and terminals of one connected client, within its
// limits. `cancel` aborts a request in flight (its handler's signal) or ends a
// subscription; `unsub` is the same for subscriptions.
import { contract, type RequestName, type SubscriptionName } from '../api/contract';
import { ApiError, type ApiErrorBody } from '../api/errors';
import { ClientMessage, type ServerMessage } from '../api/protocol';
import type { TerminalOutput, TerminalSession } from '../domains/terminal/contract';
import type { Handlers, RequestContext } from './handlers';
import { DEFAULT_LIMITS, terminalCounter, tooManySubscriptions, tooManyTerminals, type SessionLimits } from './limits';
import { toApiError } from './to-api-error';

export interface ClientSession {
  /** Feed one raw message from the client. */
  receive(raw: unknown): void;
  /**
   * The client went away: stop all its subscriptions. Requests in flight run
   * to their end (a VM start outlives a reloaded window); their answers are dropped.
   */
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
  limits: SessionLimits = DEFAULT_LIMITS,
): ClientSession {
  const subscriptions = new Map<number, () => void>();
  const inFlight = new Map<number, AbortController>();
  const terminals = terminalCounter(limits.terminals);
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
    let opened: ((openedId?: string) => void) | undefined;
    // Terminals in containers and shells on this machine share the limit.
    if (method === 'terminal.open' || method === 'shell.open') {
      opened = terminals.reserve();
      if (!opened) return fail(id, tooManyTerminals(limits.terminals).toBody());
    }
    if (method === 'terminal.close' || method === 'shell.close') terminals.ended((parsed.data as { id: string }).id);
    const handler = handlers.requests[method] as (input: unknown, context: RequestContext) => Promise<unknown>;
    const controller = new AbortController();
    // A second request under an id still in flight: the first one's answer is
    // no longer told apart, so cancelling reaches the newest.
    inFlight.set(id, controller);
    const settled = () => {
      if (inFlight.get(id) === controller) inFlight.delete(id);
    };
    // Cancelled: the client has had its answer; what the handler ends with is dropped.
    const answer = (message: ServerMessage) => {
      if (!controller.signal.aborted) reply(message);
    };
    // A handler that throws before it returns a promise fails the same way.
    let pending: Promise<unknown>;
    try {
      pending = handler(parsed.data, { signal: controller.signal });
    } catch (error) {
      pending = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    pending.then(
      (data) => {
        settled();
        opened?.((data as TerminalSession).id);
        answer({ t: 'res', id, ok: true, data });
      },
      (error: unknown) => {
        settled();
        opened?.();
        const apiError = toApiError(error);
        if (apiError.code === 'internal' && !controller.signal.aborted) log(error);
        answer({ t: 'res', id, ok: false, error: apiError.toBody() });
      },
    );
  }

  function cancelRequest(id: number): boolean {
    const controller = inFlight.get(id);
    if (!controller) return false;
    inFlight.delete(id);
    controller.abort(cancelledError());
    fail(id, cancelledError().toBody());
    return true;
  }

  function stopSubscription(id: number) {
    subscriptions.get(id)?.();
    subscriptions.delete(id);
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
    if (subscriptions.size >= limits.subscriptions) {
      reply({ t: 'end', id, error: tooManySubscriptions(limits.subscriptions).toBody() });
      return;
    }
    // A terminal's output: the terminal counts for this connection until it ends.
    const terminal =
      topic === 'terminal.output' || topic === 'shell.output' ? (parsed.data as { id: string }).id : undefined;
    if (terminal !== undefined) terminals.watch(terminal);
    const handler = handlers.subscriptions[topic] as (
      input: unknown,
      sink: { emit(e: unknown): void; fail(e: unknown): void },
    ) => () => void;
    let ended = false;
    let stop: () => void;
    try {
      stop = handler(parsed.data, {
        emit: (data) => {
          if (ended) return;
          if (terminal !== undefined && (data as TerminalOutput).type === 'exit') terminals.ended(terminal);
          reply({ t: 'evt', id, data });
        },
        fail: (error) => {
          if (ended) return;
          ended = true;
          if (terminal !== undefined) terminals.ended(terminal);
          subscriptions.get(id)?.();
          subscriptions.delete(id);
          reply({ t: 'end', id, error: toApiError(error).toBody() });
        },
      });
    } catch (error) {
      // A handler that throws before it returns its stop function ends the subscription with that error.
      if (terminal !== undefined) terminals.ended(terminal);
      if (!ended) reply({ t: 'end', id, error: toApiError(error).toBody() });
      ended = true;
      return;
    }
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
      else if (m.t === 'unsub') stopSubscription(m.id);
      // A request's id and a subscription's are both the client's: whichever is live.
      else if (!cancelRequest(m.id)) stopSubscription(m.id);
    },
    close() {
      closed = true;
      for (const stop of subscriptions.values()) stop();
      subscriptions.clear();
    },
  };
}

/** The answer to a request the client cancelled (and the reason its handler's signal carries). */
export const cancelledError = (): ApiError => new ApiError({ code: 'cancelled', message: 'Cancelled.' });

function describeZodError(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
