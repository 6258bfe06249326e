// The reverse of the shown command: paste a `docker run …` line and the form
// fills in. Flags the form cannot hold are named, never dropped silently.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunForm, RunParseResult } from '../../../../runtime/domains/run/types';
import { useClient } from '../../api/ClientProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ErrorLike } from '../../lib/localize-error';
import { toErrorLike } from '../files/useFileActions';

export function PasteCommand({ onFill }: { onFill: (form: RunForm) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const id = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<RunParseResult | null>(null);
  const [error, setError] = useState<ErrorLike | null>(null);
  const [busy, setBusy] = useState(false);

  const fill = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const parsed = await client.request('run.parse', { command: text });
      setResult(parsed);
      onFill(parsed.form);
    } catch (e) {
      const like = toErrorLike(e);
      // The runtime says what the line is instead ("docker ps", not "docker run"): keep that as the detail.
      setError(
        like.key === 'run.notRunCommand' ? { message: t('run.paste.notRun'), params: { reason: like.message } } : like,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="run-card run-paste" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('run.paste.title')}</h2>
      <p className="field-help">{t('run.paste.intro')}</p>
      <textarea
        className="mono code-textarea"
        aria-label={t('run.paste.label')}
        placeholder="docker run -d --name web -p 127.0.0.1:8080:80 nginx"
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          disabled={busy || text.trim() === ''}
          onClick={() => void fill()}
        >
          {t('run.paste.fill')}
        </button>
      </div>
      {error && <ErrorAlert title={t('run.paste.failed')} messages={[error]} />}
      {result && (
        <div className="run-paste-result" data-testid="paste-result" role="status">
          <p>{t('run.paste.filled')}</p>
          {!result.form.detach && <p className="field-help">{t('run.paste.detached')}</p>}
          {result.unsupported.length > 0 && (
            <div className="run-unsupported">
              <p className="field-error">{t('run.paste.unsupported', { count: result.unsupported.length })}</p>
              <ul aria-label={t('run.paste.unsupportedList')}>
                {result.unsupported.map((u, i) => (
                  <li key={i} data-testid="unsupported-flag" data-flag={u.flag}>
                    <code>
                      {u.flag}
                      {u.value !== undefined ? ` ${u.value}` : ''}
                    </code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {result.problems.length > 0 && (
            <ul className="run-problems" aria-label={t('run.paste.problems')}>
              {result.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
