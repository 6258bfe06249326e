// The English messages and hints below come from runtime/api/error-texts.ts,
// their one source, which the UI's English locale reads too.
import { type ErrorTextKey, errorHint, errorMessage } from '../api/error-texts';
import { ApiError, type ErrorCode } from '../api/errors';
import type { PlainError } from '../api/types';

interface EngineErrorLike {
  statusCode?: number;
  json?: { message?: string; cause?: string } | null;
  reason?: string;
  message?: string;
  code?: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EPIPE', 'ECONNRESET', 'EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * Turns whatever a handler threw into the contract's error shape, keeping the
 * engine's own reason (dockerode puts it in `json.message`).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null) {
    const e = error as EngineErrorLike;
    if (typeof e.statusCode === 'number') {
      const plain = toPlainError(error);
      const code: ErrorCode =
        e.statusCode === 404 ? 'not-found' : e.statusCode === 409 || isConflict(plain.message) ? 'conflict' : 'engine';
      // Any other refusal: a key all the same, so the UI can say in its language that the engine said no (its words stay the reason).
      const keyed =
        code === 'engine' && plain.key === undefined
          ? { ...plain, key: 'engine.refusedRequest', params: { ...plain.params, reason: plain.message } }
          : plain;
      return new ApiError({ code, ...keyed, status: e.statusCode });
    }
    if (e.code !== undefined && UNREACHABLE.has(e.code)) {
      return new ApiError({ code: 'unavailable', ...UNAVAILABLE });
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'internal', message });
}

const UNAVAILABLE: PlainError = {
  message: errorMessage('engine.unavailable'),
  hint: errorHint('engine.unavailable'),
  key: 'engine.unavailable',
};

/**
 * The engine's reason in plain words, with a hint when we know what helps.
 * Docker and Podman word the same failures differently; both are covered.
 */
export function toPlainError(error: unknown): PlainError {
  if (error instanceof ApiError) {
    const plain = withOptionalHint(error.message, error.hint);
    if (error.key !== undefined) plain.key = error.key;
    if (error.params !== undefined) plain.params = error.params;
    return plain;
  }
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as EngineErrorLike;
  if (typeof e.statusCode !== 'number') {
    if (e.code !== undefined && UNREACHABLE.has(e.code)) return { ...UNAVAILABLE };
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an object without a message: its text is all there is
    return { message: e.message ?? String(error) };
  }
  const raw = cleanEngineMessage(e.json?.message ?? e.message ?? e.reason ?? 'The engine refused the request.');
  return explain(dropPodmanCause(raw, e.json?.cause));
}

/** dockerode prefixes "(HTTP code 500) server error - "; the engine's reason is what follows. */
export function cleanEngineMessage(message: string): string {
  return message.replace(/^\(HTTP code \d+\)\s+[^-]*-\s*/, '').trim();
}

// Podman appends its error kind to the message ("…: container state improper");
// it repeats what the message says, so it goes, unless it is the reason itself.
const PODMAN_KINDS = new Set([
  'container state improper',
  'no such container',
  'image not known',
  'that name is already in use',
  'no such volume',
]);

function dropPodmanCause(message: string, cause: string | undefined): string {
  if (cause !== undefined && PODMAN_KINDS.has(cause) && message.endsWith(`: ${cause}`)) {
    return message.slice(0, -(cause.length + 2));
  }
  return message;
}

function withOptionalHint(message: string, hint: string | undefined): PlainError {
  return hint === undefined ? { message } : { message, hint };
}

function isConflict(message: string): boolean {
  return /already in use|already allocated|address already in use/i.test(message);
}

interface Rule {
  test: RegExp;
  explain: (m: RegExpMatchArray, message: string) => PlainError;
}

/** The engine's own words stay the message (and the reason); the key names the case. */
function portTaken(message: string, ip: string | undefined, port: string | undefined): PlainError {
  const params = { port: port ?? '?', address: ip ?? '', reason: message };
  return { message, hint: errorHint('port.taken', params), key: 'port.taken', params };
}

/** Wharf's own message for the case, in English. */
function keyed(key: ErrorTextKey, params: Record<string, string>): PlainError {
  return { message: errorMessage(key, params), hint: errorHint(key, params), key, params };
}

/** The engine's own words stay the message, and are the reason; the key names the case. */
function engineWords(message: string, key: ErrorTextKey, params: Record<string, string> = {}): PlainError {
  const all = { ...params, reason: message };
  return { message, hint: errorHint(key, all), key, params: all };
}

const RULES: Rule[] = [
  {
    // Docker: "driver failed programming external connectivity on endpoint web (…): Bind for 127.0.0.1:8080 failed: port is already allocated"
    test: /Bind for (\S*?):(\d+) failed: port is already allocated/,
    explain: (m) => portTaken(m[0], m[1], m[2]),
  },
  {
    // Docker: "… listen tcp4 0.0.0.0:8080: bind: address already in use"; Podman: "cannot listen on the TCP port: listen tcp4 127.0.0.1:8080: bind: address already in use"
    test: /(?:listen|bind)[^:]*?\s(\S*?):(\d+): bind: address already in use/,
    explain: (m, message) => portTaken(message, m[1], m[2]),
  },
  {
    // Docker: 'Conflict. The container name "/web" is already in use by container "…". …'; Podman: 'the container name "web" is already in use by …'
    // Podman's rename: "renaming container …: name web already in use, cannot rename container …"
    test: /container name "\/?([^"]+)" is already in use|name (\S+) already in use, cannot rename/,
    explain: (m) => keyed('container.nameInUse', { name: m[1] ?? m[2] ?? '', reason: m.input ?? m[0] }),
  },
  {
    // Docker: "No such container: web"; Podman: 'no container with name or ID "web" found'
    test: /^(?:No such container: (\S+)|no container with name or ID "([^"]+)" found)/i,
    explain: (m) => keyed('container.notFound', { name: m[1] ?? m[2] ?? '' }),
  },
  {
    // Before "no such image": Docker answers an image inspect of "Web/App" with
    // "no such image: Web: invalid reference format: repository name must be lowercase".
    test: /invalid reference format/i,
    explain: (_m, message) => engineWords(message, 'image.badReference'),
  },
  {
    // Docker: 'invalid mount config for type "bind": bind source path does not exist: /srv/x'; Podman: "statfs /srv/x: no such file or directory"
    test: /bind source path does not exist: (\S+)|^statfs (\S+): no such file or directory/i,
    explain: (m, message) => engineWords(message, 'mount.sourceMissing', { path: m[1] ?? m[2] ?? '' }),
  },
  {
    // Docker: 'invalid mount config for type …', 'invalid volume specification: …', '"a b" includes invalid characters for a local volume name'
    test: /invalid mount config|invalid volume specification|includes invalid characters for a local volume name/i,
    explain: (_m, message) => engineWords(message, 'mount.invalid'),
  },
  {
    // Docker: "dockerfile parse error line 1: unknown instruction: FROMM" (newer: "dockerfile parse error on line 1: …")
    test: /dockerfile parse error (?:on )?line (\d+): (.*)$/i,
    explain: (m, message) => engineWords(message, 'build.dockerfileParse', { line: m[1] ?? '', problem: m[2] ?? '' }),
  },
  {
    // Docker: "Cannot locate specified Dockerfile: Dockerfile.dev"; BuildKit: "failed to read dockerfile: open /…/buildkit-mount123/Dockerfile.dev: no such file or directory"
    test: /Cannot locate specified Dockerfile: (\S+)|failed to read dockerfile: open \S*?\/buildkit-mount\d+\/(\S+): no such file/i,
    explain: (m, message) => engineWords(message, 'build.dockerfileMissing', { file: m[1] ?? m[2] ?? '' }),
  },
  {
    // Docker: "No such image: nginx:latest"; Podman: "no such image: docker.io/library/nginx:latest"
    test: /^(?:No such image|[^:]*image not known)[^:]*:\s*(\S+)/i,
    explain: (m) => keyed('image.notFound', { image: m[1] ?? '' }),
  },
  {
    // Docker: "You cannot remove a running container …"; Podman: "cannot remove container … as it is running"
    test: /cannot remove (?:a running container|container \S+ as it is running)/i,
    explain: (_m, message) => engineWords(message, 'container.removeRunning'),
  },
  {
    // Docker: "Container … is not running"; Podman: "can only kill running containers" / "is not running, can't pause"
    test: /is not running|can only kill running containers/i,
    explain: (_m, message) => engineWords(message, 'container.notRunning'),
  },
  {
    // Docker: "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time"
    test: /Memory limit should be smaller than already set memoryswap limit|memory\.swap\.max|memory-swap.*(smaller|less|greater|larger)/i,
    explain: (_m, message) => engineWords(message, 'container.memoryOverSwap'),
  },
  {
    // Docker: "Minimum memory limit allowed is 6MB"; cgroup v2 below what it uses: "… memory.max: device or resource busy"
    test: /Minimum memory limit allowed|memory\.max.*device or resource busy/i,
    explain: (_m, message) => engineWords(message, 'container.memoryTooLow'),
  },
  {
    // Podman rootless without delegated controllers, cgroup v1: "… cannot set limits without cgroups v2", "… does not support …"
    test: /without cgroups? v2|cgroup(s)? v1 .*not supported|controller .* not available|does not support (?:memory|cpu|pids)/i,
    explain: (_m, message) => engineWords(message, 'container.limitsUnsupported'),
  },
  {
    test: /is already paused/i,
    explain: (_m, message) => engineWords(message, 'container.alreadyPaused'),
  },
  {
    test: /is not paused/i,
    explain: (_m, message) => engineWords(message, 'container.notPaused'),
  },
];

function explain(message: string): PlainError {
  for (const rule of RULES) {
    const m = message.match(rule.test);
    if (m) return rule.explain(m, message);
  }
  return { message };
}
