// Plain tcp:// to another machine: what it risks, and an explicit choice to
// connect anyway (recorded for this endpoint only).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/Icons';

export interface InsecureEndpointWarningProps {
  endpoint: string;
  host: string;
  busy: boolean;
  onAccept: () => void;
  onCancel: () => void;
}

export function InsecureEndpointWarning({ endpoint, host, busy, onAccept, onCancel }: InsecureEndpointWarningProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="insecure-warning" role="alert" aria-labelledby={`${id}-title`} data-testid="insecure-warning">
      <strong id={`${id}-title`}>{t('settings.insecureTitle')}</strong>
      <p>{t('settings.insecureBody', { endpoint, host })}</p>
      <p>{t('settings.insecureSafer')}</p>
      <div className="button-row">
        <button type="button" className="button button-danger" disabled={busy} onClick={onAccept}>
          {busy && <Spinner size={14} />}
          {t('settings.insecureAccept')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
