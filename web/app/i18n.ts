import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import { it as italianZodMessages } from 'zod/locales';
import councilConsultant from '../locales/it/council-consultant.json' with { type: 'json' };
import privacyPages from '../locales/it/privacy.json' with { type: 'json' };
import projectClaims from '../locales/it/project-claims.json' with { type: 'json' };
import projectFinance from '../locales/it/project-finance.json' with { type: 'json' };
import projectIndicators from '../locales/it/project-indicators.json' with { type: 'json' };
import projectProcurement from '../locales/it/project-procurement.json' with { type: 'json' };
import projectReports from '../locales/it/project-reports.json' with { type: 'json' };
import projectTime from '../locales/it/project-time.json' with { type: 'json' };
import it from '../locales/it.json' with { type: 'json' };

/** The Italian texts: the shared file, then one file per area of the larger modules. */
const italian = {
  ...it,
  ...councilConsultant,
  ...privacyPages,
  ...projectClaims,
  ...projectFinance,
  ...projectIndicators,
  ...projectProcurement,
  ...projectReports,
  ...projectTime,
};

export const resources = { it: { translation: italian } } as const;

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

/** Italian messages for what the contract schemas leave to zod's defaults. */
z.config(italianZodMessages());
z.config({
  customError: (issue) => {
    if (issue.code === 'too_small' && issue.origin === 'string') {
      return issue.minimum === 1
        ? i18next.t('validation.required')
        : i18next.t('validation.tooShort', { count: Number(issue.minimum) });
    }
    if (issue.code === 'too_big' && issue.origin === 'string') {
      return i18next.t('validation.tooLong', { count: Number(issue.maximum) });
    }
    if (issue.code === 'invalid_value' || (issue.code === 'invalid_format' && issue.format === 'uuid')) {
      return i18next.t('validation.choose');
    }
    if (issue.code === 'invalid_format' && issue.format === 'email') return i18next.t('validation.email');
    if (issue.code === 'invalid_format' && issue.format === 'date') return i18next.t('validation.date');
    return undefined;
  },
});
