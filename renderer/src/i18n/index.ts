// i18next with English and Korean; the language comes from the UI store. Each language's text is a
// chunk of its own (en.ts, ko.ts, about 115 kB each): the page loads the one it shows before its
// first render, and the other only when the user switches to it.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

const loading = new Map<string, Promise<void>>();

/** The language's text, loaded once and added to i18next. */
function loadLanguage(language: string): Promise<void> {
  let done = loading.get(language);
  if (!done) {
    done = (language === 'ko' ? import('./ko') : import('./en')).then(({ translation }) => {
      i18next.addResourceBundle(language, 'translation', translation);
    });
    loading.set(language, done);
  }
  return done;
}

/** Starts i18next in `language`; resolves once that language's text is in (render after it). */
export async function initI18n(language: string) {
  const started = i18next.use(initReactI18next).init({
    resources: {},
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  // init makes its store at once; the text is added to it when its chunk arrives.
  await Promise.all([started, loadLanguage(language === 'ko' ? 'ko' : 'en')]);
  return i18next;
}

let wanted: string | undefined;

/** Shows `language` once its text is loaded (at once when it is already); the last one asked wins. */
export async function switchLanguage(language: string): Promise<void> {
  wanted = language;
  await loadLanguage(language === 'ko' ? 'ko' : 'en');
  if (wanted === language && i18next.language !== language) await i18next.changeLanguage(language);
}
