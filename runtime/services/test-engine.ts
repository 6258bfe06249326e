// Test support: the Engine interface over one dockerode client and its live
// /events stream, for integration tests of the domain services. It counts
// the container list requests the services make, so tests can hold them to
// "a few fetches, never the whole list".
import { execFile } from 'node:child_process';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { EngineInfo, EngineState } from '../api/types';
import { createClient, readVersion } from '../engine/client';
import { createNdjsonParser } from '../engine/ndjson';
import type { Engine, RawEngineEvent } from '../engine/types';

export interface TestEngine extends Engine {
  /** Every listContainers call made through docker(), with its options. */
  readonly listCalls: Array<{ filters?: string } | undefined>;
  /** Raw events received so far. */
  readonly events: RawEngineEvent[];
  /** Listeners currently registered with onEvent. */
  eventListenerCount(): number;
  /** Closes the event stream and opens a new one, as a reconnect would. */
  reconnect(): Promise<void>;
  dispose(): void;
}

export async function createTestEngine(endpoint: string): Promise<TestEngine> {
  const docker = createClient(endpoint);
  const version = await readVersion(docker, 30_000);
  const info: EngineInfo = {
    kind: version.kind,
    version: version.version,
    apiVersion: version.apiVersion,
    os: version.os,
    arch: version.arch,
    endpoint,
    source: 'env',
    embedded: false,
  };

  const listCalls: TestEngine['listCalls'] = [];
  const original = docker.listContainers.bind(docker) as (opts?: object) => Promise<Docker.ContainerInfo[]>;
  // Instance-level wrapper: the services call docker().listContainers(...).
  docker.listContainers = ((opts?: { filters?: string }) => {
    listCalls.push(opts);
    return original(opts);
  }) as typeof docker.listContainers;

  const events: RawEngineEvent[] = [];
  const eventListeners = new Set<(event: RawEngineEvent) => void>();
  const connectedListeners = new Set<(info: EngineInfo) => void>();
  let stream: Readable | undefined;

  const openStream = async () => {
    stream = (await docker.getEvents({})) as unknown as Readable;
    const parser = createNdjsonParser((value) => {
      const event = value as RawEngineEvent;
      events.push(event);
      for (const listener of eventListeners) listener(event);
    });
    stream.on('data', (chunk: Buffer) => parser.push(chunk));
    stream.on('error', () => {});
    for (const listener of connectedListeners) listener(info);
  };
  await openStream();

  const state: EngineState = { phase: 'connected', engine: info };

  return {
    listCalls,
    events,
    state: () => state,
    onState: () => () => {},
    docker: () => docker,
    info: () => info,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      return () => connectedListeners.delete(listener);
    },
    eventListenerCount: () => eventListeners.size,
    async reconnect() {
      stream?.destroy();
      await openStream();
    },
    dispose() {
      stream?.destroy();
      stream = undefined;
    },
  };
}

/** Runs the docker CLI against `endpoint`; resolves with stdout, rejects with stderr. */
export function dockerCli(endpoint: string, args: readonly string[]): Promise<string> {
  return run('docker', [...args], endpoint);
}

/** Runs one command line with `sh -c`, DOCKER_HOST set to `endpoint`. */
export function shell(endpoint: string, line: string): Promise<string> {
  return run('sh', ['-c', line], endpoint);
}

function run(file: string, args: string[], endpoint: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env: { ...process.env, DOCKER_HOST: endpoint }, timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** The engines configured for integration tests, by kind. */
export function testEndpoints(): Array<{ kind: 'docker' | 'podman'; endpoint: string }> {
  const out: Array<{ kind: 'docker' | 'podman'; endpoint: string }> = [];
  if (process.env.WHARF_TEST_DOCKER) out.push({ kind: 'docker', endpoint: process.env.WHARF_TEST_DOCKER });
  if (process.env.WHARF_TEST_PODMAN) out.push({ kind: 'podman', endpoint: process.env.WHARF_TEST_PODMAN });
  return out;
}

export const TEST_IMAGE = 'wharf-test/busybox';

export const uniqueName = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
