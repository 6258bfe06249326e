// Browser mode without a (right) token: what to open instead, and a field to
// paste the link or the token. Shown before any connection is made, so it
// needs nothing from the runtime.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tokenFromPaste } from '../../api/browser-token';
import { useAppearance } from '../../lib/useAppearance';
import '../engine/welcome.css';
import './token-page.css';

export type TokenProblem = 'missing' | 'refused';

export function TokenPage({
  problem,
  origin,
  onToken,
}: {
  problem: TokenProblem;
  origin: string;
  onToken: (token: string) => void;
}) {
  const { t } = useTranslation();
  useAppearance();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = tokenFromPaste(text);
    if (token === null) setInvalid(true);
    else onToken(token);
  };

  return (
    <main
      className="page welcome token-page"
      aria-labelledby="token-title"
      data-testid="token-page"
      data-problem={problem}
    >
      <div className="welcome-card">
        <h1 id="token-title">{t('tokenPage.title')}</h1>
        <p className="welcome-lead" role={problem === 'refused' ? 'alert' : undefined}>
          {problem === 'refused' ? t('tokenPage.refused') : t('tokenPage.missing')}
        </p>
        <p className="muted">{t('tokenPage.example')}</p>
        <code className="token-example">{`Wharf is serving at ${origin}/#token=…`}</code>
        <form className="form-grid welcome-step" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="token-input">{t('tokenPage.pasteLabel')}</label>
            <input
              id="token-input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={text}
              aria-invalid={invalid}
              aria-describedby={invalid ? 'token-error' : undefined}
              onChange={(e) => {
                setText(e.target.value);
                setInvalid(false);
              }}
            />
          </div>
          {invalid && (
            <p className="field-error" id="token-error" role="alert">
              {t('tokenPage.invalid')}
            </p>
          )}
          <div className="button-row">
            <button className="button button-primary" type="submit">
              {t('tokenPage.submit')}
            </button>
          </div>
        </form>
        <p className="muted">{t('tokenPage.privacy')}</p>
      </div>
    </main>
  );
}
