// The docker CLI command an action stands for, shown to the user so they can
// learn it or run it themselves. Pure (runtime/api): the runtime writes every
// command it sends with it, and the renderer the few it shows on its own.
import { shellJoin } from './shell-words';
import type { ContainerAction } from './types';

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
  /** docker cp: one side is "container:path". */
  'container.cp': { from: string; to: string; archive?: boolean };
  'container.rename': { container: string; name: string };
  /** docker run / docker create for helpers and recreated containers. */
  'container.run': RunSpec & { rm?: boolean; detach?: boolean; interactive?: boolean };
  'container.create': RunSpec;
  'image.rmi': { images: readonly string[]; force?: boolean };
  'image.tag': { source: string; target: string };
  /** all: every image no container uses, not only dangling ones. */
  'image.prune': { all?: boolean; force?: boolean };
  'image.history': { image: string };
  'image.inspect': { images: readonly string[] };
  'image.pull': { image: string };
  'image.push': { image: string };
  /** context: a folder, or "-" for a Dockerfile read from stdin. */
  'image.build': {
    context: string;
    tags?: readonly string[];
    buildArgs?: Readonly<Record<string, string>>;
    target?: string;
    dockerfile?: string;
    noCache?: boolean;
  };
  'image.save': { images: readonly string[]; output?: string };
  'image.load': { input?: string };
  /** The password is never part of the command: --password-stdin. */
  'registry.login': { registry: string; username: string };
  'registry.logout': { registry: string };
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
  'container.cp': ({ from, to, archive }) => ['cp', ...(archive === true ? ['-a'] : []), from, to],
  'container.rename': ({ container, name }) => ['rename', container, name],
  'container.run': (spec) => [
    'run',
    ...(spec.rm === true ? ['--rm'] : []),
    ...(spec.detach === true ? ['-d'] : []),
    ...(spec.interactive === true ? ['-i'] : []),
    ...runFlags(spec),
  ],
  'container.create': (spec) => ['create', ...runFlags(spec)],
  'image.rmi': ({ images, force }) => ['rmi', ...(force === true ? ['-f'] : []), ...images],
  'image.tag': ({ source, target }) => ['tag', source, target],
  'image.prune': ({ all, force }) => ['image', 'prune', ...(all === true ? ['-a'] : []), ...(force === true ? ['-f'] : [])],
  'image.history': ({ image }) => ['history', image],
  'image.inspect': ({ images }) => ['image', 'inspect', ...images],
  'image.pull': ({ image }) => ['pull', image],
  'image.push': ({ image }) => ['push', image],
  'image.build': ({ context, tags, buildArgs, target, dockerfile, noCache }) => [
    'build',
    ...(tags ?? []).flatMap((t) => ['-t', t]),
    ...(dockerfile !== undefined && dockerfile !== '' ? ['-f', dockerfile] : []),
    ...Object.entries(buildArgs ?? {}).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    ...(target !== undefined && target !== '' ? ['--target', target] : []),
    ...(noCache === true ? ['--no-cache'] : []),
    context,
  ],
  'image.save': ({ images, output }) => ['save', ...(output !== undefined ? ['-o', output] : []), ...images],
  'image.load': ({ input }) => ['load', ...(input !== undefined ? ['-i', input] : [])],
  'registry.login': ({ registry, username }) => ['login', '-u', username, '--password-stdin', registry],
  'registry.logout': ({ registry }) => ['logout', registry],
};

/** What `docker create` and `docker run` share: a container's configuration as flags. */
export interface RunSpec {
  name?: string;
  image: string;
  /** Replaces the image's entrypoint; [] clears it (--entrypoint ''). */
  entrypoint?: readonly string[];
  command?: readonly string[];
  env?: readonly string[];
  /** "127.0.0.1:8080:80/tcp", "8080:80", "80" … as -p takes them. */
  ports?: readonly string[];
  labels?: Readonly<Record<string, string>>;
  /** --mount specs: type=bind,source=…,target=…[,readonly]. */
  mounts?: ReadonlyArray<{ type: 'bind' | 'volume' | 'tmpfs'; source?: string; target: string; readOnly?: boolean }>;
  restart?: string;
  network?: string;
  networkAliases?: readonly string[];
  user?: string;
  workdir?: string;
  hostname?: string;
  tty?: boolean;
  openStdin?: boolean;
  privileged?: boolean;
  capAdd?: readonly string[];
  capDrop?: readonly string[];
  extraHosts?: readonly string[];
  stopSignal?: string;
}

function mountFlag(m: NonNullable<RunSpec['mounts']>[number]): string {
  const parts = [`type=${m.type}`];
  if (m.type !== 'tmpfs' && m.source !== undefined && m.source !== '') parts.push(`source=${m.source}`);
  parts.push(`target=${m.target}`);
  if (m.readOnly === true) parts.push('readonly');
  // --mount is itself comma-separated: a comma in a path needs CSV quoting.
  return parts.map((p) => (p.includes(',') || p.includes('"') ? `"${p.replace(/"/g, '""')}"` : p)).join(',');
}

function runFlags(spec: RunSpec): string[] {
  const flags: string[] = [];
  if (spec.name !== undefined) flags.push('--name', spec.name);
  if (spec.hostname !== undefined) flags.push('--hostname', spec.hostname);
  if (spec.user !== undefined && spec.user !== '') flags.push('-u', spec.user);
  if (spec.workdir !== undefined && spec.workdir !== '') flags.push('-w', spec.workdir);
  for (const e of spec.env ?? []) flags.push('-e', e);
  for (const p of spec.ports ?? []) flags.push('-p', p);
  for (const [k, v] of Object.entries(spec.labels ?? {})) flags.push('-l', `${k}=${v}`);
  for (const m of spec.mounts ?? []) flags.push('--mount', mountFlag(m));
  if (spec.restart !== undefined && spec.restart !== '' && spec.restart !== 'no') flags.push('--restart', spec.restart);
  if (spec.network !== undefined && spec.network !== '') flags.push('--network', spec.network);
  for (const a of spec.networkAliases ?? []) flags.push('--network-alias', a);
  for (const h of spec.extraHosts ?? []) flags.push('--add-host', h);
  for (const c of spec.capAdd ?? []) flags.push('--cap-add', c);
  for (const c of spec.capDrop ?? []) flags.push('--cap-drop', c);
  if (spec.privileged === true) flags.push('--privileged');
  if (spec.stopSignal !== undefined && spec.stopSignal !== '') flags.push('--stop-signal', spec.stopSignal);
  if (spec.tty === true) flags.push('-t');
  if (spec.openStdin === true) flags.push('-i');
  const [entry, ...entryArgs] = spec.entrypoint ?? [];
  if (spec.entrypoint !== undefined) flags.push('--entrypoint', entry ?? '');
  flags.push(spec.image);
  // docker takes one word for --entrypoint; its other words lead the command.
  flags.push(...entryArgs, ...(spec.command ?? []));
  return flags;
}

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
