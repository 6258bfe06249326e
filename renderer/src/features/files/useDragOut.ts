// A file row's drag out to the desktop (drag-out.ts says how).
import { type DragEvent, useRef } from 'react';
import type { FileEntry, FileTarget } from '../../../../runtime/domains/files/types';
import { useClient } from '../../api/ClientProvider';
import { type Prepared, downloadUrlData, preparedFor } from './drag-out';

export function useDragOut(target: FileTarget) {
  const client = useClient();
  const prepared = useRef<Prepared | undefined>(undefined);

  /** Props for a row: only regular files are dragged out (a folder: Download as tar or zip). */
  return (entry: FileEntry) =>
    entry.type !== 'file'
      ? {}
      : {
          draggable: true,
          onPointerDown: () => {
            if (preparedFor(prepared.current, entry.path, Date.now())) return;
            client
              .request('downloads.create', { kind: 'file', target, path: entry.path })
              .then(({ url, name }) => {
                prepared.current = { path: entry.path, url, name, at: Date.now() };
              })
              .catch(() => {
                prepared.current = undefined;
              });
          },
          onDragStart: (e: DragEvent) => {
            const ready = preparedFor(prepared.current, entry.path, Date.now());
            e.dataTransfer.effectAllowed = 'copy';
            e.dataTransfer.setData('text/plain', entry.path);
            if (ready === undefined) return;
            // The address serves once: the next drag asks for another.
            prepared.current = undefined;
            e.dataTransfer.setData('DownloadURL', downloadUrlData(ready.name, ready.url, window.location.origin));
            e.dataTransfer.setData('text/uri-list', new URL(ready.url, window.location.origin).href);
          },
        };
}
