// Volume actions beyond the list: sizes, users, create, remove (refused while
// in use, naming the users), prune with a preview that matches the engine's
// own rule, clone, export and import through helper containers.
import { createReadStream, createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import type { ParsedInputOf } from '../../api/contract';
import { ApiError } from '../../api/errors';
import type { EngineInfo } from '../engine/types';
import type { VolumePrunePreview, VolumeUser } from './types';
import { shellQuote } from '../../api/shell-words';
import { dockerCommand } from '../../api/docker-cli';
import type { Engine } from '../../engine/types';
import { toPlainError } from '../../transport/to-api-error';
import { execStream } from '../files/exec';
import { HELPER_LABEL, type HelperPool } from '../files/helper';
import { HELPER_IMAGE } from '../files/helper-image';
import { type EngineContainer, toContainerSummary } from '../containers/mapping';
import { inspectVolume } from './service';

type Docker_ = Docker;

/** Docker marks volumes it created for a container's VOLUME or `-v /path` (Docker 23+). */
const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

const apiAtLeast = (version: string, want: number[]): boolean => {
  const have = version.split('.').map(Number);
  for (let i = 0; i < want.length; i++) {
    const h = have[i] ?? 0;
    const w = want[i] ?? 0;
    if (h !== w) return h > w;
  }
  return true;
};

/** GET /system/df?type=volume where the API has it (1.42), else the whole /system/df. */
export async function volumeSizes(docker: Docker_, info: EngineInfo | undefined) {
  const typed = info?.kind === 'docker' && apiAtLeast(info.apiVersion, [1, 42]);
  // dockerode passes the options on as the query; its types leave them out.
  const df = (await (docker.df as unknown as (opts: object) => Promise<unknown>).call(
    docker,
    typed ? { type: 'volume' } : {},
  )) as {
    Volumes?: Array<{ Name: string; UsageData?: { Size?: number; RefCount?: number } | null }> | null;
  };
  const sizes: Record<string, number | null> = {};
  const refCounts: Record<string, number> = {};
  for (const v of df.Volumes ?? []) {
    const size = v.UsageData?.Size;
    sizes[v.Name] = typeof size === 'number' && size >= 0 ? size : null;
    if (typeof v.UsageData?.RefCount === 'number' && v.UsageData.RefCount >= 0)
      refCounts[v.Name] = v.UsageData.RefCount;
  }
  return { sizes, refCounts };
}

/** Containers (running or not, helpers left out) that mount each volume. */
export async function volumeUsers(docker: Docker_): Promise<Map<string, VolumeUser[]>> {
  const raw = (await docker.listContainers({ all: true })) as unknown as EngineContainer[];
  const users = new Map<string, VolumeUser[]>();
  for (const c of raw) {
    if (c.Labels?.[HELPER_LABEL] !== undefined) continue;
    const summary = toContainerSummary(c);
    for (const m of summary.mounts) {
      if (m.type !== 'volume' || m.name === undefined) continue;
      const list = users.get(m.name) ?? [];
      list.push({
        id: summary.id,
        name: summary.name,
        state: summary.state,
        destination: m.destination,
        readOnly: m.readOnly,
      });
      users.set(m.name, list);
    }
  }
  return users;
}

function inUseError(name: string, users: readonly VolumeUser[]): ApiError {
  const names = [...new Set(users.map((u) => u.name))];
  const list = names.length === 1 ? `container "${names[0]}"` : `containers ${names.map((n) => `"${n}"`).join(', ')}`;
  return new ApiError({
    code: 'conflict',
    message: `The volume "${name}" is in use by ${list}.`,
    hint: 'Remove the containers that use it first (stopping them is not enough), then remove the volume.',
    key: 'volume.inUse',
    params: { volume: name, containers: names.join(', ') },
  });
}

/** The engine's prune rule in plain words, and which volumes it covers. */
export function pruneRule(info: EngineInfo | undefined, all: boolean): { rule: string; anonymousOnly: boolean } {
  if (info?.kind === 'podman')
    return { rule: 'Podman removes every volume no container uses, named or anonymous.', anonymousOnly: false };
  if (info !== undefined && apiAtLeast(info.apiVersion, [1, 42]) && !all) {
    return {
      rule: 'Docker removes only anonymous volumes no container uses; named volumes stay (unless "all" is chosen).',
      anonymousOnly: true,
    };
  }
  return { rule: 'Docker removes every volume no container uses, named or anonymous.', anonymousOnly: false };
}

export async function prunePreview(engine: Engine, all: boolean): Promise<VolumePrunePreview> {
  const docker = engine.docker();
  const info = engine.info();
  const [list, users, sizes] = await Promise.all([
    docker.listVolumes() as unknown as Promise<{
      Volumes?: Array<{ Name: string; Labels?: Record<string, string> | null }> | null;
    }>,
    volumeUsers(docker),
    volumeSizes(docker, info).catch((): { sizes: Record<string, number | null> } => ({ sizes: {} })),
  ]);
  const { rule, anonymousOnly } = pruneRule(info, all);
  const volumes = (list.Volumes ?? [])
    .filter((v) => !users.has(v.Name))
    .map((v) => ({
      name: v.Name,
      anonymous: v.Labels?.[ANONYMOUS_LABEL] !== undefined,
      size: sizes.sizes[v.Name] ?? null,
    }))
    .filter((v) => !anonymousOnly || v.anonymous)
    .sort((a, b) => a.name.localeCompare(b.name));
  const apiHasAll = info?.kind === 'docker' && apiAtLeast(info.apiVersion, [1, 42]);
  return {
    volumes,
    bytes: volumes.reduce((sum, v) => sum + (v.size ?? 0), 0),
    sizesKnown: volumes.every((v) => v.size !== null),
    rule,
    command: dockerCommand('volume.prune', { all: all && apiHasAll }),
  };
}

export interface VolumeActionsDeps {
  engine: Engine;
  pool: HelperPool;
}

const mount = (volume: string, target: string, readOnly = false) => ({
  type: 'volume' as const,
  source: volume,
  target,
  readOnly,
});

/** The commands each action stands for; shared by the actions and 'volumes.describe'. */
/** `image`: the helper image's name (Wharf's own; loaded by Wharf, never pulled). */
export function describeVolumeAction(
  input: ParsedInputOf<'volumes.describe'>,
  image = HELPER_IMAGE,
  exists = false,
): string[] {
  switch (input.action) {
    case 'create': {
      const { action: _a, ...spec } = input;
      return [dockerCommand('volume.create', spec)];
    }
    case 'remove':
      return [dockerCommand('volume.rm', { volumes: [input.name] })];
    case 'clone':
      return [
        dockerCommand('volume.create', { name: input.to }),
        dockerCommand('container.run', {
          rm: true,
          mounts: [mount(input.from, '/from', true), mount(input.to, '/to')],
          image,
          command: ['cp', '-a', '/from/.', '/to/'],
        }),
      ];
    case 'export':
      return [
        `${dockerCommand('container.run', { rm: true, mounts: [mount(input.name, '/v', true)], image, command: ['tar', '-C', '/v', '-cf', '-', '.'] })} > ${shellQuote(input.file ?? `${input.name}.tar`)}`,
      ];
    case 'import':
      return [
        ...(exists ? [] : [dockerCommand('volume.create', { name: input.name })]),
        `${dockerCommand('container.run', { rm: true, interactive: true, mounts: [mount(input.name, '/v')], image, command: ['tar', '-C', '/v', '-xf', '-'] })} < ${shellQuote(input.file ?? `${input.name}.tar`)}`,
      ];
  }
}

export function createVolumeActions({ engine, pool }: VolumeActionsDeps) {
  const exists = async (docker: Docker_, name: string) =>
    docker
      .getVolume(name)
      .inspect()
      .then(
        () => true,
        (error: { statusCode?: number }) => {
          if (error.statusCode === 404) return false;
          throw error;
        },
      );

  const refuseExisting = async (docker: Docker_, name: string) => {
    if (await exists(docker, name)) {
      throw new ApiError({
        code: 'conflict',
        message: `A volume named "${name}" already exists.`,
        hint: 'Choose another name.',
      });
    }
  };

  /** Streams the volume's content as tar into `sink` (a file, or download events). */
  async function exportTo(name: string, write: (stream: Readable) => Promise<void>): Promise<void> {
    const docker = engine.docker();
    await docker.getVolume(name).inspect();
    await pool.withHelper(docker, [{ volume: name, target: '/v', readOnly: true }], async (id) => {
      const exec = await execStream(docker, id, ['tar', '-C', '/v', '-cf', '-', '.']);
      await Promise.all([
        write(exec.stdout),
        exec.done.then((r) => {
          if (r.exitCode !== 0)
            throw new ApiError({
              code: 'engine',
              message: `Exporting "${name}" failed: ${r.stderr || `exit ${r.exitCode}`}`,
            });
        }),
      ]);
    });
  }

  return {
    sizes: () => volumeSizes(engine.docker(), engine.info()),
    users: async (name: string) => (await volumeUsers(engine.docker())).get(name) ?? [],

    async create(input: ParsedInputOf<'volumes.create'>) {
      const docker = engine.docker();
      if (input.name !== undefined) await refuseExisting(docker, input.name);
      const created = (await docker.createVolume({
        ...(input.name !== undefined ? { Name: input.name } : {}),
        ...(input.driver !== undefined ? { Driver: input.driver } : {}),
        ...(input.driverOptions !== undefined ? { DriverOpts: input.driverOptions } : {}),
        ...(input.labels !== undefined ? { Labels: input.labels } : {}),
      })) as unknown as { name: string };
      return {
        volume: await inspectVolume(docker, created.name),
        commands: describeVolumeAction({ action: 'create', ...input }),
      };
    },

    async remove(name: string) {
      const docker = engine.docker();
      const users = (await volumeUsers(docker)).get(name) ?? [];
      if (users.length > 0) throw inUseError(name, users);
      await pool.release(docker, name);
      await docker.getVolume(name).remove();
      return { commands: describeVolumeAction({ action: 'remove', name }) };
    },

    prunePreview: (all: boolean) => prunePreview(engine, all),

    async prune(names: readonly string[]) {
      const docker = engine.docker();
      // Anything unused may go (the preview was shown under the engine's rule); in use now: kept.
      const [users, sizes] = await Promise.all([
        volumeUsers(docker),
        volumeSizes(docker, engine.info()).catch((): { sizes: Record<string, number | null> } => ({ sizes: {} })),
      ]);
      const removed: string[] = [];
      const failed: Array<{ name: string; error: ReturnType<typeof toPlainError> }> = [];
      let bytes = 0;
      for (const name of names) {
        const using = users.get(name);
        if (using !== undefined && using.length > 0) {
          failed.push({ name, error: toPlainError(inUseError(name, using)) });
          continue;
        }
        try {
          await pool.release(docker, name);
          await docker.getVolume(name).remove();
          removed.push(name);
          bytes += sizes.sizes[name] ?? 0;
        } catch (error) {
          failed.push({ name, error: toPlainError(error) });
        }
      }
      return {
        removed,
        failed,
        bytes,
        commands: removed.length > 0 ? [dockerCommand('volume.rm', { volumes: removed })] : [],
      };
    },

    async clone(from: string, to: string) {
      const docker = engine.docker();
      const source = (await docker.getVolume(from).inspect()) as unknown as {
        Driver?: string;
        Labels?: Record<string, string> | null;
      };
      await refuseExisting(docker, to);
      // The helper is there (or loaded) before the new volume is made.
      await pool.helperImage(docker);
      const labels = Object.fromEntries(Object.entries(source.Labels ?? {}).filter(([k]) => k !== ANONYMOUS_LABEL));
      await docker.createVolume({ Name: to, Driver: source.Driver ?? 'local', Labels: labels });
      try {
        await pool.withHelper(
          docker,
          [
            { volume: from, target: '/from', readOnly: true },
            { volume: to, target: '/to' },
          ],
          async (id) => {
            const exec = await execStream(docker, id, ['cp', '-a', '/from/.', '/to/']);
            exec.stdout.resume();
            const r = await exec.done;
            if (r.exitCode !== 0)
              throw new ApiError({
                code: 'engine',
                message: `Copying "${from}" into "${to}" failed: ${r.stderr || `exit ${r.exitCode}`}`,
              });
          },
        );
      } catch (error) {
        await docker
          .getVolume(to)
          .remove()
          .catch(() => {});
        throw error;
      }
      return { volume: await inspectVolume(docker, to), commands: describeVolumeAction({ action: 'clone', from, to }) };
    },

    async export(name: string, file: string) {
      let bytes = 0;
      await exportTo(name, async (stream) => {
        stream.on('data', (c: Buffer) => (bytes += c.length));
        await pipeline(stream, createWriteStream(file));
      });
      return { bytes, file, commands: describeVolumeAction({ action: 'export', name, file }) };
    },

    async import(name: string, file: string) {
      const docker = engine.docker();
      const existed = await exists(docker, name);
      await pool.helperImage(docker);
      if (!existed) await docker.createVolume({ Name: name });
      await pool.withHelper(docker, [{ volume: name, target: '/v' }], async (id) => {
        await docker.getContainer(id).putArchive(createReadStream(file), { path: '/v' });
      });
      return {
        volume: await inspectVolume(docker, name),
        commands: describeVolumeAction({ action: 'import', name, file }, HELPER_IMAGE, existed),
      };
    },

    async describe(input: ParsedInputOf<'volumes.describe'>) {
      const docker = engine.docker();
      const existed = input.action === 'import' ? await exists(docker, input.name).catch(() => false) : false;
      return { commands: describeVolumeAction(input, HELPER_IMAGE, existed) };
    },
  };
}
