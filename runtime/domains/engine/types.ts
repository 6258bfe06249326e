// What the UI knows of the engine: where it is, what it is, how the connection stands. Pure types: they cross the contract.
import type { PlainError } from '../../api/types';
import type { VmStatus } from '../vm/types';

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
