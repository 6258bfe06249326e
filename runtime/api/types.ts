// Data shapes that cross the contract. Pure types: no Node, no DOM.
import type { VmStatus } from './vm-types';

// ---- Shared ----

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
  /** A network was created or removed, or a container joined or left one: re-read the networks. */
  | { kind: 'networks.changed' }
  /** The stream was interrupted (engine restart, reconnect): re-list everything. */
  | { kind: 'resync' };

// ---- Engine ----

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
  /**
   * Set for plain tcp:// to another machine (no TLS): accepted says whether
   * the user chose to connect anyway. One not accepted is never contacted.
   */
  unencrypted?: { accepted: boolean };
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
  | { phase: 'starting-embedded'; embedded: EmbeddedEngineStatus }
  /** Wharf's engine VM is the engine, and it is not ready: starting, stopped (asleep), or failed. */
  | { phase: 'vm'; vm: VmStatus };

// ---- Settings ----

export interface RuntimeSettings {
  /** Engine endpoint the user chose; null means discover. */
  engine: string | null;
  /** TLS material for tcp:// endpoints (paths on the runtime's machine). */
  tls: { ca?: string; cert?: string; key?: string; verify: boolean } | null;
  /** Keep Wharf's private engine running after Wharf quits. */
  keepEmbeddedEngine: boolean;
  /** Unencrypted remote endpoints (tcp://host:port) the user chose to connect to anyway; absent when none. */
  insecureAccepted?: string[];
}

// ---- Containers ----

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

// ---- Logs ----

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

// ---- Images and registries ----

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

export interface ImageRemoveResult {
  /** References untagged and image ids deleted, as the engine reports them. */
  untagged: string[];
  deleted: string[];
  command: string;
}

export interface ImagePrunePreview {
  /** Exactly the images prune would remove now. */
  images: Array<{ id: string; repoTags: string[]; size: number }>;
  /** Bytes freed, at most (layers shared with kept images stay). */
  bytes: number;
  /** The rule in plain words ("dangling images", "images no container uses"). */
  rule: string;
  command: string;
}

export interface ImagePruneResult {
  removed: string[];
  failed: Array<{ id: string; error: PlainError }>;
  bytes: number;
  commands: string[];
}

/** One entry of `docker history`: a layer, or an instruction that added none (empty). */
export interface ImageLayer {
  /** Image id of this step, or "<missing>" for steps built elsewhere. */
  id: string;
  /** The Dockerfile instruction, cleaned of the builder's "/bin/sh -c #(nop)" wrapping. */
  instruction: string;
  /** The engine's raw CreatedBy text. */
  createdBy: string;
  /** Bytes this step added. */
  size: number;
  /** True when the step changed no files (ENV, CMD, LABEL…): size 0. */
  empty: boolean;
  /** Unix seconds. */
  created: number;
  tags: string[];
  comment: string;
}

export interface ImageHistory {
  /** Newest first, as `docker history` lists them. */
  layers: ImageLayer[];
  /** Sum of layer sizes. */
  total: number;
  /** The image's size as the engine reports it; equals total. */
  imageSize: number;
  command: string;
}

/** One layer's transfer, as pull and push report it. */
export interface LayerProgress {
  id: string;
  /** The engine's words: "Waiting", "Downloading", "Pull complete", "Pushed", "Layer already exists"… */
  status: string;
  /** Bytes done and in all, while transferring. */
  current?: number;
  total?: number;
  done: boolean;
}

export interface OverallProgress {
  /** Sums over layers whose size is known. */
  current: number;
  total: number;
  layersDone: number;
  layers: number;
}

export type TransferEvent =
  | { kind: 'started'; command: string }
  | { kind: 'layer'; layer: LayerProgress; overall: OverallProgress }
  /** A line that is about the whole image ("Pulling from library/busybox", "Digest: …"). */
  | { kind: 'status'; message: string }
  | { kind: 'done'; image: string; digest?: string; overall: OverallProgress };

export interface RegistryAccount {
  /** As the user typed it: "127.0.0.1:5000", "docker.io", "ghcr.io". */
  registry: string;
  username: string;
  /** When the credentials were saved, ISO time. */
  savedAt: string;
}

// ---- Volumes ----

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  /** ISO time, when the engine reports it. */
  createdAt?: string;
  labels: Record<string, string>;
  scope: string;
}

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

export interface VolumePrunePreview {
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

export interface VolumePruneResult {
  removed: string[];
  failed: Array<{ name: string; error: PlainError }>;
  /** Bytes freed, from the preview's sizes of what was removed. */
  bytes: number;
  commands: string[];
}

// ---- Files in volumes and containers ----

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
 * exec` in the running container, the engine's archive API (stopped container),
 * or a helper mounting the stopped container's filesystem (Podman).
 */
export type FileAccess = 'helper' | 'exec' | 'archive' | 'mount';

export interface FileListPage {
  path: string;
  /** Folders first, then the rest, each by name; only this page. */
  entries: FileEntry[];
  /** Entries in the folder (after the hidden filter). */
  total: number;
  offset: number;
  via: FileAccess;
  /** Archive access (a stopped container): true when Wharf can still rename and delete there. */
  renameDelete?: boolean;
  /** Archive access: the folder was listed from a read-only snapshot of the stopped container, not its archive. */
  snapshot?: true;
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

// ---- Mounts ----

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

// ---- Build ----

export interface BuildStep {
  /** 1-based, as "Step 3/7". */
  index: number;
  total: number;
  instruction: string;
  /** The builder reused the cached result ("---> Using cache"). */
  cached: boolean;
  /** What the step printed (not the builder's own "--->" lines). */
  output: string[];
}

export interface BuildSummary {
  imageId: string;
  tags: string[];
  steps: BuildStep[];
  cachedSteps: number;
  totalSteps: number;
  durationMs: number;
  /** Files sent to the engine, after .dockerignore. */
  contextFiles: number;
  contextBytes: number;
}

export type BuildEvent =
  | { kind: 'started'; command: string; contextFiles: number; contextBytes: number; ignored: number }
  /** One line of the builder's log, as it arrives. */
  | { kind: 'log'; text: string }
  /** A step began, or (same index) learnt it came from the cache. */
  | { kind: 'step'; step: BuildStep }
  | { kind: 'done'; summary: BuildSummary }
  /** The build stopped: the step that failed (when known), its output, and the builder's message. */
  | { kind: 'failed'; message: string; step?: BuildStep; output: string[] };

// ---- Run ----

/** A published port as the run form holds it (-p [hostIp:][hostPort:]containerPort[/protocol]). */
export interface RunPort {
  hostIp?: string;
  /** Absent: the engine picks a free port. */
  hostPort?: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/** A volume or bind mount as the run form holds it. */
export interface RunVolume {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name or host folder; absent for an anonymous volume and for tmpfs. */
  source?: string;
  target: string;
  readOnly: boolean;
  /** How the command spells it: -v (default) or --mount (always for tmpfs). */
  syntax?: 'volume' | 'mount';
}

/** The run form: everything `docker run` takes that Wharf's form shows. */
export interface RunForm {
  image: string;
  name?: string;
  /** Words after the image. */
  command: string[];
  /** --entrypoint: one word, as docker takes it; '' clears the image's. */
  entrypoint?: string;
  ports: RunPort[];
  /** KEY=value, or a bare KEY passed through from the environment. */
  env: string[];
  volumes: RunVolume[];
  network?: string;
  restart?: 'no' | 'always' | 'unless-stopped' | 'on-failure';
  restartMaxRetries?: number;
  /** -i */
  interactive: boolean;
  /** -t */
  tty: boolean;
  /** --rm */
  remove: boolean;
  /** -d: Wharf always starts containers in the background; false only round-trips a pasted command. */
  detach: boolean;
  /** --cpus, e.g. 1.5 */
  cpus?: number;
  /** -m as typed: "512m", "1g", bytes. */
  memory?: string;
  workdir?: string;
  user?: string;
  hostname?: string;
}

export interface RunParseResult {
  form: RunForm;
  /** Flags the form cannot hold, with their values, in the order given. */
  unsupported: Array<{ flag: string; value?: string }>;
  /** Things to know: invalid env names, `$VAR` kept unexpanded, text after the first command… */
  problems: string[];
}

export interface RunStartResult {
  id: string;
  name: string;
  command: string;
  /** The image was not there and was pulled first. */
  pulled: boolean;
}
