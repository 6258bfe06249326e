// Test support: the real engine manager, connected to one endpoint, behind a
// thin wrapper that counts the container list requests the services make
// (so tests can hold them to "a few fetches, never the whole list") and the
// event listeners they hold.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { createEngineManager } from '../engine/manager';
import type { Engine, RawEngineEvent } from '../engine/types';
import { createSettingsStore } from '../settings';

export interface TestEngine extends Engine {
  /** Every listContainers call made through docker(), with its options. */
  readonly listCalls: Array<{ filters?: string } | undefined>;
  /** Raw events received so far. */
  readonly events: RawEngineEvent[];
  /** Listeners currently registered through this wrapper's onEvent. */
  eventListenerCount(): number;
  /** Connects again (a new client and event stream), as after an engine restart. */
  reconnect(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createTestEngine(endpoint: string): Promise<TestEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wharf-svc-'));
  const manager = createEngineManager({
    settings: createSettingsStore(join(dataDir, 'settings.json')),
    dataDir,
    override: endpoint,
    log: () => {},
    discovery: { env: {}, home: dataDir, platform: 'linux', exists: () => false },
  });
  await manager.start();
  const state = manager.state();
  if (state.phase !== 'connected') throw new Error(`engine at ${endpoint} not connected: ${JSON.stringify(state)}`);

  const listCalls: TestEngine['listCalls'] = [];
  const counted = new WeakSet<Docker>();
  const count = (docker: Docker): Docker => {
    if (counted.has(docker)) return docker;
    counted.add(docker);
    const original = docker.listContainers.bind(docker) as (opts?: object) => Promise<Docker.ContainerInfo[]>;
    docker.listContainers = ((opts?: { filters?: string }) => {
      listCalls.push(opts);
      return original(opts);
    }) as typeof docker.listContainers;
    return docker;
  };

  const events: RawEngineEvent[] = [];
  const offRecord = manager.onEvent((event) => events.push(event));
  let listeners = 0;

  return {
    listCalls,
    events,
    state: () => manager.state(),
    onState: (listener) => manager.onState(listener),
    docker: () => count(manager.docker()),
    info: () => manager.info(),
    onEvent(listener) {
      listeners++;
      const off = manager.onEvent(listener);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        listeners--;
        off();
      };
    },
    onConnected: (listener) => manager.onConnected(listener),
    eventListenerCount: () => listeners,
    async reconnect() {
      await manager.use(endpoint);
    },
    async dispose() {
      offRecord();
      await manager.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Whether the docker CLI is installed (tests of the commands Wharf shows run it). */
export function hasDockerCli(): boolean {
  try {
    execFileSync('docker', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
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

export const TEST_IMAGE = 'wharf-test/shell';

export const uniqueName = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** What a storage test leaves behind, removed in its afterAll: services first, then containers, volumes, the engine client, a local folder. */
export interface TestLeftovers {
  endpoint: string;
  services: readonly ({ dispose(): Promise<void> } | undefined)[];
  containers: readonly string[];
  volumes: readonly string[];
  engine: { dispose(): Promise<void> } | undefined;
  local?: string;
}

export async function removeTestLeftovers(left: TestLeftovers): Promise<void> {
  for (const service of left.services) await service?.dispose();
  if (left.containers.length > 0) await dockerCli(left.endpoint, ['rm', '-f', ...left.containers]).catch(() => {});
  for (const name of left.volumes) await dockerCli(left.endpoint, ['volume', 'rm', '-f', name]).catch(() => {});
  await left.engine?.dispose();
  if (left.local !== undefined) rmSync(left.local, { recursive: true, force: true });
}
