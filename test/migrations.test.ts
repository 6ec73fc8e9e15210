import { sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../src/kernel/migrate.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';

async function tableNames(database: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_name not like 'kysely_%' order by 1`.execute(database.db);
  return rows.map((r) => r.name);
}

for (const backend of BACKENDS) {
  describe(`migrations on ${backend}`, () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
    });

    afterAll(() => database.dispose());

    it('is a no-op on an up-to-date schema', async () => {
      expect(await migrateToLatest(database.db)).toEqual([]);
    });

    it('migrates all the way down and up again', async () => {
      const before = await tableNames(database);
      expect(before).toEqual(
        expect.arrayContaining(['organisation', 'app_user', 'membership', 'system_heartbeat']),
      );
      const down = await createMigrator(database.db).migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(await tableNames(database)).toEqual([]);
      const applied = await migrateToLatest(database.db);
      expect(applied.length).toBeGreaterThan(0);
      expect(await tableNames(database)).toEqual(before);
    });
  });
}
