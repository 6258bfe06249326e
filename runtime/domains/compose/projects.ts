// Projects as the engine holds them: containers grouped by their compose
// labels (stopped ones included), merged with the files the user opened.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type Docker from 'dockerode';
import { COMPOSE_LABELS, type ComposeMembership, composeMembership } from './labels';
import type { GraphContainer } from './graph';
import type { ComposeFileRef, ComposeProjectState, ComposeProjectSummary } from './types';

export interface ProjectContainer {
  info: Docker.ContainerInfo;
  membership: ComposeMembership;
  name: string;
  running: boolean;
}

/** Every compose container on the engine (or of one project), one-off `run` containers left out. */
export async function projectContainers(docker: Docker, project?: string): Promise<ProjectContainer[]> {
  const label = project === undefined ? COMPOSE_LABELS.project : `${COMPOSE_LABELS.project}=${project}`;
  const list = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [label] }) });
  const out: ProjectContainer[] = [];
  for (const info of list) {
    const membership = composeMembership(info.Labels ?? {});
    if (!membership || membership.oneOff) continue;
    if (project !== undefined && membership.project !== project) continue;
    out.push({
      info,
      membership,
      name: (info.Names[0] ?? info.Id).replace(/^\//, ''),
      running: info.State === 'running',
    });
  }
  return out.sort(
    (a, b) =>
      a.membership.service.localeCompare(b.membership.service) ||
      (a.membership.number ?? 0) - (b.membership.number ?? 0) ||
      a.name.localeCompare(b.name),
  );
}

/** The compose files the labels name, as absolute paths (podman-compose writes them relative to the working folder). */
export function labelledFiles(m: Pick<ComposeMembership, 'configFiles' | 'workingDir'>): string[] {
  return m.configFiles.map((f) => (isAbsolute(f) || m.workingDir === undefined ? f : resolve(m.workingDir, f)));
}

export function filesExist(files: readonly string[], exists: (p: string) => boolean = existsSync): boolean {
  return files.length > 0 && files.every((f) => isAbsolute(f) && exists(f));
}

export function stateOf(total: number, running: number): ComposeProjectState {
  if (total === 0) return 'not-created';
  if (running === 0) return 'stopped';
  return running === total ? 'running' : 'partial';
}

/** An opened file with the services it declares (when it could be read). */
export interface OpenedProject {
  ref: ComposeFileRef;
  services: string[];
}

/** The project list: one entry per project name, from containers and opened files. */
export function summarize(
  containers: readonly ProjectContainer[],
  opened: readonly OpenedProject[],
  exists: (p: string) => boolean = existsSync,
): ComposeProjectSummary[] {
  const byName = new Map<string, ProjectContainer[]>();
  for (const c of containers) {
    const list = byName.get(c.membership.project) ?? [];
    list.push(c);
    byName.set(c.membership.project, list);
  }
  const names = new Set([...byName.keys(), ...opened.map((o) => o.ref.project)]);
  return [...names].sort().map((name) => {
    const mine = byName.get(name) ?? [];
    const file = opened.find((o) => o.ref.project === name);
    const running = mine.filter((c) => c.running).length;
    const first = mine[0]?.membership;
    const configFiles = file ? [file.ref.path] : first ? labelledFiles(first) : [];
    const workingDir = file ? file.ref.path.replace(/[\\/][^\\/]*$/, '') : first?.workingDir;
    const services = [...new Set([...mine.map((c) => c.membership.service), ...(file?.services ?? [])])].sort();
    return {
      name,
      state: stateOf(mine.length, running),
      containers: { total: mine.length, running },
      services,
      ...(workingDir !== undefined ? { workingDir } : {}),
      configFiles,
      ...(file ? { fileId: file.ref.id } : {}),
      filesReachable: filesExist(configFiles, exists),
    };
  });
}

/** What the graph reads of a container. */
export function graphContainer(c: ProjectContainer): GraphContainer {
  const info = c.info;
  return {
    name: c.name,
    service: c.membership.service,
    running: c.running,
    image: info.Image,
    networks: Object.keys(info.NetworkSettings?.Networks ?? {}),
    mounts: (info.Mounts ?? []).map((m) => ({
      type: m.Type,
      target: m.Destination,
      ...(m.Name ? { name: m.Name } : {}),
      ...(m.Source ? { source: m.Source } : {}),
    })),
    ports: (info.Ports ?? []).map((p) => ({
      target: p.PrivatePort,
      protocol: p.Type,
      ...(p.PublicPort ? { published: p.PublicPort } : {}),
      ...(p.IP ? { hostIp: p.IP } : {}),
    })),
  };
}
