import { type Kysely, sql } from 'kysely';

/**
 * Evidence files of the indicators' manual values (minutes, registers, questionnaires), kept by content; a
 * value's evidence is its files, its note, or both, so the note may be missing. The files of a value frozen in
 * a snapshot are never added, changed or removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('project_indicator_value')
    .alterColumn('note', (c) => c.dropNotNull())
    .execute();
  await db.schema
    .createTable('project_indicator_evidence')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('value_id', 'uuid', (c) => c.notNull().references('project_indicator_value.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('project_indicator_evidence_value')
    .on('project_indicator_evidence')
    .column('value_id')
    .execute();
  await db.schema
    .createIndex('project_indicator_evidence_sha256')
    .on('project_indicator_evidence')
    .column('sha256')
    .execute();
  await sql`
    create function project_indicator_evidence_frozen() returns trigger language plpgsql as $$
    declare
      evidenced uuid := case when tg_op = 'INSERT' then new.value_id else old.value_id end;
    begin
      if exists (
        select 1 from project_indicator_snapshot_value
        where parameters -> 'manualValueIds' @> to_jsonb(evidenced::text)
      ) then
        raise exception 'the evidence of a value frozen in a snapshot is never changed';
      end if;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`.execute(db);
  await sql`
    create trigger project_indicator_evidence_frozen
    before insert or update or delete on project_indicator_evidence
    for each row execute function project_indicator_evidence_frozen()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_indicator_evidence').execute();
  await sql`drop function project_indicator_evidence_frozen()`.execute(db);
  await sql`update project_indicator_value set note = '' where note is null`.execute(db);
  await db.schema
    .alterTable('project_indicator_value')
    .alterColumn('note', (c) => c.setNotNull())
    .execute();
}
