import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Refusals at the public inbox, counted per reason and source (the peer, or the address of an unknown
  // caller) per hour: a flood costs one row per source and hour, and `exchange_refusal` keeps a bounded sample.
  await db.schema
    .createTable('exchange_refusal_count')
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('exchange_refusal_count_pkey', ['window_start', 'reason', 'source'])
    .execute();
  await db.schema.createIndex('exchange_refusal_at').on('exchange_refusal').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('exchange_refusal_at').execute();
  await db.schema.dropTable('exchange_refusal_count').execute();
}
