// app://wharf/ serves the built renderer to Electron windows, with the same
// path rules and CSP as browser mode (minus the WebSocket: IPC needs none).
import { readFile, stat } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { securityHeaders } from '../runtime/server/security';
import { contentType, resolveStaticPath } from '../runtime/server/static-files';
import { APP_HOST, APP_SCHEME } from './channels';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
    },
  ]);
}

export function serveRenderer(session: Session, rendererDir: string): void {
  const headers = securityHeaders();
  const notFound = () =>
    new Response('Not found.', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });

  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) return notFound();
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (file === null) return notFound();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        ...headers,
        'Content-Type': contentType(file),
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache',
      },
    });
  });
}
