import { useTranslation } from 'react-i18next';
import type { ErrorLike } from '../lib/localize-error';
import { useLocalizeError } from '../lib/useLocalizeError';
import { AlertIcon, CloseIcon } from './Icons';

interface Props {
  title: string;
  messages: (ErrorLike & { name?: string | undefined })[];
  command?: string;
  onDismiss?: () => void;
}

/** An engine's reason for a failure, with what to do about it. */
export function ErrorAlert({ title, messages, command, onDismiss }: Props) {
  const { t } = useTranslation();
  const localize = useLocalizeError();
  return (
    <div role="alert" className="alert alert-error">
      <AlertIcon size={18} className="alert-icon" />
      <div className="alert-body">
        <p className="alert-title">
          {title}
          {command && <code className="alert-command">{command}</code>}
        </p>
        <ul className="alert-list">
          {messages.map((m, i) => {
            const shown = localize(m);
            return (
              <li key={i}>
                {m.name && <strong className="mono">{m.name}: </strong>}
                {shown.message}
                {shown.detail && <span className="alert-detail">{shown.detail}</span>}
                {shown.hint && <span className="alert-hint">{shown.hint}</span>}
              </li>
            );
          })}
        </ul>
      </div>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={onDismiss}>
          <CloseIcon />
        </button>
      )}
    </div>
  );
}
