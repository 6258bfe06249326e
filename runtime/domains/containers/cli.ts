// The docker commands of this domain (container lifecycle: start, stop, rm, inspect, rename, run and create), as the user sees them. Pure:
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
