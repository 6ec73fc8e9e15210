import { type Kysely, sql } from 'kysely';

/**
 * Who sent each timesheet, kept with the sheet: the supervisor who approves it must not be the one who sent it,
 * whatever account the staff record is linked to by then. Sheets already sent take the sender the audit trail
 * recorded, or the account the record was linked to when the trail no longer has the entry; a record whose
 * person is no longer kept gets nobody.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('project_timesheet')
    .addColumn('submitted_by', 'uuid', (c) => c.references('app_user.id'))
    .execute();
  await sql`update project_timesheet t set submitted_by = coalesce((
      select a.actor_user_id from audit_entry a
      where a.entity_type = 'project_timesheet' and a.entity_id = t.id::text
        and a.action = 'project.timesheet.submit'
      order by a.seq desc limit 1
    ), s.user_id)
    from project_staff s
    where s.id = t.staff_id and t.submitted_at is not null and s.person_name <> 'Persona non più conservata'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('project_timesheet').dropColumn('submitted_by').execute();
}
