/**
 * The council's figures for the project's indicators (WP1, fami-reporting.md §6): plenary and thematic-table
 * meetings held, the organisations present at them, the initiatives the tables started. The records behind them
 * are shown to those with access to the council's work.
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

import { CONCERTATION_KINDS } from './concertation/contract.ts';
import { concertationFigures } from './concertation/indicators.ts';
import * as concertation from './concertation/store.ts';
import * as store from './indicator-sources/store.ts';

const mayRead = (caller: Caller) => caller.actor !== null && hasPermission(caller.actor, 'council.access');

const MEETING_COLUMNS: IndicatorColumn[] = [
  { key: 'heldOn', label: 'Data' },
  { key: 'table', label: 'Consiglio o tavolo' },
  { key: 'title', label: 'Seduta' },
  { key: 'present', label: 'Enti presenti' },
];
const ORGANISATION_COLUMNS: IndicatorColumn[] = [
  { key: 'name', label: 'Ente' },
  { key: 'meetings', label: 'Sedute a cui era presente' },
];
const INITIATIVE_COLUMNS: IndicatorColumn[] = [
  { key: 'title', label: 'Iniziativa' },
  { key: 'table', label: 'Tavolo' },
  { key: 'startsOn', label: 'Inizio' },
  { key: 'endsOn', label: 'Fine' },
  { key: 'status', label: 'Stato' },
  { key: 'progress', label: 'Avanzamento (%)' },
];
const CONCERTATION_COLUMNS: IndicatorColumn[] = [
  { key: 'heldOn', label: 'Data' },
  { key: 'kind', label: 'Tipo' },
  { key: 'topic', label: 'Argomento' },
  { key: 'bodies', label: 'Enti coinvolti' },
  { key: 'outcome', label: 'Esito' },
];
const STATUSES: Record<string, string> = {
  PLANNED: 'Programmata',
  ACTIVE: 'In corso',
  COMPLETED: 'Conclusa',
  SUSPENDED: 'Sospesa',
};

export const councilIndicatorSources: IndicatorSource[] = [
  {
    key: 'council.meetings-held',
    name: 'Sedute del Consiglio territoriale e dei tavoli tematici tenute',
    unit: 'sedute',
    module: 'council',
    workPackage: 'WP1',
    compute: (platform, period) => store.meetingsHeldCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      if (!mayRead(caller)) return restrictedRecords(MEETING_COLUMNS);
      const found = await store.meetingsHeldPage(platform.database.db, periodInstants(period), page);
      return recordsOf(MEETING_COLUMNS, found, (row) => ({
        heldOn: dayInWords(row.heldOn),
        table: row.kind === 'PLENARY' ? `${row.tableName} (plenaria)` : row.tableName,
        title: row.title,
        present: row.present,
      }));
    },
  },
  {
    key: 'council.organisations-present',
    name: 'Enti partecipanti alle sedute',
    unit: 'enti',
    module: 'council',
    workPackage: 'WP1',
    compute: (platform, period) =>
      store.organisationsPresentCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      if (!mayRead(caller)) return restrictedRecords(ORGANISATION_COLUMNS);
      const found = await store.organisationsPresentPage(platform.database.db, periodInstants(period), page);
      return recordsOf(ORGANISATION_COLUMNS, found, (row) => ({ name: row.name, meetings: row.meetings }));
    },
  },
  {
    key: 'council.initiatives',
    name: 'Iniziative avviate dai tavoli',
    unit: 'iniziative',
    module: 'council',
    workPackage: 'WP1',
    compute: (platform, period) => store.initiativesStartedCount(platform.database.db, period),
    async records(platform, caller, period, page) {
      if (!mayRead(caller)) return restrictedRecords(INITIATIVE_COLUMNS);
      const found = await store.initiativesStartedPage(platform.database.db, period, page);
      return recordsOf(INITIATIVE_COLUMNS, found, (row) => ({
        title: row.title,
        table: row.tableName,
        startsOn: dayInWords(row.startsOn),
        endsOn: dayInWords(row.endsOn),
        status: STATUSES[row.status] ?? null,
        progress: row.progress,
      }));
    },
  },
  {
    key: 'council.concertation-entries',
    name: 'Incontri e contatti della concertazione territoriale',
    unit: 'incontri e contatti',
    module: 'council',
    workPackage: 'WP1',
    compute: async (platform, period) => (await concertationFigures(platform, period)).entries,
    async records(platform, caller, period, page) {
      if (!mayRead(caller)) return restrictedRecords(CONCERTATION_COLUMNS);
      const { db } = platform.database;
      const filter = { from: period.from, to: period.to };
      const [rows, total] = await Promise.all([
        concertation.entries(db, filter, page),
        concertation.countEntries(db, filter),
      ]);
      return recordsOf(CONCERTATION_COLUMNS, { rows, total }, (row) => ({
        heldOn: dayInWords(row.heldOn),
        kind: CONCERTATION_KINDS[row.kind],
        topic: row.topic,
        bodies: [...row.organisations.map((o) => o.name), ...row.otherOrganisations].join(', '),
        outcome: row.outcome,
      }));
    },
  },
];
