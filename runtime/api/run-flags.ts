// The flags `docker run` and `docker create` share, for the commands of more
// than one domain (containers' run and create, mounts' recreate, files'
// helpers). Pure.

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

export function runFlags(spec: RunSpec): string[] {
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

/** Bytes → the shortest exact size docker takes: 536870912 → "512m". */
export function memorySize(bytes: number): string {
  for (const [unit, size] of [
    ['g', 1024 ** 3],
    ['m', 1024 ** 2],
    ['k', 1024],
  ] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
