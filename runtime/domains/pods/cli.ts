// The podman commands each pods action stands for (and, for Docker, the
// kubectl command a cluster would take). Pure: the renderer shows them beside
// the actions, the runtime returns them after.
import { shellJoin } from '../../api/shell-words';

/** The file name a command names when the YAML came from the editor. */
export const DEFAULT_KUBE_FILE = 'kube.yaml';

/** podman pod ls */
export function podListCommand(): string {
  return 'podman pod ls';
}

/** podman ps -a --pod: every container with the pod it belongs to. */
export function podContainersCommand(): string {
  return 'podman ps -a --pod';
}

/** podman kube play FILE */
export function kubePlayCommand(file: string = DEFAULT_KUBE_FILE): string {
  return shellJoin(['podman', 'kube', 'play', file]);
}

/** podman kube down FILE: stops and removes the pods the file made. */
export function kubeDownCommand(file: string = DEFAULT_KUBE_FILE): string {
  return shellJoin(['podman', 'kube', 'down', file]);
}

/** podman kube generate [--service] NAME…: Kubernetes YAML from containers or a pod. */
export function kubeGenerateCommand(names: readonly string[], service = false): string {
  return shellJoin(['podman', 'kube', 'generate', ...(service ? ['--service'] : []), ...names]);
}

export type PodAction = 'start' | 'stop' | 'remove';

/** podman pod start|stop NAME, podman pod rm -f NAME */
export function podActionCommand(action: PodAction, name: string): string {
  if (action === 'remove') return shellJoin(['podman', 'pod', 'rm', '-f', name]);
  return shellJoin(['podman', 'pod', action, name]);
}

/** kubectl apply -f FILE: what runs the same YAML on a Kubernetes cluster. */
export function kubectlApplyCommand(file: string = DEFAULT_KUBE_FILE): string {
  return shellJoin(['kubectl', 'apply', '-f', file]);
}

/** kubectl get pods,services,deployments: what a cluster shows after it. */
export function kubectlGetCommand(): string {
  return 'kubectl get deployments,replicasets,pods,services';
}
