// The compose domain's query keys and readers. The engine's containers come
// through the change feed; a project's details are read again whenever the
// containers list changes, so states drawn from them stay live.
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComposeToolKind, ComposeToolStatus } from '../../../../runtime/domains/compose/types';
import { useEffect } from 'react';
import { useClient } from '../../api/ClientProvider';
import { whenIdle } from '../../lib/when-idle';
import { isConnected, useEngineState } from '../engine/queries';
import { useContainers } from '../containers/queries';

export const composeKeys = {
  all: ['compose'] as const,
  tool: () => [...composeKeys.all, 'tool'] as const,
  projects: () => [...composeKeys.all, 'projects'] as const,
  files: () => [...composeKeys.all, 'files'] as const,
  /** Every project's details: one invalidation refreshes them all. */
  allDetails: () => [...composeKeys.all, 'details'] as const,
  details: (project: string, fileId: string | undefined) =>
    [...composeKeys.allDetails(), project, fileId ?? ''] as const,
  read: (fileId: string) => [...composeKeys.all, 'read', fileId] as const,
};

const options = { staleTime: Infinity, retry: 1 } as const;

function useConnected(): boolean {
  return isConnected(useEngineState().data);
}

export function useComposeTool() {
  const client = useClient();
  return useQuery({ queryKey: composeKeys.tool(), queryFn: () => client.request('compose.tool', {}), ...options });
}

/**
 * Reads the compose tool's status into the cache (for `knownComposeTool`) without drawing again when
 * it comes, once `wanted`, and only when the page is idle: finding the tool starts each tool's
 * program, work that must not compete with the engine's reply and the rows being drawn.
 */
export function usePrefetchComposeTool(wanted = true): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!wanted) return;
    return whenIdle(() => {
      void queryClient.prefetchQuery({
        queryKey: composeKeys.tool(),
        queryFn: () => client.request('compose.tool', {}),
        ...options,
      });
    });
  }, [client, queryClient, wanted]);
}

/**
 * The compose tool's kind as the page already knows it, read when needed (a tooltip, a dialog)
 * rather than rendered: rows that only show commands on demand do not draw again when it arrives.
 */
export function knownComposeTool(queryClient: QueryClient): ComposeToolKind | undefined {
  return queryClient.getQueryData<ComposeToolStatus>(composeKeys.tool())?.tool?.kind;
}

export function useComposeFiles() {
  const client = useClient();
  return useQuery({ queryKey: composeKeys.files(), queryFn: () => client.request('compose.files', {}), ...options });
}

/** Reads the projects and details again when the engine's containers change. */
function useFollowContainers() {
  const queryClient = useQueryClient();
  const containers = useContainers();
  useEffect(() => {
    if (containers.dataUpdatedAt === 0) return;
    void queryClient.invalidateQueries({ queryKey: composeKeys.projects() });
    void queryClient.invalidateQueries({ queryKey: composeKeys.allDetails() });
  }, [containers.dataUpdatedAt, queryClient]);
}

export function useComposeProjects() {
  const client = useClient();
  useFollowContainers();
  return useQuery({
    queryKey: composeKeys.projects(),
    queryFn: () => client.request('compose.projects', {}),
    enabled: useConnected(),
    ...options,
  });
}

export function useComposeDetails(project: string, fileId: string | undefined) {
  const client = useClient();
  useFollowContainers();
  return useQuery({
    queryKey: composeKeys.details(project, fileId),
    queryFn: () => client.request('compose.details', { project, ...(fileId ? { fileId } : {}) }),
    enabled: useConnected(),
    placeholderData: (previous) => previous,
    ...options,
  });
}

export function useComposeFileText(fileId: string | undefined) {
  const client = useClient();
  return useQuery({
    queryKey: composeKeys.read(fileId ?? ''),
    queryFn: () => client.request('compose.read', { fileId: fileId! }),
    enabled: fileId !== undefined,
    staleTime: Infinity,
    retry: false,
  });
}
