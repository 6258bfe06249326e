// The docker CLI command an action stands for, shown to the user so they can
// learn it or run it themselves. Pure: no Node imports, usable anywhere.
import type { ContainerAction } from '../api/types';

/**
 * What each command needs, by name. A new feature (run, exec, logs, pull,
 * volume create…) adds one entry here and one builder below.
 */
export interface CommandInputs {
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
  'container.logs': {
    container: string;
    follow?: boolean;
    /** Lines from the end; 'all' (the CLI's default) adds no flag. */
    tail?: number | 'all';
    /** Unix seconds; shown as an RFC 3339 time in UTC. */
    since?: number;
    timestamps?: boolean;
  };
  'container.inspect': { containers: readonly string[] };
  'container.exec': {
    container: string;
    command: readonly string[];
    /** -i -t: an interactive terminal. */
    tty?: boolean;
    user?: string;
    workdir?: string;
  };
  'container.attach': { container: string };
}

export type CommandName = keyof CommandInputs;

type Builders = { [K in CommandName]: (input: CommandInputs[K]) => string[] };

const builders: Builders = {
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
  'container.logs': ({ container, follow, tail, since, timestamps }) => [
    'logs',
    ...(follow === true ? ['-f'] : []),
    ...(tail !== undefined && tail !== 'all' ? ['--tail', String(tail)] : []),
    ...(since !== undefined ? ['--since', new Date(since * 1000).toISOString().replace(/\.000Z$/, 'Z')] : []),
    ...(timestamps === true ? ['-t'] : []),
    container,
  ],
  'container.inspect': ({ containers }) => ['inspect', ...containers],
  'container.exec': ({ container, command, tty, user, workdir }) => [
    'exec',
    ...(tty === true ? ['-it'] : []),
    ...(user !== undefined && user !== '' ? ['-u', user] : []),
    ...(workdir !== undefined && workdir !== '' ? ['-w', workdir] : []),
    container,
    ...command,
  ],
  'container.attach': ({ container }) => ['attach', container],
};

/** The argument vector, starting with "docker". */
export function dockerArgv<K extends CommandName>(name: K, input: CommandInputs[K]): string[] {
  const build = builders[name] as (input: CommandInputs[K]) => string[];
  return ['docker', ...build(input)];
}

/** The command as a user would type it in a POSIX shell. */
export function dockerCommand<K extends CommandName>(name: K, input: CommandInputs[K]): string {
  return shellJoin(dockerArgv(name, input));
}

const containerActionCommands: Record<ContainerAction, CommandName> = {
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
    return dockerCommand(name, {
      containers: spec.containers,
      ...(spec.removeVolumes !== undefined ? { volumes: spec.removeVolumes } : {}),
      ...(spec.force !== undefined ? { force: spec.force } : {}),
    });
  }
  return dockerCommand(name, { containers: spec.containers });
}

// Characters a POSIX shell never treats specially inside a word.
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell; leaves safe words as they are. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (SAFE_WORD.test(arg)) return arg;
  // Inside single quotes nothing is special except the closing quote itself.
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function shellJoin(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
