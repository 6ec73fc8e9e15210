import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openServerDatabase } from '../src/kernel/db.ts';
import { createServerDatabase } from './support/database.ts';

/** A pool whose connections prepare their writing statements: only on a PostgreSQL server. */
describe.runIf(process.env.TEST_DATABASE_URL)('prepared statements on postgres', () => {
  let server: Awaited<ReturnType<typeof createServerDatabase>>;
  let database: DatabaseHandle;

  beforeAll(async () => {
    server = await createServerDatabase();
    database = await openServerDatabase(server.url, { max: 1, preparedStatements: 2 });
    await sql`create table tally (n int not null check (n > 0))`.execute(database.db);
  });

  afterAll(async () => {
    await database.close();
    await server.drop();
  });

  const prepared = async (db = database.db) =>
    (
      await sql<{ statement: string }>`select statement from pg_prepared_statements order by name`.execute(db)
    ).rows.map((row) => row.statement);
  const add = (n: number, db = database.db) =>
    sql<{ square: number }>`insert into tally (n) values (${n}) returning n * n as square`.execute(db);

  it('prepares each writing statement once per connection, up to the limit, with the same results', async () => {
    expect((await add(3)).rows).toEqual([{ square: 9 }]);
    expect((await add(4)).rows).toEqual([{ square: 16 }]);
    expect(await prepared()).toEqual(['insert into tally (n) values ($1) returning n * n as square']);

    // Reads and statements without parameters are planned at every run.
    const above = (n: number) =>
      sql<{ n: number }>`select n from tally where n > ${n} order by n`.execute(database.db);
    expect((await above(3)).rows).toEqual([{ n: 4 }]);
    await sql`delete from tally where n > 100`.execute(database.db);
    // Past the limit, statements run unprepared.
    const twice = (n: number) => sql`insert into tally (n) values (${n}), (${n})`.execute(database.db);
    const remove = (n: number) => sql`delete from tally where n = ${n}`.execute(database.db);
    await twice(5);
    await remove(5);
    await twice(6);
    expect((await above(0)).rows).toEqual([{ n: 3 }, { n: 4 }, { n: 6 }, { n: 6 }]);
    expect(await prepared()).toEqual([
      'insert into tally (n) values ($1) returning n * n as square',
      'insert into tally (n) values ($1), ($2)',
    ]);
  });

  it('keeps a connection usable after a prepared statement fails, in a transaction or not', async () => {
    const other = await openServerDatabase(server.url, { max: 1, preparedStatements: 8 });
    try {
      await expect(add(-1, other.db)).rejects.toThrow(/check constraint/);
      await expect(
        other.db.transaction().execute(async (trx) => {
          expect((await add(7, trx)).rows).toEqual([{ square: 49 }]);
          await add(-2, trx);
        }),
      ).rejects.toThrow(/check constraint/);
      expect((await add(8, other.db)).rows).toEqual([{ square: 64 }]);
      expect(await prepared(other.db)).toEqual([
        'insert into tally (n) values ($1) returning n * n as square',
      ]);
    } finally {
      await other.close();
    }
  });
});
