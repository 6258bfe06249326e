// One file open in the editor: text with highlighting, or a notice with a
// download for binary and too-large files. Saves carry what was opened, so a
// file changed underneath is caught by the runtime and the user chooses.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileContent, FileTarget } from '../../../../runtime/domains/files/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { fileKeys } from './queries';
import { formatBytes } from '../../lib/format';
import type { ErrorLike } from '../../lib/localize-error';
import type { StartDownload } from '../downloads/useDownloads';
import { CodeEditor } from './CodeEditor';
import { languageFor } from './languages';
import { pushCommands, toErrorLike, useRefreshFiles } from './useFileActions';

interface Props {
  target: FileTarget;
  path: string;
  onClose: () => void;
  /** Starts the download with Wharf's progress (the file browser's). */
  download: StartDownload;
}

type Opened = Extract<FileContent, { kind: 'text' }>;

export function FileEditor({ target, path, onClose, download }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const refresh = useRefreshFiles(target);
  const name = path.slice(path.lastIndexOf('/') + 1);
  const read = useQuery({
    queryKey: fileKeys.read(target, path),
    queryFn: () => client.request('files.read', { target, path, maxBytes: 2 * 1024 * 1024 }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const [text, setText] = useState<string | null>(null);
  // What the runtime has now, after our own saves (sha256 and times move on).
  const [base, setBase] = useState<{ size: number; mtime: number; sha256: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<(ErrorLike & { code?: string }) | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  // The text last saved (the editor keeps its document and cursor across saves).
  const [savedText, setSavedText] = useState<string | null>(null);
  // A reload builds a new editor even when the text came back the same.
  const [generation, setGeneration] = useState(0);

  const content = read.data;
  const opened: Opened | null = content?.kind === 'text' ? content : null;
  const expected =
    base ?? (opened ? { size: opened.entry.size, mtime: opened.entry.mtime, sha256: opened.sha256 } : null);
  const dirty = text !== null && text !== (savedText ?? opened?.text ?? '');

  const save = async (overwrite = false) => {
    if (text === null || !expected) return;
    setSaving(true);
    setError(null);
    try {
      const result = await client.request('files.write', { target, path, text, ...(overwrite ? {} : { expected }) });
      pushCommands(result.commands);
      if (result.entry && result.sha256)
        setBase({ size: result.entry.size, mtime: result.entry.mtime, sha256: result.sha256 });
      setSavedText(text);
      setSavedAt(Date.now());
      void refresh();
    } catch (e) {
      setError(toErrorLike(e));
    } finally {
      setSaving(false);
    }
  };

  const reload = async () => {
    setError(null);
    setText(null);
    setBase(null);
    setSavedText(null);
    await read.refetch();
    setGeneration((g) => g + 1);
  };

  const downloadFile = () =>
    download({ kind: 'file', target, path }, name).catch((e: unknown) => setError(toErrorLike(e)));

  const language = languageFor(name);

  return (
    <section className="file-editor" aria-label={t('files.editorFor', { name })}>
      <div className="file-editor-bar">
        <button type="button" className="button button-small" onClick={onClose}>
          {t('files.back')}
        </button>
        <span className="mono file-editor-path" title={path}>
          {path}
        </span>
        {dirty && <span className="badge badge-amber">{t('files.unsaved')}</span>}
        {!dirty && savedAt !== null && <span className="badge badge-green">{t('files.saved')}</span>}
        {language && <span className="muted small">{language.name}</span>}
        <span className="file-editor-spacer" />
        <button type="button" className="button button-small" onClick={() => void downloadFile()}>
          {t('files.download')}
        </button>
        {opened && (
          <button
            type="button"
            className="button button-primary button-small"
            disabled={!dirty || saving}
            onClick={() => void save()}
          >
            {saving ? t('files.saving') : t('files.save')}
          </button>
        )}
      </div>
      {error?.code === 'conflict' ? (
        <div role="alert" className="alert alert-error">
          <div className="alert-body">
            <p className="alert-title">{t('files.conflictTitle')}</p>
            <p>{t('files.conflictText', { name })}</p>
            <div className="button-row">
              <button type="button" className="button button-small" onClick={() => void reload()}>
                {t('files.reload')}
              </button>
              <button type="button" className="button button-danger button-small" onClick={() => void save(true)}>
                {t('files.overwrite')}
              </button>
            </div>
          </div>
        </div>
      ) : error ? (
        <ErrorAlert title={t('files.failed')} messages={[error]} onDismiss={() => setError(null)} />
      ) : null}
      {read.isPending ? (
        <p className="muted">
          <Spinner size={14} /> {t('common.loading')}
        </p>
      ) : read.error ? (
        <ErrorAlert title={t('files.openFailed')} messages={[toErrorLike(read.error)]} />
      ) : content?.kind === 'binary' ? (
        <div className="empty">
          <p className="empty-title">{t('files.binaryTitle')}</p>
          <p className="muted">{t('files.binaryText', { size: formatBytes(content.entry.size) })}</p>
          <button type="button" className="button button-primary" onClick={() => void downloadFile()}>
            {t('files.downloadName', { name })}
          </button>
        </div>
      ) : content?.kind === 'too-large' ? (
        <div className="empty">
          <p className="empty-title">{t('files.tooLargeTitle')}</p>
          <p className="muted">
            {t('files.tooLargeText', { size: formatBytes(content.entry.size), limit: formatBytes(content.limit) })}
          </p>
          <button type="button" className="button button-primary" onClick={() => void downloadFile()}>
            {t('files.downloadName', { name })}
          </button>
        </div>
      ) : opened ? (
        <CodeEditor
          key={generation}
          initial={opened.text}
          fileName={name}
          label={t('files.editorLabel', { name })}
          onChange={setText}
          onSave={() => void save()}
        />
      ) : null}
    </section>
  );
}
