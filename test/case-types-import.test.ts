import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { AppError } from '../src/kernel/errors.ts';
import { BUILT_IN_CASE_TYPES } from '../src/modules/cases/law/catalogue.ts';
import { caseTypeVersion } from '../src/modules/cases/law/definitions.ts';
import { importCaseTypes } from '../src/modules/cases/law/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

/** A new version of a shipped type, valid from a later day, with another term. */
function laterVersion(validFrom: string, termDays: number) {
  const shipped = caseTypeVersion.parse(
    BUILT_IN_CASE_TYPES.findLast((type) => type.code === 'FAMILY_REUNIFICATION_CLEARANCE'),
  );
  return { ...shipped, validFrom, term: { ...shipped.term, termDays } };
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

for (const backend of BACKENDS) {
  describe(`importing case types on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]);
      manager = await signIn(t.app, user.email);
    });
    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    const listed = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/case-types', headers: manager.headers })).json() as {
        code: string;
        validFrom: string;
        definition: { term: { termDays: number } };
      }[];

    it('adds a version valid from a later day, read at once, beside the versions already loaded', async () => {
      const before = await listed();
      const imported = await importCaseTypes(t.platform, SYSTEM_CALLER, [laterVersion('2027-06-01', 120)]);
      expect(imported).toEqual([{ code: 'FAMILY_REUNIFICATION_CLEARANCE', validFrom: '2027-06-01' }]);
      const after = await listed();
      expect(after).toHaveLength(before.length + 1);
      const family = after.filter((type) => type.code === 'FAMILY_REUNIFICATION_CLEARANCE');
      expect(family.at(-1)).toMatchObject({
        validFrom: '2027-06-01',
        definition: { term: { termDays: 120 } },
      });
      expect(family.slice(0, -1)).toEqual(
        before.filter((type) => type.code === 'FAMILY_REUNIFICATION_CLEARANCE'),
      );
      const trail = await t.platform.database.db
        .selectFrom('auditEntry')
        .select(['entityId'])
        .where('action', '=', 'cases.case-type.import')
        .execute();
      expect(trail).toEqual([{ entityId: 'FAMILY_REUNIFICATION_CLEARANCE/2027-06-01' }]);
    });

    it('shows the notes on a rule’s uncertain source to the SUI manager only', async () => {
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-NOTE' });
      const readers = await Promise.all(
        (['sui_operator', 'legal_expert', 'admin'] as const).map(async (role) =>
          signIn(t.app, (await makeUser(t.platform, [{ organisationId: prefecture.id, role }])).email),
        ),
      );
      const notesSeenBy = async (session: Session) => {
        const res = await t.app.inject({ method: 'GET', url: '/api/case-types', headers: session.headers });
        expect(res.statusCode).toBe(200);
        const types = res.json() as { definition: { term: { sourceNote: string | null } } }[];
        return types.flatMap((type) =>
          type.definition.term.sourceNote ? [type.definition.term.sourceNote] : [],
        );
      };
      expect(await notesSeenBy(manager)).toContainEqual(expect.stringContaining('Regione Toscana'));
      for (const reader of readers) expect(await notesSeenBy(reader)).toEqual([]);
    });

    it('never replaces a version already loaded: the cases that follow it keep their rules', async () => {
      const error = await refusal(
        importCaseTypes(t.platform, SYSTEM_CALLER, [
          laterVersion('2027-06-01', 30),
          laterVersion('2028-01-01', 30),
        ]),
      );
      expect(error.status).toBe(409);
      expect(error.errors).toEqual([
        { path: 'file.FAMILY_REUNIFICATION_CLEARANCE', message: 'versione dal 2027-06-01 già presente' },
      ]);
      const family = (await listed()).filter((type) => type.code === 'FAMILY_REUNIFICATION_CLEARANCE');
      expect(family.map((type) => type.validFrom)).not.toContain('2028-01-01');
      expect(family.at(-1)?.definition.term.termDays).toBe(120);
    });

    it('names the field at fault of a definition that does not hold, and loads nothing', async () => {
      const broken = { ...laterVersion('2029-01-01', 90), term: { termDays: 0 } };
      const error = await refusal(importCaseTypes(t.platform, SYSTEM_CALLER, [broken]));
      expect(error.status).toBe(422);
      expect(error.errors?.map((e) => e.path)).toEqual(
        expect.arrayContaining(['file.0.term.termDays', 'file.0.term.silenceMeansConsent']),
      );
      expect((await refusal(importCaseTypes(t.platform, SYSTEM_CALLER, []))).status).toBe(422);
      expect((await listed()).some((type) => type.validFrom === '2029-01-01')).toBe(false);
    });
  });
}
