import { ApiError } from '../api/errors';

interface EngineErrorLike {
  statusCode?: number;
  json?: { message?: string } | null;
  reason?: string;
  message?: string;
  code?: string;
}

/**
 * Turns whatever a handler threw into the contract's error shape, keeping the
 * engine's own reason (dockerode puts it in `json.message`).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as EngineErrorLike;
    if (typeof e.statusCode === 'number') {
      const message = e.json?.message ?? e.reason ?? e.message ?? 'The engine refused the request.';
      const code =
        e.statusCode === 404 ? 'not-found' : e.statusCode === 409 ? 'conflict' : 'engine';
      return new ApiError({ code, message: cleanEngineMessage(message), status: e.statusCode });
    }
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'EPIPE' || e.code === 'ECONNRESET') {
      return new ApiError({
        code: 'unavailable',
        message: 'The engine cannot be reached right now.',
        hint: 'Wharf reconnects on its own when the engine is back.',
      });
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'internal', message });
}

/** dockerode prefixes "(HTTP code 500) server error - "; the engine's reason is what follows. */
export function cleanEngineMessage(message: string): string {
  return message.replace(/^\(HTTP code \d+\)\s+[^-]*-\s*/, '').trim();
}
