// The run form as the user types it (every field a string), and the RunForm
// the runtime takes, both ways. Validation lives here so a bad field is named
// in the form before anything reaches the engine; the runtime validates again.
import type { RunForm, RunPort, RunVolume } from '../../../../runtime/domains/run/types';
import { ShellSyntaxError, shellJoin, splitShellWords } from '../../../../runtime/api/shell-words';
import { type HealthDraft, emptyHealth, healthFromDraft, healthToDraft } from './health-draft';

export interface PortDraft {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: RunPort['protocol'];
}

export interface VolumeDraft {
  type: RunVolume['type'];
  source: string;
  target: string;
  readOnly: boolean;
  syntax?: RunVolume['syntax'];
}

export interface RunDraft {
  image: string;
  name: string;
  /** Words after the image, in shell syntax. */
  command: string;
  entrypoint: string;
  ports: PortDraft[];
  /** One KEY=value per row. */
  env: string[];
  volumes: VolumeDraft[];
  /** One KEY=value per row (-l). */
  labels: string[];
  network: string;
  restart: NonNullable<RunForm['restart']>;
  restartMaxRetries: string;
  interactive: boolean;
  tty: boolean;
  remove: boolean;
  cpus: string;
  memory: string;
  workdir: string;
  user: string;
  hostname: string;
  health: HealthDraft;
}

/** A problem with one field: an i18n key under run.errors and its values. */
export interface FieldProblem {
  key: string;
  params?: Record<string, string>;
}

export type Problems = Record<string, FieldProblem>;

export function emptyDraft(image = ''): RunDraft {
  return {
    image,
    name: '',
    command: '',
    entrypoint: '',
    ports: [],
    env: [],
    volumes: [],
    labels: [],
    network: '',
    restart: 'no',
    restartMaxRetries: '',
    interactive: false,
    tty: false,
    remove: false,
    cpus: '',
    memory: '',
    workdir: '',
    user: '',
    hostname: '',
    health: emptyHealth(),
  };
}

export function emptyPort(): PortDraft {
  return { hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' };
}

export function emptyVolume(): VolumeDraft {
  return { type: 'volume', source: '', target: '', readOnly: false };
}

const IMAGE = /^[a-zA-Z0-9][a-zA-Z0-9_.\-/:@]*$/;
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;
const MEMORY = /^\d+(\.\d+)?\s*[bkmgBKMG]?[bB]?$/;

function port(value: string): number | undefined {
  if (!/^\d{1,5}$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return n >= 1 && n <= 65535 ? n : undefined;
}

/** Why an environment row is not KEY=value, or undefined. */
export function envProblem(entry: string): FieldProblem | undefined {
  const eq = entry.indexOf('=');
  const key = eq < 0 ? entry : entry.slice(0, eq);
  if (eq < 0) return { key: 'envNoEquals', params: { entry } };
  if (key === '') return { key: 'envNoName' };
  if (/\s/.test(key)) return { key: 'envSpace', params: { name: key } };
  if (!ENV_KEY.test(key)) return { key: 'envBadName', params: { name: key } };
  return undefined;
}

/** The RunForm of a draft, or the problems of each field (keyed by field path). */
export function toRunForm(d: RunDraft): { form: RunForm; problems: Problems } {
  const problems: Problems = {};
  const image = d.image.trim();
  if (image === '') problems.image = { key: 'imageMissing' };
  else if (!IMAGE.test(image)) problems.image = { key: 'imageBad' };
  const name = d.name.trim();
  if (name !== '' && !NAME.test(name)) problems.name = { key: 'nameBad' };

  let command: string[] = [];
  try {
    const split = splitShellWords(d.command);
    command = split.words;
    // `echo a; rm x`: a shell would run what follows the `;` apart from docker run.
    if (split.rest !== undefined) problems.command = { key: 'commandRest', params: { rest: split.rest } };
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    problems.command = { key: error.quote === 'single' ? 'quoteSingle' : 'quoteDouble' };
  }

  const ports: RunPort[] = [];
  d.ports.forEach((p, i) => {
    const container = port(p.containerPort);
    if (container === undefined)
      problems[`ports.${i}.containerPort`] = {
        key: p.containerPort.trim() === '' ? 'portMissing' : 'portBad',
        params: { value: p.containerPort },
      };
    const host = p.hostPort.trim() === '' ? undefined : port(p.hostPort);
    if (p.hostPort.trim() !== '' && host === undefined)
      problems[`ports.${i}.hostPort`] = { key: 'portBad', params: { value: p.hostPort } };
    const ip = p.hostIp.trim();
    if (ip !== '' && !IPV4.test(ip) && !(ip.includes(':') && IPV6.test(ip)))
      problems[`ports.${i}.hostIp`] = { key: 'ipBad', params: { value: ip } };
    if (container !== undefined)
      ports.push({
        ...(ip !== '' ? { hostIp: ip } : {}),
        ...(host !== undefined ? { hostPort: host } : {}),
        containerPort: container,
        protocol: p.protocol,
      });
  });
  // The same host port twice in one form cannot both be published.
  const seen = new Map<string, number>();
  d.ports.forEach((p, i) => {
    if (p.hostPort.trim() === '') return;
    const key = `${p.hostIp.trim() || '*'}:${p.hostPort.trim()}/${p.protocol}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems[`ports.${i}.hostPort`] = {
        key: 'portTwice',
        params: { value: p.hostPort.trim(), row: String(first + 1) },
      };
    else seen.set(key, i);
  });

  const env: string[] = [];
  d.env.forEach((e, i) => {
    if (e.trim() === '') return;
    const problem = envProblem(e);
    if (problem !== undefined) problems[`env.${i}`] = problem;
    else env.push(e);
  });

  const volumes: RunVolume[] = [];
  d.volumes.forEach((v, i) => {
    const target = v.target.trim();
    const source = v.source.trim();
    if (!target.startsWith('/'))
      problems[`volumes.${i}.target`] = { key: target === '' ? 'targetMissing' : 'targetAbsolute' };
    if (v.type === 'bind' && source === '') problems[`volumes.${i}.source`] = { key: 'bindMissing' };
    else if (v.type === 'bind' && !source.startsWith('/')) problems[`volumes.${i}.source`] = { key: 'bindAbsolute' };
    else if (v.type === 'volume' && source !== '' && !NAME.test(source))
      problems[`volumes.${i}.source`] = { key: 'volumeBad' };
    volumes.push({
      type: v.type,
      ...(v.type !== 'tmpfs' && source !== '' ? { source } : {}),
      target,
      readOnly: v.readOnly,
      ...(v.syntax !== undefined ? { syntax: v.syntax } : {}),
    });
  });

  const labels: string[] = [];
  d.labels.forEach((l, i) => {
    if (l.trim() === '') return;
    const key = l.split('=')[0] ?? '';
    if (key.trim() === '' || /\s/.test(key)) problems[`labels.${i}`] = { key: 'labelBad', params: { entry: l } };
    else labels.push(l);
  });

  let restartMaxRetries: number | undefined;
  if (d.restart === 'on-failure' && d.restartMaxRetries.trim() !== '') {
    if (!/^\d{1,7}$/.test(d.restartMaxRetries.trim())) problems.restartMaxRetries = { key: 'retriesBad' };
    else restartMaxRetries = Number(d.restartMaxRetries.trim());
  }
  if (d.remove && d.restart !== 'no') problems.remove = { key: 'removeWithRestart' };

  let cpus: number | undefined;
  if (d.cpus.trim() !== '') {
    const n = Number(d.cpus.trim());
    if (!Number.isFinite(n) || n <= 0 || n > 4096) problems.cpus = { key: 'cpusBad' };
    else cpus = n;
  }
  const memory = d.memory.trim();
  if (memory !== '' && !MEMORY.test(memory)) problems.memory = { key: 'memoryBad' };
  const health = healthFromDraft(d.health, problems);

  const form: RunForm = {
    image,
    ...(name !== '' ? { name } : {}),
    command,
    ...(d.entrypoint.trim() !== '' ? { entrypoint: d.entrypoint.trim() } : {}),
    ports,
    env,
    volumes,
    ...(labels.length > 0 ? { labels } : {}),
    ...(d.network !== '' ? { network: d.network } : {}),
    ...(d.restart !== 'no' ? { restart: d.restart } : {}),
    ...(restartMaxRetries !== undefined ? { restartMaxRetries } : {}),
    interactive: d.interactive,
    tty: d.tty,
    remove: d.remove,
    // Wharf starts every container in the background.
    detach: true,
    ...(cpus !== undefined ? { cpus } : {}),
    ...(memory !== '' ? { memory } : {}),
    ...(d.workdir.trim() !== '' ? { workdir: d.workdir.trim() } : {}),
    ...(d.user.trim() !== '' ? { user: d.user.trim() } : {}),
    ...(d.hostname.trim() !== '' ? { hostname: d.hostname.trim() } : {}),
    ...(health !== undefined ? { health } : {}),
  };
  return { form, problems };
}

/** A RunForm (a pasted command's) as the draft the form shows. */
export function fromRunForm(f: RunForm): RunDraft {
  return {
    image: f.image,
    name: f.name ?? '',
    command: shellJoin(f.command),
    entrypoint: f.entrypoint ?? '',
    ports: f.ports.map((p) => ({
      hostIp: p.hostIp ?? '',
      hostPort: p.hostPort !== undefined ? String(p.hostPort) : '',
      containerPort: String(p.containerPort),
      protocol: p.protocol,
    })),
    env: [...f.env],
    volumes: f.volumes.map((v) => ({
      type: v.type,
      source: v.source ?? '',
      target: v.target,
      readOnly: v.readOnly,
      ...(v.syntax !== undefined ? { syntax: v.syntax } : {}),
    })),
    labels: [...(f.labels ?? [])],
    network: f.network ?? '',
    restart: f.restart ?? 'no',
    restartMaxRetries: f.restartMaxRetries !== undefined ? String(f.restartMaxRetries) : '',
    interactive: f.interactive,
    tty: f.tty,
    remove: f.remove,
    cpus: f.cpus !== undefined ? String(f.cpus) : '',
    memory: f.memory ?? '',
    workdir: f.workdir ?? '',
    user: f.user ?? '',
    hostname: f.hostname ?? '',
    health: healthToDraft(f.health),
  };
}

/** Host ports of the form that a running container already publishes: field path → that container's name. */
export function takenPorts(
  ports: readonly PortDraft[],
  containers: ReadonlyArray<{
    name: string;
    state: string;
    ports: ReadonlyArray<{ ip?: string | undefined; publicPort?: number | undefined; type: string }>;
  }>,
): Record<string, string> {
  const out: Record<string, string> = {};
  ports.forEach((p, i) => {
    const wanted = port(p.hostPort);
    if (wanted === undefined) return;
    const ip = p.hostIp.trim();
    const holder = containers.find(
      (c) =>
        c.state === 'running' &&
        c.ports.some(
          (cp) =>
            cp.publicPort === wanted &&
            cp.type === p.protocol &&
            (ip === '' || cp.ip === undefined || cp.ip === '' || cp.ip === '0.0.0.0' || cp.ip === '::' || cp.ip === ip),
        ),
    );
    if (holder !== undefined) out[`ports.${i}.hostPort`] = holder.name;
  });
  return out;
}
