import type { EventOf, OutputOf, ParsedInputOf, RequestName, SubscriptionName } from '../api/contract';

/** What the router hands a request's handler besides its input. */
export interface RequestContext {
  /** Aborted when the client cancels the request: a long operation stops and rejects. */
  signal: AbortSignal;
}

/** `context` is absent only when code calls a handler directly (tests, other services). */
export type RequestHandler<K extends RequestName> = (
  input: ParsedInputOf<K>,
  context?: RequestContext,
) => Promise<OutputOf<K>>;

export interface SubscriptionSink<E> {
  emit(event: E): void;
  /** Ends the subscription with an error. */
  fail(error: unknown): void;
}

/** Starts a subscription; returns the function that stops it. */
export type SubscriptionHandler<K extends SubscriptionName> = (
  input: ParsedInputOf<K>,
  sink: SubscriptionSink<EventOf<K>>,
) => () => void;

export type RequestHandlers = { [K in RequestName]: RequestHandler<K> };
export type SubscriptionHandlers = { [K in SubscriptionName]: SubscriptionHandler<K> };

/** Everything the runtime serves: what both transports route to. */
export interface Handlers {
  requests: RequestHandlers;
  subscriptions: SubscriptionHandlers;
}

/** What one domain service contributes: some requests and some subscriptions. */
export interface ServiceHandlers<R extends RequestName, S extends SubscriptionName = never> {
  requests: Pick<RequestHandlers, R>;
  subscriptions: Pick<SubscriptionHandlers, S>;
}
