// i18next with English and Korean; the language comes from the UI store. Both languages' text is in
// the page's script as JSON text (en.ts, ko.ts, about 115 kB each): only the language shown is
// parsed and handed to i18next, the other when the user first switches to it. As text, the other
// language costs the script's parse next to nothing, and a switch needs no file from the server.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as en from './en';
import * as ko from './ko';

const translations = { en: en.translation, ko: ko.translation };
const known = (language: string) => (language === 'ko' ? 'ko' : 'en');

/** The language's text, parsed and added to i18next once. */
function loadLanguage(language: string): void {
  const lang = known(language);
  if (!i18next.hasResourceBundle(lang, 'translation')) {
    i18next.addResourceBundle(lang, 'translation', translations[lang]());
  }
}

export function initI18n(language: string) {
  const lang = known(language);
  void i18next.use(initReactI18next).init({
    resources: { [lang]: { translation: translations[lang]() } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return i18next;
}

/** Shows `language`, parsing its text first when it was not shown before. */
export function switchLanguage(language: string): void {
  loadLanguage(language);
  if (i18next.language !== language) void i18next.changeLanguage(language);
}
