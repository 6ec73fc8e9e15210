import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField } from '../src/modules/audit/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

for (const backend of BACKENDS) {
  describe(`searching and exporting the audit trail on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let auditor: Session;
    let admin: Session;
    let organisation: Awaited<ReturnType<typeof makeOrganisation>>;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      admin = await signIn(
        t.app,
        (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }])).email,
      );
      auditor = await signIn(
        t.app,
        (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'auditor' }])).email,
      );
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        headers: admin.headers,
        payload: { code: 'COM-TEST', name: 'Comune di prova', type: 'MUNICIPALITY' },
      });
      organisation = created.json();
      await t.app.inject({
        method: 'PATCH',
        url: `/api/organisations/${organisation.id}`,
        headers: admin.headers,
        payload: { name: '=Comune "rinominato", con virgola' },
      });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('finds the changes of one record, newest first, with who, when and what changed', async () => {
      const res = await t.app.inject({
        url: `/api/audit?entityType=identity.organisation&entityId=${organisation.id}`,
        headers: auditor.headers,
      });
      expect(res.statusCode).toBe(200);
      const { items, total } = res.json();
      expect(total).toBe(2);
      expect(items.map((e: { action: string }) => e.action)).toEqual([
        'identity.organisation.update',
        'identity.organisation.create',
      ]);
      expect(items[0]).toMatchObject({
        kind: 'change',
        actorUserId: admin.view.user.id,
        actorLabel: admin.view.user.email,
        data: { before: { name: 'Comune di prova' }, after: { name: '=Comune "rinominato", con virgola' } },
      });
      expect(items[0].requestId).toBeTruthy();
    });

    it('filters by user, kind and period (Europe/Rome days)', async () => {
      const byUser = await t.app.inject({
        url: `/api/audit?userId=${admin.view.user.id}&kind=security`,
        headers: auditor.headers,
      });
      expect(byUser.json().items.map((e: { action: string }) => e.action)).toEqual([
        'identity.session.login',
      ]);
      const today = t.clock.today().toString();
      const inPeriod = await t.app.inject({
        url: `/api/audit?from=${today}&to=${today}&pageSize=1`,
        headers: auditor.headers,
      });
      expect(inPeriod.json().total).toBeGreaterThan(3);
      expect(inPeriod.json().items).toHaveLength(1);
      const before = await t.app.inject({ url: '/api/audit?to=2020-01-01', headers: auditor.headers });
      expect(before.json()).toMatchObject({ total: 0, items: [] });
      const bad = await t.app.inject({ url: '/api/audit?from=ieri', headers: auditor.headers });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('querystring.from');
    });

    it('exports CSV that a spreadsheet reads safely, and records the export itself', async () => {
      const res = await t.app.inject({
        url: `/api/audit/export.csv?entityId=${organisation.id}`,
        headers: auditor.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="registro-attivita-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'seq,id,at,kind,action,entityType,entityId,actorUserId,actorLabel,organisationId,requestId,clientAddress,data',
      );
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain('identity.organisation.update');
      const exports = await database.db
        .selectFrom('auditEntry')
        .select('actorUserId')
        .where('action', '=', 'audit.trail.export')
        .execute();
      expect(exports).toEqual([{ actorUserId: auditor.view.user.id }]);
    });

    it('neutralises spreadsheet formulas and quotes separators in CSV fields', () => {
      expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
      expect(csvField('a,b')).toBe('"a,b"');
      expect(csvField('di "lui"')).toBe('"di ""lui"""');
      expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
      expect(csvField(null)).toBe('');
    });
  });
}
