/**
 * The public part of the council, for the portal: the tables with their member organisations (no people),
 * the summaries of the meetings the secretariat has published (never the minutes), and the initiatives.
 */
import type { Platform } from '../../kernel/platform.ts';
import * as actionsStore from './actions/store.ts';
import { THEMES, type Theme } from './contract.ts';
import { initiativeView } from './initiatives/service.ts';
import * as minutesStore from './minutes/store.ts';
import * as store from './store.ts';

export async function publicCouncil(platform: Platform) {
  const { db } = platform.database;
  const all = { all: true } as const;
  const tables = await store.tables(db, all);
  return {
    tables: await Promise.all(
      tables.map(async (table) => ({
        id: table.id,
        name: table.name,
        theme: THEMES[table.theme as Theme],
        mandate: table.mandate,
        coordinator: table.coordinatorName,
        members: (await store.members(db, table.id))
          .filter((m) => m.toOn === null)
          .map((m) => m.organisationName),
      })),
    ),
    summaries: (await minutesStore.publishedSummaries(db)).map((row) => ({
      id: row.id,
      tableName: row.tableName,
      startsAt: row.startsAt.toISOString(),
      text: row.publishedText ?? '',
    })),
    initiatives: (await actionsStore.initiatives(db, 'public')).map((row) => {
      const { id, title, tableName, objective, status, progress, startsOn, endsOn, partners } =
        initiativeView(row);
      return { id, title, tableName, objective, status, progress, startsOn, endsOn, partners };
    }),
  };
}
export type PublicCouncil = Awaited<ReturnType<typeof publicCouncil>>;
