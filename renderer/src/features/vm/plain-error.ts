import type { ErrorLike } from '../../lib/localize-error';

/** What a failed request says, without the error class's name. */
export function plain(error: Error & Partial<ErrorLike>): ErrorLike {
  return { message: error.message, hint: error.hint, key: error.key, params: error.params };
}
