// The docker commands of this domain (container lifecycle: start, stop, rm, inspect, rename, run, create, commit, update, export), as the user sees them. Pure:
// runtime/api/docker-cli.ts joins every domain's builders into dockerCommand.
import type { CommandBuilders } from '../../api/docker-cli';
import { type RunSpec, runFlags } from '../../api/run-flags';
import { shellJoin } from '../../api/shell-words';
import type { ContainerAction } from './types';

export interface ContainerCommandInputs {
  'container.start': { containers: readonly string[] };
  'container.stop': { containers: readonly string[] };
  'container.restart': { containers: readonly string[] };
  'container.kill': { containers: readonly string[] };
  'container.pause': { containers: readonly string[] };
  'container.unpause': { containers: readonly string[] };
  'container.remove': {
    containers: readonly string[];
    /** Also remove anonymous volumes. */
    volumes?: boolean;
    /** Remove even if running. */
    force?: boolean;
  };
  'container.inspect': { containers: readonly string[] };
  'container.rename': { container: string; name: string };
  /** docker run / docker create for helpers and recreated containers. */
  'container.run': RunSpec & { rm?: boolean; detach?: boolean; interactive?: boolean };
  'container.create': RunSpec;
  /** docker commit: the container's filesystem (and config changes) as a new image. */
  'container.commit': {
    container: string;
    /** repository[:tag]; absent: an untagged image. */
    image?: string;
    message?: string;
    author?: string;
    /** Dockerfile instructions, one per --change: CMD ["sh"], ENV A=b. */
    changes?: readonly string[];
    /** false: --pause=false (the container keeps running while it is copied). */
    pause?: boolean;
  };
  /** docker update: restart policy and limits of a container, while it runs. */
  'container.update': {
    containers: readonly string[];
    restart?: string;
    /** As typed: "512m", "1g"; "-1" for memory-swap: unlimited swap. */
    memory?: string;
    memorySwap?: string;
    cpus?: number;
    pidsLimit?: number;
  };
  /** docker export: the container's filesystem as a tar. */
  'container.export': { container: string; output?: string };
}

export const containerCommands: CommandBuilders<ContainerCommandInputs> = {
  'container.start': ({ containers }) => ['start', ...containers],
  'container.stop': ({ containers }) => ['stop', ...containers],
  'container.restart': ({ containers }) => ['restart', ...containers],
  'container.kill': ({ containers }) => ['kill', ...containers],
  'container.pause': ({ containers }) => ['pause', ...containers],
  'container.unpause': ({ containers }) => ['unpause', ...containers],
  'container.remove': ({ containers, volumes, force }) => [
    'rm',
    ...(force === true ? ['-f'] : []),
    ...(volumes === true ? ['-v'] : []),
    ...containers,
  ],
  'container.inspect': ({ containers }) => ['inspect', ...containers],
  'container.rename': ({ container, name }) => ['rename', container, name],
  'container.run': (spec) => [
    'run',
    ...(spec.rm === true ? ['--rm'] : []),
    ...(spec.detach === true ? ['-d'] : []),
    ...(spec.interactive === true ? ['-i'] : []),
    ...runFlags(spec),
  ],
  'container.create': (spec) => ['create', ...runFlags(spec)],
  'container.commit': ({ container, image, message, author, changes, pause }) => [
    'commit',
    ...(author !== undefined && author !== '' ? ['--author', author] : []),
    ...(message !== undefined && message !== '' ? ['--message', message] : []),
    ...(changes ?? []).flatMap((c) => ['--change', c]),
    ...(pause === false ? ['--pause=false'] : []),
    container,
    ...(image !== undefined && image !== '' ? [image] : []),
  ],
  'container.update': ({ containers, restart, memory, memorySwap, cpus, pidsLimit }) => [
    'update',
    ...(restart !== undefined ? ['--restart', restart] : []),
    ...(memory !== undefined ? ['--memory', memory] : []),
    ...(memorySwap !== undefined ? ['--memory-swap', memorySwap] : []),
    ...(cpus !== undefined ? ['--cpus', String(cpus)] : []),
    ...(pidsLimit !== undefined ? ['--pids-limit', String(pidsLimit)] : []),
    ...containers,
  ],
  'container.export': ({ container, output }) => [
    'export',
    ...(output !== undefined ? ['--output', output] : []),
    container,
  ],
};

type ActionCommand =
  | 'container.start'
  | 'container.stop'
  | 'container.restart'
  | 'container.remove'
  | 'container.kill'
  | 'container.pause'
  | 'container.unpause';

const containerActionCommands: Record<ContainerAction, ActionCommand> = {
  start: 'container.start',
  stop: 'container.stop',
  restart: 'container.restart',
  remove: 'container.remove',
  kill: 'container.kill',
  pause: 'container.pause',
  unpause: 'container.unpause',
};

export interface ContainerActionSpec {
  action: ContainerAction;
  /** Names (or ids) as the user knows them. */
  containers: readonly string[];
  removeVolumes?: boolean;
  force?: boolean;
}

/** `docker stop web db`, `docker rm -f -v web`, … */
export function containerActionCommand(spec: ContainerActionSpec): string {
  const name = containerActionCommands[spec.action];
  if (name === 'container.remove') {
    return shellJoin([
      'docker',
      ...containerCommands[name]({
        containers: spec.containers,
        ...(spec.removeVolumes !== undefined ? { volumes: spec.removeVolumes } : {}),
        ...(spec.force !== undefined ? { force: spec.force } : {}),
      }),
    ]);
  }
  return shellJoin(['docker', ...containerCommands[name]({ containers: spec.containers })]);
}

/** What docker update changes (the containers.update input without the container). */
export interface ContainerUpdateSpec {
  restart?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  restartMaxRetries?: number;
  memory?: string;
  memorySwap?: string;
  cpus?: number;
  pidsLimit?: number;
}

/** `docker update --restart on-failure:3 --memory 256m web`: what the update dialog does. */
export function containerUpdateCommand(name: string, input: ContainerUpdateSpec): string {
  const restart =
    input.restart === 'on-failure' && input.restartMaxRetries !== undefined && input.restartMaxRetries > 0
      ? `on-failure:${input.restartMaxRetries}`
      : input.restart;
  const argv = containerCommands['container.update']({
    containers: [name],
    ...(restart !== undefined ? { restart } : {}),
    ...(input.memory !== undefined ? { memory: input.memory } : {}),
    ...(input.memorySwap !== undefined ? { memorySwap: input.memorySwap } : {}),
    ...(input.cpus !== undefined ? { cpus: input.cpus } : {}),
    ...(input.pidsLimit !== undefined ? { pidsLimit: input.pidsLimit } : {}),
  });
  return shellJoin(['docker', ...argv]);
}
