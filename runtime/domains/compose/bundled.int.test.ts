// The desktop app's own compose binary against the real engines: with one in
// the app's resources, compose uses it before the tools on PATH (on Docker
// and on Podman), and a project comes up and down through it. The machine's
// docker-compose, copied into a resources folder, stands in for the binary
// the macOS and Windows apps carry.
import { copyFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedInputOf } from '../../api/contract';
import { type TestEngine, createTestEngine, testEndpoints, uniqueName } from '../../test-support/test-engine';
import { createComposeService } from './service';
import { findOnPath } from './tool';
import type { ComposeEvent } from './types';

const onPath = findOnPath('docker-compose');

describe.each(testEndpoints())('the bundled compose binary on $kind', ({ endpoint }) => {
  const missing = onPath === undefined;
  const project = uniqueName('wharfb').replace('-', '');
  let engine: TestEngine;
  let root: string;
  let bundled: string;
  let service: ReturnType<typeof createComposeService>;

  const run = (input: ParsedInputOf<'compose.run'>): Promise<ComposeEvent[]> =>
    new Promise((resolve, reject) => {
      const events: ComposeEvent[] = [];
      service.subscriptions['compose.run'](input, {
        emit(e) {
          events.push(e);
          if (e.type === 'done') resolve(events);
        },
        fail: reject,
      });
    });

  beforeAll(async () => {
    if (missing) return;
    engine = await createTestEngine(endpoint);
    root = mkdtempSync(join(tmpdir(), 'wharf-bundled-'));
    mkdirSync(join(root, 'resources', 'compose'), { recursive: true });
    bundled = join(root, 'resources', 'compose', 'docker-compose');
    copyFileSync(onPath, bundled);
    chmodSync(bundled, 0o755);
    const dir = join(root, project);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'compose.yaml'),
      `services:\n  app:\n    image: wharf-test/shell\n    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]\n`,
    );
    mkdirSync(join(root, 'data'));
    service = createComposeService(engine, { dataDir: join(root, 'data'), bundledTool: bundled });
  }, 60_000);

  afterAll(async () => {
    if (missing) return;
    const docker = engine.docker();
    const label = JSON.stringify({ label: [`com.docker.compose.project=${project}`] });
    for (const c of await docker.listContainers({ all: true, filters: label }))
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {});
    for (const n of (await docker.listNetworks()).filter((x) => x.Name.startsWith(`${project}_`)))
      await docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => {});
    await engine.dispose();
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it.skipIf(missing)('is the tool compose uses, ahead of everything on PATH', async () => {
    const status = await service.requests['compose.tool']({});
    expect(status.tool).toMatchObject({ kind: 'docker-compose', path: bundled });
    expect(status.candidates[0]).toMatchObject({ kind: 'docker-compose', found: true });
  });

  it.skipIf(missing)(
    'brings a project up and down through it',
    async () => {
      const { id: fileId } = await service.requests['compose.open']({
        source: { kind: 'path', path: join(root, project) },
      });
      const up = await run({
        project,
        fileId,
        op: { kind: 'up', build: false, pull: 'missing', forceRecreate: false, removeOrphans: false },
      });
      expect(up.at(-1), JSON.stringify(up.filter((e) => e.type === 'output').slice(-10))).toEqual({
        type: 'done',
        ok: true,
      });
      const label = JSON.stringify({ label: [`com.docker.compose.project=${project}`] });
      const running = await engine.docker().listContainers({ filters: label });
      expect(running.map((c) => c.Labels['com.docker.compose.service'])).toEqual(['app']);

      const down = await run({
        project,
        fileId,
        op: { kind: 'down', removeVolumes: false, removeImages: 'none', removeOrphans: false },
      });
      expect(down.at(-1)).toEqual({ type: 'done', ok: true });
      expect(await engine.docker().listContainers({ all: true, filters: label })).toEqual([]);
    },
    180_000,
  );
});
