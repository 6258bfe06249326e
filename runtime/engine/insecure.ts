// Plain tcp:// to another machine: the engine API has no password and
// nothing on the way is encrypted, so whoever is on the network path controls
// that engine (and through it the machine). Wharf connects to such an
// endpoint only after the user accepted that, for that exact endpoint.
import { isIP } from 'node:net';
import type { PlainError } from '../api/types';
import { httpTarget, type TlsOptions } from './endpoint';

/** This computer: localhost, 127.0.0.0/8, ::1 (hosts as WHATWG URLs spell them). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  // URLs write IPv4-mapped addresses in hex: ::ffff:127.0.0.1 is ::ffff:7f00:1.
  if (isIP(h) === 6) return h === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h);
  return false;
}

export interface UnencryptedEndpoint {
  /** The endpoint in one spelling: what an acceptance is recorded under. */
  key: string;
  host: string;
}

/**
 * The unencrypted remote endpoint this is (plain tcp:// or http:// to a host
 * that is not this computer), or undefined. Addresses it cannot read are left
 * to the connection to report.
 */
export function unencryptedRemote(endpoint: string, tls?: TlsOptions | null): UnencryptedEndpoint | undefined {
  if (!/^\s*(tcp|http):\/\//.test(endpoint)) return undefined;
  let target;
  try {
    target = httpTarget(endpoint, tls);
  } catch {
    return undefined;
  }
  if (target.secure || isLoopbackHost(target.host)) return undefined;
  const host = target.host.toLowerCase();
  const shown = host.includes(':') ? `[${host}]` : host;
  return { key: `tcp://${shown}:${target.port}${target.pathPrefix?.replace(/\/+$/, '') ?? ''}`, host };
}

export class InsecureEndpointError extends Error {
  readonly endpoint: string;
  readonly host: string;

  constructor(endpoint: string, host: string) {
    super(
      `${endpoint} is not encrypted and the engine asks no password: anyone on the network between this computer and ${host} could watch and take control of the engine, and through it of that machine. Wharf did not connect.`,
    );
    this.name = 'InsecureEndpointError';
    this.endpoint = endpoint;
    this.host = host;
  }

  toPlain(): PlainError {
    return {
      message: this.message,
      hint: 'Use ssh:// or TLS (tcp://…:2376 with certificates) instead, or choose Connect anyway in Settings if you trust every network in between.',
      key: 'engine.insecureNotAccepted',
      params: { endpoint: this.endpoint, host: this.host },
    };
  }
}

/** Throws InsecureEndpointError for an unencrypted remote endpoint the user has not accepted. */
export function checkEncryption(
  endpoint: string,
  tls: TlsOptions | null | undefined,
  accepted: readonly string[],
): void {
  const risk = unencryptedRemote(endpoint, tls);
  if (risk && !accepted.includes(risk.key)) throw new InsecureEndpointError(endpoint, risk.host);
}
