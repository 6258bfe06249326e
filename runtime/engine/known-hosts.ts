// Checking an SSH server's host key against OpenSSH's known_hosts files, the
// way `ssh` does: Wharf trusts exactly the machines the user's own ssh trusts.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** How the host key compares with what known_hosts says about the host. */
export type HostKeyVerdict =
  { status: 'trusted' } | { status: 'unknown' } | { status: 'changed'; knownTypes: string[] } | { status: 'revoked' };

interface KnownHostLine {
  marker?: '@revoked' | '@cert-authority';
  patterns: string;
  type: string;
  key: Buffer;
}

/** OpenSSH's GlobalKnownHostsFile, read after the user's files. */
export const GLOBAL_KNOWN_HOSTS = ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];

/** Where OpenSSH reads known hosts from (UserKnownHostsFile, GlobalKnownHostsFile). */
export function knownHostsFiles(home: string = homedir()): string[] {
  return [join(home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts2'), ...GLOBAL_KNOWN_HOSTS];
}

export function readKnownHosts(files: string[] = knownHostsFiles()): string {
  return files
    .map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    })
    .join('\n');
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) continue;
    let marker: KnownHostLine['marker'];
    if (fields[0].startsWith('@')) {
      const m = fields.shift();
      // An unknown marker makes OpenSSH skip the line; so does Wharf.
      if (m !== '@revoked' && m !== '@cert-authority') continue;
      marker = m;
    }
    const [patterns, type, base64] = fields;
    if (patterns === undefined || type === undefined || base64 === undefined) continue;
    const key = Buffer.from(base64, 'base64');
    if (key.length === 0) continue;
    const line: KnownHostLine = { patterns, type, key };
    if (marker) line.marker = marker;
    out.push(line);
  }
  return out;
}

/** The name known_hosts uses for a host: `host` on port 22, `[host]:port` on any other. */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return port === 22 ? name : `[${name}]:${port}`;
}

function matchesPattern(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (salt === undefined || hash === undefined) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  const glob = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${glob}$`).test(name);
}

/** OpenSSH's pattern lists: comma-separated, `!` negates and wins. */
function matchesHost(patterns: string, name: string): boolean {
  let matched = false;
  for (const p of patterns.split(',')) {
    if (p.startsWith('!')) {
      if (matchesPattern(p.slice(1), name)) return false;
    } else if (matchesPattern(p, name)) {
      matched = true;
    }
  }
  return matched;
}

/** The key type a raw SSH public key blob names (its first string). */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

/**
 * What known_hosts says about this key for this host. Host certificates
 * (@cert-authority lines) are not supported: those lines are left out, so a
 * host trusted only through one counts as unknown.
 */
export function verifyHostKey(text: string, host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = knownHostName(host, port);
  const lines = parseKnownHosts(text);
  // A revoked key is refused for any host (OpenSSH's @revoked lines are usually `*`).
  if (lines.some((l) => l.marker === '@revoked' && l.key.equals(key) && matchesHost(l.patterns, name))) {
    return { status: 'revoked' };
  }
  const known = lines.filter((l) => l.marker === undefined && matchesHost(l.patterns, name));
  if (known.some((l) => l.key.equals(key))) return { status: 'trusted' };
  if (known.length === 0) return { status: 'unknown' };
  return { status: 'changed', knownTypes: [...new Set(known.map((l) => l.type))] };
}

/** The key types known for a host, to ask the server for those first (as ssh does). */
export function knownKeyTypes(text: string, host: string, port: number): string[] {
  const name = knownHostName(host, port);
  const types = parseKnownHosts(text)
    .filter((l) => l.marker === undefined && matchesHost(l.patterns, name))
    .map((l) => l.type);
  return [...new Set(types)];
}

/** SSH host key algorithms, with the ones for the known key types first. */
export function preferredHostKeyAlgorithms(known: string[], all: readonly string[]): string[] {
  const algorithmsOf = (type: string): string[] =>
    type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type];
  const first = known.flatMap(algorithmsOf).filter((a) => all.includes(a));
  return [...new Set([...first, ...all])];
}

export class HostKeyError extends Error {
  readonly reason: 'unknown' | 'changed' | 'revoked';
  readonly host: string;
  readonly login: string;

  constructor(reason: HostKeyError['reason'], host: string, port: number, username: string) {
    const where = port === 22 ? host : `${host} (port ${port})`;
    const login = `ssh ${port === 22 ? '' : `-p ${port} `}${username}@${host}`;
    const messages = {
      unknown: `The SSH host key of ${where} is not in your known_hosts file, so Wharf cannot tell it is really that machine. Run \`${login}\` once in a terminal to check and trust it, then try again.`,
      changed: `The SSH host key of ${where} has changed: it is not the one your known_hosts file holds for it. Someone may be intercepting the connection (possible man-in-the-middle attack), or the machine was set up again. Wharf did not connect.`,
      revoked: `The SSH host key of ${where} is marked as revoked in your known_hosts file. Wharf did not connect.`,
    };
    super(messages[reason]);
    this.name = 'HostKeyError';
    this.reason = reason;
    this.host = host;
    this.login = login;
  }
}
