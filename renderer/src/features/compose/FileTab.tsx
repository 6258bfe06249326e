// The project's compose file in the editor the files feature uses: Validate
// (the compose tool's own check, problems listed by line; a click moves the
// cursor there), Save (refused while the tool rejects the text) and Apply
// (save, then bring the project up with it).
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeValidation } from '../../../../runtime/domains/compose/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Spinner } from '../../components/Icons';
import { useLocalizeError } from '../../lib/useLocalizeError';
import { CodeEditor, type CodeEditorHandle } from '../files/CodeEditor';
import '../files/files.css';
import { composeKeys, useComposeFileText } from './queries';
import { useComposeRun } from './useComposeRun';

interface Props {
  project: string;
  fileId: string;
  stale: boolean;
}

export function FileTab({ project, fileId, stale }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const localize = useLocalizeError();
  const file = useComposeFileText(fileId);
  const editor = useRef<CodeEditorHandle>(null);
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState<'validate' | 'save' | 'apply' | null>(null);
  const [result, setResult] = useState<{ kind: 'validate' | 'save'; validation: ComposeValidation } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const { run } = useComposeRun();

  if (file.isError) return <ErrorAlert title={t('compose.file.readFailed')} messages={[file.error]} />;
  if (!file.data) return <p className="muted">{t('compose.loading')}</p>;
  const content = text ?? file.data.content;
  const dirty = text !== null && text !== file.data.content;

  const act = async (kind: 'validate' | 'save' | 'apply') => {
    setBusy(kind);
    setError(null);
    try {
      const validation =
        kind === 'validate'
          ? await client.request('compose.validate', { fileId, content })
          : await client.request('compose.save', { fileId, content });
      setResult({ kind: kind === 'validate' ? 'validate' : 'save', validation });
      if (validation.ok && kind !== 'validate') {
        queryClient.setQueryData(composeKeys.read(fileId), { path: file.data.path, content });
        setText(null);
        await queryClient.invalidateQueries({ queryKey: composeKeys.allDetails() });
        if (kind === 'apply') run(project, { kind: 'up' }, fileId);
      }
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(null);
    }
  };

  const validation = result?.validation;
  return (
    <div className="compose-file">
      <div className="compose-file-bar">
        <code className="mono small">{file.data.path}</code>
        {dirty && <span className="badge badge-amber">{t('compose.file.unsaved')}</span>}
        <span className="logs-spacer" />
        <button
          type="button"
          className="button button-small"
          disabled={busy !== null}
          onClick={() => void act('validate')}
        >
          {busy === 'validate' && <Spinner size={12} />}
          {t('compose.file.validate')}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={busy !== null || !dirty}
          onClick={() => void act('save')}
        >
          {busy === 'save' && <Spinner size={12} />}
          {t('compose.file.save')}
        </button>
        <button
          type="button"
          className="button button-small button-primary"
          disabled={busy !== null || stale}
          onClick={() => void act('apply')}
        >
          {busy === 'apply' && <Spinner size={12} />}
          {t('compose.file.apply')}
        </button>
      </div>
      <p className="field-help">{t('compose.file.help')}</p>
      {validation && (
        <div
          className={validation.ok ? 'compose-valid' : 'compose-problems'}
          role={validation.ok ? 'status' : 'alert'}
          data-testid="compose-validation"
        >
          {validation.ok ? (
            <p>{result.kind === 'save' ? t('compose.file.saved') : t('compose.file.valid')}</p>
          ) : (
            <>
              <p>{result.kind === 'validate' ? t('compose.file.invalid') : t('compose.file.notSaved')}</p>
              <ul>
                {validation.problems.map((p, i) => {
                  const hint = p.hint ? localize(p.hint) : undefined;
                  return (
                    <li key={i}>
                      {p.line !== undefined ? (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => editor.current?.goTo(p.line!, p.column)}
                        >
                          {t('compose.file.line', { line: p.line })}
                        </button>
                      ) : null}{' '}
                      <span className="mono">{p.message}</span>
                      {hint && (
                        <span className="field-help">
                          {hint.message}
                          {hint.hint ? ` ${hint.hint}` : ''}
                        </span>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <code className="small muted">{validation.command}</code>
        </div>
      )}
      {error && <ErrorAlert title={t('compose.file.failed')} messages={[error]} onDismiss={() => setError(null)} />}
      <CodeEditor
        editorRef={editor}
        initial={file.data.content}
        fileName={file.data.path}
        label={t('compose.file.editor', { path: file.data.path })}
        onChange={setText}
        onSave={() => void act('save')}
      />
    </div>
  );
}
