import { type Kysely, sql } from 'kysely';

/**
 * How long each kind of record is kept, as data the administrator may correct (GDPR art. 5.1.e), and what
 * each run of the disposal job did to each kind.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_schedule')
    .addColumn('category', 'text', (c) => c.primaryKey())
    .addColumn('months', 'integer', (c) => c.notNull().check(sql`months between 1 and 1200`))
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid')
    .execute();
  await db.schema
    .createTable('retention_disposal')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('SCHEDULE', 'ADMIN')`))
    .addColumn('cutoff', 'timestamptz', (c) => c.notNull())
    .addColumn('disposed', 'integer', (c) => c.notNull().check(sql`disposed >= 0`))
    .addColumn('failure', 'text')
    .execute();
  await db.schema
    .createIndex('retention_disposal_category')
    .on('retention_disposal')
    .columns(['category', 'started_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retention_disposal').execute();
  await db.schema.dropTable('retention_schedule').execute();
}
