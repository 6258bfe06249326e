// Error shape carried by the contract. Pure: shared by runtime and renderer.

export type ErrorCode =
  | 'invalid-input'
  | 'unknown-method'
  | 'engine'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'forbidden'
  | 'internal';

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** HTTP status the engine answered with, when the error came from the engine. */
  status?: number;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly status?: number;

  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    if (body.hint !== undefined) this.hint = body.hint;
    if (body.status !== undefined) this.status = body.status;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.hint !== undefined) body.hint = this.hint;
    if (this.status !== undefined) body.status = this.status;
    return body;
  }
}
