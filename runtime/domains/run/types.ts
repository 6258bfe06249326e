// The run form and what parsing and starting a container give back. Pure types: they cross the contract.

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
  /** -l KEY=value: labels to find and group containers by. */
  labels?: string[];
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
  /** --health-*: a health check; without cmd, the options change the image's own check. */
  health?: RunHealth;
}

/** A health check as `docker run --health-*` takes it; durations as Go writes them ("30s", "1m30s"). */
export interface RunHealth {
  /** --health-cmd: run with the container's shell; exit code 0 is healthy. */
  cmd?: string;
  interval?: string;
  timeout?: string;
  startPeriod?: string;
  retries?: number;
}

export interface RunParseResult {
  form: RunForm;
  /** Flags the form cannot hold, with their values, in the order given. */
  unsupported: Array<{ flag: string; value?: string }>;
  /** Things to know: invalid env names, `$VAR` kept unexpanded, text after the first command… */
  problems: string[];
}

export interface RunCopyResult {
  form: RunForm;
  /** The original's name. */
  original: string;
  /** Settings of the original the form cannot hold, as docker flags with their values. */
  notCopied: Array<{ flag: string; value: string }>;
}

export interface RunStartResult {
  id: string;
  name: string;
  command: string;
  /** The image was not there and was pulled first. */
  pulled: boolean;
}
