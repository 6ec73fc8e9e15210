import { type Kysely, sql } from 'kysely';

/**
 * Questionnaires of a thematic table (decision 089): the consultant proposes one on a table assigned to them, and
 * the questionnaire the secretariat's approval opens belongs to the table (the surveys module's owner kind
 * `COUNCIL_TABLE`) and is named by the proposal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table survey_questionnaire drop constraint survey_questionnaire_owner_kind_check,
    add constraint survey_questionnaire_owner_kind_check check (owner_kind in
      ('COUNCIL_NEEDS', 'COUNCIL_TABLE', 'TRAINING_NEEDS', 'COURSE_EVALUATION', 'EVENT_FOLLOW_UP'))`.execute(
    db,
  );
  await sql`alter table council_proposal drop constraint council_proposal_kind_check,
    add constraint council_proposal_kind_check check (kind in ('CONVOCATION', 'MINUTES', 'NEEDS', 'QUESTIONNAIRE')),
    add column questionnaire_id uuid unique references survey_questionnaire (id),
    add constraint council_proposal_questionnaire check (questionnaire_id is null or kind = 'QUESTIONNAIRE')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from council_proposal where kind = 'QUESTIONNAIRE'`.execute(db);
  await sql`alter table council_proposal drop constraint council_proposal_questionnaire,
    drop column questionnaire_id,
    drop constraint council_proposal_kind_check,
    add constraint council_proposal_kind_check check (kind in ('CONVOCATION', 'MINUTES', 'NEEDS'))`.execute(
    db,
  );
  for (const table of [
    'survey_invitation',
    'survey_participation',
    'survey_held_answer',
    'survey_anonymous_answer',
    'survey_response',
  ])
    await sql`delete from ${sql.table(table)} where questionnaire_id in
      (select id from survey_questionnaire where owner_kind = 'COUNCIL_TABLE')`.execute(db);
  await sql`delete from survey_questionnaire where owner_kind = 'COUNCIL_TABLE'`.execute(db);
  await sql`alter table survey_questionnaire drop constraint survey_questionnaire_owner_kind_check,
    add constraint survey_questionnaire_owner_kind_check check (owner_kind in
      ('COUNCIL_NEEDS', 'TRAINING_NEEDS', 'COURSE_EVALUATION', 'EVENT_FOLLOW_UP'))`.execute(db);
}
