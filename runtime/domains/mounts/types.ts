// Mounts: who mounts what, and editing a container's mounts. Pure types: they cross the contract.
import type { ContainerState } from '../containers/types';

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
