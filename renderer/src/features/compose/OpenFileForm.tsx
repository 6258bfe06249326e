// Open a compose file: by its path on the machine Wharf runs on, or (from a
// browser too) a file picked or text pasted, kept under a project name.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../runtime/api/errors';
import { ComposeProjectName, MAX_COMPOSE_FILE_BYTES } from '../../../../runtime/domains/compose/contract';
import type { ComposeFileRef } from '../../../../runtime/domains/compose/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hrefTo, navigate } from '../../lib/useHashRoute';
import { composeKeys } from './queries';

export const projectHref = (project: string, fileId?: string) =>
  `${hrefTo('compose', project)}${fileId ? `?file=${encodeURIComponent(fileId)}` : ''}`;

/** A folder's name as compose makes a project name of it. */
export function projectNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(ya?ml)$/i, '').replace(/^(docker-)?compose(\.override)?$/i, '');
  return base
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '');
}

export function OpenFileForm({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const ids = useId();
  const client = useClient();
  const queryClient = useQueryClient();
  const [path, setPath] = useState('');
  const [content, setContent] = useState('');
  const [project, setProject] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const nameCheck = ComposeProjectName.safeParse(project);
  const nameInvalid = project !== '' && !nameCheck.success;

  const open = async (
    source: { kind: 'path'; path: string } | { kind: 'content'; project: string; content: string },
  ) => {
    setBusy(true);
    setError(null);
    try {
      const file: ComposeFileRef = await client.request('compose.open', { source });
      await queryClient.invalidateQueries({ queryKey: composeKeys.all });
      navigate(projectHref(file.project, file.id));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const onPath = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim() !== '') void open({ kind: 'path', path: path.trim() });
  };
  const onContent = (e: FormEvent) => {
    e.preventDefault();
    if (nameCheck.success && content.trim() !== '') void open({ kind: 'content', project, content });
  };
  const onPick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_COMPOSE_FILE_BYTES) {
      setError(new Error(t('compose.open.tooBig')));
      return;
    }
    setContent(await file.text());
    if (project === '') setProject(projectNameFromFile(file.name));
  };

  return (
    <div className="compose-open" data-learn="compose.open">
      <form className="compose-open-block" onSubmit={onPath} aria-labelledby={`${ids}-path-title`}>
        <h3 id={`${ids}-path-title`}>{t('compose.open.pathTitle')}</h3>
        <p className="field-help">{t('compose.open.pathHelp')}</p>
        <div className="input-row">
          <label className="visually-hidden" htmlFor={`${ids}-path`}>
            {t('compose.open.path')}
          </label>
          <input
            id={`${ids}-path`}
            type="text"
            className="mono"
            placeholder="/home/me/shop/compose.yaml"
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" className="button button-primary" disabled={disabled || busy || path.trim() === ''}>
            {t('compose.open.openPath')}
          </button>
        </div>
      </form>
      <form className="compose-open-block" onSubmit={onContent} aria-labelledby={`${ids}-paste-title`}>
        <h3 id={`${ids}-paste-title`}>{t('compose.open.pasteTitle')}</h3>
        <p className="field-help">{t('compose.open.pasteHelp')}</p>
        <div className="field">
          <label htmlFor={`${ids}-pick`}>{t('compose.open.pick')}</label>
          <input
            id={`${ids}-pick`}
            type="file"
            accept=".yml,.yaml,text/yaml"
            onChange={(e) => void onPick(e.target.files?.[0])}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-content`}>{t('compose.open.content')}</label>
          <textarea
            id={`${ids}-content`}
            className="mono compose-paste"
            rows={8}
            spellCheck={false}
            placeholder={'services:\n  web:\n    image: nginx'}
            value={content}
            onChange={(e) => setContent(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-project`}>{t('compose.open.project')}</label>
          <input
            id={`${ids}-project`}
            type="text"
            className="mono"
            value={project}
            aria-invalid={nameInvalid || undefined}
            aria-describedby={`${ids}-project-help`}
            onChange={(e) => setProject(e.target.value)}
          />
          <span id={`${ids}-project-help`} className={nameInvalid ? 'field-error' : 'field-help'}>
            {nameInvalid ? t('compose.open.projectInvalid') : t('compose.open.projectHelp')}
          </span>
        </div>
        <div className="button-row">
          <button
            type="submit"
            className="button button-primary"
            disabled={disabled || busy || !nameCheck.success || content.trim() === ''}
          >
            {t('compose.open.openContent')}
          </button>
        </div>
      </form>
      {error && <ErrorAlert title={t('compose.open.failed')} messages={[error]} onDismiss={() => setError(null)} />}
    </div>
  );
}
