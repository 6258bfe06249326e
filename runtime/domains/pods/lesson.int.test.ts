// Lesson 12 (kubernetes-first-look) the command-line way on the Podman test
// engine: each step's own command, run with the podman CLI, leaves the
// engine as the step's check expects (read back through the pods service),
// a wrong step shows, and the last step leaves nothing behind.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TEST_IMAGE, type TestEngine, createTestEngine } from '../../test-support/test-engine';
import { checkKubeYaml } from './kube';
import { createPodsService } from './service';

const PODMAN = process.env.WHARF_TEST_PODMAN;
const DIR = join(import.meta.dirname, '../learn/lessons/12-kubernetes-first-look');

interface Step {
  id: string;
  command: string;
  files?: { name: string; content: string }[];
  check: Record<string, Record<string, unknown> | boolean>;
}
const lesson = parse(readFileSync(join(DIR, 'lesson.yaml'), 'utf8')) as { id: string; steps: Step[] };
const step = (id: string): Step => {
  const found = lesson.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

function podman(endpoint: string, cwd: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'sh',
      ['-c', line],
      { cwd, env: { ...process.env, CONTAINER_HOST: endpoint }, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${line}: ${stderr.trim() || error.message}`)) : resolve(stdout),
    );
  });
}

describe('lesson 12 files', () => {
  it('its YAML passes the check kube play gets, and labels what it makes', () => {
    const file = step('play').files?.[0];
    expect(file?.name).toBe('hello-web.yaml');
    expect(checkKubeYaml(file?.content ?? '')).toMatchObject({ ok: true });
    expect(file?.content.match(/io\.wharf\.lesson: kubernetes-first-look/g)).toHaveLength(3);
    expect(lesson.steps.flatMap((s) => s.command.trim().split('\n')).every((c) => c.startsWith('podman '))).toBe(true);
  });
});

describe.skipIf(!PODMAN)('lesson 12 on podman, the command-line way', () => {
  const endpoint = PODMAN ?? '';
  let engine: TestEngine;
  let service: ReturnType<typeof createPodsService>;
  let cwd: string;
  const run = (line: string) => podman(endpoint, cwd, line);
  const snapshot = async () =>
    Promise.all(
      ['ps -a --format {{.Names}}', 'pod ls --format {{.Name}}', 'volume ls -q', 'network ls --format {{.Name}}'].map(
        async (args) => (await run(`podman ${args}`)).split('\n').filter(Boolean).sort(),
      ),
    );
  let before: string[][];
  let tagged = false;

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    service = createPodsService(engine);
    cwd = mkdtempSync(join(tmpdir(), 'wharf-lesson12-'));
    // The lesson's busybox:latest is the test image here (nothing is pulled).
    tagged = await run('podman image exists busybox:latest').then(
      () => false,
      () => true,
    );
    if (tagged) await run(`podman tag ${TEST_IMAGE}:latest busybox:latest`);
    // The default kube network is Podman's own, made on the first play: made now, so the comparison is about the lesson.
    await run('podman network exists podman-default-kube-network || podman network create podman-default-kube-network');
    before = await snapshot();
  });
  afterAll(async () => {
    await run('podman pod rm -f hello-web-pod-0').catch(() => {});
    // Other tests expect the test image under its own name only.
    if (tagged) await run('podman rmi busybox:latest').catch(() => {});
    await engine.dispose();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('play: the pod the check names, with its container and the infra one, running', async () => {
    const play = step('play');
    for (const f of play.files ?? [])
      // Port 8080 of this machine may be taken by another program: the test publishes another.
      writeFileSync(join(cwd, f.name), f.content.replaceAll('8080', '28088'));
    await run(play.command);
    const check = play.check.pod as { name: string; containers: number; running: boolean };
    const list = await service.requests['pods.list']({});
    if (!list.supported) throw new Error('podman answered as docker');
    const pod = list.pods.find((p) => p.name === check.name);
    // The check counts the learner's containers; Podman's list adds the pod's infra container.
    expect(pod?.containers).toHaveLength(check.containers + 1);
    expect(pod?.status).toBe('Running');
    expect(pod?.labels['io.wharf.lesson']).toBe(lesson.id);
    // busybox's web server answers on the published port (polled until it listens).
    let body = '';
    for (let i = 0; i < 40 && body === ''; i++) {
      body = await fetch('http://127.0.0.1:28088/').then(
        (r) => r.text(),
        () => new Promise<string>((resolve) => setTimeout(() => resolve(''), 250)),
      );
    }
    expect(body.trim()).toBe('hello from a pod');
  });

  it('look: the container the check names runs, in the pod', async () => {
    const look = step('look');
    const out = await run(look.command.trim().split('\n').join(' && '));
    const check = look.check.container as { name: string };
    expect(out).toContain(check.name);
    expect((await run(`podman inspect -f '{{.State.Status}}' ${check.name}`)).trim()).toBe('running');
  });

  it('generate: the YAML names the container and its image', async () => {
    const out = await run(step('generate').command);
    expect(out).toContain('name: hello-web-pod-0-httpd');
    // podman tag names a short name localhost/…; the Docker API's tag names it docker.io/library/….
    expect(out).toMatch(/image: (docker\.io\/library\/|localhost\/)busybox:latest/);
  });

  it('a wrong step shows: playing the file twice is refused, and the pod stays', async () => {
    await expect(run(step('play').command)).rejects.toThrow(/already exists|in use/);
    expect((await run('podman pod ls --format {{.Name}}')).split('\n')).toContain('hello-web-pod-0');
  });

  it('down: no container of the check is left, and the engine is as before the lesson', async () => {
    const down = step('down');
    await run(down.command);
    const check = down.check.noContainer as { name: string };
    expect(await run(`podman ps -a --filter name=${check.name} --format {{.Names}}`)).toBe('');
    expect(await snapshot()).toEqual(before);
  });
});
