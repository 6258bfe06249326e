// The values of single `docker run` flags, both ways: -p, -v, --mount, -e,
// --env-file, -m and Go durations, as text and as the form's fields. Pure.
import type { RunPort, RunVolume } from './types';

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

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds for a Go duration ("1m30s", "500ms"); undefined when it is not one. */
export function durationNanos(value: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) return undefined;
  let total = 0;
  for (const m of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
  return Math.round(total);
}
