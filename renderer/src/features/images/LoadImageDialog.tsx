// docker load: a tar picked in the browser streams to the engine a chunk at a
// time (each sent once the engine took the last; nothing is held whole), or a
// tar already on the machine Wharf runs on is read there.
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../api/ClientProvider';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { imageKeys } from './queries';
import { formatBytes } from '../../lib/format';
import { bytesToBase64 } from '../files/transfer';
import { CommandPreview } from '../../components/CommandPreview';
import { useImageDescribe, useImageRunner } from './useImageAction';

/** 512 KiB: as base64 one chunk stays well under the transports' 1 MiB message limit. */
const CHUNK = 512 * 1024;

export function LoadImageDialog({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [from, setFrom] = useState<'browser' | 'path'>('browser');
  const [path, setPath] = useState('');
  const [picked, setPicked] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [loaded, setLoaded] = useState<string[] | null>(null);
  // Cancel aborts the part (or the commit) in flight; the upload is then aborted.
  const cancelled = useRef(new AbortController());
  const absolute = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
  const ready = from === 'browser' ? picked !== null : absolute;
  const described = useImageDescribe({ action: 'load', ...(from === 'path' && absolute ? { file: path } : {}) });
  const { busy, errors, run } = useImageRunner();

  const upload = async (file: File) => {
    const { upload: id, command } = await client.request('images.loadBegin', {});
    try {
      for (let at = 0; at < file.size; at += CHUNK) {
        const signal = cancelled.current.signal;
        if (signal.aborted) throw new Error('cancelled');
        const bytes = new Uint8Array(await file.slice(at, at + CHUNK).arrayBuffer());
        await client.request('images.loadChunk', { upload: id, base64: bytesToBase64(bytes) }, { signal });
        setProgress({ sent: Math.min(at + CHUNK, file.size), total: file.size });
      }
      return {
        ...(await client.request('images.loadCommit', { upload: id }, { signal: cancelled.current.signal })),
        command,
      };
    } catch (error) {
      await client.request('images.loadAbort', { upload: id }).catch(() => {});
      throw error;
    }
  };

  const confirm = async () => {
    if (!ready) return;
    cancelled.current = new AbortController();
    setLoaded(null);
    const result = await run(() => (from === 'path' ? client.request('images.load', { file: path }) : upload(picked!)));
    setProgress(null);
    // Cancelled midway: the runtime dropped the upload and the engine loaded nothing.
    if (cancelled.current.signal.aborted) return onDone();
    if (result) {
      setLoaded(result.loaded);
      await queryClient.invalidateQueries({ queryKey: imageKeys.list() });
    }
  };
  const cancel = () => {
    if (busy) cancelled.current.abort();
    else onDone();
  };

  return (
    <Dialog
      title={t('imageLoad.title')}
      onCancel={cancel}
      footer={
        <>
          <button type="button" className="button" onClick={cancel}>
            {loaded ? t('transfer.close') : t('common.cancel')}
          </button>
          <button type="submit" form="load-image" className="button button-primary" disabled={busy || !ready}>
            {busy ? t('transfer.working') : t('imageLoad.load')}
          </button>
        </>
      }
    >
      <form
        id="load-image"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <label className="check">
          <input
            type="radio"
            name="load-from"
            checked={from === 'browser'}
            disabled={busy}
            onChange={() => setFrom('browser')}
          />
          <span>{t('imageLoad.fromBrowser')}</span>
        </label>
        {from === 'browser' && (
          <input
            type="file"
            accept=".tar,application/x-tar"
            aria-label={t('imageLoad.pick')}
            disabled={busy}
            onChange={(e) => setPicked(e.target.files?.[0] ?? null)}
          />
        )}
        <label className="check">
          <input
            type="radio"
            name="load-from"
            checked={from === 'path'}
            disabled={busy}
            onChange={() => setFrom('path')}
          />
          <span>{t('imageLoad.fromPath')}</span>
        </label>
        {from === 'path' && (
          <input
            type="text"
            className="mono"
            aria-label={t('imageLoad.fromPath')}
            placeholder="/home/me/images.tar"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
        )}
        <span className="check-help">{t('imageLoad.help')}</span>
        {progress && (
          <div className="upload-progress" data-testid="load-progress">
            <progress max={progress.total || 1} value={progress.sent} aria-label={t('imageLoad.pick')} />
            <span className="small mono">
              {t('imageLoad.progress', { sent: formatBytes(progress.sent), total: formatBytes(progress.total) })}
            </span>
          </div>
        )}
        {loaded && (
          <p className="notice notice-ok" role="status">
            {t('imageLoad.loaded', { names: loaded.join(', ') })}
          </p>
        )}
        {errors.length > 0 && <ErrorAlert title={t('imageLoad.failed')} messages={errors} />}
        <CommandPreview command={described.data?.command} failed={described.isError} />
      </form>
    </Dialog>
  );
}
