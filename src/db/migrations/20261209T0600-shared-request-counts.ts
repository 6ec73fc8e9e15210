import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The requests of each client on each limited route in the current window, shared by every LOVIT process
  // on the database; a job deletes the windows that have ended.
  await db.schema
    .createTable('request_count')
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('window_ms', 'integer', (c) => c.notNull().check(sql`window_ms > 0`))
    .addColumn('hits', 'integer', (c) => c.notNull().check(sql`hits >= 1`))
    .addPrimaryKeyConstraint('request_count_pk', ['route', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('request_count').execute();
}
