// Data shapes that cross the contract. Pure types: no Node, no DOM.

export type ContainerState =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'removing'
  | 'exited'
  | 'dead';

export interface PortSummary {
  /** Host address the port is published on; absent when not published. */
  ip?: string;
  privatePort: number;
  publicPort?: number;
  type: 'tcp' | 'udp' | 'sctp';
}

export interface MountSummary {
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster';
  /** Volume name, for volume mounts. */
  name?: string;
  /** Host path (bind) or the volume's mountpoint on the engine's host. */
  source: string;
  destination: string;
  readOnly: boolean;
}

export interface ContainerSummary {
  id: string;
  /** Name without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  state: ContainerState;
  /** The engine's own status text, e.g. "Up 3 minutes" or "Exited (0) 2 hours ago". */
  status: string;
  /** Unix seconds. */
  created: number;
  ports: PortSummary[];
  labels: Record<string, string>;
  mounts: MountSummary[];
}

export interface ImageSummary {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Bytes. */
  size: number;
  /** Unix seconds. */
  created: number;
  dangling: boolean;
  labels: Record<string, string>;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  /** ISO time, when the engine reports it. */
  createdAt?: string;
  labels: Record<string, string>;
  scope: string;
}

export type EngineKind = 'docker' | 'podman';

export interface EngineInfo {
  kind: EngineKind;
  /** Product version, e.g. "20.10.24" or "4.3.1". */
  version: string;
  /** Docker Engine API version the engine speaks, e.g. "1.41". */
  apiVersion: string;
  os: string;
  arch: string;
  /** Where Wharf reaches it: unix:///…, npipe://…, tcp://…, ssh://… */
  endpoint: string;
  /** How the endpoint was found. */
  source: EngineSource;
  /** True when Wharf started this engine itself. */
  embedded: boolean;
}

export type EngineSource = 'settings' | 'command-line' | 'env' | 'context' | 'well-known' | 'embedded';

export interface EngineCandidate {
  endpoint: string;
  source: EngineSource;
  /** Human label: "DOCKER_HOST", "docker context 'colima'", "Podman (rootless)", … */
  label: string;
  /** Whether something answered /_ping there when discovery ran. */
  reachable: boolean;
}

export interface PlainError {
  /** What went wrong, in plain words (often the engine's own message). */
  message: string;
  /** What the user can do about it, when we know. */
  hint?: string;
  /**
   * Stable name of a message Wharf wrote itself (e.g. "engine.socketMissing"), so
   * the UI can show it in its own language; message stays the English text.
   */
  key?: string;
  /** Values the keyed message names; `reason` holds the engine's own text, when there is one. */
  params?: Record<string, string>;
}

export interface EmbeddedEngineStatus {
  kind: EngineKind;
  phase: 'stopped' | 'starting' | 'running' | 'stopping' | 'error';
  endpoint?: string;
  /** Progress text while starting. */
  progress?: string;
  error?: PlainError;
  /** Last lines of the engine's own log, shown on failure. */
  logTail: string[];
  /** Keep running after Wharf quits. */
  keepRunning: boolean;
}

export type EngineState =
  | { phase: 'connecting'; endpoint?: string }
  | { phase: 'connected'; engine: EngineInfo }
  | {
      phase: 'reconnecting';
      endpoint: string;
      engine?: EngineInfo;
      attempt: number;
      reason: string;
    }
  | { phase: 'error'; endpoint?: string; error: PlainError }
  | {
      phase: 'no-engine';
      /** Engine programs found installed on this machine (absolute paths). */
      installed: { dockerd?: string; podman?: string };
      platform: 'linux' | 'darwin' | 'win32' | 'other';
      /** Packages to install, named for this OS ("docker.io", "podman", …). */
      suggestedPackages: string[];
      /** Whether Wharf can run the install itself (with elevation). */
      canInstall: boolean;
    }
  | { phase: 'starting-embedded'; embedded: EmbeddedEngineStatus };

/**
 * Changes pushed from the engine's event stream, already applied to one row,
 * so the UI never refetches a whole list for one event.
 */
export type ChangeEvent =
  | { kind: 'container.upsert'; container: ContainerSummary }
  | { kind: 'container.remove'; id: string }
  | { kind: 'images.replace'; images: ImageSummary[] }
  | { kind: 'volume.upsert'; volume: VolumeSummary }
  | { kind: 'volume.remove'; name: string }
  /** The stream was interrupted (engine restart, reconnect): re-list everything. */
  | { kind: 'resync' };

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove' | 'kill' | 'pause' | 'unpause';

export interface ActionOutcome {
  id: string;
  name: string;
  ok: boolean;
  error?: PlainError;
}

export interface ActionResult {
  /** The docker CLI command this action stands for. */
  command: string;
  outcomes: ActionOutcome[];
}

export interface RuntimeSettings {
  /** Engine endpoint the user chose; null means discover. */
  engine: string | null;
  /** TLS material for tcp:// endpoints (paths on the runtime's machine). */
  tls: { ca?: string; cert?: string; key?: string; verify: boolean } | null;
  /** Keep Wharf's private engine running after Wharf quits. */
  keepEmbeddedEngine: boolean;
}

/** One line of a container's log. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** The line without its newline; may hold ANSI escape sequences. */
  text: string;
  /** The engine's timestamp (RFC 3339, as `docker logs -t` prints it), when asked for. */
  time?: string;
}

export type LogEvent =
  /**
   * Forget the lines held so far: the stream starts over. Carries the
   * command it stands for, and whether the container has a TTY (then
   * stdout and stderr arrive as one stream, marked stdout).
   */
  | { type: 'reset'; command: string; tty: boolean }
  | { type: 'lines'; lines: LogLine[] }
  | {
      type: 'status';
      /** following: streaming live; waiting: the container is not running, lines resume when it starts; ended: no more lines. */
      state: 'following' | 'waiting' | 'ended';
      /** Why, in plain words (the container stopped, was removed…). */
      message?: string;
      /** The exit code, when the container stopped. */
      exitCode?: number;
    };

export interface EnvVar {
  key: string;
  /** Absent for a variable given without '=' (passed through from the environment). */
  value?: string;
}

/** What the details page shows of `docker inspect`. */
export interface ContainerDetails {
  id: string;
  name: string;
  /** The image as the user named it (Config.Image). */
  image: string;
  imageId: string;
  state: ContainerState;
  /** Engine state flags and times from State. */
  running: boolean;
  paused: boolean;
  restarting: boolean;
  oomKilled: boolean;
  exitCode: number;
  /** The engine's error text for the last start, when there was one. */
  error?: string;
  pid: number;
  /** ISO times; startedAt/finishedAt absent when the engine reports none. */
  created: string;
  startedAt?: string;
  finishedAt?: string;
  entrypoint: string[];
  command: string[];
  workingDir: string;
  user: string;
  hostname: string;
  tty: boolean;
  openStdin: boolean;
  env: EnvVar[];
  labels: Record<string, string>;
  restartPolicy: { name: string; maximumRetryCount: number };
  restartCount: number;
  /** Published ports, and exposed ports that are not published (without publicPort). */
  ports: PortSummary[];
  mounts: MountSummary[];
  networks: Array<{ name: string; ipAddress?: string }>;
}

export interface ContainerInspect {
  details: ContainerDetails;
  /** The engine's inspect JSON, whole, as `docker inspect` prints it. */
  raw: unknown;
}

// ---- Volumes, files in volumes and containers, mounts (issue 4) ----

/** Where files live: inside a volume (through a helper container) or a container's own filesystem. */
export type FileTarget = { kind: 'volume'; name: string } | { kind: 'container'; id: string };

export type FileType = 'file' | 'dir' | 'symlink' | 'other';

export interface FileEntry {
  name: string;
  /** Absolute inside the target: "/" is the volume's root or the container's root. */
  path: string;
  type: FileType;
  /** Bytes (for a symlink: the length of its target). */
  size: number;
  /** Permission bits, e.g. 0o644 (420); setuid/setgid/sticky included. */
  mode: number;
  uid: number;
  gid: number;
  /** Last modified, unix seconds. */
  mtime: number;
  /** Where a symlink points, as stored in the link. */
  linkTarget?: string;
}

/**
 * How Wharf reached the files: a helper container mounting the volume, `docker
 * exec` in the running container, or the engine's archive API (stopped container).
 */
export type FileAccess = 'helper' | 'exec' | 'archive';

export interface FileListPage {
  path: string;
  /** Folders first, then the rest, each by name; only this page. */
  entries: FileEntry[];
  /** Entries in the folder (after the hidden filter). */
  total: number;
  offset: number;
  via: FileAccess;
  /** The command that shows the same listing. */
  command: string;
}

export type FileContent =
  | { kind: 'text'; entry: FileEntry; text: string; sha256: string }
  /** Not text (NUL bytes or not UTF-8): offer a download instead. */
  | { kind: 'binary'; entry: FileEntry; sha256: string }
  /** Larger than the editor takes; offer a download instead. */
  | { kind: 'too-large'; entry: FileEntry; limit: number };

export interface FileChangeResult {
  /** The entry as it is now (absent after delete). */
  entry?: FileEntry;
  /** sha256 of what was written (write only): pass it back as `expected` on the next save. */
  sha256?: string;
  /** The docker commands that do the same. */
  commands: string[];
}

/** Events of a download stream: start, chunks of bytes (base64), then end. */
export type DownloadEvent =
  | { kind: 'start'; name: string; format: 'tar' | 'raw'; size?: number }
  | { kind: 'chunk'; data: string }
  | { kind: 'end'; bytes: number };

/** Sizes from the engine's disk-usage call, by volume name; null when the engine reports none. */
export interface VolumeSizes {
  sizes: Record<string, number | null>;
  /** How many containers (running or not) use each volume, by name, as the engine counts them. */
  refCounts: Record<string, number>;
}

export interface VolumeUser {
  id: string;
  name: string;
  state: ContainerState;
  destination: string;
  readOnly: boolean;
}

export interface VolumeActionResult {
  volume?: VolumeSummary;
  /** The docker commands this action stands for (several where no single command does it). */
  commands: string[];
}

export interface PrunePreview {
  /** Exactly the volumes prune would remove now. */
  volumes: Array<{ name: string; size: number | null; anonymous: boolean }>;
  /** Bytes freed: the sum of known sizes. */
  bytes: number;
  /** Whether every size was known (else bytes is a lower bound). */
  sizesKnown: boolean;
  /** The engine's rule, in plain words ("unused volumes, named or anonymous", …). */
  rule: string;
  command: string;
}

export interface PruneResult {
  removed: string[];
  failed: Array<{ name: string; error: PlainError }>;
  /** Bytes freed, from the preview's sizes of what was removed. */
  bytes: number;
  commands: string[];
}

export type MountWarningKind = 'host-path-missing' | 'engine-socket' | 'system-folder';

export interface MountWarning {
  kind: MountWarningKind;
  /** Plain words, English; `kind` names it for translation. */
  message: string;
}

export interface MountUser {
  containerId: string;
  containerName: string;
  state: ContainerState;
  destination: string;
  readOnly: boolean;
  /** Bind propagation (rprivate, shared, …), when the engine reports one. */
  propagation?: string;
}

/** Every mount of one host path or one volume, with who uses it. */
export interface MountGroup {
  /** "volume:NAME", "bind:/host/path" or "tmpfs:CONTAINER:/path". */
  key: string;
  type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster';
  /** Host path for binds; the volume's name for volumes; "" for tmpfs. */
  source: string;
  /** Bind only: whether the host path exists (null: not checked, the engine is not on this machine). */
  hostPathExists?: boolean | null;
  warnings: MountWarning[];
  users: MountUser[];
}

export interface MountsOverview {
  groups: MountGroup[];
  /**
   * Where host paths were checked: 'local' (the engine runs on this machine, a
   * stat here is right) or 'not-checked' (remote engine or VM: paths are on its host).
   */
  hostPathCheck: 'local' | 'not-checked';
}

/** A mount as the user edits it (docker run --mount). */
export interface MountSpec {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Host path (bind), volume name (volume; empty for a new anonymous one); unused for tmpfs. */
  source?: string;
  target: string;
  readOnly?: boolean;
}

export interface EditMountsPlan {
  /** The exact commands, in order. */
  commands: string[];
  /** What stays: volumes and bind-mounted folders, named. */
  survives: string[];
  /** What is lost: files written to the container's own layer, and anything else. */
  lost: string[];
  /** The container runs now and will be stopped and started again. */
  restarts: boolean;
}

export interface EditMountsResult extends EditMountsPlan {
  /** The new container's id (same name as before). */
  id: string;
  name: string;
}
