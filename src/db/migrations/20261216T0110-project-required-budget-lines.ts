import { type Kysely, sql } from 'kysely';

/**
 * The macro-voci a rulebook makes mandatory in a project's budget. Allegato 5 – Budget of a FAMI 2014-2020
 * call: G1 (independent auditor) always; G2 (legal expert) when the project has at least one procurement of
 * services or supplies or at least one external individual assignment. The 2021-2027 grant agreement: an
 * independent auditor for all expenses and, where applicable, a legal expert for all procurement and external
 * individual assignments (works included).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_required_line')
    .addColumn('programme', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('code', 'text', (c) =>
      c.notNull().check(sql`code in ('A', 'B', 'C', 'D', 'E', 'F', 'G1', 'G2', 'H', 'I', 'J')`),
    )
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('trigger_kinds', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_required_line_pk', ['programme', 'valid_from', 'code'])
    .addForeignKeyConstraint(
      'project_required_line_rulebook',
      ['programme', 'valid_from'],
      'project_rulebook',
      ['programme', 'valid_from'],
    )
    .execute();
  for (const [programme, validFrom, source, kinds] of [
    ['FAMI_2014_2020', '2014-01-01', 'Allegato 5 – Budget, FAMI 2014-2020', 'SUPPLIES,SERVICES,INDIVIDUAL'],
    [
      'FAMI_2021_2027',
      '2021-01-01',
      'convenzione di sovvenzione FAMI 2021-2027',
      'SUPPLIES,SERVICES,WORKS,INDIVIDUAL',
    ],
  ] as const)
    await sql`insert into project_required_line (programme, valid_from, code, subject, trigger_kinds, source)
      values
        (${programme}, ${validFrom}, 'G1', 'Il revisore indipendente (G1)', null, ${source}),
        (${programme}, ${validFrom}, 'G2', 'L’esperto legale (G2)', ${kinds}, ${source})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_required_line').execute();
}
