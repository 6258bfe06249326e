// The shell on this machine against the real engines (Docker and Podman):
// what a person types into it reaches the engine Wharf shows.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { homedir, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { createContainersService } from '../containers/service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';
import { type ShellService, createShellService } from './service';
import type { ShellExit } from './types';

const engines = testEndpoints();
const has = (program: string) => {
  try {
    execFileSync('which', [program], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Subscribes, acknowledges what it draws, and lets a test wait for text. */
function screen(service: ShellService, id: string) {
  let text = '';
  const decoder = new TextDecoder();
  let exit: ShellExit | undefined;
  let wake: (() => void) | undefined;
  const stop = service.subscriptions['shell.output'](
    { id },
    {
      emit(event) {
        if (event.type === 'data') {
          text += decoder.decode(event.data, { stream: true });
          void service.requests['shell.ack']({ id, bytes: event.data.length });
        } else exit = event;
        wake?.();
      },
      fail(error) {
        throw error;
      },
    },
  );
  async function until<T>(check: () => T | undefined, what: string, ms = 30_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`${what} not seen within ${ms} ms; screen ends with ${JSON.stringify(text.slice(-500))}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 200);
      });
    }
  }
  let mark = 0;
  return {
    stop,
    /**
     * Types a command line and waits until it finished: the output between the
     * line and an end marker (the typed marker reads `__e""nd`, the printed one `__end`).
     */
    async run(line: string): Promise<{ output: string; status: number }> {
      const n = ++mark;
      await service.requests['shell.input']({ id, data: `${line}; echo "__e""nd${n}:$?"\r` });
      const found = await until(() => new RegExp(`__end${n}:(\\d+)`).exec(text) ?? undefined, `the end of ${line}`);
      const output = text.slice(0, found.index);
      return { output: output.slice(output.lastIndexOf(`__e""nd${n}`)), status: Number(found[1]) };
    },
    waitForExit: () => until(() => exit, 'the exit event'),
  };
}

describe.skipIf(engines.length === 0).each(engines)('the shell on this machine, with $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  let service: ShellService;
  const containers: string[] = [];
  const image = kind === 'podman' ? `localhost/${TEST_IMAGE}` : TEST_IMAGE;

  const saved = { DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONTEXT: process.env.DOCKER_CONTEXT };

  beforeAll(async () => {
    // Wharf's own environment names other engines: the shell must not follow them.
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    process.env.DOCKER_CONTEXT = 'nonexistent';
    engine = await createTestEngine(endpoint);
    service = createShellService(engine, {
      remoteClients: false,
      enabled: () => true,
      certDir: join(await mkdtemp(join(tmpdir(), 'wharf-shell-')), 'tls'),
    });
    const name = uniqueName('wharf-shell');
    containers.push(name);
    await dockerCli(endpoint, ['run', '-d', '--name', name, image, 'sleep', '3600']);
  });

  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    service?.dispose();
    if (containers.length > 0) await dockerCli(endpoint, ['rm', '-f', ...containers]).catch(() => {});
    await engine?.dispose();
  });

  it('is offered, and names the engine Wharf is connected to', async () => {
    const available = await service.requests['shell.available']({});
    expect(available).toMatchObject({ available: true, hostname: hostname(), engine: { kind, endpoint } });
    expect(available.engine?.env.DOCKER_HOST).toBe(endpoint);
    if (kind === 'podman') expect(available.engine?.env.CONTAINER_HOST).toBe(endpoint);
  });

  it.skipIf(!has('docker'))("docker ps in it lists the containers Wharf's containers service lists", async () => {
    const session = await service.requests['shell.open']({ cols: 200, rows: 40 });
    expect(session).toMatchObject({ hostname: hostname(), engine: { kind, endpoint } });
    const s = screen(service, session.id);
    expect((await s.run('cd; pwd')).output).toContain(homedir());
    expect((await s.run('echo "$DOCKER_HOST"')).output).toContain(endpoint);

    const { output, status } = await s.run("docker ps --format '{{.Names}}'");
    expect(status).toBe(0);
    const wharf = await createContainersService(engine).requests['containers.list']({});
    const running = wharf.filter((c) => c.state === 'running').map((c) => c.name);
    expect(running).toContain(containers[0]);
    const listed = output
      .replace(/\x1b\[[?\d;]*[A-Za-z]/g, '')
      .split(/[\r\n]+/)
      .map((l) => l.trim())
      .filter((l) => /^[\w.-]+$/.test(l));
    expect(listed.sort()).toEqual([...running].sort());
    s.stop();
    await service.requests['shell.close']({ id: session.id });
  });

  it.skipIf(kind !== 'podman' || !has('podman'))('podman in it talks to the same Podman service', async () => {
    const session = await service.requests['shell.open']({ cols: 200, rows: 40 });
    const s = screen(service, session.id);
    const { output, status } = await s.run("podman --remote ps --format '{{.Names}}'");
    expect(status).toBe(0);
    expect(output).toContain(containers[0]);
    s.stop();
    await service.requests['shell.close']({ id: session.id });
  });

  it('passes binary input as bytes, text as UTF-8', async () => {
    const session = await service.requests['shell.open']({ cols: 200, rows: 40 });
    const s = screen(service, session.id);
    // head reads what is typed next: one byte 0xff, sent as binary; then two bytes of "é" as text.
    const binary = s.run('head -c1 | od -An -tx1');
    await service.requests['shell.input']({ id: session.id, data: '\xff\n', binary: true });
    expect((await binary).output).toMatch(/\bff\b/);
    const text = s.run('head -c2 | od -An -tx1');
    await service.requests['shell.input']({ id: session.id, data: 'é\n' });
    expect((await text).output).toMatch(/\bc3 a9\b/);
    s.stop();
    await service.requests['shell.close']({ id: session.id });
  });

  it('reports how the shell ended', async () => {
    const before = service.count();
    const session = await service.requests['shell.open']({ cols: 80, rows: 24 });
    expect(service.count()).toBe(before + 1);
    const s = screen(service, session.id);
    await service.requests['shell.input']({ id: session.id, data: 'exit 3\r' });
    expect(await s.waitForExit()).toEqual({ type: 'exit', reason: 'process-exited', exitCode: 3 });
    expect(service.count()).toBe(before);
  });

  it('refuses to open when browser mode listens on another address, whatever Settings says', async () => {
    const remote = createShellService(engine, { remoteClients: true, enabled: () => true, certDir: tmpdir() });
    expect(await remote.requests['shell.available']({})).toMatchObject({
      available: false,
      reason: 'remote-browser',
    });
    const refused = await remote.requests['shell.open']({ cols: 80, rows: 24 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ code: 'forbidden', key: 'shell.remoteBrowser' });
    expect(remote.count()).toBe(0);
  });

  it('refuses to open when Settings turned it off', async () => {
    const off = createShellService(engine, { remoteClients: false, enabled: () => false, certDir: tmpdir() });
    await expect(off.requests['shell.open']({ cols: 80, rows: 24 })).rejects.toMatchObject({
      code: 'forbidden',
      key: 'shell.disabled',
    });
  });
});
