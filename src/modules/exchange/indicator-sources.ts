/**
 * The opinions' figures for the project's indicators (WP2, fami-reporting.md §6): opinions answered in a period
 * and their mean answer time in days. The records behind them are shown to those who work on opinions, each
 * seeing their own side's: the body its answers, the SUI its requests.
 */
import { type Caller, hasPermission } from '../../kernel/auth.ts';
import {
  dayInWords,
  type IndicatorColumn,
  type IndicatorPage,
  type IndicatorPeriod,
  type IndicatorSource,
  periodInstants,
  recordsOf,
  restrictedRecords,
} from '../../kernel/indicators.ts';
import type { Platform } from '../../kernel/platform.ts';
import * as store from './indicator-sources/store.ts';
import { bodyName, scopeOf } from './scope.ts';

const COLUMNS: IndicatorColumn[] = [
  { key: 'caseNumber', label: 'Pratica' },
  { key: 'caseType', label: 'Procedimento' },
  { key: 'body', label: 'Ufficio che ha reso il parere' },
  { key: 'requestedOn', label: 'Chiesto il' },
  { key: 'answeredOn', label: 'Reso il' },
  { key: 'days', label: 'Giorni' },
  { key: 'outcome', label: 'Esito' },
];

const OUTCOMES: Record<string, string> = { FAVOURABLE: 'Favorevole', UNFAVOURABLE: 'Contrario' };

async function answeredRecords(
  platform: Platform,
  caller: Caller,
  period: IndicatorPeriod,
  page: IndicatorPage,
) {
  const actor = caller.actor;
  if (!actor || !hasPermission(actor, 'exchange.access')) return restrictedRecords(COLUMNS);
  const found = await store.answeredPage(platform.database.db, periodInstants(period), scopeOf(actor), page);
  return recordsOf(COLUMNS, found, (row) => ({
    caseNumber: row.caseNumber,
    caseType: row.caseTypeName,
    body: bodyName(row.body),
    requestedOn: dayInWords(row.requestedOn),
    answeredOn: dayInWords(row.answeredOn),
    days: row.days,
    outcome: row.outcome ? (OUTCOMES[row.outcome] ?? null) : null,
  }));
}

export const exchangeIndicatorSources: IndicatorSource[] = [
  {
    key: 'exchange.opinions-answered',
    name: 'Pareri resi da Questura e Ispettorato',
    unit: 'pareri',
    module: 'exchange',
    workPackage: 'WP2',
    compute: async (platform, period) =>
      (await store.answeredFigures(platform.database.db, periodInstants(period))).answered,
    records: answeredRecords,
  },
  {
    key: 'exchange.opinion-answer-days',
    name: 'Tempo medio di risposta ai pareri',
    unit: 'giorni',
    module: 'exchange',
    workPackage: 'WP2',
    async compute(platform, period) {
      const { meanDays } = await store.answeredFigures(platform.database.db, periodInstants(period));
      return meanDays === null ? 0 : Math.round(meanDays * 10) / 10;
    },
    records: answeredRecords,
  },
];
