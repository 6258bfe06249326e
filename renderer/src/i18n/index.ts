// i18next with English and Korean; the language comes from the UI store.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

export { resources };

export function initI18n(language: string) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return i18next;
}
