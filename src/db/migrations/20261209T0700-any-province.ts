import { type Kysely, sql } from 'kysely';

/**
 * The province is configuration: a municipality's ISTAT code is any six digits here (the application checks that
 * it belongs to the province served), and a desk names its municipality rather than defaulting to Lodi.
 */
const CHECKS = [
  ['council_service', 'council_service_municipality_istat_code_check', 'municipality_istat_code'],
  ['survey_response', 'council_response_municipality_istat_code_check', 'municipality_istat_code'],
  ['desk', 'desk_municipality_code_check', 'municipality_code'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, constraint, column] of CHECKS) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(constraint)} check (${sql.ref(column)} ~ '^[0-9]{6}$')`.execute(
      db,
    );
  }
  await sql`alter table desk alter column municipality_code drop default`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table desk alter column municipality_code set default '098031'`.execute(db);
  for (const [table, constraint, column] of CHECKS) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(constraint)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(constraint)} check (${sql.ref(column)} ~ '^098[0-9]{3}$')`.execute(
      db,
    );
  }
}
