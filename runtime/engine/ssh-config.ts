// OpenSSH's client configuration (~/.ssh/config, then /etc/ssh/ssh_config),
// read the way `ssh` reads it, so that an ssh:// address naming a Host alias
// reaches the machine the docker CLI (which runs `ssh`) reaches:
// - `Host` lines: several patterns, `*` and `?`, `!` to exclude; the host
//   matched is the one in the address (the alias);
// - `Match all` applies; any other `Match` is not evaluated and its block is
//   skipped;
// - the first value obtained for a keyword wins (IdentityFile adds up);
// - `Include` (globs; relative paths under ~/.ssh, or /etc/ssh for the system
//   file), comments, `Keyword=value`, quoted values, keywords in any case.
// Unknown keywords are ignored. Pure apart from the file reader passed in.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

/** What the configuration says about one host; a field is absent when nothing set it. */
export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identitiesOnly?: boolean;
  userKnownHostsFiles?: string[];
  /** ProxyJump or ProxyCommand (not `none`): how ssh would reach the host, which Wharf does not do. */
  proxy?: { keyword: 'ProxyJump' | 'ProxyCommand'; value: string };
}

export interface SshConfigFiles {
  /** Reads a file; throws when it is not there. */
  readFile: (path: string) => string;
  /** The names in a directory; throws when it is not there. */
  readDir: (path: string) => string[];
  home: string;
  /** The local user, for %u (and the login when nothing names one). */
  localUser: string;
  /** The files read in order; the user's, then the system's. */
  files?: string[];
}

/** A Host or Match block's patterns against a host, as ssh's match_hostname does (case-insensitive). */
export function matchHostPatterns(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase();
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (!wildcard(name, pattern)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** `*` any run of characters, `?` one character, as in ssh's match_pattern. */
export function wildcard(text: string, pattern: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

/**
 * One line's keyword and arguments: `Keyword value`, `Keyword=value`; double
 * or single quotes keep spaces; a word starting with `#` ends the line.
 */
export function splitLine(line: string): { keyword: string; args: string[] } | undefined {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return undefined;
  const head = /^([^\s=]+)\s*(?:=\s*|\s+|$)/.exec(text);
  if (!head?.[1]) return undefined;
  const args: string[] = [];
  let rest = text.slice(head[0].length);
  while (rest.length > 0) {
    rest = rest.trimStart();
    if (rest === '' || rest.startsWith('#')) break;
    const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : undefined;
    if (quote) {
      const end = rest.indexOf(quote, 1);
      const word = end < 0 ? rest.slice(1) : rest.slice(1, end);
      args.push(word);
      rest = end < 0 ? '' : rest.slice(end + 1);
    } else {
      const word = /^\S+/.exec(rest)?.[0] ?? '';
      args.push(word);
      rest = rest.slice(word.length);
    }
  }
  return { keyword: head[1].toLowerCase(), args };
}

/** `%%`, `%h` and the others ssh expands in HostName and IdentityFile, by the letters given. */
export function expandTokens(text: string, tokens: Record<string, string>): string {
  return text.replace(/%(.)/g, (all, letter: string) => (letter === '%' ? '%' : (tokens[letter] ?? all)));
}

/** `~` and `~/…` as the home directory. */
const tilde = (path: string, home: string): string =>
  path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;

const MAX_DEPTH = 16;

interface Walk {
  host: string;
  out: SshHostConfig;
  io: SshConfigFiles;
  /** IdentityFile and UserKnownHostsFile as written; expanded once the host, user and port are known. */
  identities: string[];
  knownHosts?: string[];
  /** `ProxyJump none` or `ProxyCommand none` came first. */
  proxyOff?: boolean;
}

/** The user and port written in the address, which win over the config's (and so fill %r and %p). */
export interface SshGiven {
  user?: string;
  port?: number;
}

/** What the configuration files say about `host` (the alias as typed), first value winning. */
export function resolveSshConfig(host: string, io: SshConfigFiles, given: SshGiven = {}): SshHostConfig {
  const walk: Walk = { host, out: { identityFiles: [] }, io, identities: [] };
  const files = io.files ?? [join(io.home, '.ssh', 'config'), '/etc/ssh/ssh_config'];
  files.forEach((file, i) => readOne(walk, file, i === 0 ? join(io.home, '.ssh') : dirname(file), 0, false));
  const { out } = walk;
  const hostName = out.hostName === undefined ? host : expandTokens(out.hostName, { h: host });
  if (out.hostName !== undefined) out.hostName = hostName;
  const tokens = {
    d: io.home,
    u: io.localUser,
    h: hostName,
    n: host,
    r: given.user ?? out.user ?? io.localUser,
    p: String(given.port ?? out.port ?? 22),
  };
  const expand = (p: string): string => tilde(expandTokens(p, tokens), io.home);
  out.identityFiles = walk.identities.map(expand);
  if (walk.knownHosts) out.userKnownHostsFiles = walk.knownHosts.map(expand);
  return out;
}

function readOne(walk: Walk, file: string, base: string, depth: number, neverMatch: boolean): void {
  let text: string;
  try {
    text = walk.io.readFile(file);
  } catch {
    return; // A missing file is no configuration, as for ssh.
  }
  // Before any Host or Match line, everything applies.
  let active = !neverMatch;
  for (const line of text.split(/\r?\n/)) {
    const parsed = splitLine(line);
    if (!parsed) continue;
    const { keyword, args } = parsed;
    if (keyword === 'host') {
      active = !neverMatch && matchHostPatterns(walk.host, args);
    } else if (keyword === 'match') {
      // Only `Match all` is evaluated; other criteria (exec, user, …) are not, so their block is skipped.
      active = !neverMatch && args.length === 1 && args[0]?.toLowerCase() === 'all';
    } else if (keyword === 'include') {
      if (depth >= MAX_DEPTH) continue;
      for (const pattern of args) {
        const path = isAbsolute(tilde(pattern, walk.io.home)) ? tilde(pattern, walk.io.home) : join(base, pattern);
        // A file included in a block that does not apply applies to nothing (ssh's SSHCONF_NEVERMATCH).
        for (const one of glob(path, walk.io)) readOne(walk, one, base, depth + 1, !active);
      }
    } else if (active) {
      apply(walk, keyword, args);
    }
  }
}

function apply(walk: Walk, keyword: string, args: string[]): void {
  const { out } = walk;
  const first = args[0];
  if (first === undefined) return;
  switch (keyword) {
    case 'hostname':
      out.hostName ??= first;
      break;
    case 'user':
      out.user ??= first;
      break;
    case 'port': {
      const port = Number(first);
      if (out.port === undefined && Number.isInteger(port) && port > 0 && port < 65536) out.port = port;
      break;
    }
    case 'identityfile':
      walk.identities.push(first);
      break;
    case 'identitiesonly':
      out.identitiesOnly ??= first.toLowerCase() === 'yes';
      break;
    case 'userknownhostsfile':
      walk.knownHosts ??= args;
      break;
    case 'proxyjump':
    case 'proxycommand': {
      // The first of the two set wins, as in ssh; `none` turns it off.
      if (out.proxy !== undefined || walk.proxyOff) break;
      if (first.toLowerCase() === 'none') walk.proxyOff = true;
      else
        out.proxy = {
          keyword: keyword === 'proxyjump' ? 'ProxyJump' : 'ProxyCommand',
          value: keyword === 'proxycommand' ? args.join(' ') : first,
        };
      break;
    }
  }
}

/** The files a path with `*` and `?` in it names, sorted as glob(3) does. */
function glob(path: string, io: SshConfigFiles): string[] {
  if (!/[*?]/.test(path)) return [path];
  const parts = path.split('/');
  let found = [parts[0] === '' ? '/' : (parts[0] ?? '')];
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?]/.test(part)) {
        next.push(join(dir, part));
        continue;
      }
      let names: string[];
      try {
        names = io.readDir(dir);
      } catch {
        continue;
      }
      // As glob(3): a leading dot is matched only by a pattern with one.
      for (const name of names.sort())
        if (wildcard(name, part) && (!name.startsWith('.') || part.startsWith('.'))) next.push(join(dir, name));
    }
    found = next;
  }
  return found;
}

/** The configuration for `host` from the user's and the system's files on this machine. */
export function readSshConfig(host: string, given: SshGiven = {}): SshHostConfig {
  let localUser: string;
  try {
    localUser = userInfo().username;
  } catch {
    localUser = process.env.USER ?? process.env.USERNAME ?? 'root';
  }
  return resolveSshConfig(
    host,
    {
      readFile: (p) => readFileSync(p, 'utf8'),
      readDir: (p) => readdirSync(p),
      home: homedir(),
      localUser,
    },
    given,
  );
}
