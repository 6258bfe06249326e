// The shapes the shell domain's contract carries. Pure types.
import type { EngineKind } from '../engine/types';

/** Why the shell on this machine is not offered. */
export type ShellUnavailableReason =
  /** Browser mode listens on a non-loopback address: others could reach this machine's shell. */
  | 'remote-browser'
  /** Settings turned it off. */
  | 'disabled'
  /** The pseudo-terminal library could not load on this machine. */
  | 'no-pty';

export interface ShellAvailability {
  available: boolean;
  reason?: ShellUnavailableReason;
  /** The machine Wharf runs on (os.hostname()). */
  hostname: string;
  /** The program a shell would run, e.g. "/bin/bash". */
  shell: string;
  /** Where DOCKER_HOST would point now: the connected engine, or null when none is. */
  engine: ShellEngine | null;
}

export interface ShellEngine {
  kind: EngineKind;
  endpoint: string;
  /** The variables set for it, e.g. { DOCKER_HOST: "unix:///run/docker.sock" } (TLS file paths included). */
  env: Record<string, string>;
}

export interface ShellSession {
  id: string;
  hostname: string;
  /** The program running, e.g. "/bin/bash". */
  shell: string;
  /** What the toolbar shows for it: the shell's name, the way a user would start it. */
  command: string;
  /** The engine its DOCKER_HOST names, fixed when it opened; null when no engine was connected. */
  engine: ShellEngine | null;
}

export interface ShellExit {
  type: 'exit';
  /** process-exited: the shell ended (exit, Ctrl+D); closed: the user closed it or the setting was turned off. */
  reason: 'process-exited' | 'closed';
  exitCode?: number;
  signal?: number;
}

export type ShellOutput = { type: 'data'; data: Uint8Array } | ShellExit;
