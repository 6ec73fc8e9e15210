import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // art. 10-bis L. 241/1990: the applicant's 10 days for observations run from the receipt of the preavviso
  // di rigetto. Each receipt is recorded with how it came and the document that proves it.
  await db.schema
    .createTable('case_notice_receipt')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('case_file.id'))
    .addColumn('event_id', 'uuid', (c) => c.notNull().unique().references('case_event.id'))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('PEC', 'RETURN_CARD', 'DESK')`))
    .addColumn('evidence_document_id', 'uuid', (c) => c.notNull().references('case_document.id'))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('case_notice_receipt_case')
    .on('case_notice_receipt')
    .column('case_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_notice_receipt').execute();
}
