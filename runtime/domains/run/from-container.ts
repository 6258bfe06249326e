// Duplicate a container: its `docker inspect` → the run form, filled with what
// it was created with, so the user can change it and run a copy. What came from
// the image (its env, labels, command, entrypoint, workdir, user, volumes) is
// left out, as the copy gets it from the same image; what the form cannot hold
// is named, never dropped silently. Pure: no Node, no engine.
import type { RunForm, RunHealth, RunVolume } from './types';
import { memorySize } from '../../api/run-flags';

type Strings = string[] | string | null | undefined;

/** The parts of a container's inspect the copy reads (Docker and Podman's compat API). */
export interface InspectForCopy {
  Id: string;
  Name?: string;
  Config?: {
    Hostname?: string;
    User?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    Env?: string[] | null;
    Cmd?: Strings;
    Entrypoint?: Strings;
    Image?: string;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    Volumes?: Record<string, object> | null;
    Healthcheck?: {
      Test?: string[] | null;
      Interval?: number;
      Timeout?: number;
      StartPeriod?: number;
      Retries?: number;
    } | null;
  };
  HostConfig?: {
    Binds?: string[] | null;
    Mounts?: Array<{ Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }> | null;
    Tmpfs?: Record<string, string> | null;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    NetworkMode?: string;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    AutoRemove?: boolean;
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    PidsLimit?: number | null;
  };
}

/** The image's own configuration (image inspect's Config), to leave out what the copy inherits anyway. */
export interface ImageConfigForCopy {
  Env?: string[] | null;
  Cmd?: Strings;
  Entrypoint?: Strings;
  WorkingDir?: string;
  User?: string;
  Labels?: Record<string, string> | null;
  Volumes?: Record<string, object> | null;
  Healthcheck?: NonNullable<InspectForCopy['Config']>['Healthcheck'];
}

export interface CopyResult {
  form: RunForm;
  /** Settings of the original the form cannot hold, as docker flags with their values. */
  notCopied: Array<{ flag: string; value: string }>;
}

const list = (v: Strings): string[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Labels Wharf or compose set to track a container: a copy made by hand is not theirs. */
const OWN_LABELS = /^(com\.docker\.compose\.|io\.podman\.compose\.|io\.wharf\.)/;

/** Nanoseconds → a Go duration as --health-* takes it: 30000000000 → "30s". */
export function goDuration(ns: number): string {
  if (ns % 1e9 === 0) {
    const s = ns / 1e9;
    if (s % 3600 === 0) return `${s / 3600}h`;
    if (s % 60 === 0) return `${s / 60}m`;
    return `${s}s`;
  }
  if (ns % 1e6 === 0) return `${ns / 1e6}ms`;
  return `${ns}ns`;
}

function volumes(c: InspectForCopy, image: ImageConfigForCopy | undefined): RunVolume[] {
  const out: RunVolume[] = [];
  for (const bind of c.HostConfig?.Binds ?? []) {
    // source:target[:options]; a Windows source ("C:\x") is not the engine's here.
    const [source = '', target = '', options = ''] = bind.split(':');
    if (target === '') continue;
    out.push({
      type: source.startsWith('/') ? 'bind' : 'volume',
      source,
      target,
      readOnly: options.split(',').includes('ro'),
    });
  }
  for (const m of c.HostConfig?.Mounts ?? []) {
    if (m.Target === undefined || (m.Type !== 'bind' && m.Type !== 'volume' && m.Type !== 'tmpfs')) continue;
    out.push({
      type: m.Type,
      ...(m.Type !== 'tmpfs' && m.Source !== undefined && m.Source !== '' ? { source: m.Source } : {}),
      target: m.Target,
      readOnly: m.ReadOnly === true,
      syntax: 'mount',
    });
  }
  for (const target of Object.keys(c.HostConfig?.Tmpfs ?? {})) {
    if (!out.some((v) => v.target === target)) out.push({ type: 'tmpfs', target, readOnly: false, syntax: 'mount' });
  }
  // Anonymous volumes the user asked for (-v /data): the container's, not the image's.
  for (const target of Object.keys(c.Config?.Volumes ?? {})) {
    if (image?.Volumes?.[target] !== undefined || out.some((v) => v.target === target)) continue;
    out.push({ type: 'volume', target, readOnly: false });
  }
  return out;
}

function health(c: InspectForCopy, image: ImageConfigForCopy | undefined): RunHealth | undefined {
  const h = c.Config?.Healthcheck;
  if (h === null || h === undefined) return undefined;
  const i = image?.Healthcheck;
  if (i !== null && i !== undefined && JSON.stringify(i) === JSON.stringify(h)) return undefined;
  const test = h.Test ?? [];
  const cmd =
    test[0] === 'CMD-SHELL' ? test.slice(1).join(' ') : test[0] === 'CMD' ? test.slice(1).join(' ') : undefined;
  if (test[0] === 'NONE') return undefined;
  const out: RunHealth = {
    ...(cmd !== undefined && cmd !== '' ? { cmd } : {}),
    ...(h.Interval ? { interval: goDuration(h.Interval) } : {}),
    ...(h.Timeout ? { timeout: goDuration(h.Timeout) } : {}),
    ...(h.StartPeriod ? { startPeriod: goDuration(h.StartPeriod) } : {}),
    ...(h.Retries ? { retries: h.Retries } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The run form that makes a copy of `c` named `name`. `image` is the image's
 * configuration, when the engine still has the image.
 */
export function runFormFromContainer(
  c: InspectForCopy,
  image: ImageConfigForCopy | undefined,
  name: string,
): CopyResult {
  const config = c.Config ?? {};
  const host = c.HostConfig ?? {};
  const notCopied: CopyResult['notCopied'] = [];

  const imageEnv = new Set(image?.Env ?? []);
  const env = (config.Env ?? []).filter((e) => !imageEnv.has(e));

  const imageLabels = image?.Labels ?? {};
  const labels = Object.entries(config.Labels ?? {})
    .filter(([k, v]) => imageLabels[k] !== v && !OWN_LABELS.test(k))
    .map(([k, v]) => `${k}=${v}`);

  // docker takes one word for --entrypoint: the rest of a longer one leads the command.
  const entry = list(config.Entrypoint);
  const ownEntry = image === undefined || !same(entry, list(image.Entrypoint));
  const cmd = list(config.Cmd);
  const ownCmd = ownEntry || image === undefined || !same(cmd, list(image.Cmd));
  const [entrypoint, ...entryRest] = entry;
  const command = ownEntry ? [...entryRest, ...cmd] : ownCmd ? cmd : [];

  const ports: RunForm['ports'] = [];
  for (const [key, bindings] of Object.entries(host.PortBindings ?? {})) {
    const [port = '', proto = 'tcp'] = key.split('/');
    const containerPort = Number(port);
    if (!Number.isInteger(containerPort) || containerPort < 1) continue;
    const protocol = proto === 'udp' || proto === 'sctp' ? proto : 'tcp';
    for (const b of bindings ?? [{}]) {
      const hostPort = Number(b.HostPort ?? '');
      ports.push({
        ...(b.HostIp !== undefined && b.HostIp !== '' ? { hostIp: b.HostIp } : {}),
        ...(hostPort > 0 ? { hostPort } : {}),
        containerPort,
        protocol,
      });
    }
  }

  const mode = host.NetworkMode ?? '';
  const network = mode === '' || mode === 'default' || mode === 'bridge' ? undefined : mode;
  const policy = host.RestartPolicy?.Name ?? '';
  const restart = policy === 'always' || policy === 'unless-stopped' || policy === 'on-failure' ? policy : undefined;
  const retries = restart === 'on-failure' ? (host.RestartPolicy?.MaximumRetryCount ?? 0) : 0;
  const nano = host.NanoCpus ?? 0;
  const quota = host.CpuQuota ?? 0;
  const period = host.CpuPeriod ?? 0;
  const cpus = nano > 0 ? nano / 1e9 : quota > 0 && period > 0 ? quota / period : undefined;
  const memory = (host.Memory ?? 0) > 0 ? memorySize(host.Memory!) : undefined;
  const swap = host.MemorySwap ?? 0;
  if (swap !== 0 && !(memory !== undefined && swap === 2 * host.Memory!))
    notCopied.push({ flag: '--memory-swap', value: swap === -1 ? '-1' : memorySize(swap) });
  const pids = host.PidsLimit ?? 0;
  // Podman sets a pids limit of its own (2048) on every container.
  if (pids > 0 && pids !== 2048) notCopied.push({ flag: '--pids-limit', value: String(pids) });
  const hostname = config.Hostname ?? '';
  const workdir = config.WorkingDir ?? '';
  const user = config.User ?? '';
  const check = health(c, image);

  const form: RunForm = {
    image: config.Image ?? '',
    name,
    command,
    ...(ownEntry && entrypoint !== undefined ? { entrypoint } : {}),
    ports,
    env,
    volumes: volumes(c, image),
    ...(labels.length > 0 ? { labels } : {}),
    ...(network !== undefined ? { network } : {}),
    ...(restart !== undefined ? { restart } : {}),
    ...(retries > 0 ? { restartMaxRetries: retries } : {}),
    interactive: config.OpenStdin === true,
    tty: config.Tty === true,
    remove: host.AutoRemove === true,
    detach: true,
    ...(cpus !== undefined ? { cpus: Math.round(cpus * 1000) / 1000 } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(workdir !== '' && workdir !== (image?.WorkingDir ?? '') ? { workdir } : {}),
    ...(user !== '' && user !== (image?.User ?? '') ? { user } : {}),
    // The engine names a container's host after its id unless told otherwise.
    ...(hostname !== '' && !c.Id.startsWith(hostname) ? { hostname } : {}),
    ...(check !== undefined ? { health: check } : {}),
  };
  return { form, notCopied };
}

/** "<name>-copy", or "-copy-2", "-copy-3"… when taken. */
export function copyName(name: string, taken: ReadonlySet<string>): string {
  const base = `${name}-copy`.slice(0, 120);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
