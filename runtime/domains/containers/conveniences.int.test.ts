// Rename, commit, update, export and duplicate against the real engines (Docker
// and Podman), each checked against what `docker inspect` (through the docker
// CLI) says the engine now holds.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../api/errors';
import { toApiError } from '../../transport/to-api-error';
import { CommitInput, RenameInput, UpdateInput } from './contract';
import { createContainersService } from './service';
import { createRunService } from '../run/service';
import { runInspectFields, type ContainerInspectJson } from '../run/compare';
import { createDownloadsService } from '../downloads/service';
import { createHelperPool } from '../files/helper';
import { createFilesService } from '../files/service';
import {
  TEST_IMAGE,
  type TestEngine,
  createTestEngine,
  dockerCli,
  testEndpoints,
  uniqueName,
} from '../../test-support/test-engine';

const engines = testEndpoints();

/** What a request's failure reaches the UI as. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    return toApiError(error);
  }
  throw new Error('expected a failure');
}

describe.skipIf(engines.length === 0).each(engines)('container conveniences on $kind', ({ kind, endpoint }) => {
  let engine: TestEngine;
  const containers: string[] = [];
  const images: string[] = [];
  const local = mkdtempSync(join(tmpdir(), 'wharf-conv-int-'));
  const pool = createHelperPool({ idleMs: 30_000 });
  const cli = (...args: string[]) => dockerCli(endpoint, args);
  const inspect = async (name: string) => JSON.parse(await cli('inspect', name))[0] as ContainerInspectJson;
  const started = async (prefix: string, ...args: string[]) => {
    const name = uniqueName(`wharf-conv-${prefix}`);
    containers.push(name);
    const id = (await cli('run', '-d', '--name', name, ...args, TEST_IMAGE, 'sleep', '3600')).trim();
    return { name, id };
  };

  beforeAll(async () => {
    engine = await createTestEngine(endpoint);
    expect(engine.info()?.kind).toBe(kind);
  });

  afterAll(async () => {
    await engine?.dispose();
    await pool.dispose?.();
    if (containers.length > 0) await cli('rm', '-f', '-v', ...containers).catch(() => {});
    for (const i of images) await cli('rmi', '-f', i).catch(() => {});
    rmSync(local, { recursive: true, force: true });
  });

  it('renames a container; a name in use is refused, naming the name', async () => {
    const a = await started('ren');
    const b = await started('ren');
    const service = createContainersService(engine);
    const fresh = uniqueName('wharf-conv-renamed');
    containers.push(fresh);
    const result = await service.requests['containers.rename'](RenameInput.parse({ id: a.id, name: fresh }));
    expect(result.command).toBe(`docker rename ${a.name} ${fresh}`);
    expect((await inspect(a.id)) as unknown as { Name: string }).toMatchObject({ Name: `/${fresh}` });

    const taken = await failure(service.requests['containers.rename'](RenameInput.parse({ id: a.id, name: b.name })));
    expect(taken.code).toBe('conflict');
    expect(taken.key).toBe('container.nameInUse');
    expect(taken.message).toContain(b.name);
    expect(((await inspect(a.id)) as unknown as { Name: string }).Name).toBe(`/${fresh}`);

    expect(RenameInput.safeParse({ id: a.id, name: '-bad' }).success).toBe(false);
    expect(RenameInput.safeParse({ id: a.id, name: 'has space' }).success).toBe(false);
  });

  it('commits a container to an image with a message, an author and changes', async () => {
    const c = await started('commit');
    await cli('exec', c.name, 'sh', '-c', 'echo made-here > /made.txt');
    const image = `${uniqueName('wharf-conv-committed')}:v1`;
    images.push(image);
    const service = createContainersService(engine);
    const result = await service.requests['containers.commit'](
      CommitInput.parse({
        id: c.id,
        image,
        message: 'added made.txt',
        author: 'Ada <ada@example.com>',
        changes: ['ENV COMMITTED=yes', 'CMD ["cat", "/made.txt"]'],
      }),
    );
    expect(result.command).toBe(
      `docker commit --author 'Ada <ada@example.com>' --message 'added made.txt' --change 'ENV COMMITTED=yes' ` +
        `--change 'CMD ["cat", "/made.txt"]' ${c.name} ${image}`,
    );
    const info = JSON.parse(await cli('image', 'inspect', image))[0] as {
      Id: string;
      Author: string;
      Comment: string;
      Config: { Env: string[]; Cmd: string[] };
    };
    expect(info.Id).toContain(result.imageId.replace(/^sha256:/, ''));
    expect(info.Author).toBe('Ada <ada@example.com>');
    expect(info.Comment).toBe('added made.txt');
    expect(info.Config.Env).toContain('COMMITTED=yes');
    expect(info.Config.Cmd).toEqual(['cat', '/made.txt']);
    expect((await cli('run', '--rm', image)).trim()).toBe('made-here');
    expect(CommitInput.safeParse({ id: c.id, changes: ['RUN rm -rf /'] }).success).toBe(false);
    expect(CommitInput.safeParse({ id: c.id, image: 'Upper/Case' }).success).toBe(false);
  });

  it('updates the restart policy and limits of a running container', async () => {
    const c = await started('upd');
    const service = createContainersService(engine);
    // Podman 4 changes limits only: the restart policy is refused, clearly, and nothing changes.
    const limitsOnly =
      kind === 'podman' && Number((await cli('version', '--format', '{{.Server.Version}}')).split('.')[0]) < 5;
    const input = UpdateInput.parse({
      id: c.id,
      ...(limitsOnly ? {} : { restart: 'on-failure', restartMaxRetries: 4 }),
      memory: '64m',
      memorySwap: '128m',
      cpus: 0.5,
      pidsLimit: 100,
    });
    if (limitsOnly) {
      const refused = await failure(
        service.requests['containers.update'](UpdateInput.parse({ id: c.id, restart: 'always', memory: '32m' })),
      );
      expect(refused.key).toBe('container.restartUnsupported');
      expect((await inspect(c.id)).HostConfig.Memory).toBe(0);
    }
    const result = await service.requests['containers.update'](input);
    expect(result.command).toBe(
      `docker update ${limitsOnly ? '' : '--restart on-failure:4 '}--memory 64m --memory-swap 128m --cpus 0.5 --pids-limit 100 ${c.name}`,
    );
    if (limitsOnly) {
      // Podman 4 changes the container's cgroup but not what inspect shows: its stats carry the new limit.
      const stats = JSON.parse(await cli('stats', '--no-stream', '--format', '{{json .}}', c.name)) as {
        MemUsage: string;
      };
      expect(stats.MemUsage).toMatch(/\/ 64(\.0+)?\s*MiB$/);
      return;
    }
    const h = (await inspect(c.id)).HostConfig;
    expect(h.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 4 });
    expect(h.Memory).toBe(64 * 1024 ** 2);
    expect(h.MemorySwap).toBe(128 * 1024 ** 2);
    expect(h.NanoCpus).toBe(0.5e9);
    expect(h.PidsLimit).toBe(100);
    // The details page shows what is set now.
    const details = (await service.requests['containers.inspect']({ id: c.id })).details;
    expect(details.limits).toEqual({ memory: 64 * 1024 ** 2, memorySwap: 128 * 1024 ** 2, cpus: 0.5, pidsLimit: 100 });
    expect(details.restartPolicy).toEqual({ name: 'on-failure', maximumRetryCount: 4 });

    // Memory above the memory + swap already set: the engine refuses, and says why.
    const refused = await failure(
      service.requests['containers.update'](UpdateInput.parse({ id: c.id, memory: '256m' })),
    );
    expect(refused.key).toBe('container.memoryOverSwap');
    expect(refused.message).toMatch(/swap/i);
    expect((await inspect(c.id)).HostConfig.Memory).toBe(64 * 1024 ** 2);

    // Checked before the engine: memory + swap below the memory.
    const bad = await failure(
      service.requests['containers.update'](UpdateInput.parse({ id: c.id, memory: '256m', memorySwap: '128m' })),
    );
    expect(bad.code).toBe('invalid-input');
    expect(UpdateInput.safeParse({ id: c.id }).success).toBe(false);
    expect(UpdateInput.safeParse({ id: c.id, memory: 'lots' }).success).toBe(false);
  });

  it("exports a container's filesystem as a tar holding its files", async () => {
    const c = await started('exp');
    await cli('exec', c.name, 'sh', '-c', 'mkdir -p /srv/out && echo exported > /srv/out/proof.txt');
    const files = createFilesService(engine, pool);
    const downloads = createDownloadsService(engine, files);
    const created = await downloads.requests['downloads.create']({ kind: 'container-export', id: c.name });
    expect(created.name).toBe(`${c.name}.tar`);
    expect(created.command).toBe(`docker export --output ${c.name}.tar ${c.name}`);
    const file = join(local, 'export.tar');
    const opened = await downloads.open({ kind: 'container-export', id: c.name });
    await pipeline(opened.stream, createWriteStream(file));
    await opened.done;
    const names = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).split('\n');
    expect(names.map((n) => n.replace(/^\.?\//, ''))).toContain('srv/out/proof.txt');
    expect(execFileSync('tar', ['-xOf', file, names.find((n) => n.endsWith('proof.txt'))!], { encoding: 'utf8' })).toBe(
      'exported\n',
    );
  });

  it('duplicates a container: the copy runs with the same configuration', async () => {
    const volume = uniqueName('wharf-conv-vol');
    const original = await started(
      'dup',
      '-p',
      '127.0.0.1::8080',
      '-e',
      'MODE=dev',
      '-v',
      `${volume}:/data`,
      '-v',
      '/scratch',
      '--restart',
      'unless-stopped',
      '-m',
      '96m',
      '--cpus',
      '0.5',
      '-l',
      'tier=web',
      '-w',
      '/data',
      '-u',
      '1000',
    );
    // A stopped original: Podman keeps the port the engine picked as its binding, which a copy cannot share.
    await cli('stop', '-t', '0', original.name);
    const run = createRunService(engine);
    const copy = await run.requests['run.fromContainer']({ id: original.id });
    expect(copy.original).toBe(original.name);
    expect(copy.form.name).toBe(`${original.name}-copy`);
    expect(copy.form.labels).toEqual(['tier=web']);
    containers.push(copy.form.name!);
    const started2 = await run.requests['run.start'](copy.form);
    const [a, b] = [await inspect(original.id), await inspect(started2.id)];
    const fields = (i: ContainerInspectJson) => {
      const f = runInspectFields(i);
      // Each anonymous volume is a new one, named by the engine.
      return { ...f, Binds: f.Binds };
    };
    expect(fields(b)).toEqual(fields(a));
    expect((b.Config as { Labels: Record<string, string> }).Labels.tier).toBe('web');
    await cli('volume', 'rm', '-f', volume).catch(() => {});
  });
});
