/**
 * The SUI's figures for the project's indicators (WP2, fami-reporting.md §6): case files handled, those handled
 * with the team's support, and the people assisted by citizenship and language. The records behind them are
 * shown only to the SUI staff, and only their own office's.
 */
import { dayInWords, drillDown, moduleIndicatorSources } from '../../kernel/indicators.ts';
import * as store from './indicator-sources/store.ts';

const countries = new Intl.DisplayNames(['it'], { type: 'region' });
const languages = new Intl.DisplayNames(['it'], { type: 'language' });
const countryName = (code: string) => (/^[A-Z]{2}$/.test(code) ? (countries.of(code) ?? code) : code);
const languageName = (code: string | null) => (code ? (languages.of(code) ?? code) : null);

export const casesIndicatorSources = moduleIndicatorSources('cases', 'WP2', [
  {
    key: 'cases.handled',
    name: 'Pratiche ricevute dallo Sportello unico',
    unit: 'pratiche',
    count: ({ db, span }) => store.receivedCount(db, span),
    records: drillDown({
      access: 'cases.access',
      columns: { number: 'Numero', title: 'Pratica', receivedOn: 'Ricevuta il', closed: 'Conclusa' },
      find: ({ db, span, actor, page }) => store.receivedPage(db, span, actor.organisationId, page),
      cells: (row) => ({
        number: row.number,
        title: row.title,
        receivedOn: dayInWords(row.receivedOn),
        closed: row.closed ? 'sì' : 'no',
      }),
    }),
  },
  {
    key: 'cases.team-support',
    name: 'Pratiche trattate con il supporto dell’équipe (mediazione o consulenza legale)',
    unit: 'pratiche',
    count: ({ db, span }) => store.supportedCount(db, span),
    records: drillDown({
      access: 'cases.access',
      columns: { number: 'Numero', title: 'Pratica', supports: 'Supporto dell’équipe', firstOn: 'Dal' },
      find: ({ db, span, actor, page }) => store.supportedPage(db, span, actor.organisationId, page),
      cells: (row) => ({
        number: row.number,
        title: row.title,
        supports: row.supports,
        firstOn: dayInWords(row.firstOn),
      }),
    }),
  },
  {
    key: 'cases.people-assisted',
    name: 'Persone assistite (per cittadinanza e lingua)',
    unit: 'persone',
    count: ({ db, span }) => store.assistedCount(db, span),
    records: drillDown({
      access: 'cases.access',
      columns: { citizenship: 'Cittadinanza', language: 'Lingua', people: 'Persone' },
      find: ({ db, span, actor, page }) => store.assistedPage(db, span, actor.organisationId, page),
      cells: (row) => ({
        citizenship: countryName(row.citizenship),
        language: languageName(row.language),
        people: row.people,
      }),
    }),
  },
]);
