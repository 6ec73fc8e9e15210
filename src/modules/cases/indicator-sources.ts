/**
 * The SUI's figures for the project's indicators (WP2, fami-reporting.md §6): case files handled, those handled
 * with the team's support, and the people assisted by citizenship and language. The records behind them are
 * shown only to the SUI staff, and only their own office's.
 */
import { type Caller, hasPermission } from '../../kernel/auth.ts';
import {
  dayInWords,
  type IndicatorColumn,
  type IndicatorSource,
  periodInstants,
  recordsOf,
  restrictedRecords,
} from '../../kernel/indicators.ts';
import * as store from './indicator-sources/store.ts';

const countries = new Intl.DisplayNames(['it'], { type: 'region' });
const languages = new Intl.DisplayNames(['it'], { type: 'language' });
const countryName = (code: string) => (/^[A-Z]{2}$/.test(code) ? (countries.of(code) ?? code) : code);
const languageName = (code: string | null) => (code ? (languages.of(code) ?? code) : null);

/** The office whose case files the caller may see, or null when they may see none. */
function officeOf(caller: Caller): string | null {
  return caller.actor && hasPermission(caller.actor, 'cases.access') ? caller.actor.organisationId : null;
}

const CASE_COLUMNS: IndicatorColumn[] = [
  { key: 'number', label: 'Numero' },
  { key: 'title', label: 'Pratica' },
  { key: 'receivedOn', label: 'Ricevuta il' },
  { key: 'closed', label: 'Conclusa' },
];

const SUPPORT_COLUMNS: IndicatorColumn[] = [
  { key: 'number', label: 'Numero' },
  { key: 'title', label: 'Pratica' },
  { key: 'supports', label: 'Supporto dell’équipe' },
  { key: 'firstOn', label: 'Dal' },
];

const PEOPLE_COLUMNS: IndicatorColumn[] = [
  { key: 'citizenship', label: 'Cittadinanza' },
  { key: 'language', label: 'Lingua' },
  { key: 'people', label: 'Persone' },
];

export const casesIndicatorSources: IndicatorSource[] = [
  {
    key: 'cases.handled',
    name: 'Pratiche ricevute dallo Sportello unico',
    unit: 'pratiche',
    module: 'cases',
    workPackage: 'WP2',
    compute: (platform, period) => store.receivedCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      const office = officeOf(caller);
      if (!office) return restrictedRecords(CASE_COLUMNS);
      return recordsOf(
        CASE_COLUMNS,
        await store.receivedPage(platform.database.db, periodInstants(period), office, page),
        (row) => ({
          number: row.number,
          title: row.title,
          receivedOn: dayInWords(row.receivedOn),
          closed: row.closed ? 'sì' : 'no',
        }),
      );
    },
  },
  {
    key: 'cases.team-support',
    name: 'Pratiche trattate con il supporto dell’équipe (mediazione o consulenza legale)',
    unit: 'pratiche',
    module: 'cases',
    workPackage: 'WP2',
    compute: (platform, period) => store.supportedCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      const office = officeOf(caller);
      if (!office) return restrictedRecords(SUPPORT_COLUMNS);
      return recordsOf(
        SUPPORT_COLUMNS,
        await store.supportedPage(platform.database.db, periodInstants(period), office, page),
        (row) => ({
          number: row.number,
          title: row.title,
          supports: row.supports,
          firstOn: dayInWords(row.firstOn),
        }),
      );
    },
  },
  {
    key: 'cases.people-assisted',
    name: 'Persone assistite (per cittadinanza e lingua)',
    unit: 'persone',
    module: 'cases',
    workPackage: 'WP2',
    compute: (platform, period) => store.assistedCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      const office = officeOf(caller);
      if (!office) return restrictedRecords(PEOPLE_COLUMNS);
      return recordsOf(
        PEOPLE_COLUMNS,
        await store.assistedPage(platform.database.db, periodInstants(period), office, page),
        (row) => ({
          citizenship: countryName(row.citizenship),
          language: languageName(row.language),
          people: row.people,
        }),
      );
    },
  },
];
