// The `docker run` form model, both ways: a RunForm → the `docker run …`
// line a user can copy, and a pasted `docker run …` line → a RunForm plus the
// flags Wharf does not support (named, never dropped silently). Pure: no Node
// imports, usable in the renderer too.
import type { RunForm, RunHealth, RunParseResult } from './types';
import { shellJoin, splitShellWords } from '../../api/shell-words';
import {
  durationNanos,
  envEntryProblem,
  memoryBytes,
  parseMountFlag,
  parsePortFlag,
  parseVolumeFlag,
  portFlag,
  volumeFlag,
} from './flag-values';

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
  for (const l of form.labels ?? []) argv.push('-l', l);
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
      case '-l':
      case '--label':
        (form.labels ??= []).push(v);
        return;
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
