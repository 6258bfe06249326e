// Pods: Podman's pods and its Kubernetes commands (kube play, kube down,
// kube generate). On Docker, which has no pods, the list says so and the
// other requests are refused with the same words.
import { z } from 'zod';
import { request } from '../../api/define';
import { ContainerRef, none } from '../../api/inputs';
import { ComposeProjectName } from '../compose/contract';
import { MAX_KUBE_YAML_BYTES, utf8Length } from './kube';
import type { KubeDownResult, KubeGenerateResult, KubePlayResult, PodActionResult, PodsList } from './types';

/** A pod's name or id, as Podman accepts them. */
export const PodRef = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a pod id or name');

/** The file the shown command names (the YAML itself travels in `yaml`). */
export const KubeFileName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.-]+\.ya?ml$/, 'a file name ending in .yaml or .yml');

export const KubeYamlInput = z
  .object({
    yaml: z
      .string()
      .min(1)
      .refine((s) => utf8Length(s) <= MAX_KUBE_YAML_BYTES, 'the YAML is larger than 512 KiB'),
    file: KubeFileName.optional(),
  })
  .strict();

export const KubeGenerateInput = z
  .object({
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('container'), name: ContainerRef }).strict(),
      z.object({ kind: z.literal('pod'), name: PodRef }).strict(),
      /** The project's containers (or the pod podman-compose put them in). */
      z.object({ kind: z.literal('compose'), project: ComposeProjectName }).strict(),
    ]),
    /** --service: add a Kubernetes Service for the published ports. */
    service: z.boolean().default(false),
  })
  .strict();

const ByPod = z.object({ name: PodRef }).strict();

export const podsContract = {
  /** podman pod ls, with each pod's containers; on Docker, why there are none. */
  'pods.list': request<PodsList>()(none),
  /** podman kube play: Wharf checks the YAML first (a problem names its line; nothing is created). */
  'pods.play': request<KubePlayResult>()(KubeYamlInput),
  /** podman kube down: stops and removes the pods the YAML made. */
  'pods.down': request<KubeDownResult>()(KubeYamlInput),
  /** podman kube generate: Kubernetes YAML from a container, a pod or a compose project's containers. */
  'pods.generate': request<KubeGenerateResult>()(KubeGenerateInput),
  'pods.start': request<PodActionResult>()(ByPod),
  'pods.stop': request<PodActionResult>()(ByPod),
  /** podman pod rm -f: the pod and its containers. */
  'pods.remove': request<PodActionResult>()(ByPod),
} as const;
