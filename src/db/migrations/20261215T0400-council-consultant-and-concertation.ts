import { type Kysely, sql } from 'kysely';

/**
 * The consultant for territorial concertation: the thematic tables the secretariat assigns to them, the proposals
 * they make on those tables (a convocation, a minutes draft, a needs analysis entry) waiting for the secretariat's
 * approval, and the concertation log of meetings and contacts with the network's bodies.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('council_consultant_assignment')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('table_id', 'uuid', (c) => c.notNull().references('council_table.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('assigned_at', 'timestamptz', (c) => c.notNull())
    .addColumn('assigned_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('ended_at', 'timestamptz')
    .execute();
  // One current assignment of a consultant to a table; ended ones stay as history.
  await db.schema
    .createIndex('council_consultant_assignment_current')
    .on('council_consultant_assignment')
    .columns(['table_id', 'user_id'])
    .unique()
    .where(sql.ref('ended_at'), 'is', null)
    .execute();
  await db.schema
    .createTable('council_proposal')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('table_id', 'uuid', (c) => c.notNull().references('council_table.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('CONVOCATION', 'MINUTES', 'NEEDS')`))
    .addColumn('meeting_id', 'uuid', (c) => c.references('council_meeting.id'))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('PENDING', 'APPROVED', 'RETURNED')`))
    .addColumn('proposed_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('return_reason', 'text')
    .addCheckConstraint('council_proposal_minutes_meeting', sql`kind <> 'MINUTES' or meeting_id is not null`)
    .addCheckConstraint(
      'council_proposal_returned_reason',
      sql`status <> 'RETURNED' or return_reason is not null`,
    )
    .execute();
  await db.schema
    .createIndex('council_proposal_by_status')
    .on('council_proposal')
    .columns(['status', 'proposed_at'])
    .execute();
  await db.schema
    .createTable('council_concertation_entry')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('MEETING', 'CONTACT')`))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('follow_up', 'text')
    .addColumn('table_id', 'uuid', (c) => c.references('council_table.id'))
    .addColumn('other_organisations', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('council_concertation_entry_held_on')
    .on('council_concertation_entry')
    .columns(['held_on', 'id'])
    .execute();
  await db.schema
    .createTable('council_concertation_organisation')
    .addColumn('entry_id', 'uuid', (c) =>
      c.notNull().references('council_concertation_entry.id').onDelete('cascade'),
    )
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addPrimaryKeyConstraint('council_concertation_organisation_pk', ['entry_id', 'organisation_id'])
    .execute();
  await db.schema
    .createIndex('council_concertation_organisation_by_organisation')
    .on('council_concertation_organisation')
    .column('organisation_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('council_concertation_organisation').execute();
  await db.schema.dropTable('council_concertation_entry').execute();
  await db.schema.dropTable('council_proposal').execute();
  await db.schema.dropTable('council_consultant_assignment').execute();
}
