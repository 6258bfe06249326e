// A folder picked in the browser (<input webkitdirectory>) copied to the
// runtime's machine, so it can be built like a folder there. One pick at a
// time: a new pick, or leaving the page, discards the last copy.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/ClientProvider';
import type { ErrorLike } from '../../lib/localize-error';
import { toErrorLike } from '../files/useFileActions';
import { bytesToBase64 } from '../files/transfer';

// Under the runtime's 700,000-character limit once in base64.
const CHUNK = 500 * 1024;

export interface PickedFolder {
  name: string;
  files: number;
  bytes: number;
  /** Where the copy is on the runtime's machine, once it is complete. */
  path?: string;
}

export function useContextUpload() {
  const client = useClient();
  const current = useRef<string | null>(null);
  const [picked, setPicked] = useState<PickedFolder | null>(null);
  const [progress, setProgress] = useState<{ files: number; bytes: number } | null>(null);
  const [error, setError] = useState<ErrorLike | null>(null);

  const discard = useCallback(() => {
    const id = current.current;
    current.current = null;
    if (id !== null) void client.request('build.contextAbort', { id }).catch(() => undefined);
  }, [client]);

  useEffect(() => discard, [discard]);

  const upload = useCallback(
    async (files: readonly File[]): Promise<string | null> => {
      discard();
      setError(null);
      const root = files[0]?.webkitRelativePath.split('/')[0] ?? '';
      if (files.length === 0 || root === '') return null;
      const total = files.reduce((n, f) => n + f.size, 0);
      setPicked({ name: root, files: files.length, bytes: total });
      setProgress({ files: 0, bytes: 0 });
      try {
        const { id, dir } = await client.request('build.contextBegin', {});
        current.current = id;
        let sent = 0;
        for (const [i, f] of files.entries()) {
          const bytes = new Uint8Array(await f.arrayBuffer());
          let offset = 0;
          do {
            const part = bytes.subarray(offset, offset + CHUNK);
            await client.request('build.contextChunk', {
              id,
              path: f.webkitRelativePath,
              base64: bytesToBase64(part),
              append: offset > 0,
            });
            offset += part.length;
            sent += part.length;
            setProgress({ files: i, bytes: sent });
          } while (offset < bytes.length);
          if (current.current !== id) return null;
        }
        const path = `${dir}/${root}`;
        setPicked({ name: root, files: files.length, bytes: total, path });
        setProgress(null);
        return path;
      } catch (e) {
        setError(toErrorLike(e));
        setProgress(null);
        discard();
        return null;
      }
    },
    [client, discard],
  );

  return { picked, progress, error, upload };
}
