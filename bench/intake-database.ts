/** The PostgreSQL database the intake benchmarks submit to: fresh, migrated, with demo offices and a quota. */
import pg from 'pg';
import { loadDemoData } from '../src/cli/demo.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { systemClock } from '../src/kernel/clock.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import { migrateToLatest } from '../src/kernel/migrate.ts';
import { createApiClient } from '../src/modules/identity/service.ts';

export const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlOf(database: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function recreate(database: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(`drop database if exists ${database} with (force)`);
    await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database afresh with the demo offices and a non-seasonal quota of 400,000 places this year;
 * answers the bearer token of the national portal's API client.
 */
export async function prepareIntakeDatabase(name: string): Promise<string> {
  await recreate(name);
  const database = await openServerDatabase(urlOf(name));
  try {
    await migrateToLatest(database.db);
    await loadDemoData({ database, clock: systemClock });
    const { token } = await createApiClient({ database, clock: systemClock }, SYSTEM_CALLER, {
      organisationCode: 'PREF-LO',
      name: 'Portale ALI (benchmark)',
    });
    const prefecture = await database.db
      .selectFrom('organisation')
      .select('id')
      .where('code', '=', 'PREF-LO')
      .executeTakeFirstOrThrow();
    const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Europe/Rome', year: 'numeric' }));
    await database.db
      .insertInto('quota')
      .values({
        organisationId: prefecture.id,
        year,
        sector: 'NON_SEASONAL',
        total: 400_000,
        legalBasis: 'benchmark',
      })
      .onConflict((oc) => oc.columns(['organisationId', 'year', 'sector']).doUpdateSet({ total: 400_000 }))
      .execute();
    return token;
  } finally {
    await database.close();
  }
}
