// Applies language and theme to the document: <html lang> and
// <html data-theme> (the resolved theme, following the OS for "system").
import { useEffect, useSyncExternalStore } from 'react';
import { switchLanguage } from '../i18n';
import { useUi } from '../state/ui-store';

const DARK = '(prefers-color-scheme: dark)';

function subscribeScheme(onChange: () => void) {
  const media = window.matchMedia(DARK);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function useAppearance(): void {
  const language = useUi((s) => s.language);
  const theme = useUi((s) => s.theme);
  const systemDark = useSyncExternalStore(subscribeScheme, () => window.matchMedia(DARK).matches);
  const resolved = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;

  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);

  // The other language's text is parsed on its first switch.
  useEffect(() => {
    document.documentElement.lang = language;
    switchLanguage(language);
  }, [language]);
}
