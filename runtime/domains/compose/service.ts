// The compose domain's handlers: the tool, projects, opened files, running
// compose commands against the connected engine, and merged logs.
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { ApiError } from '../../api/errors';
import type { Engine } from '../../engine/types';
import type { ServiceHandlers } from '../../transport/handlers';
import { type ComposeTarget, composeLogsCommand } from './cli';
import { runThroughEngine } from './engine-actions';
import { createComposeFilesStore } from './files';
import { graphFromContainers, graphFromModel } from './graph';
import { streamProjectLogs } from './logs';
import { declaredName } from './model';
import {
  type OpenedProject,
  filesExist,
  graphContainer,
  labelledFiles,
  projectContainers,
  summarize,
} from './projects';
import { type ToolContext, runOperation } from './run';
import { type EngineTls, discoverTools } from './tool';
import type { ComposeFileRef, ComposeToolStatus } from './types';
import { checkFiles, checkText, modelFromFiles } from './validate';
import { writeAtomic } from './files';

export interface ComposeServiceOptions {
  /** Wharf's data folder: the opened files' list and pasted files live under compose/. */
  dataDir: string;
  /** TLS files for the connected engine, when Settings has them for it. */
  tls?: (endpoint: string) => EngineTls | null;
  /** The compose v2 binary the desktop app carries in its resources, tried first. */
  bundledTool?: string;
}

type ComposeRequests =
  | 'compose.tool'
  | 'compose.projects'
  | 'compose.files'
  | 'compose.open'
  | 'compose.forget'
  | 'compose.read'
  | 'compose.validate'
  | 'compose.save'
  | 'compose.details';

export type ComposeService = ServiceHandlers<ComposeRequests, 'compose.run' | 'compose.logs'>;

export function createComposeService(engine: Engine, options: ComposeServiceOptions): ComposeService {
  const files = createComposeFilesStore(options.dataDir);
  // One discovery per engine connection (endpoint); compose.tool looks again.
  const tools = new Map<string, Promise<ComposeToolStatus>>();
  // A new connection may be another engine kind at the same address: look again.
  engine.onConnected(() => tools.clear());

  function endpoint(): { endpoint: string; kind: 'docker' | 'podman' } {
    engine.docker(); // throws the usual "no engine connected" error
    const info = engine.info();
    if (!info)
      throw new ApiError({
        code: 'unavailable',
        message: 'No container engine is connected right now.',
        key: 'engine.notConnected',
      });
    return { endpoint: info.endpoint, kind: info.kind };
  }

  function status(fresh = false): Promise<ComposeToolStatus> {
    const { endpoint: ep, kind } = endpoint();
    let found = fresh ? undefined : tools.get(ep);
    if (!found) {
      found = discoverTools(kind, undefined, options.bundledTool);
      tools.set(ep, found);
      found.catch(() => tools.delete(ep));
    }
    return found;
  }

  async function context(): Promise<ToolContext> {
    const s = await status();
    if (!s.tool)
      throw new ApiError({ code: 'unavailable', ...(s.problem ?? { message: 'No compose tool is installed.' }) });
    const ep = endpoint().endpoint;
    return { tool: s.tool, endpoint: ep, tls: options.tls?.(ep) ?? null };
  }

  async function openedProjects(): Promise<OpenedProject[]> {
    const refs = await files.list();
    return Promise.all(
      refs.map(async (ref) => {
        try {
          const doc = parse(await fs.readFile(ref.path, 'utf8')) as { services?: Record<string, unknown> } | null;
          const services = doc?.services && typeof doc.services === 'object' ? Object.keys(doc.services) : [];
          return { ref: { ...ref, project: declaredName(doc) ?? ref.project }, services };
        } catch {
          return { ref, services: [] };
        }
      }),
    );
  }

  /** The files to run a project from, and its folder: the opened file, else the labels' files when they are here. */
  async function where(
    project: string,
    fileId?: string,
  ): Promise<{ files: string[]; cwd: string; ref?: ComposeFileRef } | undefined> {
    if (fileId !== undefined) {
      const ref = await files.get(fileId);
      return { files: [ref.path], cwd: dirname(ref.path), ref };
    }
    const containers = await projectContainers(engine.docker(), project);
    const first = containers[0]?.membership;
    if (first) {
      const labelled = labelledFiles(first);
      if (filesExist(labelled)) return { files: labelled, cwd: first.workingDir ?? dirname(labelled[0] ?? '/') };
      return undefined;
    }
    const opened = (await openedProjects()).find((o) => o.ref.project === project);
    return opened ? { files: [opened.ref.path], cwd: dirname(opened.ref.path), ref: opened.ref } : undefined;
  }

  const unreachable = (project: string) =>
    new ApiError({
      code: 'not-found',
      message: `The compose files of ${project} cannot be read on this machine.`,
      hint: "Open the project's compose file in Wharf to run this action.",
      key: 'compose.filesUnreachable',
      params: { project },
    });

  return {
    requests: {
      'compose.tool': () => status(true),
      'compose.projects': async () => summarize(await projectContainers(engine.docker()), await openedProjects()),
      'compose.files': () => files.list(),
      'compose.open': ({ source }) =>
        source.kind === 'path' ? files.openPath(source.path) : files.openContent(source.project, source.content),
      'compose.forget': ({ fileId }) => files.forget(fileId),
      'compose.read': ({ fileId }) => files.read(fileId),
      async 'compose.validate'({ fileId, content }) {
        const ref = await files.get(fileId);
        const ctx = await context();
        if (content !== undefined) return checkText(ctx, ref.project, ref.path, content);
        return checkFiles(ctx, { tool: ctx.tool.kind, project: ref.project, files: [ref.path] }, dirname(ref.path));
      },
      async 'compose.save'({ fileId, content }) {
        const ref = await files.get(fileId);
        const ctx = await context();
        const checked = await checkText(ctx, ref.project, ref.path, content);
        if (checked.ok) await writeAtomic(ref.path, content);
        return checked;
      },
      async 'compose.details'({ project, fileId }) {
        const docker = engine.docker();
        const containers = await projectContainers(docker, project);
        const opened = await openedProjects();
        const summary = summarize(
          containers,
          opened.filter((o) => o.ref.project === project || o.ref.id === fileId),
        ).find((s) => s.name === project);
        if (!summary)
          throw new ApiError({
            code: 'not-found',
            message: `There is no compose project named ${project}.`,
            key: 'compose.noProject',
            params: { project },
          });
        const place = await where(project, fileId);
        let model = null;
        if (place) {
          const ctx = await context().catch(() => undefined);
          if (ctx && ctx.tool.kind !== 'podman-compose') {
            const checked = await checkFiles(ctx, { tool: ctx.tool.kind, project, files: place.files }, place.cwd);
            model = checked.ok ? checked.model : null;
          } else {
            model = await modelFromFiles(place.files, project).catch(() => null);
          }
        }
        const forGraph = containers.map(graphContainer);
        return {
          summary,
          model,
          graph: model ? graphFromModel(model, forGraph) : graphFromContainers(project, forGraph),
          containers: containers.map((c) => ({
            id: c.info.Id,
            name: c.name,
            service: c.membership.service,
            ...(c.membership.number !== undefined ? { number: c.membership.number } : {}),
            state: c.info.State,
            status: c.info.Status,
          })),
        };
      },
    },
    subscriptions: {
      'compose.run': (input, sink) => {
        let stop: (() => void) | undefined;
        let stopped = false;
        void (async () => {
          const place = await where(input.project, input.fileId);
          if (stopped) return;
          if (!place) {
            const kind = input.op.kind;
            if (kind === 'start' || kind === 'stop' || kind === 'restart' || kind === 'down') {
              stop = runThroughEngine(engine.docker(), input.project, kind, sink);
              return;
            }
            throw unreachable(input.project);
          }
          const ctx = await context();
          if (stopped) return;
          const target: ComposeTarget = { tool: ctx.tool.kind, project: input.project, files: place.files };
          stop = runOperation(ctx, target, input.op, place.cwd, sink);
        })().catch((e: unknown) => {
          if (!stopped) sink.fail(e);
        });
        return () => {
          stopped = true;
          stop?.();
        };
      },
      'compose.logs': (input, sink) => {
        let stop: (() => void) | undefined;
        let stopped = false;
        void (async () => {
          // The command shown names the tool in use; logs themselves come through the engine.
          const kind = (await status().catch(() => undefined))?.tool?.kind ?? 'docker-compose';
          const place = await where(input.project).catch(() => undefined);
          const command = composeLogsCommand(
            { tool: kind, project: input.project, files: place?.files ?? [] },
            { follow: input.follow, tail: input.tail, ...(input.services ? { services: input.services } : {}) },
          );
          if (stopped) return;
          stop = streamProjectLogs(engine, input, command, sink);
        })().catch((e: unknown) => {
          if (!stopped) sink.fail(e);
        });
        return () => {
          stopped = true;
          stop?.();
        };
      },
    },
  };
}
