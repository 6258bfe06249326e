// The two kinds of contract entries. Pure: no Node, no DOM.
import type { z } from 'zod';

export interface RequestDef<I extends z.ZodType, O> {
  readonly kind: 'request';
  readonly input: I;
  /** Phantom: carries the output type only. */
  readonly output: O;
}

export interface SubscriptionDef<I extends z.ZodType, E> {
  readonly kind: 'subscription';
  readonly input: I;
  /** Phantom: carries the type of each emitted value only. */
  readonly event: E;
}

export const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestDef<I, O> => ({
    kind: 'request',
    input,
    output: undefined as unknown as O,
  });

export const subscription =
  <E>() =>
  <I extends z.ZodType>(input: I): SubscriptionDef<I, E> => ({
    kind: 'subscription',
    input,
    event: undefined as unknown as E,
  });
