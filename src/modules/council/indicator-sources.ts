/**
 * The council's figures for the project's indicators (WP1, fami-reporting.md §6): plenary and thematic-table
 * meetings held, the organisations present at them, the initiatives the tables started, the entries of the
 * concertation log. The records behind them are shown to those with access to the council's work.
 */
import { dayInWords, drillDown, moduleIndicatorSources } from '../../kernel/indicators.ts';
import { CONCERTATION_KINDS } from './concertation/contract.ts';
import { concertationFigures } from './concertation/indicators.ts';
import * as concertation from './concertation/store.ts';
import * as store from './indicator-sources/store.ts';

const STATUSES: Record<string, string> = {
  PLANNED: 'Programmata',
  ACTIVE: 'In corso',
  COMPLETED: 'Conclusa',
  SUSPENDED: 'Sospesa',
};

export const councilIndicatorSources = moduleIndicatorSources('council', 'WP1', [
  {
    key: 'council.meetings-held',
    name: 'Sedute del Consiglio territoriale e dei tavoli tematici tenute',
    unit: 'sedute',
    count: ({ db, span }) => store.meetingsHeldCount(db, span),
    records: drillDown({
      access: 'council.access',
      columns: { heldOn: 'Data', table: 'Consiglio o tavolo', title: 'Seduta', present: 'Enti presenti' },
      find: ({ db, span, page }) => store.meetingsHeldPage(db, span, page),
      cells: (row) => ({
        heldOn: dayInWords(row.heldOn),
        table: row.kind === 'PLENARY' ? `${row.tableName} (plenaria)` : row.tableName,
        title: row.title,
        present: row.present,
      }),
    }),
  },
  {
    key: 'council.organisations-present',
    name: 'Enti partecipanti alle sedute',
    unit: 'enti',
    count: ({ db, span }) => store.organisationsPresentCount(db, span),
    records: drillDown({
      access: 'council.access',
      columns: { name: 'Ente', meetings: 'Sedute a cui era presente' },
      find: ({ db, span, page }) => store.organisationsPresentPage(db, span, page),
      cells: (row) => ({ name: row.name, meetings: row.meetings }),
    }),
  },
  {
    key: 'council.initiatives',
    name: 'Iniziative avviate dai tavoli',
    unit: 'iniziative',
    count: ({ db, period }) => store.initiativesStartedCount(db, period),
    records: drillDown({
      access: 'council.access',
      columns: {
        title: 'Iniziativa',
        table: 'Tavolo',
        startsOn: 'Inizio',
        endsOn: 'Fine',
        status: 'Stato',
        progress: 'Avanzamento (%)',
      },
      find: ({ db, period, page }) => store.initiativesStartedPage(db, period, page),
      cells: (row) => ({
        title: row.title,
        table: row.tableName,
        startsOn: dayInWords(row.startsOn),
        endsOn: dayInWords(row.endsOn),
        status: STATUSES[row.status] ?? null,
        progress: row.progress,
      }),
    }),
  },
  {
    key: 'council.concertation-entries',
    name: 'Incontri e contatti della concertazione territoriale',
    unit: 'incontri e contatti',
    count: async ({ platform, period }) => (await concertationFigures(platform, period)).entries,
    records: drillDown({
      access: 'council.access',
      columns: {
        heldOn: 'Data',
        kind: 'Tipo',
        topic: 'Argomento',
        bodies: 'Enti coinvolti',
        outcome: 'Esito',
      },
      async find({ db, period, page }) {
        const filter = { from: period.from, to: period.to };
        const [rows, total] = await Promise.all([
          concertation.entries(db, filter, page),
          concertation.countEntries(db, filter),
        ]);
        return { rows, total };
      },
      cells: (row) => ({
        heldOn: dayInWords(row.heldOn),
        kind: CONCERTATION_KINDS[row.kind],
        topic: row.topic,
        bodies: [...row.organisations.map((o) => o.name), ...row.otherOrganisations].join(', '),
        outcome: row.outcome,
      }),
    }),
  },
]);
