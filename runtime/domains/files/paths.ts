// Paths inside a volume or a container, as the contract carries them: POSIX,
// absolute ("/" is the root of the volume or of the container), with no "."
// or ".." segments and no NUL byte. Pure: checked here before any engine call,
// and again inside the container against symlinks (see scripts.ts).
import { ApiError } from '../../api/errors';

export const MAX_PATH_LENGTH = 4096;
export const MAX_NAME_LENGTH = 255;

function refuse(message: string, hint?: string): never {
  throw new ApiError({ code: 'forbidden', message, ...(hint !== undefined ? { hint } : {}) });
}

/**
 * The normalized form of `path` ("/a/b", never a trailing slash except for
 * "/"), or an ApiError('forbidden') saying in plain words why it is refused.
 */
export function safePath(path: string): string {
  if (path.includes('\0')) refuse('The path contains a NUL byte, which no file name may hold.');
  if (path.length > MAX_PATH_LENGTH) refuse(`The path is longer than ${MAX_PATH_LENGTH} characters.`);
  if (!path.startsWith('/')) {
    refuse(`"${path}" is not an absolute path.`, 'Paths start at the root of the volume or container, with "/".');
  }
  const segments = path.split('/').filter((s) => s !== '');
  for (const segment of segments) {
    if (segment === '..') {
      refuse(`"${path}" goes up with "..", which could leave the volume or container.`, 'Use a path without "..".');
    }
    if (segment === '.') refuse(`"${path}" holds a "." segment.`, 'Use the path without "./".');
    if (segment.length > MAX_NAME_LENGTH) refuse(`A name in "${path}" is longer than ${MAX_NAME_LENGTH} bytes.`);
  }
  return `/${segments.join('/')}`;
}

/** One file name (no slash), as given for rename and create. */
export function safeName(name: string): string {
  if (name.includes('\0')) refuse('The name contains a NUL byte, which no file name may hold.');
  if (name === '' || name === '.' || name === '..') refuse(`"${name}" is not a file name.`);
  if (name.includes('/')) refuse(`"${name}" holds a "/": a name cannot reach into another folder.`);
  if (Buffer.byteLength(name) > MAX_NAME_LENGTH) refuse(`"${name}" is longer than ${MAX_NAME_LENGTH} bytes.`);
  return name;
}

/** A relative path inside an upload ("dir/sub/file"), checked like safePath. */
export function safeRelative(path: string): string {
  const normalized = safePath(`/${path}`);
  if (normalized === '/') refuse('An uploaded entry needs a name.');
  return normalized.slice(1);
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `path` under `root` ("/v" + "/a" → "/v/a"; root "/" leaves it alone). */
export function under(root: string, path: string): string {
  if (root === '/') return path;
  return path === '/' ? root : `${root}${path}`;
}
