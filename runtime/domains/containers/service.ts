// Containers: the list, and the actions a user takes on one or many. Errors
// thrown here reach the router, which keeps the engine's reason (toApiError).
import type { ParsedInputOf } from '../../api/contract';
import type { ActionOutcome, ContainerAction, ContainerSummary } from './types';
import type { HealthStatus } from './types';
import { containerActionCommand } from './cli';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { toPlainError } from '../../transport/to-api-error';
import { type EngineContainerInspect, toContainerDetails } from './inspect';
import { HELPER_LABEL } from '../files/helper';
import { type EngineContainer, toContainerSummary } from './mapping';
import { mapLimit } from './map-limit';
import { commitContainer, renameContainer, updateContainer } from './conveniences';

type ActionInput = ParsedInputOf<'containers.act'>;
type Docker = ReturnType<Engine['docker']>;

/** How many targets one action works on at once: enough to be quick, few enough not to swamp the engine. */
const ACTION_CONCURRENCY = 4;

/**
 * Every container, running or not, except Wharf's own helpers (the short-lived
 * containers that browse volumes), which are plumbing, not the user's. Never
 * with size=true: that walks every layer on disk.
 */
export async function listContainers(
  docker: Docker,
  filters?: Record<string, string[]>,
  /** Podman's status text has no health verdict: ask its health filter for the running ones. */
  podman = false,
): Promise<ContainerSummary[]> {
  const list = (f: Record<string, string[]> | undefined) =>
    docker.listContainers({
      all: true,
      ...(f !== undefined ? { filters: JSON.stringify(f) } : {}),
    }) as unknown as Promise<EngineContainer[]>;
  const raw = await list(filters);
  const rows = raw.filter((c) => c.Labels?.[HELPER_LABEL] === undefined).map(toContainerSummary);
  if (podman && rows.some((r) => r.state === 'running' && r.health === undefined)) {
    const verdicts = await Promise.all(
      HEALTH_VERDICTS.map(async (health) => ({
        health,
        ids: new Set((await list({ ...filters, health: [health] })).map((c) => c.Id)),
      })),
    );
    for (const row of rows) {
      const found = verdicts.find((v) => v.ids.has(row.id));
      if (found && row.state === 'running') row.health = found.health;
    }
  }
  return rows;
}

const HEALTH_VERDICTS: readonly HealthStatus[] = ['starting', 'healthy', 'unhealthy'];

export function describeContainerAction(input: ActionInput): string {
  return containerActionCommand({
    action: input.action,
    containers: input.targets.map((t) => (t.name !== '' ? t.name : t.id)),
    ...(input.action === 'remove' && input.removeVolumes !== undefined ? { removeVolumes: input.removeVolumes } : {}),
    ...(input.action === 'remove' && input.force !== undefined ? { force: input.force } : {}),
  });
}

async function actOn(docker: Docker, id: string, input: ActionInput): Promise<void> {
  const container = docker.getContainer(id);
  const run: Record<ContainerAction, () => Promise<unknown>> = {
    start: () => container.start(),
    stop: () => container.stop(),
    restart: () => container.restart(),
    kill: () => container.kill(),
    pause: () => container.pause(),
    unpause: () => container.unpause(),
    remove: () => container.remove({ v: input.removeVolumes === true, force: input.force === true }),
  };
  try {
    await run[input.action]();
  } catch (error) {
    // 304: already started / already stopped. The container is where the user wants it.
    if ((error as { statusCode?: number }).statusCode === 304) return;
    throw error;
  }
}

export function createContainersService(
  engine: Engine,
): ServiceHandlers<
  | 'containers.list'
  | 'containers.act'
  | 'containers.describeAction'
  | 'containers.inspect'
  | 'containers.rename'
  | 'containers.commit'
  | 'containers.update'
> {
  return {
    requests: {
      'containers.list': async () => listContainers(engine.docker(), undefined, engine.info()?.kind === 'podman'),
      'containers.act': async (input) => {
        const command = describeContainerAction(input);
        const docker = engine.docker();
        const outcomes = await mapLimit(input.targets, ACTION_CONCURRENCY, async (target): Promise<ActionOutcome> => {
          try {
            await actOn(docker, target.id, input);
            return { id: target.id, name: target.name, ok: true };
          } catch (error) {
            return { id: target.id, name: target.name, ok: false, error: toPlainError(error) };
          }
        });
        return { command, outcomes };
      },
      'containers.describeAction': async (input) => ({ command: describeContainerAction(input) }),
      'containers.inspect': async ({ id }) => {
        const raw = (await engine.docker().getContainer(id).inspect()) as unknown as EngineContainerInspect;
        return { details: toContainerDetails(raw), raw };
      },
      'containers.rename': async (input) => renameContainer(engine.docker(), input),
      'containers.commit': async (input) => commitContainer(engine.docker(), input),
      'containers.update': async (input) => updateContainer(engine, input),
    },
    subscriptions: {},
  };
}
