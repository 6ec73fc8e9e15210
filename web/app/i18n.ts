import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import it from '../locales/it.json' with { type: 'json' };

export const resources = { it: { translation: it } } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: (typeof resources)['it'];
  }
}

void i18next.use(initReactI18next).init({
  lng: 'it',
  fallbackLng: 'it',
  resources,
  initAsync: false,
  interpolation: { escapeValue: false },
});
