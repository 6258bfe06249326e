// Talking to one endpoint: a dockerode client, a bounded /_ping, /version.
import Docker from 'dockerode';
import type { EngineKind } from '../domains/engine/types';
import { parseEndpoint, type TlsOptions } from './endpoint';
import { checkEncryption } from './insecure';

export interface ClientChoice {
  apiVersion?: string;
  /** Unencrypted remote endpoints the user accepted (see insecure.ts); any other one is refused. */
  acceptedInsecure?: readonly string[];
}

/**
 * A client for the endpoint. Throws, before anything is sent, for an
 * unencrypted remote endpoint that is not in acceptedInsecure.
 */
export function createClient(endpoint: string, tls?: TlsOptions | null, choice: ClientChoice = {}): Docker {
  checkEncryption(endpoint, tls, choice.acceptedInsecure ?? []);
  const options = parseEndpoint(endpoint, tls);
  if (choice.apiVersion !== undefined) options.version = `v${choice.apiVersion}`;
  return new Docker(options);
}

type WithSignal = (opts: { abortSignal: AbortSignal }) => Promise<unknown>;

/**
 * Runs one request with its own deadline. The deadline is per request: the
 * client itself has none, so streams opened on it live as long as they need.
 */
export async function withDeadline<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`No answer within ${Math.round(timeoutMs / 100) / 10} s.`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function ping(client: Docker, timeoutMs: number): Promise<void> {
  await withDeadline(timeoutMs, (signal) => (client.ping as unknown as WithSignal)({ abortSignal: signal }));
}

/** True when something answers /_ping at the endpoint within the deadline. */
export async function isReachable(
  endpoint: string,
  tls?: TlsOptions | null,
  timeoutMs = 1500,
  acceptedInsecure: readonly string[] = [],
): Promise<boolean> {
  try {
    await ping(createClient(endpoint, tls, { acceptedInsecure }), timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export interface VersionReport {
  kind: EngineKind;
  version: string;
  apiVersion: string;
  minApiVersion?: string;
  os: string;
  arch: string;
}

interface RawVersion {
  Version?: string;
  ApiVersion?: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  Platform?: { Name?: string };
  Components?: { Name?: string; Version?: string }[];
}

export async function readVersion(client: Docker, timeoutMs: number): Promise<VersionReport> {
  const raw = (await withDeadline(timeoutMs, (signal) =>
    (client.version as unknown as WithSignal)({ abortSignal: signal }),
  )) as RawVersion;
  return describeVersion(raw);
}

/** Podman names itself in Components ("Podman Engine") and sometimes in Platform. */
export function describeVersion(raw: RawVersion): VersionReport {
  const names = [raw.Platform?.Name ?? '', ...(raw.Components ?? []).map((c) => c.Name ?? '')];
  const podman = names.some((n) => /podman/i.test(n));
  const podmanComponent = raw.Components?.find((c) => /podman/i.test(c.Name ?? ''));
  const report: VersionReport = {
    kind: podman ? 'podman' : 'docker',
    version: podmanComponent?.Version ?? raw.Version ?? 'unknown',
    apiVersion: raw.ApiVersion ?? '1.24',
    os: raw.Os ?? 'unknown',
    arch: raw.Arch ?? 'unknown',
  };
  if (raw.MinAPIVersion !== undefined) report.minApiVersion = raw.MinAPIVersion;
  return report;
}

/** The newest Docker Engine API version Wharf is written against. */
export const CLIENT_MAX_API = '1.43';
/** Older engines lack the fields the services read. */
export const CLIENT_MIN_API = '1.24';

export function compareApi(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/**
 * The API version to speak: the engine's own, capped at what Wharf knows.
 * Returns undefined when the engine is older than Wharf supports.
 */
export function negotiateApi(engineApi: string): string | undefined {
  if (!/^\d+\.\d+$/.test(engineApi)) return CLIENT_MIN_API;
  if (compareApi(engineApi, CLIENT_MIN_API) < 0) return undefined;
  return compareApi(engineApi, CLIENT_MAX_API) > 0 ? CLIENT_MAX_API : engineApi;
}
