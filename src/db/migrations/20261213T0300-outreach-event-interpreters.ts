import type { Kysely } from 'kysely';

/**
 * The SUI's mediators assigned to interpret at a session of an event, one per language asked for: the unique
 * pair keeps two staff members assigning at once from leaving two mediators for one language.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_interpreter')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('session_id', 'uuid', (c) => c.notNull().references('outreach_session.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('mediator_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('note', 'text')
    .addColumn('assigned_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('outreach_interpreter_once', ['session_id', 'language'])
    .execute();
  await db.schema
    .createIndex('outreach_interpreter_mediator')
    .on('outreach_interpreter')
    .column('mediator_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outreach_interpreter').execute();
}
