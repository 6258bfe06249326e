// The page's notifications: two live regions that are always there (so
// screen readers hear what is added), alerts read out at once, the rest
// politely; each with a link to what it is about and a close button.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertIcon, CheckIcon, CloseIcon } from '../../../components/Icons';
import { say } from './notices';
import { type Toast, useToasts } from './toast-store';

/** A finished action's notice goes by itself; an alert stays until closed. */
const STATUS_MS = 12_000;

export function ToastRegion() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const alerts = toasts.filter((x) => x.tone === 'alert');
  const statuses = toasts.filter((x) => x.tone === 'status');
  // The live regions are always there; they take their roles only while they hold
  // something, so a page without notifications has no empty alert.
  return (
    <div className="toast-stack" aria-label={t('notify.regionName')} role="region">
      <div aria-live="assertive" role={alerts.length > 0 ? 'alert' : undefined} className="toast-list">
        {alerts.map((x) => (
          <ToastItem key={x.id} toast={x} />
        ))}
      </div>
      <div aria-live="polite" role={statuses.length > 0 ? 'status' : undefined} className="toast-list">
        {statuses.map((x) => (
          <ToastItem key={x.id} toast={x} />
        ))}
      </div>
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = () => useToasts.getState().dismiss(toast.id);
  useEffect(() => {
    if (toast.tone !== 'status') return;
    const timer = setTimeout(() => useToasts.getState().dismiss(toast.id), STATUS_MS);
    return () => clearTimeout(timer);
  }, [toast.id, toast.tone]);
  return (
    <div className={`toast toast-${toast.tone}`} data-testid="toast" data-kind={toast.kind}>
      {toast.tone === 'alert' ? <AlertIcon size={16} aria-hidden="true" /> : <CheckIcon size={16} aria-hidden="true" />}
      <div className="toast-text">
        <strong>{say(t, toast.title)}</strong>
        <span>{say(t, toast.body)}</span>
        {toast.href && (
          <a href={toast.href} onClick={dismiss}>
            {t('notify.open')}
          </a>
        )}
      </div>
      <button type="button" className="icon-button" aria-label={t('notify.dismiss')} onClick={dismiss}>
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
