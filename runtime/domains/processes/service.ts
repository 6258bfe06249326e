// processes.top: the engine's top for one container and, on Docker, one
// `ps` run inside it to learn the PIDs there.
import type { Engine } from '../../engine/types';
import { execCollect } from '../files/exec';
import type { ServiceHandlers } from '../../transport/handlers';
import { topCommand } from './cli';
import {
  DOCKER_PS_ARGS,
  type EngineTop,
  INSIDE_PS,
  matchInside,
  PODMAN_DESCRIPTORS,
  parseInsidePs,
  parseTop,
} from './parse';
import type { ProcessList } from './types';

/** How long the ps inside may take before the list is shown without the PIDs inside. */
const INSIDE_TIMEOUT_MS = 3000;

export function createProcessesService(engine: Engine): ServiceHandlers<'processes.top'> {
  return {
    requests: {
      'processes.top': async ({ id }) => {
        const docker = engine.docker();
        const container = docker.getContainer(id);
        const info = (await container.inspect()) as { Name?: string; State?: { Running?: boolean; Paused?: boolean } };
        const name = (info.Name ?? id).replace(/^\//, '');
        const out: ProcessList = {
          command: topCommand(name),
          running: info.State?.Running === true,
          rows: [],
          insideFrom: 'none',
        };
        if (!out.running) return out;
        const podman = engine.info()?.kind === 'podman';
        const top = (await container.top({ ps_args: podman ? PODMAN_DESCRIPTORS : DOCKER_PS_ARGS })) as EngineTop;
        out.rows = parseTop(top);
        if (out.rows.some((r) => r.pid !== undefined)) {
          out.insideFrom = 'engine';
          return out;
        }
        // A paused container runs no exec; an image without ps has nothing to run.
        if (info.State?.Paused === true) return out;
        const inside = await withTimeout(execCollect(docker, id, [...INSIDE_PS], 256 * 1024), INSIDE_TIMEOUT_MS).catch(
          () => undefined,
        );
        if (inside === undefined || inside.exitCode !== 0) return out;
        out.rows = matchInside(out.rows, parseInsidePs(inside.stdout.toString('utf8')));
        out.insideFrom = 'exec';
        return out;
      },
    },
    subscriptions: {},
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
