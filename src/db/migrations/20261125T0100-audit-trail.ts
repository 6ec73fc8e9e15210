import { type Kysely, sql } from 'kysely';

const TABLES = ['audit_entry', 'audit_seal'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entry')
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().primaryKey())
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    // No foreign keys to users or organisations: the trail outlives what it names.
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_label', 'text')
    .addColumn('organisation_id', 'uuid')
    .addColumn('request_id', 'text')
    .addColumn('client_address', 'text')
    .addColumn('data', 'jsonb')
    .addCheckConstraint('audit_entry_kind_known', sql`kind in ('change', 'access', 'security')`)
    .execute();
  await db.schema
    .createIndex('audit_entry_entity')
    .on('audit_entry')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema
    .createIndex('audit_entry_actor')
    .on('audit_entry')
    .columns(['actor_user_id', 'at'])
    .execute();
  await db.schema.createIndex('audit_entry_at').on('audit_entry').column('at').execute();
  await db.schema
    .createIndex('audit_entry_organisation')
    .on('audit_entry')
    .columns(['organisation_id', 'at'])
    .execute();

  await db.schema
    .createTable('audit_seal')
    .addColumn('position', 'bigint', (c) => c.primaryKey())
    .addColumn('entry_seq', 'bigint', (c) => c.notNull().unique().references('audit_entry.seq'))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await sql`
    create function audit_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit trail is append-only';
    end
    $$`.execute(db);
  for (const table of TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function audit_refuse_change()`.execute(db);
    await sql`
      create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function audit_refuse_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_seal').execute();
  await db.schema.dropTable('audit_entry').execute();
  await sql`drop function audit_refuse_change()`.execute(db);
}
