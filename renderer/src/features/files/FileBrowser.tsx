// Files of a volume or a container: a folder at a time, paged (the first
// page comes fast however big the folder), breadcrumbs, hidden files, and
// the file actions. Dropping files or folders anywhere on it uploads them
// into the folder shown.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileEntry, FileTarget } from '../../../../runtime/domains/files/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { ProgressRow } from '../../components/ProgressRow';
import { fileKeys } from './queries';
import { TableFrame } from '../../components/TableFrame';
import { formatBytes, formatExact } from '../../lib/format';
import type { ErrorLike } from '../../lib/localize-error';
import { useUi } from '../../state/ui-store';
import { DownloadProgressList } from '../downloads/DownloadProgressList';
import { useDownloads } from '../downloads/useDownloads';
import { DeleteDialog, NameDialog } from './FileDialogs';
import { FileEditor } from './FileEditor';
import { FileAccessNotes, FilePathBar } from './FilePathBar';
import {
  crumbs,
  itemsFromDrop,
  itemsFromFiles,
  joinPath,
  modeString,
  uploadChunked,
  type UploadItem,
  type UploadProgress,
} from './transfer';
import { pushCommands, toErrorLike, useRefreshFiles } from './useFileActions';
import { useDragOut } from './useDragOut';
import './files.css';

const PAGE = 200;

type Pending =
  { kind: 'mkdir' } | { kind: 'newFile' } | { kind: 'rename'; entry: FileEntry } | { kind: 'delete'; entry: FileEntry };

export function FileBrowser({ target, initialPath = '/' }: { target: FileTarget; initialPath?: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useUi((s) => s.language);
  const refresh = useRefreshFiles(target);
  const [path, setPath] = useState(initialPath);
  const [typedPath, setTypedPath] = useState(initialPath);
  const [showHidden, setShowHidden] = useState(true);
  const [open, setOpen] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<ErrorLike | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const dragOut = useDragOut(target);
  const [progress, setProgress] = useState<(UploadProgress & { count: number; cancel: AbortController }) | null>(null);
  const downloads = useDownloads();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const list = useInfiniteQuery({
    queryKey: fileKeys.list(target, path, showHidden),
    queryFn: ({ pageParam }) =>
      client.request('files.list', { target, path, offset: pageParam, limit: PAGE, showHidden }),
    initialPageParam: 0,
    getNextPageParam: (last) =>
      last.offset + last.entries.length < last.total ? last.offset + last.entries.length : undefined,
    staleTime: 0,
    retry: false,
  });
  const entries = list.data?.pages.flatMap((p) => p.entries) ?? [];
  const first = list.data?.pages[0];
  // A stopped container: the engine reads and writes its files; renaming and removing work where the engine allows them (Docker).
  const stopped = first?.via === 'archive';
  const noChange = stopped && first.renameDelete !== true;
  // A stopped container whose filesystem Podman mounted for a helper: everything works.
  const mounted = first?.via === 'mount';

  const go = (next: string) => {
    setPath(next);
    setTypedPath(next);
    setError(null);
  };

  const run = async (label: string, action: () => Promise<{ commands: string[] }>) => {
    setBusy(label);
    setError(null);
    try {
      const result = await action();
      pushCommands(result.commands);
      await refresh();
      return true;
    } catch (e) {
      setError(toErrorLike(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const upload = async (items: UploadItem[]) => {
    const count = items.filter((i) => i.type === 'file').length;
    if (items.length === 0) return;
    const cancel = new AbortController();
    setError(null);
    setProgress({ sent: 0, total: 0, count, cancel });
    try {
      const result = await uploadChunked(
        client,
        target,
        path,
        { kind: 'items', items },
        (p) => setProgress({ ...p, count, cancel }),
        cancel.signal,
      );
      pushCommands(result.commands);
    } catch (e) {
      if (!cancel.signal.aborted) setError(toErrorLike(e));
    } finally {
      setProgress(null);
      await refresh();
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void itemsFromDrop(e.dataTransfer.items).then(upload, (err: unknown) => setError(toErrorLike(err)));
  };

  // Until the runtime has checked it and the browser has the address; then the download's own progress shows.
  const downloadEntry = (entry: FileEntry, format: 'raw' | 'tar' | 'zip' = entry.type === 'dir' ? 'tar' : 'raw') => {
    setError(null);
    const label = t('files.downloading', { name: entry.name });
    setBusy(label);
    const kind = format === 'raw' ? 'file' : format === 'tar' ? 'folder-tar' : 'folder-zip';
    const suggested = format === 'raw' ? entry.name : `${entry.name}.${format}`;
    void downloads
      .start({ kind, target, path: entry.path }, suggested)
      .catch((err: unknown) => setError(toErrorLike(err)))
      .finally(() => setBusy(null));
  };
  const here = (): FileEntry => ({
    name: path === '/' ? 'root' : path.slice(path.lastIndexOf('/') + 1),
    path,
    type: 'dir',
    size: 0,
    mode: 0,
    uid: 0,
    gid: 0,
    mtime: 0,
  });

  const confirmPending = async (name?: string) => {
    const p = pending;
    if (!p) return;
    setPending(null);
    if (p.kind === 'mkdir' && name)
      await run(t('files.newFolder'), () => client.request('files.mkdir', { target, path: joinPath(path, name) }));
    else if (p.kind === 'newFile' && name) {
      const filePath = joinPath(path, name);
      const ok = await run(t('files.newFile'), () =>
        client.request('files.write', { target, path: filePath, text: '', expected: null }),
      );
      if (ok) setOpen(filePath);
    } else if (p.kind === 'rename' && name)
      await run(t('files.rename'), () => client.request('files.rename', { target, path: p.entry.path, name }));
    else if (p.kind === 'delete')
      await run(t('files.delete'), () =>
        client.request('files.delete', { target, path: p.entry.path, recursive: p.entry.type === 'dir' }),
      );
  };

  const downloadList = (
    <DownloadProgressList items={downloads.items} onCancel={downloads.cancel} onDismiss={downloads.dismiss} />
  );
  if (open !== null) {
    return (
      <>
        <FileEditor target={target} path={open} onClose={() => setOpen(null)} download={downloads.start} />
        {downloadList}
      </>
    );
  }

  return (
    <div
      className={dragging ? 'file-browser dragging' : 'file-browser'}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <FilePathBar path={path} typedPath={typedPath} onTyped={setTypedPath} go={go} />
      <div className="file-toolbar">
        <label className="check">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} />
          <span>{t('files.showHidden')}</span>
        </label>
        <span className="file-editor-spacer" />
        {busy && (
          <span className="muted small" role="status">
            <Spinner size={12} /> {busy}
          </span>
        )}
        <button type="button" className="button button-small" onClick={() => setPending({ kind: 'newFile' })}>
          {t('files.newFile')}
        </button>
        <button type="button" className="button button-small" onClick={() => setPending({ kind: 'mkdir' })}>
          {t('files.newFolder')}
        </button>
        <button type="button" className="button button-small" onClick={() => fileInput.current?.click()}>
          {t('files.uploadFiles')}
        </button>
        <button type="button" className="button button-small" onClick={() => folderInput.current?.click()}>
          {t('files.uploadFolder')}
        </button>
        <button type="button" className="button button-small" onClick={() => downloadEntry(here(), 'tar')}>
          {t('files.downloadFolder')}
        </button>
        <button type="button" className="button button-small" onClick={() => downloadEntry(here(), 'zip')}>
          {t('files.downloadFolderZip')}
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label={t('files.uploadFiles')}
          data-testid="upload-files"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void upload(itemsFromFiles(files));
          }}
        />
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label={t('files.uploadFolder')}
          {...{ webkitdirectory: '' }}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void upload(itemsFromFiles(files));
          }}
        />
      </div>
      {progress && (
        <ProgressRow
          testId="upload-progress"
          label={t('files.uploading', { count: progress.count })}
          barLabel={t('files.uploadProgress')}
          value={progress.sent}
          max={progress.total || 1}
          detail={`${formatBytes(progress.sent)} / ${formatBytes(progress.total)}`}
          action={
            <button type="button" className="button button-small" onClick={() => progress.cancel.abort()}>
              {t('common.cancel')}
            </button>
          }
        />
      )}
      {downloadList}
      <FileAccessNotes stopped={stopped} noChange={noChange} mounted={mounted} />
      {error && <ErrorAlert title={t('files.failed')} messages={[error]} onDismiss={() => setError(null)} />}
      {list.error ? (
        <ErrorAlert title={t('files.listFailed', { path })} messages={[toErrorLike(list.error)]} />
      ) : list.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('common.loading')}
        </p>
      ) : (
        <>
          <TableFrame
            label={t('files.tableName')}
            className="file-table"
            columns={[
              { head: t('files.colName') },
              { col: 'col-fsize', head: t('files.colSize'), className: 'num' },
              { col: 'col-fmode', head: t('files.colMode') },
              { col: 'col-fowner', head: t('files.colOwner') },
              { col: 'col-fmodified', head: t('files.colModified') },
              { col: 'col-factions', head: t('files.colActions'), hidden: true },
            ]}
          >
            {path !== '/' && (
              <tr className="row">
                <td colSpan={6}>
                  <button type="button" className="file-link mono" onClick={() => go(crumbs(path).at(-2)?.path ?? '/')}>
                    ..
                  </button>
                </td>
              </tr>
            )}
            {entries.map((e) => (
              <tr
                key={e.path}
                className="row"
                data-testid="file-row"
                data-name={e.name}
                data-type={e.type}
                {...dragOut(e)}
              >
                <td>
                  <button
                    type="button"
                    className={`file-link mono file-${e.type}`}
                    onClick={() =>
                      e.type === 'dir' ? go(e.path) : e.type === 'file' ? setOpen(e.path) : downloadEntry(e)
                    }
                  >
                    {e.type === 'dir' ? `${e.name}/` : e.name}
                  </button>
                  {e.linkTarget !== undefined && <span className="muted small mono"> → {e.linkTarget}</span>}
                </td>
                <td className="num mono">{e.type === 'dir' ? '' : formatBytes(e.size)}</td>
                <td className="mono">{modeString(e.mode, e.type)}</td>
                <td className="mono">
                  {e.uid}:{e.gid}
                </td>
                <td>
                  <time dateTime={new Date(e.mtime * 1000).toISOString()}>
                    {formatExact(new Date(e.mtime * 1000), language)}
                  </time>
                </td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('files.downloadName', { name: e.name })}
                      onClick={() => downloadEntry(e)}
                    >
                      {t('files.download')}
                    </button>
                    {e.type === 'dir' && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={t('files.downloadZipName', { name: e.name })}
                        onClick={() => downloadEntry(e, 'zip')}
                      >
                        {t('files.zip')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-small"
                      disabled={noChange}
                      title={noChange ? t('files.stoppedNoChange') : undefined}
                      aria-label={t('files.renameName', { name: e.name })}
                      onClick={() => setPending({ kind: 'rename', entry: e })}
                    >
                      {t('files.rename')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-danger-quiet"
                      disabled={noChange}
                      title={noChange ? t('files.stoppedNoChange') : undefined}
                      aria-label={t('files.deleteName', { name: e.name })}
                      onClick={() => setPending({ kind: 'delete', entry: e })}
                    >
                      {t('files.delete')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </TableFrame>
          <div className="file-footer">
            <span className="muted small">
              {t('files.shown', { shown: entries.length, count: first?.total ?? 0 })}
              {first && (
                <>
                  {' · '}
                  {first.via === 'mount'
                    ? t('mountedFiles.via')
                    : first.snapshot
                      ? t('filesStopped.viaSnapshot')
                      : t(`files.via.${first.via}`)}{' '}
                  · <code>{first.command}</code>
                </>
              )}
            </span>
            {list.hasNextPage && (
              <button
                type="button"
                className="button button-small"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage ? t('common.loading') : t('files.more')}
              </button>
            )}
          </div>
          <p className="muted small drop-hint">{t('files.dropHint')}</p>
        </>
      )}
      {pending?.kind === 'mkdir' && (
        <NameDialog
          title={t('files.newFolder')}
          label={t('files.folderName')}
          initial=""
          confirm={t('files.create')}
          onConfirm={(n) => void confirmPending(n)}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.kind === 'newFile' && (
        <NameDialog
          title={t('files.newFile')}
          label={t('files.fileName')}
          initial=""
          confirm={t('files.create')}
          onConfirm={(n) => void confirmPending(n)}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.kind === 'rename' && (
        <NameDialog
          title={t('files.renameTitle', { name: pending.entry.name })}
          label={t('files.newName')}
          initial={pending.entry.name}
          confirm={t('files.rename')}
          onConfirm={(n) => void confirmPending(n)}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.kind === 'delete' && (
        <DeleteDialog
          entry={pending.entry}
          {...(stopped ? { note: t('filesStopped.deleteNote') } : {})}
          onConfirm={() => void confirmPending()}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
