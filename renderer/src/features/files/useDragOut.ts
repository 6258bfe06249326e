// A file row's drag out to the desktop (drag-out.ts says how). In the desktop
// app the file is written to a temporary file when the pointer goes down and
// the drag is the OS's own (client.dragOut); in a browser the drag carries the
// download's address.
import { type DragEvent, useRef } from 'react';
import type { FileEntry, FileTarget } from '../../../../runtime/domains/files/types';
import { useClient } from '../../api/ClientProvider';
import { type Prepared, downloadUrlData, preparedFor } from './drag-out';

export function useDragOut(target: FileTarget) {
  const client = useClient();
  const prepared = useRef<Prepared | undefined>(undefined);

  const prepare = async (entry: FileEntry): Promise<Prepared | undefined> => {
    const descriptor = { kind: 'file' as const, target, path: entry.path };
    if (client.dragOut) {
      const id = await client.dragOut.prepare(descriptor, entry.name);
      return id === undefined ? undefined : { path: entry.path, url: id, name: entry.name, at: Date.now() };
    }
    // The browser fetches a dragged file itself (not from this page): an address for that.
    const { url, name } = await client.request('downloads.createDragOut', descriptor);
    return { path: entry.path, url, name, at: Date.now() };
  };

  /** Props for a row: only regular files are dragged out (a folder: Download as tar or zip). */
  return (entry: FileEntry) =>
    entry.type !== 'file'
      ? {}
      : {
          draggable: true,
          onPointerDown: () => {
            if (preparedFor(prepared.current, entry.path, Date.now())) return;
            prepare(entry).then(
              (p) => (prepared.current = p),
              () => (prepared.current = undefined),
            );
          },
          onDragStart: (e: DragEvent) => {
            const ready = preparedFor(prepared.current, entry.path, Date.now());
            e.dataTransfer.effectAllowed = 'copy';
            e.dataTransfer.setData('text/plain', entry.path);
            if (ready === undefined) return;
            // An address or a prepared file serves once: the next drag asks again.
            prepared.current = undefined;
            if (client.dragOut) {
              // The OS drag of the prepared file replaces the page's own.
              e.preventDefault();
              client.dragOut.start(ready.url);
              return;
            }
            e.dataTransfer.setData('DownloadURL', downloadUrlData(ready.name, ready.url, window.location.origin));
            e.dataTransfer.setData('text/uri-list', new URL(ready.url, window.location.origin).href);
          },
        };
}
