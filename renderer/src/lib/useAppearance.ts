// Applies language and theme to the document: <html lang> and
// <html data-theme> (the resolved theme, following the OS for "system").
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useUi } from '../state/ui-store';

const DARK = '(prefers-color-scheme: dark)';

function subscribeScheme(onChange: () => void) {
  const media = window.matchMedia(DARK);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useAppearance(): void {
  const { i18n } = useTranslation();
  const language = useUi((s) => s.language);
  const theme = useUi((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribeScheme, () => window.matchMedia(DARK).matches);
  const resolved = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;

  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);

  useEffect(() => {
    document.documentElement.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);
}
