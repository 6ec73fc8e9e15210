import { type Kysely, sql } from 'kysely';

/** The organisers' own questions on an event's registration form, and each registration's answers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_event_question')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('outreach_event.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // The choices of a question answered from a list, in their order.
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('required', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outreach_event_question_event')
    .on('outreach_event_question')
    .columns(['event_id', 'position'])
    .execute();
  // By question id: the answer as given (free text, one of the choices, or yes/no).
  await db.schema
    .alterTable('outreach_registration')
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outreach_registration').dropColumn('answers').execute();
  await db.schema.dropTable('outreach_event_question').execute();
}
