import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // DL 146/2025: the work and seasonal terms run from the imputation to the quota, stored apart from the
  // submission. A case admitted in the quota before this column was imputed on the day it was ranked.
  await db.schema.alterTable('case_file').addColumn('quota_imputed_on', 'date').execute();
  await sql`update case_file set quota_imputed_on = submitted_on where quota_rank is not null`.execute(db);
  // Whether the office's patron day counted as a holiday for the stored due date: it did until now.
  await db.schema
    .alterTable('case_file')
    .addColumn('patron_day_in_terms', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  // The yearly list of countries at particular risk (DL 145/2024 art. 3; MAECI decree), confirmed by the SUI
  // manager. The 2024 and 2025 lists are those of the law and of the decree of 25.2.2025.
  await db.schema
    .createTable('risk_country_list')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('countries', sql`text[]`, (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('confirmed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`
    insert into risk_country_list (year, countries, legal_basis, confirmed_at) values
      (2024, array['BD', 'PK', 'LK'], 'DL 145/2024 art. 3 (L. 187/2024): Bangladesh, Pakistan, Sri Lanka', now()),
      (2025, array['BD', 'PK', 'LK', 'MA'], 'DL 145/2024 art. 3; decreto MAECI 25.2.2025 (Marocco)', now())
  `.execute(db);

  // Family reunification: 150 days from 4 October 2025 (DL 146/2025 art. 7), not from 11 December 2024. Cases
  // that followed the wrong version go back to the version in force on their submission day.
  await sql`
    update case_file set type_valid_from = case when submitted_on < date '2025-10-04'
      then date '2017-08-17' else date '2025-10-04' end
    where type_code = 'FAMILY_REUNIFICATION_CLEARANCE' and type_valid_from = date '2024-12-11'
  `.execute(db);
  await sql`
    delete from case_type_version
    where code = 'FAMILY_REUNIFICATION_CLEARANCE' and valid_from = date '2024-12-11'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('risk_country_list').execute();
  for (const column of ['patron_day_in_terms', 'quota_imputed_on'])
    await db.schema.alterTable('case_file').dropColumn(column).execute();
}
