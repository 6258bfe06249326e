// Compose against the real engines, with the compose tool each one is driven
// by (docker-compose on Docker, podman-compose on Podman): a project brought
// up through Wharf holds what the same `up` typed into the tool holds; down
// removes what the tool's down removes; a broken file is refused with its
// line; merged logs and the graph show every service.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEngine, createTestEngine, testEndpoints, uniqueName } from '../../test-support/test-engine';
import type { ParsedInputOf } from '../../api/contract';
import { findOnPath } from './tool';
import { createComposeService } from './service';
import type { ComposeEvent, ComposeLogEvent } from './types';

const SCRIPT = (name: string) => `trap 'exit 0' TERM; echo ${name}-hello; while true; do sleep 1; done`;

/** Three services: one built from a Dockerfile, two from the test image; a named volume, two networks, depends_on, a loopback port. */
const COMPOSE = `services:
  web:
    build: .
    command: ["sh", "-c", "${SCRIPT('web')}"]
    ports:
      - "127.0.0.1::8080"
    networks: [front, back]
    depends_on: [db]
  db:
    image: wharf-test/shell
    command: ["sh", "-c", "${SCRIPT('db')}"]
    volumes:
      - data:/data
    networks: [back]
  worker:
    image: wharf-test/shell
    command: ["sh", "-c", "${SCRIPT('worker')}"]
    networks: [back]
    depends_on: [db]
networks:
  front:
  back:
volumes:
  data:
`;

const DOCKERFILE = 'FROM wharf-test/shell\nRUN echo built > /built.txt\n';

function tool(kind: 'docker' | 'podman'): string | undefined {
  return kind === 'docker' ? findOnPath('docker-compose') : findOnPath('podman-compose');
}

/** The compose tool typed by hand, pointed at the test engine. */
function cli(kind: 'docker' | 'podman', endpoint: string, cwd: string, args: string[]): Promise<string> {
  const env = kind === 'docker' ? { DOCKER_HOST: endpoint } : { CONTAINER_HOST: endpoint };
  return new Promise((resolve, reject) => {
    execFile(
      kind === 'docker' ? 'docker-compose' : 'podman-compose',
      args,
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...env }, timeout: 120_000 },
      (e, stdout, stderr) => (e ? reject(new Error(`${args.join(' ')}: ${stderr}`)) : resolve(`${stdout}\n${stderr}`)),
    );
  });
}

/** Processes on this machine whose command line names `text`. */
function processesNaming(text: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** What the engine holds for a project, its name replaced by P so two projects compare. */
async function holding(docker: Docker, project: string) {
  const label = `com.docker.compose.project=${project}`;
  const norm = (s: string) => s.split(project).join('P');
  const containers = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) });
  const described = await Promise.all(
    containers.map(async (c) => {
      const i = await docker.getContainer(c.Id).inspect();
      return {
        name: norm(i.Name.replace(/^\//, '')),
        service: i.Config.Labels['com.docker.compose.service'],
        running: i.State.Running,
        networks: Object.keys(i.NetworkSettings.Networks).map(norm).sort(),
        volumes: i.Mounts.filter((m) => m.Type === 'volume')
          .map((m) => `${norm(m.Name ?? '')}:${m.Destination}`)
          .sort(),
        ports: Object.entries(i.HostConfig.PortBindings ?? {})
          .map(([p, b]) => `${(b as Array<{ HostIp: string }>)[0]?.HostIp ?? ''}->${p}`)
          .sort(),
      };
    }),
  );
  const networks = (await docker.listNetworks())
    .map((n) => n.Name)
    .filter((n) => n.startsWith(`${project}_`))
    .map(norm)
    .sort();
  const volumes = ((await docker.listVolumes()).Volumes ?? [])
    .map((v) => v.Name)
    .filter((n) => n.startsWith(`${project}_`))
    .map(norm)
    .sort();
  return { containers: described.sort((a, b) => a.name.localeCompare(b.name)), networks, volumes };
}

describe.each(testEndpoints())('compose on $kind', ({ kind, endpoint }) => {
  const missing = tool(kind) === undefined;
  let engine: TestEngine;
  let dir: string;
  let dataDir: string;
  const project = uniqueName('wharfc').replace('-', '');
  const cliProject = `${project}cli`;
  const goneProject = `${project}gone`;
  let service: ReturnType<typeof createComposeService>;
  let fileId: string;

  async function until(pred: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  function run(input: ParsedInputOf<'compose.run'>): Promise<ComposeEvent[]> {
    return new Promise((resolve, reject) => {
      const events: ComposeEvent[] = [];
      service.subscriptions['compose.run'](input, {
        emit(e) {
          events.push(e);
          if (e.type === 'done') resolve(events);
        },
        fail: reject,
      });
    });
  }

  beforeAll(async () => {
    if (missing) return;
    engine = await createTestEngine(endpoint);
    // The folder is named after the project: compose names a project after its folder.
    dir = join(mkdtempSync(join(tmpdir(), 'wharf-compose-')), project);
    mkdirSync(dir);
    dataDir = mkdtempSync(join(tmpdir(), 'wharf-compose-data-'));
    writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    service = createComposeService(engine, { dataDir });
    fileId = (await service.requests['compose.open']({ source: { kind: 'path', path: dir } })).id;
  }, 60_000);

  afterAll(async () => {
    if (missing) return;
    const docker = engine.docker();
    for (const p of [project, cliProject, goneProject]) {
      const label = JSON.stringify({ label: [`com.docker.compose.project=${p}`] });
      for (const c of await docker.listContainers({ all: true, filters: label }))
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => {});
      for (const n of (await docker.listNetworks()).filter((x) => x.Name.startsWith(`${p}_`)))
        await docker
          .getNetwork(n.Id)
          .remove()
          .catch(() => {});
      for (const v of ((await docker.listVolumes()).Volumes ?? []).filter((x) => x.Name.startsWith(`${p}_`)))
        await docker
          .getVolume(v.Name)
          .remove()
          .catch(() => {});
      for (const image of [`${p}_web`, `localhost/${p}_web`, `${p}slow_slow`, `localhost/${p}slow_slow`])
        await docker
          .getImage(image)
          .remove({ force: true })
          .catch(() => {});
    }
    await engine.dispose();
    rmSync(dirname(dir), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it.skipIf(missing)(`finds ${kind === 'docker' ? 'docker-compose' : 'podman-compose'} for this engine`, async () => {
    const status = await service.requests['compose.tool']({});
    expect(status.tool?.kind).toBe(kind === 'docker' ? 'docker-compose' : 'podman-compose');
    expect(status.candidates.map((c) => c.kind).sort()).toEqual(['compose-plugin', 'docker-compose', 'podman-compose']);
  });

  it.skipIf(missing)(
    'up holds what the same up typed into the compose tool holds',
    async () => {
      const events = await run({
        project,
        fileId,
        op: { kind: 'up', build: false, pull: 'missing', forceRecreate: false, removeOrphans: false },
      });
      expect(events[0]).toMatchObject({ type: 'command' });
      expect((events[0] as { command: string }).command).toContain(
        `-p ${project} -f ${join(dir, 'compose.yaml')} up -d`,
      );
      expect(events.at(-1), JSON.stringify(events.filter((e) => e.type === 'output').slice(-10))).toEqual({
        type: 'done',
        ok: true,
      });
      const steps = events.filter((e) => e.type === 'step');
      expect(steps.some((s) => s.type === 'step' && s.targetKind === 'container' && /web/.test(s.target))).toBe(true);

      await cli(kind, endpoint, dir, ['-p', cliProject, 'up', '-d']);
      const docker = engine.docker();
      const ours = await holding(docker, project);
      const theirs = await holding(docker, cliProject);
      expect(ours.containers).toHaveLength(3);
      expect(ours.containers.every((c) => c.running)).toBe(true);
      expect(ours).toEqual(theirs);
      expect(ours.networks).toEqual(['P_back', 'P_front']);
      expect(ours.volumes).toEqual(['P_data']);
      // The tool's own ps lists every container Wharf brought up.
      const ps = await cli(kind, endpoint, dir, ['-p', project, 'ps']);
      for (const c of ours.containers) expect(ps).toContain(c.name.replace('P', project));
    },
    240_000,
  );

  it.skipIf(missing)(
    'lists the project as running and draws one node per service, volume and network',
    async () => {
      const projects = await service.requests['compose.projects']({});
      expect(projects.find((p) => p.name === project)).toMatchObject({
        state: 'running',
        containers: { total: 3, running: 3 },
        services: ['db', 'web', 'worker'],
        filesReachable: true,
      });
      const details = await service.requests['compose.details']({ project, fileId });
      expect(details.model?.services.map((s) => s.name).sort()).toEqual(['db', 'web', 'worker']);
      const count = (k: string) => details.graph.nodes.filter((n) => n.kind === k).length;
      expect([count('service'), count('volume'), count('network'), count('build'), count('port')]).toEqual([
        3, 1, 2, 1, 1,
      ]);
      expect(details.graph.nodes.find((n) => n.id === 'volume:data')?.link).toEqual({
        kind: 'volume',
        ref: `${project}_data`,
      });
      expect(details.graph.nodes.find((n) => n.id === 'service:web')?.state).toEqual({ running: 1, total: 1 });
      expect(details.graph.edges).toContainEqual({
        from: 'service:web',
        to: 'service:db',
        kind: 'depends-on',
        ...(kind === 'docker' ? { label: 'service_started' } : {}),
      });
    },
    60_000,
  );

  it.skipIf(missing)(
    'stops, starts and recreates the project',
    async () => {
      const state = async () => (await service.requests['compose.projects']({})).find((p) => p.name === project)?.state;
      const ids = async () =>
        (
          await engine.docker().listContainers({
            all: true,
            filters: JSON.stringify({ label: [`com.docker.compose.project=${project}`] }),
          })
        )
          .map((c) => c.Id)
          .sort();
      const ok = (events: ComposeEvent[]) =>
        expect(events.at(-1), JSON.stringify(events.filter((e) => e.type === 'output').slice(-8))).toEqual({
          type: 'done',
          ok: true,
        });
      const stopped = await run({ project, fileId, op: { kind: 'stop' } });
      ok(stopped);
      expect(stopped.some((e) => e.type === 'step' && e.state === 'stopped')).toBe(true);
      expect(await state()).toBe('stopped');
      ok(await run({ project, fileId, op: { kind: 'start', services: ['db'] } }));
      expect(await state()).toBe('partial');
      ok(await run({ project, fileId, op: { kind: 'start' } }));
      expect(await state()).toBe('running');
      const before = await ids();
      const recreated = await run({ project, fileId, op: { kind: 'recreate' } });
      expect((recreated[0] as { command: string }).command).toContain('up -d --force-recreate');
      ok(recreated);
      const after = await ids();
      expect(after).toHaveLength(3);
      expect(after.filter((id) => before.includes(id))).toEqual([]);
      expect(await state()).toBe('running');
    },
    180_000,
  );

  it.skipIf(missing)(
    "merges every service's log lines in time order",
    async () => {
      await new Promise((r) => setTimeout(r, 2500));
      const events = await new Promise<ComposeLogEvent[]>((resolve, reject) => {
        const got: ComposeLogEvent[] = [];
        service.subscriptions['compose.logs'](
          { project, tail: 'all', follow: false },
          {
            emit(e) {
              got.push(e);
              if (e.type === 'status' && e.state === 'ended') resolve(got);
            },
            fail: reject,
          },
        );
      });
      expect(events[0]).toMatchObject({ type: 'reset', services: ['db', 'web', 'worker'] });
      expect((events[0] as { command: string }).command).toContain('logs -t --tail all');
      const lines = events.flatMap((e) => (e.type === 'lines' ? e.lines : []));
      for (const s of ['web', 'db', 'worker']) expect(lines.find((l) => l.text === `${s}-hello`)?.service).toBe(s);
      const times = lines.map((l) => Date.parse(l.time));
      expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    },
    60_000,
  );

  it.skipIf(missing)(
    'following logs picks up containers that start later',
    async () => {
      const got: ComposeLogEvent[] = [];
      const stop = service.subscriptions['compose.logs'](
        { project, services: ['worker'], tail: 0, follow: true },
        { emit: (e) => got.push(e), fail: (e) => got.push({ type: 'status', state: 'ended', message: String(e) }) },
      );
      const lines = () => got.flatMap((e) => (e.type === 'lines' ? e.lines : []));
      const hello = (container: string) => lines().find((l) => l.text === 'worker-hello' && l.container === container);
      try {
        await until(() => got.some((e) => e.type === 'status' && e.state === 'following'));
        // The worker's container is removed and created again by up: a new container, followed.
        const docker = engine.docker();
        await docker.getContainer(`${project}_worker_1`).remove({ force: true });
        const events = await run({
          project,
          fileId,
          op: {
            kind: 'up',
            services: ['worker'],
            build: false,
            pull: 'missing',
            forceRecreate: false,
            removeOrphans: false,
          },
        });
        expect(events.at(-1), JSON.stringify(events.filter((e) => e.type === 'output').slice(-10))).toEqual({
          type: 'done',
          ok: true,
        });
        await until(() => hello(`${project}_worker_1`) !== undefined);
        expect(hello(`${project}_worker_1`)).toMatchObject({ service: 'worker', stream: 'stdout' });

        const scaled = await run({ project, fileId, op: { kind: 'scale', service: 'worker', replicas: 2 } });
        if (kind === 'podman') {
          // podman-compose 1.0 ignores --scale: refused before it runs.
          expect(scaled.at(-1)).toMatchObject({
            type: 'done',
            ok: false,
            failure: { error: { key: 'compose.scaleUnsupported' } },
          });
          return;
        }
        expect((scaled[0] as { command: string }).command).toContain('up -d --no-recreate --scale worker=2');
        expect(scaled.at(-1)).toEqual({ type: 'done', ok: true });
        await until(() => hello(`${project}_worker_2`) !== undefined);
      } finally {
        stop();
      }
    },
    120_000,
  );

  it.skipIf(missing)(
    'refuses a file with a tab, naming its line, and saves nothing',
    async () => {
      const before = readFileSync(join(dir, 'compose.yaml'), 'utf8');
      const broken = before.replace('    image: wharf-test/shell\n', '\timage: wharf-test/shell\n');
      const checked = await service.requests['compose.validate']({ fileId, content: broken });
      expect(checked.ok).toBe(false);
      if (checked.ok) return;
      const line = broken.split('\n').findIndex((l) => l.startsWith('\t')) + 1;
      expect(checked.problems[0]).toMatchObject({
        file: join(dir, 'compose.yaml'),
        line,
        hint: { key: 'compose.problem.tab' },
      });
      const saved = await service.requests['compose.save']({ fileId, content: broken });
      expect(saved.ok).toBe(false);
      expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(before);
    },
    60_000,
  );

  it.skipIf(missing || kind === 'podman')(
    "places compose's own check of an unknown key at its line",
    async () => {
      const before = readFileSync(join(dir, 'compose.yaml'), 'utf8');
      const broken = before.replace('    image: wharf-test/shell\n', '    image: wharf-test/shell\n    colour: red\n');
      const checked = await service.requests['compose.validate']({ fileId, content: broken });
      expect(checked.ok).toBe(false);
      if (checked.ok) return;
      const line = broken.split('\n').findIndex((l) => l.includes('colour')) + 1;
      expect(checked.problems).toEqual([
        expect.objectContaining({
          line,
          file: join(dir, 'compose.yaml'),
          hint: expect.objectContaining({
            key: 'compose.problem.unknownKey',
            params: { key: 'colour', where: 'services.db' },
          }),
        }),
      ]);
    },
    60_000,
  );

  it.skipIf(missing)(
    "saves text the compose tool accepts, keeping the file's mode",
    async () => {
      const file = join(dir, 'compose.yaml');
      chmodSync(file, 0o640);
      const edited = `# edited in Wharf\n${readFileSync(file, 'utf8')}`;
      const saved = await service.requests['compose.save']({ fileId, content: edited });
      expect(saved).toMatchObject({ ok: true });
      expect(readFileSync(file, 'utf8')).toBe(edited);
      expect(statSync(file).mode & 0o777).toBe(0o640);
      expect(readdirSync(dir).sort()).toEqual(['Dockerfile', 'compose.yaml']);
    },
    60_000,
  );

  it.skipIf(missing)(
    "down removes what the tool's down removes and keeps the named volume",
    async () => {
      const events = await run({
        project,
        fileId,
        op: { kind: 'down', removeVolumes: false, removeImages: 'none', removeOrphans: false },
      });
      expect(events.at(-1)).toEqual({ type: 'done', ok: true });
      await cli(kind, endpoint, dir, ['-p', cliProject, 'down']);
      const docker = engine.docker();
      const ours = await holding(docker, project);
      expect(ours).toEqual(await holding(docker, cliProject));
      // podman-compose 1.0's down leaves the project's networks; docker-compose's removes them.
      expect(ours).toEqual({
        containers: [],
        networks: kind === 'docker' ? [] : ['P_back', 'P_front'],
        volumes: ['P_data'],
      });
      const gone = await run({
        project,
        fileId,
        op: { kind: 'down', removeVolumes: true, removeImages: 'none', removeOrphans: false },
      });
      expect(gone.at(-1)).toEqual({ type: 'done', ok: true });
      expect((await holding(docker, project)).volumes).toEqual([]);
      const projects = await service.requests['compose.projects']({});
      expect(projects.find((p) => p.name === project)).toMatchObject({ state: 'not-created', fileId });
    },
    240_000,
  );

  it.skipIf(missing)(
    'cancelling a run stops the compose tool and what it started',
    async () => {
      const slow = join(dirname(dir), `${project}slow`);
      mkdirSync(slow);
      writeFileSync(join(slow, 'Dockerfile'), 'FROM wharf-test/shell\nRUN sleep 60\n');
      writeFileSync(join(slow, 'compose.yaml'), 'services:\n  slow:\n    build: .\n');
      const ref = await service.requests['compose.open']({ source: { kind: 'path', path: slow } });
      const events: ComposeEvent[] = [];
      const stop = service.subscriptions['compose.run'](
        { project: `${project}slow`, fileId: ref.id, op: { kind: 'build' } },
        { emit: (e) => events.push(e), fail: () => {} },
      );
      await until(() => events.some((e) => e.type === 'output' && /STEP 2\/2|Step 2\/2/i.test(e.text)), 60_000);
      // The tool and what it runs (podman-compose runs `podman build -t <project>_slow`) all name the project.
      const running = () => processesNaming(`${project}slow`);
      expect(running().length).toBeGreaterThan(0);
      stop();
      await until(() => running().length === 0, 15_000);
      expect(events.some((e) => e.type === 'done')).toBe(false);
      await service.requests['compose.forget']({ fileId: ref.id });
    },
    120_000,
  );

  it.skipIf(missing)(
    'acts through the engine on a project whose files are gone',
    async () => {
      const elsewhere = join(dirname(dir), goneProject);
      mkdirSync(elsewhere);
      writeFileSync(join(elsewhere, 'compose.yaml'), COMPOSE);
      writeFileSync(join(elsewhere, 'Dockerfile'), DOCKERFILE);
      await cli(kind, endpoint, elsewhere, ['-p', goneProject, 'up', '-d']);
      rmSync(elsewhere, { recursive: true, force: true });

      expect((await service.requests['compose.projects']({})).find((p) => p.name === goneProject)).toMatchObject({
        state: 'running',
        filesReachable: false,
      });
      const details = await service.requests['compose.details']({ project: goneProject });
      expect(details.model).toBeNull();
      const count = (k: string) => details.graph.nodes.filter((n) => n.kind === k).length;
      expect([count('service'), count('volume'), count('network')]).toEqual([3, 1, 2]);
      expect(details.graph.nodes.find((n) => n.id === 'network:front')?.link).toEqual({
        kind: 'network',
        ref: `${goneProject}_front`,
      });

      const stopped = await run({ project: goneProject, op: { kind: 'stop' } });
      expect((stopped[0] as { command: string }).command).toMatch(new RegExp(`^docker stop ${goneProject}_`));
      expect(stopped.at(-1)).toEqual({ type: 'done', ok: true });
      expect((await holding(engine.docker(), goneProject)).containers.map((c) => c.running)).toEqual([
        false,
        false,
        false,
      ]);

      const down = await run({
        project: goneProject,
        op: { kind: 'down', removeVolumes: false, removeImages: 'none', removeOrphans: false },
      });
      expect(down.at(-1)).toEqual({ type: 'done', ok: true });
      expect(await holding(engine.docker(), goneProject)).toEqual({
        containers: [],
        networks: [],
        volumes: ['P_data'],
      });
      // Up needs the file: refused with a message saying so, before anything runs.
      await expect(
        run({
          project: goneProject,
          op: { kind: 'up', build: false, pull: 'missing', forceRecreate: false, removeOrphans: false },
        }),
      ).rejects.toMatchObject({
        key: 'compose.filesUnreachable',
      });
    },
    240_000,
  );
});
