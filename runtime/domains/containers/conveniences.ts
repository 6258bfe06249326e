// What a user does to one container besides start and stop: rename it, commit
// it to an image, change its restart policy and limits (docker update). Each
// answers with the docker command it stands for; the engine's refusals reach
// the router, which keeps their words and names the case (to-api-error.ts).
import type { ParsedInputOf } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { dockerCommand } from '../../api/docker-cli';
import { containerUpdateCommand } from './cli';
import type { Engine } from '../../engine/types';
import { memoryBytes } from '../run/flag-values';
import { libpodCall } from '../../engine/libpod';

type Docker = ReturnType<Engine['docker']>;

/** The name the user knows a container by (the engine's, without the slash), else the reference given. */
async function nameOf(docker: Docker, id: string): Promise<string> {
  const info = (await docker.getContainer(id).inspect()) as { Name?: string };
  return (info.Name ?? id).replace(/^\//, '') || id;
}

export async function renameContainer(
  docker: Docker,
  { id, name }: ParsedInputOf<'containers.rename'>,
): Promise<{ command: string; name: string }> {
  const old = await nameOf(docker, id);
  const command = dockerCommand('container.rename', { container: old, name });
  if (old === name) return { command, name };
  await docker.getContainer(id).rename({ name });
  return { command, name };
}

/** "host:5000/a/b:v1" → repository "host:5000/a/b", tag "v1"; no tag: "latest", as docker commit does. */
export function splitImageTag(image: string): { repo: string; tag: string } {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? { repo: image.slice(0, colon), tag: image.slice(colon + 1) } : { repo: image, tag: 'latest' };
}

export async function commitContainer(
  docker: Docker,
  input: ParsedInputOf<'containers.commit'>,
): Promise<{ command: string; imageId: string }> {
  const name = await nameOf(docker, input.id);
  const message = input.message?.trim() ?? '';
  const author = input.author?.trim() ?? '';
  const command = dockerCommand('container.commit', {
    container: name,
    ...(input.image !== undefined ? { image: input.image } : {}),
    ...(message !== '' ? { message } : {}),
    ...(author !== '' ? { author } : {}),
    changes: input.changes,
    pause: input.pause,
  });
  const target = input.image !== undefined ? splitImageTag(input.image) : undefined;
  const result = (await docker.getContainer(input.id).commit({
    ...(target !== undefined ? { repo: target.repo, tag: target.tag } : {}),
    ...(message !== '' ? { comment: message } : {}),
    ...(author !== '' ? { author } : {}),
    ...(input.changes.length > 0 ? { changes: input.changes } : {}),
    pause: input.pause,
  })) as { Id?: string; id?: string };
  return { command, imageId: result.Id ?? result.id ?? '' };
}

function bytes(field: string, size: string): number {
  const n = memoryBytes(size);
  if (n === undefined)
    throw new ApiError({ code: 'invalid-input', message: `${field}: "${size}" is not a memory size.` });
  return n;
}

/** The engine's body for docker update, from the form's values (only what is given changes). */
export function toUpdateBody(input: ParsedInputOf<'containers.update'>): Record<string, unknown> {
  const memory = input.memory !== undefined ? bytes('Memory', input.memory) : undefined;
  const swap =
    input.memorySwap === undefined
      ? undefined
      : input.memorySwap === '-1'
        ? -1
        : bytes('Memory + swap', input.memorySwap);
  if (memory !== undefined && swap !== undefined && swap !== -1 && swap < memory)
    throw new ApiError({
      code: 'invalid-input',
      message: `Memory + swap (${input.memorySwap}) is less than the memory (${input.memory}).`,
      hint: 'Memory + swap counts the memory too: make it at least as large, or -1 for swap without a limit.',
    });
  return {
    ...(input.restart !== undefined
      ? {
          RestartPolicy: {
            Name: input.restart,
            ...(input.restart === 'on-failure' ? { MaximumRetryCount: input.restartMaxRetries ?? 0 } : {}),
          },
        }
      : {}),
    ...(memory !== undefined ? { Memory: memory } : {}),
    ...(swap !== undefined ? { MemorySwap: swap } : {}),
    ...(input.cpus !== undefined ? { NanoCpus: Math.round(input.cpus * 1e9) } : {}),
    ...(input.pidsLimit !== undefined ? { PidsLimit: input.pidsLimit } : {}),
  };
}

/** The same change as Podman 4's own update takes it (the OCI resources); it has no restart policy. */
export function toLibpodResources(body: Record<string, unknown>): Record<string, unknown> {
  const nano = body.NanoCpus as number | undefined;
  const period = 100_000;
  return {
    ...(body.Memory !== undefined || body.MemorySwap !== undefined
      ? {
          memory: {
            ...(body.Memory !== undefined ? { limit: body.Memory } : {}),
            ...(body.MemorySwap !== undefined ? { swap: body.MemorySwap } : {}),
          },
        }
      : {}),
    ...(nano !== undefined ? { cpu: { quota: Math.round((nano / 1e9) * period), period } } : {}),
    ...(body.PidsLimit !== undefined ? { pids: { limit: body.PidsLimit } } : {}),
  };
}

/** Podman before 5 serves no docker update (its own update changes limits only). */
const podmanBefore5 = (engine: Engine) => {
  const info = engine.info();
  return info?.kind === 'podman' && Number(info.version.split('.')[0]) < 5;
};

export async function updateContainer(
  engine: Engine,
  input: ParsedInputOf<'containers.update'>,
): Promise<{ command: string; warnings: string[] }> {
  const docker = engine.docker();
  const body = toUpdateBody(input);
  const name = await nameOf(docker, input.id);
  const command = containerUpdateCommand(name, input);
  if (podmanBefore5(engine)) {
    if (input.restart !== undefined)
      throw new ApiError({
        code: 'conflict',
        message: `Podman ${engine.info()?.version ?? ''} cannot change the restart policy of a container that exists.`,
        hint: 'Podman 5 can. Meanwhile run a copy with the new policy (Duplicate), then remove this one.',
        key: 'container.restartUnsupported',
      });
    const { Id } = (await docker.getContainer(input.id).inspect()) as { Id: string };
    await libpodCall(docker, {
      method: 'POST',
      path: `/containers/${Id}/update`,
      body: JSON.stringify(toLibpodResources(body)),
      contentType: 'application/json',
    });
    return { command, warnings: [] };
  }
  const result = (await docker.getContainer(input.id).update(body)) as { Warnings?: string[] | null } | undefined;
  return { command, warnings: result?.Warnings ?? [] };
}
