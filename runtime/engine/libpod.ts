// Podman's own API (libpod) over the connected engine's socket. dockerode
// speaks the Docker-compatible API only; these calls go through a view of its
// connection without the Docker API version the client would put in front
// ("/v1.41"), at a libpod version every Podman 4 and 5 serves.
import type Docker from 'dockerode';

/** The libpod prefix of every call. */
export const LIBPOD = '/v4.0.0/libpod';

/** The client's connection, without its Docker API version. */
export function libpodModem(docker: Docker): Docker['modem'] {
  return Object.create(docker.modem, { version: { value: undefined } }) as Docker['modem'];
}

export interface LibpodCall {
  method: 'GET' | 'POST' | 'DELETE';
  /** After /libpod, e.g. `/pods/json`. */
  path: string;
  query?: Record<string, string | readonly string[] | boolean>;
  /** Sent as it is (YAML, plain text). */
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
}

/** One libpod call; resolves with the parsed JSON, or the body as text when it is not JSON. */
export function libpodCall(docker: Docker, call: LibpodCall): Promise<unknown> {
  return new Promise((resolve, reject) => {
    libpodModem(docker).dial(
      {
        // The client appends `options` as the query string to a path ending in "?" (arrays as repeated keys).
        path: `${LIBPOD}${call.path}?`,
        options: { ...call.query },
        method: call.method,
        file: Buffer.from(call.body ?? '', 'utf8'),
        headers: { 'Content-Type': call.contentType ?? 'application/x-yaml' },
        ...(call.signal ? { abortSignal: call.signal } : {}),
        statusCodes: {
          200: true,
          201: true,
          204: true,
          304: true,
          400: 'bad parameter',
          404: 'no such object',
          409: 'conflict',
          500: 'server error',
        },
      },
      (error: unknown, data: unknown) => {
        if (error) {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the engine's error, passed on as it came
          reject(error);
          return;
        }
        resolve(Buffer.isBuffer(data) ? data.toString('utf8') : data);
      },
    );
  });
}
