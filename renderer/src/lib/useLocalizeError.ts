import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeError, type ErrorLike, type ShownError } from './localize-error';

/** localizeError bound to the current language. */
export function useLocalizeError(): (error: ErrorLike) => ShownError {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: ErrorLike) => localizeError(error, { t: (k, p) => t(k, p ?? {}), exists: (k) => i18n.exists(k) }),
    [t, i18n],
  );
}
