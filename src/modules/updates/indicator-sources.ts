/**
 * The legal updates' figure for the project's indicators (WP3, fami-reporting.md §6): updates the legal expert
 * published in a period. The records behind it are shown to whoever may read the updates.
 */
import { dayInWords, drillDown, moduleIndicatorSources } from '../../kernel/indicators.ts';
import { UPDATE_KINDS, type UpdateKind } from './contract.ts';
import * as store from './indicator-sources/store.ts';

export const updatesIndicatorSources = moduleIndicatorSources('updates', 'WP3', [
  {
    key: 'updates.published',
    name: 'Aggiornamenti normativi e giurisprudenziali pubblicati',
    unit: 'aggiornamenti',
    count: ({ db, span }) => store.publishedCount(db, span),
    records: drillDown({
      access: 'updates.read',
      columns: { publishedOn: 'Pubblicato il', kind: 'Tipo', reference: 'Atto', title: 'Titolo' },
      find: ({ db, span, page }) => store.publishedPage(db, span, page),
      cells: (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        kind: UPDATE_KINDS[row.kind as UpdateKind] ?? null,
        reference: `${row.authority} n. ${row.number}`,
        title: row.title,
      }),
    }),
  },
]);
