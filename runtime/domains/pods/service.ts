// The pods domain's handlers, through Podman's own API (libpod) on the
// connected engine's socket: GET /libpod/pods/json, POST and DELETE
// /libpod/play/kube with the YAML as the body, GET /libpod/generate/kube,
// and a pod's start, stop and removal. Docker has no pods: the list answers
// with that state, every other request is refused with the same words.
import type Docker from 'dockerode';
import { errorHint, errorMessage } from '../../api/error-texts';
import { ApiError } from '../../api/errors';
import { libpodCall } from '../../engine/libpod';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { COMPOSE_LABELS } from '../compose/labels';
import {
  kubeDownCommand,
  kubeGenerateCommand,
  kubePlayCommand,
  podActionCommand,
  podListCommand,
  type PodAction,
} from './cli';
import { checkKubeYaml } from './kube';
import type { PodSummary } from './types';

export type PodsService = ServiceHandlers<
  'pods.list' | 'pods.play' | 'pods.down' | 'pods.generate' | 'pods.start' | 'pods.stop' | 'pods.remove',
  never
>;

interface RawPod {
  Id: string;
  Name: string;
  Status: string;
  Created: string;
  InfraId?: string;
  Containers?: { Id: string; Names: string; Status: string }[] | null;
  Labels?: Record<string, string> | null;
  Networks?: string[] | null;
}

interface RawPlayReport {
  Pods?: { ID: string; Containers?: string[] | null }[] | null;
  Volumes?: { Name: string }[] | null;
  StopReport?: { Id: string }[] | null;
  RmReport?: { Id: string; Err?: unknown }[] | null;
}

interface RawLibpodContainer {
  Id: string;
  Names?: string[];
  Pod?: string;
  PodName?: string;
}

const needPodman = () =>
  new ApiError({
    code: 'unavailable',
    message: errorMessage('pods.needPodman'),
    hint: errorHint('pods.needPodman'),
    key: 'pods.needPodman',
  });

function toSummary(raw: RawPod): PodSummary {
  return {
    id: raw.Id,
    name: raw.Name,
    status: raw.Status,
    created: raw.Created,
    containers: (raw.Containers ?? []).map((c) => ({
      id: c.Id,
      name: c.Names,
      state: c.Status,
      infra: c.Id === raw.InfraId,
    })),
    labels: raw.Labels ?? {},
    networks: raw.Networks ?? [],
  };
}

const reasonOf = (error: unknown): string => {
  const e = error as { json?: { message?: string; cause?: string } | null; message?: string };
  return e.json?.message ?? e.message ?? String(error);
};

/** The engine's refusal of a play, in plain words where Wharf knows the cause. */
function playError(error: unknown): unknown {
  const reason = reasonOf(error);
  if (/pause (binary|image)|catatonit|infra/i.test(reason))
    return new ApiError({
      code: 'engine',
      message: errorMessage('pods.noInfra', { reason }),
      hint: errorHint('pods.noInfra'),
      key: 'pods.noInfra',
      params: { reason },
    });
  const missing = /: ([^\s:]+(?::[\w.-]+)?): image not known/.exec(reason);
  if (missing?.[1])
    return new ApiError({
      code: 'not-found',
      message: errorMessage('pods.imageMissing', { image: missing[1] }),
      hint: errorHint('pods.imageMissing', { image: missing[1] }),
      key: 'pods.imageMissing',
      params: { image: missing[1], reason },
    });
  return error;
}

export function createPodsService(engine: Engine): PodsService {
  /** The engine's client when it is Podman; refuses on Docker. */
  function podman(): Docker {
    const docker = engine.docker();
    if (engine.info()?.kind !== 'podman') throw needPodman();
    return docker;
  }

  async function listPods(docker: Docker): Promise<PodSummary[]> {
    const raw = (await libpodCall(docker, { method: 'GET', path: '/pods/json' })) as RawPod[] | null;
    return (raw ?? []).map(toSummary).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Refuses YAML Wharf's own check finds wrong, with the first problem's line. */
  function checked(yaml: string) {
    const result = checkKubeYaml(yaml);
    if (result.ok) return result.objects;
    const first = result.problems[0];
    const params = {
      line: String(first?.line ?? 1),
      column: String(first?.column ?? 1),
      problem: first?.message ?? '',
    };
    throw new ApiError({
      code: 'invalid-input',
      message: errorMessage('pods.badYaml', params),
      hint: errorHint('pods.badYaml'),
      key: 'pods.badYaml',
      params: { ...params, problemKey: first?.key ?? 'syntax' },
    });
  }

  async function podAction(action: PodAction, name: string) {
    const docker = podman();
    const path = `/pods/${encodeURIComponent(name)}`;
    if (action === 'remove') await libpodCall(docker, { method: 'DELETE', path, query: { force: true } });
    else await libpodCall(docker, { method: 'POST', path: `${path}/${action}` });
    return { commands: [podActionCommand(action, name)] };
  }

  /** What to generate from: the pod a container belongs to, else the containers themselves. */
  async function generateNames(
    docker: Docker,
    target: { kind: 'container' | 'pod'; name: string } | { kind: 'compose'; project: string },
  ): Promise<string[]> {
    if (target.kind === 'pod') return [target.name];
    const filters =
      target.kind === 'compose'
        ? { label: [`${COMPOSE_LABELS.project}=${target.project}`] }
        : { name: [`^${target.name.replace(/[.]/g, '\\.')}$`] };
    const found = (await libpodCall(docker, {
      method: 'GET',
      path: '/containers/json',
      query: { all: true, filters: JSON.stringify(filters) },
    })) as RawLibpodContainer[] | null;
    let list = found ?? [];
    // A name filter matches ids too; a short id given as the name is taken as it is.
    if (target.kind === 'container' && list.length === 0) return [target.name];
    if (list.length === 0)
      throw new ApiError({
        code: 'not-found',
        message: errorMessage('compose.noProject', { project: target.kind === 'compose' ? target.project : '' }),
        key: 'compose.noProject',
        params: { project: target.kind === 'compose' ? target.project : '' },
      });
    // Podman generates a pod's members only through the pod itself.
    const pods = [...new Set(list.map((c) => c.PodName ?? '').filter((p) => p !== ''))];
    if (pods.length > 0) return pods;
    list = [...list].sort((a, b) => (a.Names?.[0] ?? '').localeCompare(b.Names?.[0] ?? ''));
    return list.map((c) => c.Names?.[0] ?? c.Id);
  }

  return {
    requests: {
      async 'pods.list'() {
        const docker = engine.docker();
        if (engine.info()?.kind !== 'podman')
          return {
            supported: false,
            engine: 'docker',
            reason: {
              message: errorMessage('pods.needPodman'),
              hint: errorHint('pods.needPodman'),
              key: 'pods.needPodman',
            },
            command: podListCommand(),
          };
        return { supported: true, pods: await listPods(docker), command: podListCommand() };
      },
      async 'pods.play'({ yaml, file }, context) {
        const signal = context?.signal;
        const docker = podman();
        checked(yaml);
        const before = new Set((await listPods(docker)).map((p) => p.id));
        let report: RawPlayReport;
        try {
          report = (await libpodCall(docker, {
            method: 'POST',
            path: '/play/kube',
            body: yaml,
            ...(signal ? { signal } : {}),
          })) as RawPlayReport;
        } catch (error) {
          // Podman keeps the pods it made before it failed: take them away, so a refused play changes nothing.
          const made = (await listPods(docker).catch(() => [])).filter((p) => !before.has(p.id));
          for (const p of made)
            await libpodCall(docker, { method: 'DELETE', path: `/pods/${p.id}`, query: { force: true } }).catch(
              () => {},
            );
          throw playError(error);
        }
        const pods = await listPods(docker);
        const byId = new Map(pods.map((p) => [p.id, p]));
        return {
          pods: (report.Pods ?? []).map((p) => ({
            id: p.ID,
            name: byId.get(p.ID)?.name ?? p.ID.slice(0, 12),
            containers: (byId.get(p.ID)?.containers ?? []).filter((c) => !c.infra).map((c) => c.name),
          })),
          volumes: (report.Volumes ?? []).map((v) => v.Name),
          commands: [kubePlayCommand(file)],
        };
      },
      async 'pods.down'({ yaml, file }) {
        const docker = podman();
        checked(yaml);
        const names = new Map((await listPods(docker)).map((p) => [p.id, p.name]));
        const report = (await libpodCall(docker, {
          method: 'DELETE',
          path: '/play/kube',
          body: yaml,
        })) as RawPlayReport;
        return {
          removed: (report.RmReport ?? []).map((r) => names.get(r.Id) ?? r.Id.slice(0, 12)),
          commands: [kubeDownCommand(file)],
        };
      },
      async 'pods.generate'({ target, service }) {
        const docker = podman();
        const names = await generateNames(docker, target);
        const yaml = await libpodCall(docker, {
          method: 'GET',
          path: '/generate/kube',
          query: { names, ...(service ? { service: true } : {}) },
        });
        return {
          yaml: typeof yaml === 'string' ? yaml : JSON.stringify(yaml),
          commands: [kubeGenerateCommand(names, service)],
        };
      },
      'pods.start': ({ name }) => podAction('start', name),
      'pods.stop': ({ name }) => podAction('stop', name),
      'pods.remove': ({ name }) => podAction('remove', name),
    },
    subscriptions: {},
  };
}
