import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Each backup the daily job or an administrator ran, succeeded or not: the admin page and /metrics read it.
  await db.schema
    .createTable('backup_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('SUCCEEDED', 'FAILED')`))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('SCHEDULE', 'ADMIN')`))
    .addColumn('archive', 'text')
    .addColumn('size_bytes', 'bigint')
    .addColumn('message', 'text')
    .execute();
  await db.schema
    .createIndex('backup_run_started')
    .on('backup_run')
    .columns(['outcome', 'started_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('backup_run').execute();
}
