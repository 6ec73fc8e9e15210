/**
 * The opinions' figures for the project's indicators (WP2, fami-reporting.md §6): opinions answered in a period
 * and their mean answer time in days. The records behind them are shown to those who work on opinions, each
 * seeing their own side's: the body its answers, the SUI its requests.
 */
import { dayInWords, drillDown, moduleIndicatorSources } from '../../kernel/indicators.ts';
import * as store from './indicator-sources/store.ts';
import { bodyName, scopeOf } from './scope.ts';

const OUTCOMES: Record<string, string> = { FAVOURABLE: 'Favorevole', UNFAVOURABLE: 'Contrario' };

const answered = drillDown({
  access: 'exchange.access',
  columns: {
    caseNumber: 'Pratica',
    caseType: 'Procedimento',
    body: 'Ufficio che ha reso il parere',
    requestedOn: 'Chiesto il',
    answeredOn: 'Reso il',
    days: 'Giorni',
    outcome: 'Esito',
  },
  find: ({ db, span, actor, page }) => store.answeredPage(db, span, scopeOf(actor), page),
  cells: (row) => ({
    caseNumber: row.caseNumber,
    caseType: row.caseTypeName,
    body: bodyName(row.body),
    requestedOn: dayInWords(row.requestedOn),
    answeredOn: dayInWords(row.answeredOn),
    days: row.days,
    outcome: row.outcome ? (OUTCOMES[row.outcome] ?? null) : null,
  }),
});

export const exchangeIndicatorSources = moduleIndicatorSources('exchange', 'WP2', [
  {
    key: 'exchange.opinions-answered',
    name: 'Pareri resi da Questura e Ispettorato',
    unit: 'pareri',
    count: async ({ db, span }) => (await store.answeredFigures(db, span)).answered,
    records: answered,
  },
  {
    key: 'exchange.opinion-answer-days',
    name: 'Tempo medio di risposta ai pareri',
    unit: 'giorni',
    async count({ db, span }) {
      const { meanDays } = await store.answeredFigures(db, span);
      return meanDays === null ? 0 : Math.round(meanDays * 10) / 10;
    },
    records: answered,
  },
]);
