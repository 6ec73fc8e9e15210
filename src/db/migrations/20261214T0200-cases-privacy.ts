import { type Kysely, sql } from 'kysely';

/**
 * What the case files and the exchange need to keep records for their time only (decision 075): the mark of a
 * record already anonymised, the legal hold that stops the disposal of a case and of its opinions, and the
 * history of the rectifications of a person's data (GDPR art. 16).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['case_file', 'appointment', 'opinion_request'])
    await db.schema.alterTable(table).addColumn('anonymised_at', 'timestamptz').execute();

  // One hold at a time per case; releasing it deletes the row, the audit trail keeps who placed and lifted it.
  await db.schema
    .createTable('case_legal_hold')
    .addColumn('case_id', 'uuid', (c) => c.primaryKey().references('case_file.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('placed_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('placed_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // The exchange knows cases by number only: the hold of a case reaches its opinions through this list.
  await db.schema
    .createTable('opinion_hold')
    .addColumn('case_number', 'text', (c) => c.primaryKey())
    .addColumn('held_since', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('person_rectification')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('previous_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('rectified_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('rectified_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_rectification_person')
    .on('person_rectification')
    .columns(['person_id', 'rectified_at'])
    .execute();

  // The disposal looks for the closing event of a case: the event that moved it into its closed state.
  await db.schema
    .createIndex('case_event_state_reached')
    .on('case_event')
    .columns(['case_id', 'to_state', 'at'])
    .execute();
  await db.schema
    .createIndex('opinion_request_closed')
    .on('opinion_request')
    .column('closed_at')
    .where(sql.ref('anonymised_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('opinion_request_closed').execute();
  await db.schema.dropIndex('case_event_state_reached').execute();
  await db.schema.dropTable('person_rectification').execute();
  await db.schema.dropTable('opinion_hold').execute();
  await db.schema.dropTable('case_legal_hold').execute();
  for (const table of ['case_file', 'appointment', 'opinion_request'])
    await db.schema.alterTable(table).dropColumn('anonymised_at').execute();
}
