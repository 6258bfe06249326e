// Images: the list, removal, prune, history and pull/push progress. Pure types: they cross the contract.
import type { PlainError } from '../../api/types';

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
