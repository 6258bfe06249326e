// The docker commands of this domain (docker volume create, rm, prune and inspect), as the user sees them. Pure:
// runtime/api/docker-cli.ts joins every domain's builders into dockerCommand.
import type { CommandBuilders } from '../../api/docker-cli';

export interface VolumeCommandInputs {
  'volume.create': {
    name?: string;
    driver?: string;
    driverOptions?: Readonly<Record<string, string>>;
    labels?: Readonly<Record<string, string>>;
  };
  'volume.rm': { volumes: readonly string[]; force?: boolean };
  /** all: also named volumes (API ≥ 1.42); filters: label filters as "key" or "key=value". */
  'volume.prune': { all?: boolean; force?: boolean; filters?: readonly string[] };
  'volume.inspect': { volumes: readonly string[] };
}

export const volumeCommands: CommandBuilders<VolumeCommandInputs> = {
  'volume.create': ({ name, driver, driverOptions, labels }) => [
    'volume',
    'create',
    ...(driver !== undefined && driver !== 'local' ? ['--driver', driver] : []),
    ...Object.entries(driverOptions ?? {}).flatMap(([k, v]) => ['--opt', `${k}=${v}`]),
    ...Object.entries(labels ?? {}).flatMap(([k, v]) => ['--label', v === '' ? k : `${k}=${v}`]),
    ...(name !== undefined ? [name] : []),
  ],
  'volume.rm': ({ volumes, force }) => ['volume', 'rm', ...(force === true ? ['-f'] : []), ...volumes],
  'volume.prune': ({ all, force, filters }) => [
    'volume',
    'prune',
    ...(all === true ? ['--all'] : []),
    ...(force === true ? ['-f'] : []),
    ...(filters ?? []).flatMap((f) => ['--filter', `label=${f}`]),
  ],
  'volume.inspect': ({ volumes }) => ['volume', 'inspect', ...volumes],
};
