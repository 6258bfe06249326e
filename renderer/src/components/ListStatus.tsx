import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEngineState } from '../features/engine/queries';
import { useLocalizeError } from '../lib/useLocalizeError';
import { AlertIcon, Spinner } from './Icons';

/** Loading, failed, or stale: what a list's data is worth right now. */
export function ListStatus({ query, stale }: { query: UseQueryResult<unknown>; stale: boolean }) {
  const { t } = useTranslation();
  const localize = useLocalizeError();
  const engine = useEngineState().data;
  if (stale && query.data !== undefined) {
    return (
      <p className="notice notice-stale" role="status">
        <AlertIcon size={15} />
        {t('common.stale')}
      </p>
    );
  }
  // The engine failed for good (not a reconnect in progress): waiting would never end.
  if (query.data === undefined && engine?.phase === 'error') {
    const shown = localize(engine.error);
    return (
      <div role="status" className="alert alert-unavailable" data-testid="list-unavailable">
        <AlertIcon size={18} className="alert-icon" />
        <div className="alert-body">
          <p className="alert-title">{t('apiErrors.list.unavailableTitle')}</p>
          <p>
            <span className="alert-label">{t('apiErrors.list.reason')}</span> {shown.message}
            {shown.detail && <span className="alert-detail">{shown.detail}</span>}
          </p>
          <p className="alert-hint">{shown.hint ?? t('apiErrors.list.unavailableWhat')}</p>
        </div>
        <a className="button button-small" href="#/settings">
          {t('engine.openSettings')}
        </a>
      </div>
    );
  }
  if (query.isError && query.data === undefined) {
    const shown = localize(query.error);
    return (
      <div role="alert" className="alert alert-error">
        <AlertIcon size={18} className="alert-icon" />
        <div className="alert-body">
          <p className="alert-title">{t('errors.loadFailed')}</p>
          <p>
            {shown.message}
            {shown.detail && <span className="alert-detail">{shown.detail}</span>}
          </p>
          {shown.hint && <p className="alert-hint">{shown.hint}</p>}
        </div>
        <button type="button" className="button button-small" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (query.data === undefined && stale) {
    return (
      <p className="notice" role="status">
        <Spinner size={14} />
        {t('common.waiting')}
      </p>
    );
  }
  if (query.data === undefined) {
    return (
      <p className="notice" role="status">
        <Spinner size={14} />
        {t('common.loading')}
      </p>
    );
  }
  return null;
}
