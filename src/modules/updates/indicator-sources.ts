/**
 * The legal updates' figure for the project's indicators (WP3, fami-reporting.md §6): updates the legal expert
 * published in a period. The records behind it are shown to whoever may read the updates.
 */
import { hasPermission } from '../../kernel/auth.ts';
import {
  dayInWords,
  type IndicatorColumn,
  type IndicatorSource,
  periodInstants,
  recordsOf,
  restrictedRecords,
} from '../../kernel/indicators.ts';
import { UPDATE_KINDS, type UpdateKind } from './contract.ts';
import * as store from './indicator-sources/store.ts';

const COLUMNS: IndicatorColumn[] = [
  { key: 'publishedOn', label: 'Pubblicato il' },
  { key: 'kind', label: 'Tipo' },
  { key: 'reference', label: 'Atto' },
  { key: 'title', label: 'Titolo' },
];

export const updatesIndicatorSources: IndicatorSource[] = [
  {
    key: 'updates.published',
    name: 'Aggiornamenti normativi e giurisprudenziali pubblicati',
    unit: 'aggiornamenti',
    module: 'updates',
    workPackage: 'WP3',
    compute: (platform, period) => store.publishedCount(platform.database.db, periodInstants(period)),
    async records(platform, caller, period, page) {
      if (!caller.actor || !hasPermission(caller.actor, 'updates.read')) return restrictedRecords(COLUMNS);
      const found = await store.publishedPage(platform.database.db, periodInstants(period), page);
      return recordsOf(COLUMNS, found, (row) => ({
        publishedOn: dayInWords(row.publishedOn),
        kind: UPDATE_KINDS[row.kind as UpdateKind] ?? null,
        reference: `${row.authority} n. ${row.number}`,
        title: row.title,
      }));
    },
  },
];
