import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // DL 146/2025 (in force 4 October 2025): the work and seasonal terms run from the imputation to the quota.
  // Cases submitted from that day but registered before the version that says so existed still follow the
  // version counting from the submission: they move to the version of their submission day. Cases submitted
  // earlier keep the old rule. Each of them was imputed on its submission day (20261207T0100) or is not imputed
  // yet (its due date is then counted from the submission, as before): the stored due date stays right, and the
  // case page explains it from the new version.
  await sql`
    update case_file set type_valid_from = date '2025-10-04'
    where type_code in ('WORK_CLEARANCE', 'SEASONAL_WORK')
      and submitted_on >= date '2025-10-04'
      and type_valid_from < date '2025-10-04'
  `.execute(db);
}

export async function down(): Promise<void> {
  // A correction of the rules a case follows: going back keeps it.
}
