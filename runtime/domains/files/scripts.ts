// The shell scripts that do file work inside a container (the user's own, or
// a helper that mounts a volume at /v). Each runs as `sh -c SCRIPT sh ROOT …`:
// arguments travel as positional parameters, never spliced into the script,
// so no file name is ever parsed by the shell. They rely only on what
// busybox and GNU coreutils both have (realpath, stat -c, find -print0,
// sha256sum, mv, mkdir, rm).
//
// Safety: every path is checked with realpath before it is touched, so a
// symlink anywhere in it that leads outside ROOT is refused (exit 13). To
// leave no gap between that check and the action, a script then cd's into
// the real folder, checks the folder it is now in (pwd -P) is inside ROOT,
// and acts only on "./NAME": renaming or relinking the path's folders after
// the check no longer changes where the action lands. The last component is
// acted on without following it (rename and delete move or remove the link
// itself; mv -T never moves into a folder a link points to), except to read
// or write through a link, allowed only when the link resolves inside ROOT;
// a read checks again after reading and fails (its bytes are dropped) if
// the name became a link leading out meanwhile. What remains: the engine
// resolves an upload's destination folder itself, after Wharf checked it;
// the engine keeps that inside the container, which for a volume is the
// helper (the volume and the host are not reachable from there).
//
// Names reach the checks and the action exactly, even one that ends in a
// newline (which $(…) would drop, turning "x<newline>" into its sibling
// "x"): see dir_of and out_of. Only a regular file is read (a pipe would
// make cat wait forever, a device like /dev/zero never end); the type is
// checked in the script just before cat, so a process in the container that
// swaps the file for a pipe in between can still make that one read wait.
//
// ROOT_LINKS (a stopped container's filesystem mounted at ROOT, see
// mounted.ts): links are resolved as inside that container, an absolute
// target from ROOT and ".." stopping at ROOT, as a chroot would; the checks
// after each cd (pwd -P inside ROOT) stay as they are.
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
  mountPoint: 18,
  notRegular: 19,
} as const;

const PRELUDE = `
ROOT=$1; shift
inside() { [ "$ROOT" = / ] && return 0; case "$1" in "$ROOT"|"$ROOT"/*) return 0;; esac; return 1; }
fail() { echo "$2" >&2; exit "$1"; }
# A name may end in a newline, which $(…) drops: paths are taken apart with parameter expansion
# (dir_of sets D; a last name is \${1##*/}), and what a command prints is kept whole by out_of.
NL='
'
dir_of() { case "$1" in */*) D=\${1%/*}; [ -n "$D" ] || D=/ ;; *) D=. ;; esac; }
# O: what "$@" printed, exactly, less the one newline that ends it; fails as the command does.
out_of() { O=$("$@" && printf x) || return 1; O=\${O%x}; O=\${O%"$NL"}; }
# RP: realpath of $1; with ROOT_LINKS, resolved inside ROOT as a chroot at ROOT would (the path must exist).
rp() {
  if [ -z "$ROOT_LINKS" ] || [ "$ROOT" = / ]; then out_of realpath "$1" || return 1; RP=$O; return 0; fi
  case "$1" in "$ROOT"|"$ROOT"/*) ;; *) out_of realpath "$1" || return 1; RP=$O; return 0 ;; esac
  _rest=\${1#"$ROOT"}; _cur=$ROOT; _n=0
  while [ -n "$_rest" ]; do
    _rest=\${_rest#/}; _c=\${_rest%%/*}
    case "$_rest" in */*) _rest=/\${_rest#*/} ;; *) _rest= ;; esac
    case "$_c" in ''|.) continue ;; ..) [ "$_cur" = "$ROOT" ] || _cur=\${_cur%/*}; continue ;; esac
    if [ -L "$_cur/$_c" ]; then
      _n=$((_n + 1)); [ "$_n" -gt 40 ] && return 1
      out_of readlink "$_cur/$_c" || return 1
      _t=$O
      case "$_t" in /*) _cur=$ROOT ;; esac
      _rest=/$_t$_rest
    else
      [ -e "$_cur/$_c" ] || return 1
      _cur=$_cur/$_c
    fi
  done
  RP=$_cur
}
# The folder the shell is in, checked inside ROOT.
here_inside() { out_of pwd -P || fail 13 "escape"; inside "$O" || fail 13 "escape"; HERE=$O; }
parent_ok() {
  [ "$1" = "$ROOT" ] && return 0
  dir_of "$1"
  rp "$D" 2>/dev/null || fail 12 "no parent"
  p=$RP
  inside "$p" || fail 13 "escape"
}
real_ok() {
  parent_ok "$1"
  # Checked in the resolved folder ($p), not through the path as the kernel would follow it.
  [ "$1" = "$ROOT" ] || exists "$p/\${1##*/}" || fail 11 "missing"
  rp "$1" 2>/dev/null || fail 11 "dangling"
  R=$RP
  inside "$R" || fail 13 "escape"
}
exists() { [ -e "$1" ] || [ -L "$1" ]; }
# cd into the real folder holding $1, checked inside ROOT after the cd; N: $1's last name.
enter_parent() {
  dir_of "$1"
  rp "$D" 2>/dev/null || fail 12 "no parent"
  p=$RP
  cd "$p" 2>/dev/null || fail 12 "no parent"
  here_inside
  N=\${1##*/}
}
# cd into the real folder $1 (inside links followed), checked after the cd.
enter_dir() {
  real_ok "$1"
  [ -d "$R" ] || fail 15 "not a folder"
  cd "$R" 2>/dev/null || fail 15 "not a folder"
  here_inside
}
# The file $1 through any inside link: cd into its real folder, N its real name.
enter_file() {
  real_ok "$1"
  [ -d "$R" ] && fail 16 "is a folder"
  enter_parent "$R"
}
# Only a regular file is read: a pipe or a device would make cat wait forever, or never end.
regular() { [ -f "./$N" ] || fail 19 "not a regular file"; }
# After reading ./$N: fail if it became a link leading out meanwhile.
still_inside() {
  [ -L "./$N" ] || return 0
  out_of pwd -P || fail 11 "dangling"
  rp "$O/$N" 2>/dev/null || fail 11 "dangling"
  inside "$RP" || fail 13 "escape"
}
`;

/**
 * The folder's change stamp (mtime and ctime, nanoseconds), then its names in
 * one pass, each NUL-terminated, a folder's name twice in
 * a row (no name can appear twice in one folder, so the pair marks a folder;
 * no fork per entry, which busybox's find -exec … + would not spare).
 */
const LIST_NAMES = `${PRELUDE}
enter_dir "$1"
stat -c '%y %z' . | tr -d '\\n'; printf '\\0'
find . -mindepth 1 -maxdepth 1 -type d -print0 -print0 -o -print0
`;

/** One "rawmode size uid gid mtime" line per name in "$@" (or "-" for one that vanished), a NUL, then name/target pairs of the links. */
const STAT_LINES = `
if [ $# -gt 0 ] && ! stat -c '%f %s %u %g %Y' "$@" 2>/dev/null; then
  for n; do stat -c '%f %s %u %g %Y' "$n" 2>/dev/null || echo -; done
fi
printf '\\0'
for n; do [ -L "$n" ] && out_of readlink "$n" && printf '%s\\0%s\\0' "$n" "$O"; done
`;

/**
 * The folder's change stamp, then one "rawmode size uid gid mtime" line per name (or "-" for a name that
 * vanished), then, NUL-separated, name/target pairs for the symlinks.
 */
const STAT_NAMES = `${PRELUDE}
enter_dir "$1"
shift
stat -c '%y %z' .
${STAT_LINES}
exit 0
`;

/**
 * A folder's first page in one exec: LIST_NAMES, then one more NUL (no listed
 * item is empty, so two NULs in a row end the names), then the page's names
 * read from stdin, one a line ("./" added here) up to an empty line (stdin
 * is not closed first: a proxy on the way to the engine may not pass a
 * half-close on), stat-ed as STAT_NAMES does after its stamp. Exits with
 * find's status.
 */
const LIST_PAGE = `${PRELUDE}
enter_dir "$1"
stat -c '%y %z' . | tr -d '\\n'; printf '\\0'
find . -mindepth 1 -maxdepth 1 -type d -print0 -print0 -o -print0
listed=$?
printf '\\0'
set --
while IFS= read -r n && [ -n "$n" ]; do set -- "$@" "./$n"; done
${STAT_LINES}
exit "$listed"
`;

/** One path, not followed: the stat line, then the link target when it is one. */
const STAT_ONE = `${PRELUDE}
if [ "$1" = "$ROOT" ]; then cd "$ROOT" || exit 1; N=.; else enter_parent "$1"; fi
exists "./$N" || fail 11 "missing"
stat -c '%f %s %u %g %Y' "./$N"
[ -L "./$N" ] && out_of readlink "./$N" && printf '%s' "$O"
exit 0
`;

/** Stat line of the file read through any inside link, then its bytes unless larger than $2. */
const READ = `${PRELUDE}
enter_file "$1"
regular
stat -c '%f %s %u %g %Y' "./$N"
size=$(stat -c %s "./$N")
[ "$size" -gt "$2" ] && exit 0
cat "./$N"
still_inside
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
if [ -L "$p/\${F##*/}" ]; then real_ok "$F"; F=$R; fi
enter_parent "$F"
F="./$N"
[ -d "$F" ] && { cleanup; fail 16 "is a folder"; }
case "$3" in
  new) exists "$F" && { cleanup; fail 14 "exists"; } ;;
  check)
    [ -f "$F" ] || { cleanup; fail 10 "gone"; }
    [ "$(stat -c '%s %Y' "$F")" = "$4 $5" ] || { cleanup; fail 10 "changed"; }
    if [ -n "$8" ]; then
      [ "$(sha256sum < "$F" | cut -c1-64)" = "$8" ] || { cleanup; fail 10 "changed"; }
    fi ;;
esac
[ "$(stat -c %s "$T" 2>/dev/null)" = "$6" ] || { cleanup; fail 17 "incomplete"; }
[ "$(sha256sum < "$T" | cut -c1-64)" = "$7" ] || { cleanup; fail 17 "incomplete"; }
[ -L "$T" ] && { cleanup; fail 17 "incomplete"; }
if [ -e "$F" ]; then
  chmod "$(stat -c %a "$F")" "$T" && chown -h "$(stat -c %u:%g "$F")" "$T"
else
  chown -h "$(stat -c %u:%g .)" "$T"
fi
mv -f -T "$T" "$F" || { cleanup; exit 1; }
stat -c '%f %s %u %g %Y' "$F"
`;

const REMOVE_TEMP = `${PRELUDE}
enter_parent "$1"
case "$N" in .wharf-save-*) rm -f "./$N" ;; esac
`;

const MKDIR = `${PRELUDE}
enter_parent "$1"
exists "./$N" && fail 14 "exists"
mkdir "./$N" || exit 1
chown -h "$(stat -c %u:%g .)" "./$N"
`;

const RENAME = `${PRELUDE}
dir_of "$2"; D2=$D; dir_of "$1"
[ "$D" = "$D2" ] || fail 1 "A rename stays in the same folder."
enter_parent "$1"
A=$N; B=\${2##*/}
exists "./$A" || fail 11 "missing"
exists "./$B" && fail 14 "exists"
mv -T "./$A" "./$B"
`;

const DELETE = `${PRELUDE}
enter_parent "$1"
exists "./$N" || fail 11 "missing"
# Never through a mount point: removing a folder that is one, or holds one, would reach into the
# volume, bind mount or host folder mounted there (a read-only one's own mounts are not read-only).
T="$HERE/$N"
if [ -r /proc/self/mountinfo ]; then
  while read -r _ _ _ _ mp _; do
    case "$mp" in *\\\\*) mp=$(printf '%b' "$mp") ;; esac
    case "$mp" in "$T"|"$T"/*) fail 18 "mount point" ;; esac
  done < /proc/self/mountinfo
fi
if [ -d "./$N" ] && [ ! -L "./$N" ]; then
  if [ "$2" = recursive ]; then rm -rf "./$N"; else rmdir "./$N" 2>/dev/null || fail 1 "The folder is not empty."; fi
else
  rm -f "./$N"
fi
`;

/** The bytes of a regular file, through any inside link. */
const CAT = `${PRELUDE}
enter_file "$1"
regular
cat "./$N"
still_inside
`;

/** The bytes of a regular file, through any inside link, after one line with its size. */
const CAT_SIZED = `${PRELUDE}
enter_file "$1"
regular
stat -c %s "./$N"
cat "./$N"
still_inside
`;

/**
 * What TAR below would write for the same path, estimated from one ls -lR:
 * a 512-byte header per entry, file contents padded to 512, the end blocks.
 * Long names, pax records and files that change meanwhile make it differ.
 */
const ARCHIVE_SIZE = `${PRELUDE}
real_ok "$1"
if [ "$R" = "$ROOT" ]; then cd "$ROOT/.." && N=\${ROOT##*/}; else enter_parent "$R"; fi
command -v awk >/dev/null 2>&1 || fail 1 "no awk"
ls -lRAn "./$N" 2>/dev/null | awk '/^-/ { s += 512 + int(($5 + 511) / 512) * 512; next } /^[dlcbps]/ { s += 512 } END { printf "%.0f\\n", s + 512 + 1024 }'
`;

/** A whole path as a tar stream (the last component by its own name), links stored, not followed. */
const TAR = `${PRELUDE}
real_ok "$1"
if [ "$R" = "$ROOT" ]; then cd "$ROOT/.." && N=\${ROOT##*/}; else enter_parent "$R"; fi
tar -cf - "./$N"
`;

/** The resolved path, checked to stay inside: where an upload may be extracted. */
const RESOLVE_DIR = `${PRELUDE}
enter_dir "$1"
printf '%s' "$HERE"
`;

export const SCRIPTS = {
  listNames: LIST_NAMES,
  statNames: STAT_NAMES,
  listPage: LIST_PAGE,
  statOne: STAT_ONE,
  read: READ,
  commit: COMMIT,
  removeTemp: REMOVE_TEMP,
  mkdir: MKDIR,
  rename: RENAME,
  delete: DELETE,
  tar: TAR,
  cat: CAT,
  catSized: CAT_SIZED,
  archiveSize: ARCHIVE_SIZE,
  resolveDir: RESOLVE_DIR,
} as const;

export type ScriptName = keyof typeof SCRIPTS;

/** The argv that runs `script` with ROOT and its arguments; `rootLinks`: links resolve inside ROOT (a mounted container). */
export function scriptArgv(script: ScriptName, root: string, args: readonly string[], rootLinks = false): string[] {
  return ['sh', '-c', `ROOT_LINKS=${rootLinks ? '1' : ''}${SCRIPTS[script]}`, 'sh', root, ...args];
}

/** What a read of a pipe, a device or a socket answers (reading one can wait forever or never end). */
export function notRegular(shown: string): ApiError {
  return new ApiError({
    code: 'invalid-input',
    message: `"${shown}" is not a regular file but a pipe, a device or a socket: Wharf does not read it, since reading one can wait forever or never end.`,
  });
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
    case EXIT.mountPoint:
      return new ApiError({
        code: 'conflict',
        message: `"${shown}" is a mount point or holds one (a volume, a bind mount, or a file the engine attaches): Wharf does not delete through it, which would reach into what is mounted there.`,
        hint: "Delete what is inside the mount on its own, or change the container's mounts (the Mounts tab).",
      });
    case EXIT.notRegular:
      return notRegular(shown);
    case EXIT.incomplete:
      return new ApiError({
        code: 'engine',
        message: `The new content of "${shown}" did not arrive whole, so the file was left as it was.`,
        hint: 'Try saving again.',
      });
    default:
      if (/resource busy/i.test(stderr)) {
        return new ApiError({
          code: 'conflict',
          message: `"${shown}" is a mount point (a volume, a bind mount, or a file the engine attaches), which cannot be renamed or removed from inside the container.`,
          hint: "Change the container's mounts instead (the Mounts tab).",
        });
      }
      if (/read-only file system/i.test(stderr)) {
        return new ApiError({
          code: 'forbidden',
          message: `"${shown}" is on a read-only mount: nothing there can be changed from inside the container.`,
        });
      }
      return new ApiError({
        code: 'engine',
        message:
          stderr !== '' ? `${shown}: ${stderr.split('\n')[0]}` : `The command on "${shown}" failed (exit ${exitCode}).`,
      });
  }
}
