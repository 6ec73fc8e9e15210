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
