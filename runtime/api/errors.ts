// Error shape carried by the contract, and the one error class for it. Pure:
// the runtime throws ApiError and sends its body; the renderer's client turns
// an error answer (or a lost connection) back into an ApiError, so both sides
// check `instanceof ApiError` and read the same code, key and params.

export type ErrorCode =
  | 'invalid-input'
  | 'unknown-method'
  | 'engine'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'forbidden'
  | 'cancelled'
  | 'internal';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** HTTP status the engine answered with, when the error came from the engine. */
  status?: number;
  /** Stable message name and its values, as in PlainError. */
  key?: string;
  params?: Record<string, string>;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly status?: number;
  readonly key?: string;
  readonly params?: Record<string, string>;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    if (body.hint !== undefined) this.hint = body.hint;
    if (body.status !== undefined) this.status = body.status;
    if (body.key !== undefined) this.key = body.key;
    if (body.params !== undefined) this.params = body.params;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.hint !== undefined) body.hint = this.hint;
    if (this.status !== undefined) body.status = this.status;
    if (this.key !== undefined) body.key = this.key;
    if (this.params !== undefined) body.params = this.params;
    return body;
  }
}
