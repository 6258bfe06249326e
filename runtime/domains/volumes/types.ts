// Volumes: the list, sizes, users, actions and prune. Pure types: they cross the contract.
import type { PlainError } from '../../api/types';
import type { ContainerState } from '../containers/types';

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
