import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../src/kernel/migrate.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';

async function tableNames(database: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_name not like 'kysely_%' order by 1`.execute(database.db);
  return rows.map((r) => r.name);
}

for (const backend of BACKENDS) {
  describe(`migrations on ${backend}`, () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
    });

    afterAll(() => database.dispose());

    it('is a no-op on an up-to-date schema', async () => {
      expect(await migrateToLatest(database.db)).toEqual([]);
    });

    it('migrates all the way down and up again', async () => {
      const before = await tableNames(database);
      expect(before).toEqual(
        expect.arrayContaining(['organisation', 'app_user', 'membership', 'system_heartbeat']),
      );
      const down = await createMigrator(database.db).migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(await tableNames(database)).toEqual([]);
      const applied = await migrateToLatest(database.db);
      expect(applied.length).toBeGreaterThan(0);
      expect(await tableNames(database)).toEqual(before);
    });

    it('moves the work and seasonal cases submitted from 4 October 2025 to the term counted from the imputation', async () => {
      const migrator = createMigrator(database.db);
      const names = (await migrator.getMigrations()).map((migration) => migration.name);
      const mine = names.indexOf('20261208T0100-work-terms-from-imputation');
      expect((await migrator.migrateTo(names[mine - 1] as string)).error).toBeUndefined();
      const organisation = randomUUID();
      await sql`insert into organisation (id, code, name, type) values
        (${organisation}, 'PREF-MIG', 'Prefettura', 'PREFECTURE')`.execute(database.db);
      const cases: [string, string, string, string | null, string][] = [
        // type, version followed, submitted, imputed, due date stored
        ['WORK_CLEARANCE', '2023-03-11', '2025-10-03', '2025-10-03', '2025-12-02'],
        ['WORK_CLEARANCE', '2023-03-11', '2025-10-04', '2025-10-04', '2025-12-03'],
        ['SEASONAL_WORK', '2023-03-11', '2025-11-10', null, '2025-12-01'],
        ['WORK_CLEARANCE', '2025-10-04', '2026-01-12', '2026-01-15', '2026-03-16'],
        ['FAMILY_REUNIFICATION_CLEARANCE', '2025-10-04', '2025-10-10', null, '2026-03-09'],
      ];
      const ids = cases.map(() => randomUUID());
      for (const [index, [type, validFrom, submitted, imputed, due]] of cases.entries())
        await sql`insert into case_file (id, organisation_id, number, year, sequence, type_code, type_valid_from,
            state, closed, channel, received_at, submitted_on, quota_imputed_on, due_on, title, receipt_code,
            updated_at)
          values (${ids[index]}, ${organisation}, ${`LO-MIG-${index}`}, 2025, ${index + 1}, ${type}, ${validFrom},
            'UNDER_REVIEW', false, 'IMPORT', now(), ${submitted}, ${imputed}, ${due}, 'Pratica', ${`MIG-${index}`},
            now())`.execute(database.db);

      expect(await migrateToLatest(database.db)).toContain('20261208T0100-work-terms-from-imputation');
      const { rows } = await sql<{ id: string; version: string; due: string }>`
        select id, to_char(type_valid_from, 'YYYY-MM-DD') as version, to_char(due_on, 'YYYY-MM-DD') as due
        from case_file where organisation_id = ${organisation}`.execute(database.db);
      const byId = new Map(rows.map((row) => [row.id, [row.version, row.due]]));
      expect(ids.map((id) => byId.get(id))).toEqual([
        // submitted on 3 October 2025: the old rule, untouched
        ['2023-03-11', '2025-12-02'],
        ['2025-10-04', '2025-12-03'],
        ['2025-10-04', '2025-12-01'],
        ['2025-10-04', '2026-03-16'],
        ['2025-10-04', '2026-03-09'],
      ]);
    });

    it('gives the council’s questionnaires and answers to the surveys module, data included', async () => {
      const migrator = createMigrator(database.db);
      expect((await migrator.migrateTo('20261207T0600-portal-search')).error).toBeUndefined();
      const [organisation, user, questionnaire, response] = [1, 2, 3, 4].map(
        (n) => `0190f000-0000-7000-8000-00000000000${n}`,
      );
      await sql`insert into organisation (id, code, name, type) values (${organisation}, 'c-lodi', 'Comune di Lodi', 'MUNICIPALITY')`.execute(
        database.db,
      );
      await sql`insert into app_user (id, email, given_name, family_name) values (${user}, 'anna@lodi.example', 'Anna', 'Rossi')`.execute(
        database.db,
      );
      await sql`insert into council_questionnaire (id, title, intro, status, questions, created_at)
        values (${questionnaire}, 'Rilevazione 2026', 'Bisogni', 'OPEN', '[]', now())`.execute(database.db);
      await sql`insert into council_response
        (id, questionnaire_id, organisation_id, municipality_istat_code, answers, submitted_at, submitted_by)
        values (${response}, ${questionnaire}, ${organisation}, '098031', '{"need": 4}', now(), ${user})`.execute(
        database.db,
      );
      expect((await migrateToLatest(database.db)).length).toBeGreaterThan(0);
      const { rows } = await sql<Record<string, unknown>>`
        select q.title, q.owner_kind, q.answered_by, q.anonymous, r.municipality_istat_code, r.answers
        from survey_questionnaire q join survey_response r on r.questionnaire_id = q.id`.execute(database.db);
      expect(rows).toEqual([
        {
          title: 'Rilevazione 2026',
          ownerKind: 'COUNCIL_NEEDS',
          answeredBy: 'ORGANISATION',
          anonymous: false,
          municipalityIstatCode: '098031',
          answers: { need: 4 },
        },
      ]);
      await sql`delete from survey_response`.execute(database.db);
      await sql`delete from survey_questionnaire`.execute(database.db);
      await sql`delete from app_user where id = ${user}`.execute(database.db);
      await sql`delete from organisation where id = ${organisation}`.execute(database.db);
    });
  });
}
