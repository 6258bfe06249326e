import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AlertIcon, Spinner } from './Icons';

/** Loading, failed, or stale: what a list's data is worth right now. */
export function ListStatus({ query, stale }: { query: UseQueryResult<unknown>; stale: boolean }) {
  const { t } = useTranslation();
  if (stale && query.data !== undefined) {
    return (
      <p className="notice notice-stale" role="status">
        <AlertIcon size={15} />
        {t('common.stale')}
      </p>
    );
  }
  if (query.isError && query.data === undefined) {
    return (
      <div role="alert" className="alert alert-error">
        <AlertIcon size={18} className="alert-icon" />
        <div className="alert-body">
          <p className="alert-title">{t('errors.loadFailed')}</p>
          <p>{query.error.message}</p>
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
