// The pods domain's shapes that cross the contract. Pure types.
import type { PlainError } from '../../api/types';

/** One container of a pod. */
export interface PodContainer {
  id: string;
  name: string;
  /** The engine's state word: running, exited, created, … */
  state: string;
  /** The pod's infra container: it holds the pod's network and namespaces, and runs nothing of the user's. */
  infra: boolean;
}

export interface PodSummary {
  id: string;
  name: string;
  /** Podman's pod status: Running, Degraded (some containers stopped), Exited, Stopped, Created. */
  status: string;
  /** RFC 3339. */
  created: string;
  /** Every container, the infra one included (as `podman pod ps` counts them). */
  containers: PodContainer[];
  labels: Record<string, string>;
  networks: string[];
}

/** The pods, or why this engine has none to show. */
export type PodsList =
  | { supported: true; pods: PodSummary[]; command: string }
  /** Docker has no pods: Kubernetes YAML needs Podman (kube play) or a cluster (kubectl apply). */
  | { supported: false; engine: 'docker'; reason: PlainError; command: string };

export interface PodActionResult {
  /** The podman commands the action stood for. */
  commands: string[];
}

export interface KubePlayResult extends PodActionResult {
  /** The pods kube play made, by id and name. */
  pods: { id: string; name: string; containers: string[] }[];
  /** The volumes it made (from PersistentVolumeClaims). */
  volumes: string[];
}

export interface KubeDownResult extends PodActionResult {
  /** The pods it stopped and removed. */
  removed: string[];
}

export interface KubeGenerateResult extends PodActionResult {
  yaml: string;
}

/** What Wharf's check of a Kubernetes YAML says is wrong, and where. */
export type KubeProblemKey =
  | 'syntax'
  | 'tab'
  | 'notMapping'
  | 'noKind'
  | 'noApiVersion'
  | 'unsupportedKind'
  | 'noName'
  | 'noContainers'
  | 'noImage'
  | 'noContainerName'
  | 'nothingToPlay'
  | 'tooLarge';

export interface KubeProblem {
  /** 1-based. */
  line: number;
  column: number;
  key: KubeProblemKey;
  /** Values the message names (kind, field, the YAML parser's own words). */
  params: Record<string, string>;
  /** In English, with what to do. */
  message: string;
}

/** One object of a YAML file, as kube play would read it. */
export interface KubeObject {
  kind: string;
  name: string;
  line: number;
}

export type KubeCheck = { ok: true; objects: KubeObject[] } | { ok: false; problems: KubeProblem[] };
