// Downloads started from a page, with the runtime's progress for each: the
// runtime counts the bytes it sends under the download's id and this hook
// watches that id ('downloads.watch') until it ends. Cancel asks the runtime
// to stop the stream (and the engine's work behind it).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DownloadDescriptorInput, DownloadProgress } from '../../../../runtime/domains/downloads/contract';
import type { StartedDownload } from '../../api/client';
import { useClient } from '../../api/ClientProvider';
import type { ErrorLike } from '../../lib/localize-error';
import { pushCommands, toErrorLike } from '../files/useFileActions';
import { showWhenSaved } from './shown-when-saved';

/**
 * Starts a download whose progress the page lists (`useDownloads().start`). The docker commands it stands for
 * (`commands`, else the runtime's own) go to the command bar once the file is the user's: at once in a browser,
 * once saved in the desktop app.
 */
export type StartDownload = (
  descriptor: DownloadDescriptorInput,
  suggestedName: string,
  commands?: readonly string[],
) => Promise<StartedDownload>;

export interface DownloadItem {
  id: string;
  progress: DownloadProgress;
  /** The desktop app's save failed, or the watch ended with an error. */
  error?: ErrorLike;
}

/** Finished downloads stay listed (newest first) until dismissed; older ones drop off. */
const KEEP = 5;
const ended = (p: DownloadProgress) => p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled';

export function useDownloads() {
  const client = useClient();
  const [items, setItems] = useState<DownloadItem[]>([]);
  const watches = useRef(new Map<string, () => void>());

  // Leaving the page stops watching; the downloads themselves go on.
  useEffect(() => {
    const current = watches.current;
    return () => {
      for (const stop of current.values()) stop();
      current.clear();
    };
  }, []);

  const update = useCallback((id: string, patch: Partial<DownloadItem>) => {
    setItems((list) => list.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }, []);

  const stopWatching = (id: string) => {
    watches.current.get(id)?.();
    watches.current.delete(id);
  };

  const start = useCallback(
    async (
      descriptor: DownloadDescriptorInput,
      suggestedName: string,
      commands?: readonly string[],
    ): Promise<StartedDownload> => {
      const started = await client.startDownload(descriptor, suggestedName);
      const { id } = started;
      const waiting: DownloadProgress = { id, name: started.name, phase: 'waiting', sent: 0, bytesPerSecond: 0 };
      setItems((list) => [{ id, progress: waiting }, ...list.filter((i) => i.id !== id)].slice(0, KEEP));
      const stop = client.subscribe(
        'downloads.watch',
        { id },
        (progress) => {
          update(id, { progress });
          if (ended(progress)) stopWatching(id);
        },
        (error) => {
          if (error) update(id, { error: toErrorLike(error) });
        },
      );
      watches.current.set(id, stop);
      started.saved?.catch((error: unknown) => update(id, { error: toErrorLike(error) }));
      showWhenSaved(started, commands ?? [started.command], pushCommands);
      return started;
    },
    [client, update],
  );

  const cancel = useCallback(
    (id: string) => {
      client.request('downloads.abort', { id }).catch((error: unknown) => update(id, { error: toErrorLike(error) }));
    },
    [client, update],
  );

  const dismiss = useCallback((id: string) => {
    stopWatching(id);
    setItems((list) => list.filter((i) => i.id !== id));
  }, []);

  return { items, start, cancel, dismiss };
}
