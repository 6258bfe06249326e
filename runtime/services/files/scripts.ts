// The shell scripts that do file work inside a container (the user's own, or
// a helper that mounts a volume at /v). Each runs as `sh -c SCRIPT sh ROOT …`:
// arguments travel as positional parameters, never spliced into the script,
// so no file name is ever parsed by the shell. They rely only on what
// busybox and GNU coreutils both have (realpath, stat -c, find -print0,
// sha256sum, mv, mkdir, rm).
//
// Safety: every path is checked with realpath before it is touched, so a
// symlink anywhere in it that leads outside ROOT is refused (exit 13). The
// last component is acted on without following it (rename and delete move or
// remove the link itself), except to read or write through a link, which is
// allowed only when the link resolves inside ROOT.
import { ApiError } from '../../api/errors';

/** Exit codes the scripts use; anything else is an unexpected failure. */
export const EXIT = {
  conflict: 10,
  notFound: 11,
  noParent: 12,
  escape: 13,
  exists: 14,
  notDir: 15,
  isDir: 16,
  incomplete: 17,
} as const;

const PRELUDE = `
ROOT=$1; shift
inside() { [ "$ROOT" = / ] && return 0; case "$1" in "$ROOT"|"$ROOT"/*) return 0;; esac; return 1; }
fail() { echo "$2" >&2; exit "$1"; }
parent_ok() {
  [ "$1" = "$ROOT" ] && return 0
  p=$(realpath "$(dirname "$1")" 2>/dev/null) || fail 12 "no parent"
  inside "$p" || fail 13 "escape"
}
real_ok() {
  parent_ok "$1"
  [ -e "$1" ] || [ -L "$1" ] || fail 11 "missing"
  R=$(realpath "$1" 2>/dev/null) || fail 11 "dangling"
  inside "$R" || fail 13 "escape"
}
exists() { [ -e "$1" ] || [ -L "$1" ]; }
`;

/**
 * The folder's change stamp (mtime and ctime, nanoseconds), then its names in
 * one pass, each NUL-terminated, a folder's name twice in
 * a row (no name can appear twice in one folder, so the pair marks a folder;
 * no fork per entry, which busybox's find -exec … + would not spare).
 */
const LIST_NAMES = `${PRELUDE}
real_ok "$1"
[ -d "$R" ] || fail 15 "not a folder"
cd "$R" || exit 1
stat -c '%y %z' . | tr -d '\\n'; printf '\\0'
find . -mindepth 1 -maxdepth 1 -type d -print0 -print0 -o -print0
`;

/**
 * The folder's change stamp, then one "rawmode size uid gid mtime" line per name (or "-" for a name that
 * vanished), then, NUL-separated, name/target pairs for the symlinks.
 */
const STAT_NAMES = `${PRELUDE}
real_ok "$1"
cd "$R" || exit 1
shift
stat -c '%y %z' .
if ! stat -c '%f %s %u %g %Y' "$@" 2>/dev/null; then
  for n; do stat -c '%f %s %u %g %Y' "$n" 2>/dev/null || echo -; done
fi
printf '\\0'
for n; do [ -L "$n" ] && printf '%s\\0%s\\0' "$n" "$(readlink "$n")"; done
exit 0
`;

/** One path, not followed: the stat line, then the link target when it is one. */
const STAT_ONE = `${PRELUDE}
parent_ok "$1"
exists "$1" || fail 11 "missing"
stat -c '%f %s %u %g %Y' "$1"
[ -L "$1" ] && readlink "$1"
exit 0
`;

/** Stat line of the file read through any inside link, then its bytes unless larger than $2. */
const READ = `${PRELUDE}
real_ok "$1"
[ -d "$R" ] && fail 16 "is a folder"
stat -c '%f %s %u %g %Y' "$R"
size=$(stat -c %s "$R")
[ "$size" -gt "$2" ] && exit 0
cat "$R"
`;

/**
 * Puts the uploaded temp file $2 in place of $1, atomically (rename in the
 * same folder), after checking the temp is whole ($6 bytes, sha256 $7) and
 * that the file is still what the caller opened ($3: new | any | check with
 * size $4, mtime $5, sha256 $8).
 */
const COMMIT = `${PRELUDE}
F=$1; T=$2
cleanup() { rm -f "$T"; }
parent_ok "$F"
if [ -L "$F" ]; then real_ok "$F"; F=$R; fi
[ -d "$F" ] && { cleanup; fail 16 "is a folder"; }
case "$3" in
  new) exists "$F" && { cleanup; fail 14 "exists"; } ;;
  check)
    [ -f "$F" ] || { cleanup; fail 10 "gone"; }
    [ "$(stat -c '%s %Y' "$F")" = "$4 $5" ] || { cleanup; fail 10 "changed"; }
    if [ -n "$8" ]; then
      [ "$(sha256sum "$F" | cut -c1-64)" = "$8" ] || { cleanup; fail 10 "changed"; }
    fi ;;
esac
[ "$(stat -c %s "$T" 2>/dev/null)" = "$6" ] || { cleanup; fail 17 "incomplete"; }
[ "$(sha256sum "$T" | cut -c1-64)" = "$7" ] || { cleanup; fail 17 "incomplete"; }
if [ -e "$F" ]; then
  chmod "$(stat -c %a "$F")" "$T" && chown "$(stat -c %u:%g "$F")" "$T"
else
  chown "$(stat -c %u:%g "$(dirname "$F")")" "$T"
fi
mv -f "$T" "$F" || { cleanup; exit 1; }
stat -c '%f %s %u %g %Y' "$F"
`;

const REMOVE_TEMP = `${PRELUDE}
parent_ok "$1"
case "$(basename "$1")" in .wharf-save-*) rm -f "$1" ;; esac
`;

const MKDIR = `${PRELUDE}
parent_ok "$1"
exists "$1" && fail 14 "exists"
mkdir "$1" || exit 1
chown "$(stat -c %u:%g "$(dirname "$1")")" "$1"
`;

const RENAME = `${PRELUDE}
parent_ok "$1"
parent_ok "$2"
exists "$1" || fail 11 "missing"
exists "$2" && fail 14 "exists"
mv "$1" "$2"
`;

const DELETE = `${PRELUDE}
parent_ok "$1"
exists "$1" || fail 11 "missing"
if [ -d "$1" ] && [ ! -L "$1" ]; then
  if [ "$2" = recursive ]; then rm -rf "$1"; else rmdir "$1" 2>/dev/null || fail 1 "The folder is not empty."; fi
else
  rm -f "$1"
fi
`;

/** The bytes of a file, through any inside link. */
const CAT = `${PRELUDE}
real_ok "$1"
[ -d "$R" ] && fail 16 "is a folder"
cat "$R"
`;

/** A whole path as a tar stream (the last component by its own name), links stored, not followed. */
const TAR = `${PRELUDE}
real_ok "$1"
cd "$(dirname "$R")" && tar -cf - "$(basename "$R")"
`;

/** The resolved path, checked to stay inside: where an upload may be extracted. */
const RESOLVE_DIR = `${PRELUDE}
real_ok "$1"
[ -d "$R" ] || fail 15 "not a folder"
printf '%s' "$R"
`;

export const SCRIPTS = {
  listNames: LIST_NAMES,
  statNames: STAT_NAMES,
  statOne: STAT_ONE,
  read: READ,
  commit: COMMIT,
  removeTemp: REMOVE_TEMP,
  mkdir: MKDIR,
  rename: RENAME,
  delete: DELETE,
  tar: TAR,
  cat: CAT,
  resolveDir: RESOLVE_DIR,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** The argv that runs `script` with ROOT and its arguments. */
export function scriptArgv(script: ScriptName, root: string, args: readonly string[]): string[] {
  return ['sh', '-c', SCRIPTS[script], 'sh', root, ...args];
}

/** Turns a script's exit code into the error a user reads; `shown` is the path as the user knows it. */
export function scriptError(exitCode: number, stderr: string, shown: string): ApiError {
  switch (exitCode) {
    case EXIT.conflict:
      return new ApiError({
        code: 'conflict',
        message: `"${shown}" changed underneath you since you opened it.`,
        hint: 'Reload it to see the new content, or save under another name.',
      });
    case EXIT.notFound:
      return new ApiError({ code: 'not-found', message: `"${shown}" does not exist.` });
    case EXIT.noParent:
      return new ApiError({ code: 'not-found', message: `The folder that should hold "${shown}" does not exist.` });
    case EXIT.escape:
      return new ApiError({
        code: 'forbidden',
        message: `"${shown}" leads through a symbolic link to outside the volume or container. Wharf does not follow it.`,
        hint: 'Open the folder the link points to directly, if it is inside.',
      });
    case EXIT.exists:
      return new ApiError({ code: 'conflict', message: `"${shown}" already exists.`, hint: 'Choose another name.' });
    case EXIT.notDir:
      return new ApiError({ code: 'invalid-input', message: `"${shown}" is not a folder.` });
    case EXIT.isDir:
      return new ApiError({ code: 'invalid-input', message: `"${shown}" is a folder, not a file.` });
    case EXIT.incomplete:
      return new ApiError({
        code: 'engine',
        message: `The new content of "${shown}" did not arrive whole, so the file was left as it was.`,
        hint: 'Try saving again.',
      });
    default:
      return new ApiError({
        code: 'engine',
        message: stderr !== '' ? `${shown}: ${stderr.split('\n')[0]}` : `The command on "${shown}" failed (exit ${exitCode}).`,
      });
  }
}
