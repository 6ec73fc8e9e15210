import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What the public reads of a meeting: a summary the secretariat writes, never the minutes themselves. The
  // text being written and the text published are kept apart, so that editing does not change the public page.
  await db.schema
    .createTable('council_public_summary')
    .addColumn('meeting_id', 'uuid', (c) => c.primaryKey().references('council_meeting.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('saved_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('published_text', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();

  // A warning of possible personal data that the secretariat marked as not personal data, and why.
  await db.schema
    .createTable('council_summary_clearance')
    .addColumn('meeting_id', 'uuid', (c) => c.notNull().references('council_meeting.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cleared_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('council_summary_clearance_pk', ['meeting_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('council_summary_clearance').execute();
  await db.schema.dropTable('council_public_summary').execute();
}
