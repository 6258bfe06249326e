// The browser-mode server's gatekeeping, as pure functions: which Host and
// Origin headers are ours, the token check, and the headers every response
// carries. The server and the Electron protocol handler share the CSP.
import { createHash, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';

/** Compares in constant time; hashing first makes unequal lengths safe to compare too. */
export function tokenEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** An address as it appears in a Host header or URL: IPv6 in brackets. */
export function hostForUrl(host: string): string {
  const h = host.replace(/^\[|\]$/g, '');
  return h.includes(':') ? `[${h}]` : h;
}

/**
 * Host header values the server answers to. Anything else is refused, which
 * stops DNS rebinding: a page on evil.example that resolves to 127.0.0.1
 * still sends "Host: evil.example:port". IP literals cannot be rebound, so a
 * wildcard bind also accepts this machine's own addresses.
 */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (isWildcardHost(boundHost)) {
    for (const list of Object.values(networkInterfaces())) {
      for (const address of list ?? []) hosts.add(`${hostForUrl(address.address)}:${port}`);
    }
  } else {
    hosts.add(`${hostForUrl(boundHost)}:${port}`);
  }
  return hosts;
}

export function allowedOrigins(hosts: Set<string>): Set<string> {
  return new Set([...hosts].map((h) => `http://${h}`));
}

/** The Content-Security-Policy both shells serve the renderer with. */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ['connect-src', "'self'", ...connectSrc].join(' '),
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function securityHeaders(connectSrc: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
