// The `docker run` form model, both ways: a RunForm → the `docker run …`
// line a user can copy, and a pasted `docker run …` line → a RunForm plus the
// flags Wharf does not support (named, never dropped silently). Pure: no Node
// imports, usable in the renderer too.
import type { RunForm, RunParseResult, RunPort, RunVolume } from './types';
import type { RunHealth } from './types';
import { shellJoin, splitShellWords } from '../../api/shell-words';

export const RESTART_POLICIES = ['no', 'always', 'unless-stopped', 'on-failure'] as const;

/** An empty form: what the UI starts from. */
export function emptyRunForm(image = ''): RunForm {
  return {
    image,
    command: [],
    ports: [],
    env: [],
    volumes: [],
    interactive: false,
    tty: false,
    remove: false,
    detach: true,
  };
}

/** Why an environment entry is not `KEY=value` (or a bare `KEY` passed through), or undefined when it is fine. */
export function envEntryProblem(entry: string): string | undefined {
  const eq = entry.indexOf('=');
  const key = eq < 0 ? entry : entry.slice(0, eq);
  if (key === '') return 'a variable needs a name before "="';
  if (/\s/.test(key)) return `"${key}" has a space in its name`;
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key))
    return `"${key}" is not a variable name (letters, digits and "_", not starting with a digit)`;
  return undefined;
}

/**
 * An env file as `docker run --env-file` reads it: one KEY=value per line,
 * `#` comments and blank lines skipped, the value taken literally (quotes are
 * kept, as Docker keeps them).
 */
export function parseEnvFile(text: string): { env: string[]; errors: Array<{ line: number; message: string }> } {
  const env: string[] = [];
  const errors: Array<{ line: number; message: string }> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const entry = line.replace(/^export\s+/, '');
    const problem = envEntryProblem(entry);
    if (problem !== undefined) errors.push({ line: index + 1, message: problem });
    else env.push(entry);
  });
  return { env, errors };
}

/** Bytes for a docker memory size ("512m", "1g", "1048576"); undefined when it is not one. */
export function memoryBytes(size: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(size.trim());
  if (m === null) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

export function portFlag(p: RunPort): string {
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  const host = p.hostPort !== undefined ? String(p.hostPort) : '';
  const ip = p.hostIp !== undefined && p.hostIp !== '' ? (p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp) : '';
  if (ip !== '') return `${ip}:${host}:${p.containerPort}${proto}`;
  if (host !== '') return `${host}:${p.containerPort}${proto}`;
  return `${p.containerPort}${proto}`;
}

/** `-p` as docker reads it; ranges are not part of the form. */
export function parsePortFlag(value: string): RunPort | string {
  const slash = value.lastIndexOf('/');
  const protocol = slash < 0 ? 'tcp' : value.slice(slash + 1);
  const rest = slash < 0 ? value : value.slice(0, slash);
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp')
    return `"${protocol}" is not a protocol (tcp, udp, sctp)`;
  let hostIp: string | undefined;
  let tail = rest;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (v6 !== null) {
    hostIp = v6[1];
    tail = v6[2]!;
  } else {
    const parts = rest.split(':');
    if (parts.length === 3) {
      hostIp = parts[0];
      tail = `${parts[1]}:${parts[2]}`;
    } else if (parts.length > 3) return `"${value}" is not a port mapping`;
  }
  const [a, b] = tail.split(':');
  const isPort = (s: string | undefined) =>
    s !== undefined && /^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= 65535;
  const containerPort = b === undefined ? a : b;
  const hostPort = b === undefined ? undefined : a;
  if (!isPort(containerPort)) return `"${value}": port ranges and names are not supported, only single ports`;
  if (hostPort !== undefined && hostPort !== '' && !isPort(hostPort))
    return `"${value}": port ranges are not supported, only single ports`;
  const port: RunPort = { containerPort: Number(containerPort), protocol };
  if (hostIp !== undefined && hostIp !== '') port.hostIp = hostIp;
  if (hostPort !== undefined && hostPort !== '') port.hostPort = Number(hostPort);
  return port;
}

const BIND_SOURCE = /^(\/|\.{1,2}(\/|$)|~)/;

export function volumeFlag(v: RunVolume): [string, string] {
  if (v.syntax === 'mount' || v.type === 'tmpfs') {
    const parts = [`type=${v.type}`];
    if (v.type !== 'tmpfs' && v.source !== undefined && v.source !== '') parts.push(`source=${v.source}`);
    parts.push(`target=${v.target}`);
    if (v.readOnly) parts.push('readonly');
    // --mount is itself comma-separated: a comma or quote in a path needs CSV quoting.
    return ['--mount', parts.map((p) => (/[,"]/.test(p) ? `"${p.replace(/"/g, '""')}"` : p)).join(',')];
  }
  const source = v.source !== undefined && v.source !== '' ? `${v.source}:` : '';
  return ['-v', `${source}${v.target}${v.readOnly ? ':ro' : ''}`];
}

/** `-v SOURCE:TARGET[:ro]` as docker reads it. */
export function parseVolumeFlag(value: string): RunVolume | string {
  const parts = value.split(':');
  // A Windows drive letter ("C:\x") is one part, not a separator.
  const [first, second, third, ...more] = parts;
  if (first === undefined || first === '' || more.length > 0) return `"${value}" is not SOURCE:TARGET[:OPTIONS]`;
  if (second === undefined) return { type: 'volume', target: first, readOnly: false, syntax: 'volume' };
  const options = third === undefined ? [] : third.split(',');
  const unknown = options.filter((o) => o !== 'ro' && o !== 'rw');
  if (unknown.length > 0) return `"${value}": volume options ${unknown.join(', ')} are not supported (only ro, rw)`;
  return {
    type: BIND_SOURCE.test(first) ? 'bind' : 'volume',
    source: first,
    target: second,
    readOnly: options.includes('ro'),
    syntax: 'volume',
  };
}

function csvFields(value: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted) {
      if (ch === '"' && value[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** `--mount type=…,source=…,target=…[,readonly]` as docker reads it. */
export function parseMountFlag(value: string): RunVolume | string {
  let type: string = 'volume';
  let source: string | undefined;
  let target: string | undefined;
  let readOnly = false;
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const val = eq < 0 ? undefined : field.slice(eq + 1);
    if (key === 'type') type = val ?? '';
    else if (key === 'source' || key === 'src') source = val;
    else if (key === 'target' || key === 'destination' || key === 'dst') target = val;
    else if (key === 'readonly' || key === 'ro') readOnly = val === undefined || val === 'true' || val === '1';
    else return `"${value}": the mount option "${key}" is not supported`;
  }
  if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs')
    return `"${value}": mount type "${type}" is not supported`;
  if (target === undefined || target === '') return `"${value}": a mount needs a target`;
  const volume: RunVolume = { type, target, readOnly, syntax: 'mount' };
  if (source !== undefined && source !== '') volume.source = source;
  return volume;
}

/** The argument vector of the form's `docker run`, starting with "docker". */
export function runArgv(form: RunForm): string[] {
  const argv = ['docker', 'run'];
  if (form.detach) argv.push('-d');
  if (form.interactive && form.tty) argv.push('-it');
  else if (form.interactive) argv.push('-i');
  else if (form.tty) argv.push('-t');
  if (form.remove) argv.push('--rm');
  if (form.name !== undefined && form.name !== '') argv.push('--name', form.name);
  if (form.hostname !== undefined && form.hostname !== '') argv.push('--hostname', form.hostname);
  if (form.user !== undefined && form.user !== '') argv.push('-u', form.user);
  if (form.workdir !== undefined && form.workdir !== '') argv.push('-w', form.workdir);
  for (const p of form.ports) argv.push('-p', portFlag(p));
  for (const e of form.env) argv.push('-e', e);
  for (const v of form.volumes) argv.push(...volumeFlag(v));
  if (form.network !== undefined && form.network !== '') argv.push('--network', form.network);
  if (form.restart !== undefined && form.restart !== 'no') {
    const retries = form.restart === 'on-failure' && form.restartMaxRetries !== undefined && form.restartMaxRetries > 0;
    argv.push('--restart', retries ? `on-failure:${form.restartMaxRetries}` : form.restart);
  }
  if (form.cpus !== undefined) argv.push('--cpus', String(form.cpus));
  if (form.memory !== undefined && form.memory !== '') argv.push('-m', form.memory);
  if (form.entrypoint !== undefined) argv.push('--entrypoint', form.entrypoint);
  argv.push(...healthFlags(form.health));
  argv.push(form.image, ...form.command);
  return argv;
}

function healthFlags(h: RunHealth | undefined): string[] {
  if (h === undefined) return [];
  const out: string[] = [];
  if (h.cmd !== undefined && h.cmd !== '') out.push('--health-cmd', h.cmd);
  if (h.interval !== undefined) out.push('--health-interval', h.interval);
  if (h.timeout !== undefined) out.push('--health-timeout', h.timeout);
  if (h.startPeriod !== undefined) out.push('--health-start-period', h.startPeriod);
  if (h.retries !== undefined) out.push('--health-retries', String(h.retries));
  return out;
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds for a Go duration ("1m30s", "500ms"); undefined when it is not one. */
export function durationNanos(value: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) return undefined;
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
  return Math.round(total);
}

/** The form's `docker run …` line, quoted for a POSIX shell. */
export function runCommand(form: RunForm): string {
  return shellJoin(runArgv(form));
}

// Every `docker run` flag that takes a value (CLI 20–28), so an unsupported
// one still consumes its value and the image is found where docker finds it.
const VALUE_FLAGS = new Set([
  '--add-host',
  '--annotation',
  '-a',
  '--attach',
  '--blkio-weight',
  '--blkio-weight-device',
  '--cap-add',
  '--cap-drop',
  '--cgroup-parent',
  '--cgroupns',
  '--cidfile',
  '--cpu-period',
  '--cpu-quota',
  '--cpu-rt-period',
  '--cpu-rt-runtime',
  '-c',
  '--cpu-shares',
  '--cpus',
  '--cpuset-cpus',
  '--cpuset-mems',
  '--detach-keys',
  '--device',
  '--device-cgroup-rule',
  '--device-read-bps',
  '--device-read-iops',
  '--device-write-bps',
  '--device-write-iops',
  '--dns',
  '--dns-option',
  '--dns-search',
  '--domainname',
  '--entrypoint',
  '-e',
  '--env',
  '--env-file',
  '--expose',
  '--gpus',
  '--group-add',
  '--health-cmd',
  '--health-interval',
  '--health-retries',
  '--health-start-interval',
  '--health-start-period',
  '--health-timeout',
  '-h',
  '--hostname',
  '--ip',
  '--ip6',
  '--ipc',
  '--isolation',
  '--kernel-memory',
  '-l',
  '--label',
  '--label-file',
  '--link',
  '--link-local-ip',
  '--log-driver',
  '--log-opt',
  '--mac-address',
  '-m',
  '--memory',
  '--memory-reservation',
  '--memory-swap',
  '--memory-swappiness',
  '--mount',
  '--name',
  '--network',
  '--net',
  '--network-alias',
  '--net-alias',
  '--oom-score-adj',
  '--pid',
  '--pids-limit',
  '--platform',
  '-p',
  '--publish',
  '--pull',
  '--restart',
  '--runtime',
  '--security-opt',
  '--shm-size',
  '--stop-signal',
  '--stop-timeout',
  '--storage-opt',
  '--sysctl',
  '--tmpfs',
  '--ulimit',
  '-u',
  '--user',
  '--userns',
  '--uts',
  '-v',
  '--volume',
  '--volume-driver',
  '--volumes-from',
  '-w',
  '--workdir',
]);

// Boolean short flags that may be combined ("-dit").
const SHORT_BOOLEANS = new Set(['d', 'i', 't', 'P', 'q']);

export class RunParseError extends Error {}

/**
 * A pasted `docker run …` (or `docker container run …`) line → the form, and
 * every flag the form cannot hold, by name with its value. Throws
 * RunParseError when the line is not a docker run command at all.
 */
export function parseRunCommand(line: string): RunParseResult {
  let split: ReturnType<typeof splitShellWords>;
  try {
    split = splitShellWords(line);
  } catch (error) {
    throw new RunParseError(error instanceof Error ? error.message : String(error));
  }
  const { words, warnings } = split;
  let i = 0;
  if (words[i] === 'sudo') i++;
  if (words[i] !== 'docker' && words[i] !== 'podman')
    throw new RunParseError('The command does not start with "docker run".');
  i++;
  if (words[i] === 'container') i++;
  if (words[i] !== 'run') throw new RunParseError(`This is "docker ${words[i] ?? ''}", not "docker run".`);
  i++;

  const form = emptyRunForm();
  form.detach = false;
  const unsupported: RunParseResult['unsupported'] = [];
  const problems: string[] = [...warnings];
  const skip = (flag: string, value?: string) => unsupported.push(value === undefined ? { flag } : { flag, value });

  const on = (value: string | undefined) => value === undefined || value === '' || value === 'true' || value === '1';
  const apply = (flag: string, value: string | undefined): void => {
    const v = value ?? '';
    switch (flag) {
      // Booleans also come as --rm=false / --tty=true.
      case '-d':
      case '--detach':
        form.detach = on(value);
        return;
      case '-i':
      case '--interactive':
        form.interactive = on(value);
        return;
      case '-t':
      case '--tty':
        form.tty = on(value);
        return;
      case '--rm':
        form.remove = on(value);
        return;
      case '--name':
        form.name = v;
        return;
      case '-h':
      case '--hostname':
        form.hostname = v;
        return;
      case '-u':
      case '--user':
        form.user = v;
        return;
      case '-w':
      case '--workdir':
        form.workdir = v;
        return;
      case '-e':
      case '--env': {
        const problem = envEntryProblem(v);
        if (problem !== undefined) problems.push(`-e ${v}: ${problem}`);
        form.env.push(v);
        return;
      }
      case '-p':
      case '--publish': {
        const port = parsePortFlag(v);
        if (typeof port === 'string') skip(flag, v);
        else form.ports.push(port);
        return;
      }
      case '-v':
      case '--volume': {
        const volume = parseVolumeFlag(v);
        if (typeof volume === 'string') skip(flag, v);
        else form.volumes.push(volume);
        return;
      }
      case '--mount': {
        const mount = parseMountFlag(v);
        if (typeof mount === 'string') skip(flag, v);
        else form.volumes.push(mount);
        return;
      }
      case '--network':
      case '--net':
        form.network = v;
        return;
      case '--restart': {
        const m = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(v);
        if (m === null || (m[2] !== undefined && m[1] !== 'on-failure')) return void skip(flag, v);
        form.restart = m[1] as RunForm['restart'];
        if (m[2] !== undefined) form.restartMaxRetries = Number(m[2]);
        return;
      }
      case '--cpus': {
        const n = Number(v);
        if (v === '' || !Number.isFinite(n) || n <= 0) return void skip(flag, v);
        form.cpus = n;
        return;
      }
      case '-m':
      case '--memory':
        if (memoryBytes(v) === undefined) return void skip(flag, v);
        form.memory = v;
        return;
      case '--entrypoint':
        form.entrypoint = v;
        return;
      case '--health-cmd':
        if (v === '') return void skip(flag, v);
        (form.health ??= {}).cmd = v;
        return;
      case '--health-interval':
      case '--health-timeout':
      case '--health-start-period': {
        // Docker takes 0 as "the default"; the form holds only real durations.
        if (durationNanos(v) === undefined) return void skip(flag, v);
        const key = flag === '--health-interval' ? 'interval' : flag === '--health-timeout' ? 'timeout' : 'startPeriod';
        (form.health ??= {})[key] = v;
        return;
      }
      case '--health-retries':
        if (!/^\d{1,4}$/.test(v) || Number(v) > 1000) return void skip(flag, v);
        (form.health ??= {}).retries = Number(v);
        return;
      default:
        skip(flag, value);
    }
  };

  while (i < words.length) {
    const word = words[i]!;
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    i++;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const flag = eq < 0 ? word : word.slice(0, eq);
      if (eq >= 0) apply(flag, word.slice(eq + 1));
      else if (VALUE_FLAGS.has(flag)) apply(flag, words[i++]);
      else apply(flag, undefined);
      continue;
    }
    // Short flags: "-it" (booleans together), "-p80:80" (value attached), "-p 80:80".
    for (let k = 1; k < word.length; k++) {
      const flag = `-${word[k]}`;
      if (VALUE_FLAGS.has(flag)) {
        const attached = word.slice(k + 1).replace(/^=/, '');
        apply(flag, attached !== '' ? attached : words[i++]);
        break;
      }
      if (!SHORT_BOOLEANS.has(word[k]!) && k > 1) problems.push(`"${word}" mixes flags Wharf does not know`);
      apply(flag, undefined);
    }
  }
  const image = words[i];
  if (image === undefined) throw new RunParseError('The command names no image.');
  form.image = image;
  form.command = words.slice(i + 1);
  return { form, unsupported, problems };
}
