import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openServerDatabase } from '../src/kernel/db.ts';
import { createServerDatabase } from './support/database.ts';

/** A pool whose connections prepare their statements: only on a PostgreSQL server. */
describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements on postgres', () => {
  let server: Awaited<ReturnType<typeof createServerDatabase>>;
  let database: DatabaseHandle;

  beforeAll(async () => {
    server = await createServerDatabase();
    database = await openServerDatabase(server.url, { max: 1, preparedStatements: 2 });
  });

  afterAll(async () => {
    await database.close();
    await server.drop();
  });

  const prepared = async () =>
    (
      await sql<{ statement: string }>`select statement from pg_prepared_statements order by name`.execute(
        database.db,
      )
    ).rows.map((row) => row.statement);

  it('prepares each statement with parameters once per connection, up to the limit, with the same results', async () => {
    const square = (n: number) => sql<{ n: number }>`select ${n}::int * ${n}::int as n`.execute(database.db);
    expect((await square(3)).rows).toEqual([{ n: 9 }]);
    expect((await square(4)).rows).toEqual([{ n: 16 }]);
    expect(await prepared()).toEqual(['select $1::int * $2::int as n']);

    // A statement without parameters is not prepared; past the limit, statements run unprepared.
    await sql`select 1`.execute(database.db);
    const plus = (n: number) => sql<{ n: number }>`select ${n}::int + 1 as n`.execute(database.db);
    const minus = (n: number) => sql<{ n: number }>`select ${n}::int - 1 as n`.execute(database.db);
    expect((await plus(1)).rows).toEqual([{ n: 2 }]);
    expect((await minus(1)).rows).toEqual([{ n: 0 }]);
    expect((await minus(5)).rows).toEqual([{ n: 4 }]);
    expect(await prepared()).toEqual(['select $1::int * $2::int as n', 'select $1::int + 1 as n']);
  });

  it('keeps a connection usable after a prepared statement fails, in a transaction or not', async () => {
    const other = await openServerDatabase(server.url, { max: 1, preparedStatements: 8 });
    try {
      const divide = (db: typeof other.db, n: number) =>
        sql<{ n: number }>`select 10 / ${n}::int as n`.execute(db);
      await expect(divide(other.db, 0)).rejects.toThrow(/division by zero/);
      await expect(
        other.db.transaction().execute(async (trx) => {
          expect((await divide(trx, 5)).rows).toEqual([{ n: 2 }]);
          await divide(trx, 0);
        }),
      ).rejects.toThrow(/division by zero/);
      expect((await divide(other.db, 2)).rows).toEqual([{ n: 5 }]);
      const names = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        other.db,
      );
      expect(names.rows).toEqual([{ statement: 'select 10 / $1::int as n' }]);
    } finally {
      await other.close();
    }
  });
});
