// Data shapes of the compose domain that cross the contract. Pure types.
import type { PlainError } from '../../api/types';

/** Which compose tool Wharf drives. */
export type ComposeToolKind = 'compose-plugin' | 'docker-compose' | 'podman-compose';

export interface ComposeTool {
  kind: ComposeToolKind;
  /** How a user types it: "docker compose", "docker-compose", "podman-compose". */
  command: string;
  /** The tool's own version, e.g. "1.29.2". */
  version: string;
  /** Where it was found on this machine. */
  path: string;
}

export interface ComposeToolStatus {
  /** The tool Wharf uses with the connected engine; null when none is installed. */
  tool: ComposeTool | null;
  /** Every tool Wharf looked for, found or not, in the order it prefers them. */
  candidates: { kind: ComposeToolKind; command: string; found: boolean; version?: string }[];
  /** When none is usable: how to install one, in plain words (keyed for the UI's language). */
  problem?: PlainError;
}

export type ComposeProjectState = 'running' | 'partial' | 'stopped' | 'not-created';

/** A compose project, as the engine's containers and the files the user opened show it. */
export interface ComposeProjectSummary {
  name: string;
  state: ComposeProjectState;
  /** Containers the project has on the engine (one-off `compose run` containers excluded). */
  containers: { total: number; running: number };
  /** Service names: those with containers, and those the opened file declares. */
  services: string[];
  /** The folder it was brought up from (label), or the opened file's folder. */
  workingDir?: string;
  /** The compose files, as the labels or the opened file name them. */
  configFiles: string[];
  /** The opened file this project comes from, when the user opened one. */
  fileId?: string;
  /** Whether the compose files can be read on the machine Wharf runs on (actions that need the file are offered only then). */
  filesReachable: boolean;
}

/** A compose file the user opened in Wharf (kept across restarts). */
export interface ComposeFileRef {
  id: string;
  /** The file on the machine Wharf runs on; for a pasted or browser-picked file, the copy Wharf keeps in its data folder. */
  path: string;
  /** How it came: a path on this machine, or content pasted / picked in the browser. */
  origin: 'path' | 'content';
  /** The project name compose gives it (the folder's name unless the file says `name:`). */
  project: string;
  /** Unix milliseconds. */
  openedAt: number;
}

/** One problem the compose tool found in a file, with where and what to do. */
export interface ComposeProblem {
  /** The tool's own words, kept. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** Plain words about the cause and the fix, when Wharf recognises it (tabs, unknown key, bad indentation…). */
  hint?: PlainError;
}

export type ComposeValidation =
  { ok: true; model: ComposeModel; command: string } | { ok: false; problems: ComposeProblem[]; command: string };

export interface ComposePort {
  /** Host address, when published on one (e.g. 127.0.0.1). */
  hostIp?: string;
  /** Host port or range; "" when published on a host port the engine picks; absent when only exposed to other containers. */
  published?: string;
  target: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ComposeMount {
  type: 'volume' | 'bind' | 'tmpfs';
  /** Volume name as the project declares it, or the host path of a bind. */
  source?: string;
  target: string;
  readOnly: boolean;
}

export interface ComposeServiceModel {
  name: string;
  image?: string;
  build?: { context: string; dockerfile?: string };
  ports: ComposePort[];
  /** Network names as the project declares them ("default" included). */
  networks: string[];
  mounts: ComposeMount[];
  dependsOn: { service: string; condition?: string }[];
  profiles: string[];
  /** Replicas asked for (scale / deploy.replicas), 1 when unset. */
  replicas: number;
}

/** The project as the compose tool reads it (`config`): the source of the graph. */
export interface ComposeModel {
  project: string;
  services: ComposeServiceModel[];
  /** Declared name → the name on the engine (e.g. default → myapp_default). */
  networks: { name: string; engineName: string; external: boolean; driver?: string }[];
  volumes: { name: string; engineName: string; external: boolean }[];
}

export type ComposeNodeKind = 'service' | 'image' | 'build' | 'port' | 'network' | 'volume' | 'bind';

export interface ComposeGraphNode {
  id: string;
  kind: ComposeNodeKind;
  label: string;
  /** What the node opens: a container, volume or network page. */
  link?: { kind: 'container' | 'volume' | 'network' | 'image'; ref: string };
  /** Services only: running containers of it out of its containers. */
  state?: { running: number; total: number };
}

export interface ComposeGraphEdge {
  from: string;
  to: string;
  kind: 'depends-on' | 'image' | 'build' | 'publishes' | 'network' | 'mount';
  /** depends_on condition, port mapping text, mount target… */
  label?: string;
}

export interface ComposeGraph {
  nodes: ComposeGraphNode[];
  edges: ComposeGraphEdge[];
}

/** A project's details: its model and graph, and its containers by service. */
export interface ComposeProjectDetails {
  summary: ComposeProjectSummary;
  /** Null when the files cannot be read here; the graph then comes from the containers alone. */
  model: ComposeModel | null;
  graph: ComposeGraph;
  containers: { id: string; name: string; service: string; number?: number; state: string; status: string }[];
}

/** Progress of a compose command (up, down, pull, build…), streamed. */
export type ComposeEvent =
  /** First event: the exact command Wharf runs. */
  | { type: 'command'; command: string }
  /** A service (or one of its containers, or a network/volume the project creates) moved on. */
  | {
      type: 'step';
      target: string;
      targetKind: 'service' | 'container' | 'network' | 'volume' | 'image';
      state: ComposeStepState;
      detail?: string;
    }
  /** A line the tool printed, kept as it said it. */
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; ok: true }
  | { type: 'done'; ok: false; failure: ComposeFailure };

export type ComposeStepState =
  | 'pulling'
  | 'pulled'
  | 'building'
  | 'built'
  | 'creating'
  | 'created'
  | 'recreating'
  | 'starting'
  | 'started'
  | 'stopping'
  | 'stopped'
  | 'removing'
  | 'removed'
  | 'up-to-date'
  | 'error';

export interface ComposeFailure {
  /** The service that failed, when the tool says. */
  service?: string;
  /** Plain words: port taken, image not found, build step failed… (keyed for the UI's language). */
  error: PlainError;
  /** The tool's exit code. */
  exitCode: number | null;
}

/** One line of a project's merged logs. */
export interface ComposeLogLine {
  service: string;
  /** The container's name (several per service when scaled). */
  container: string;
  stream: 'stdout' | 'stderr';
  text: string;
  /** RFC 3339 timestamp from the engine: the lines are merged in this order. */
  time: string;
}

export type ComposeLogEvent =
  | { type: 'reset'; command: string; services: string[] }
  | { type: 'lines'; lines: ComposeLogLine[] }
  | { type: 'status'; state: 'following' | 'ended'; message?: string };
