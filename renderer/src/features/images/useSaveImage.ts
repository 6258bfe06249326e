// docker save as a download: the tar streams from the engine to disk (the
// browser's download manager, or a file picked in the desktop app).
import { useState } from 'react';
import type { ImageSummary } from '../../../../runtime/domains/images/types';
import { useClient } from '../../api/ClientProvider';
import type { ErrorLike } from '../../lib/localize-error';
import type { StartDownload } from '../downloads/useDownloads';
import { toErrorLike } from '../files/useFileActions';
import { refOf } from './image-refs';

/** `download` starts it with Wharf's progress (the page's list of downloads). */
export function useSaveImage(download: StartDownload) {
  const client = useClient();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<ErrorLike | null>(null);
  const mark = (id: string, on: boolean) =>
    setBusy((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const save = async (image: ImageSummary) => {
    const ref = refOf(image);
    const file = `${ref.replace(/[/:@]/g, '_')}.tar`;
    mark(image.id, true);
    setError(null);
    try {
      const described = await client.request('images.describe', { action: 'save', images: [ref], file });
      await download({ kind: 'image-save', ref }, file, [described.command]);
    } catch (e) {
      setError(toErrorLike(e));
    } finally {
      mark(image.id, false);
    }
  };
  return { save, busy, error, setError };
}
