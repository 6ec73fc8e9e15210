import { type Kysely, sql } from 'kysely';

/**
 * The health services of the territory (ASST, ATS) become a kind of organisation of their own, among the public
 * bodies whose operators attend the public training track.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisation').dropConstraint('organisation_type_known').execute();
  await db.schema
    .alterTable('organisation')
    .addCheckConstraint(
      'organisation_type_known',
      sql`type in ('PREFECTURE', 'POLICE_HQ', 'LABOUR_INSPECTORATE', 'MUNICIPALITY', 'HEALTH_SERVICE', 'THIRD_SECTOR', 'COOPERATIVE', 'UNIVERSITY_SCHOOL', 'OTHER')`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('organisation').dropConstraint('organisation_type_known').execute();
  await db.schema
    .alterTable('organisation')
    .addCheckConstraint(
      'organisation_type_known',
      sql`type in ('PREFECTURE', 'POLICE_HQ', 'LABOUR_INSPECTORATE', 'MUNICIPALITY', 'THIRD_SECTOR', 'COOPERATIVE', 'UNIVERSITY_SCHOOL', 'OTHER')`,
    )
    .execute();
}
