import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PERMISSION_NAMES,
  type Permission,
  permissionsOf,
  ROLE_NAMES,
  type Role,
} from '../src/kernel/permissions.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn, signInEveryRole } from './support/identity.ts';

const SOME_ID = '01900000-0000-7000-8000-000000000000';

/**
 * What each role may do, written out rather than read from the matrix under test: a permission granted to
 * a role by mistake, or taken away, fails here and on every route it guards.
 */
const EXPECTED: Record<Role, readonly Permission[]> = {
  admin: [
    'cases.types.read',
    'identity.organisations.read',
    'identity.organisations.manage',
    'identity.users.read',
    'identity.users.manage',
    'identity.permissions.read',
    'audit.read',
    'ops.backup.manage',
    'privacy.retention.manage',
    'privacy.register.read',
  ],
  sui_operator: [
    'cases.access',
    'cases.submit',
    'cases.act',
    'cases.types.read',
    'exchange.access',
    'exchange.problems',
    'training.mentoring',
    'project.access',
    'project.timesheets.own',
    'identity.organisations.read',
    'updates.read',
  ],
  sui_manager: [
    'cases.access',
    'cases.submit',
    'cases.act',
    'cases.assign',
    'cases.quota.manage',
    'cases.types.read',
    'cases.desks.manage',
    'cases.mediators.manage',
    'cases.mediators.profile',
    'exchange.access',
    'exchange.problems',
    'exchange.dashboard',
    'council.access',
    'training.access',
    'training.staff',
    'training.mentoring',
    'project.access',
    'project.timesheets.own',
    'identity.organisations.read',
    'identity.users.read',
    'privacy.subjects.manage',
    'privacy.register.read',
    'cases.persons.rectify',
    'cases.legal-hold',
    'updates.read',
    'updates.oversee',
  ],
  questura_officer: [
    'exchange.access',
    'exchange.answer',
    'exchange.problems',
    'exchange.dashboard',
    'identity.organisations.read',
  ],
  inspectorate_officer: [
    'exchange.access',
    'exchange.answer',
    'exchange.problems',
    'exchange.dashboard',
    'identity.organisations.read',
  ],
  legal_expert: [
    'cases.access',
    'cases.types.read',
    'cases.legal.answer',
    'exchange.problems',
    'training.access',
    'training.mentoring',
    'outreach.access',
    'portal.sheets.edit',
    'portal.sheets.review',
    'portal.sheets.publish',
    'project.access',
    'project.timesheets.own',
    'project.procurement.read',
    'project.procurement.check',
    'project.assignments.read',
    'identity.organisations.read',
    'updates.read',
    'updates.write',
  ],
  mediator: [
    'cases.access',
    'cases.mediators.profile',
    'training.mentoring',
    'outreach.access',
    'outreach.articles.review',
    'outreach.checkin',
    'portal.sheets.edit',
    'portal.sheets.review',
    'project.access',
    'project.timesheets.own',
    'identity.organisations.read',
  ],
  council_secretariat: [
    'exchange.problems',
    'exchange.dashboard',
    'council.access',
    'council.manage',
    'surveys.build',
    'council.concertation.write',
    'identity.organisations.read',
  ],
  council_member: ['council.access', 'identity.organisations.read'],
  trainer: [
    'surveys.build',
    'training.access',
    'training.manage',
    'training.attendance',
    'project.access',
    'project.timesheets.own',
    'identity.organisations.read',
  ],
  trainee: ['training.access', 'training.enrol', 'identity.organisations.read'],
  communications: [
    'surveys.build',
    'outreach.access',
    'outreach.events.manage',
    'outreach.articles.manage',
    'outreach.articles.review',
    'outreach.publications.manage',
    'outreach.press.manage',
    'outreach.checkin',
    'portal.sheets.edit',
    'portal.sheets.publish',
    'project.access',
    'project.timesheets.own',
    'identity.organisations.read',
  ],
  project_manager: [
    'surveys.build',
    'training.access',
    'training.manage',
    'training.oversee',
    'outreach.access',
    'outreach.events.manage',
    'outreach.articles.manage',
    'outreach.articles.review',
    'outreach.publications.manage',
    'outreach.press.manage',
    'outreach.checkin',
    'project.access',
    'project.finance.read',
    'project.manage',
    'project.plan.manage',
    'project.budget.manage',
    'project.expenses.write',
    'project.staff.manage',
    'project.timesheets.own',
    'project.indicators.manage',
    'project.indicators.evidence',
    'project.procurement.read',
    'project.procurement.manage',
    'project.claims.read',
    'project.claims.manage',
    'identity.organisations.read',
    'updates.read',
  ],
  project_supervisor: [
    'exchange.problems',
    'exchange.dashboard',
    'council.access',
    'project.access',
    'project.finance.read',
    'project.plan.manage',
    'project.notes.write',
    'project.timesheets.own',
    'project.timesheets.approve',
    'project.indicators.evidence',
    'project.procurement.read',
    'project.claims.read',
    'identity.organisations.read',
    'identity.permissions.read',
    'privacy.register.read',
  ],
  auditor: [
    'project.access',
    'project.finance.read',
    'project.indicators.evidence',
    'project.procurement.read',
    'project.claims.read',
    'project.claims.verify',
    'identity.organisations.read',
    'identity.permissions.read',
    'audit.read',
    'privacy.register.read',
  ],
  project_partner: [
    'project.access',
    'project.finance.read',
    'project.expenses.write',
    'project.timesheets.own',
    'project.procurement.read',
    'project.procurement.manage',
    'identity.organisations.read',
  ],
  council_consultant: [
    'council.access',
    'project.access',
    'project.timesheets.own',
    'council.tables.facilitate',
    'council.concertation.write',
    'identity.organisations.read',
  ],
  intake_system: ['cases.submit', 'identity.organisations.read'],
};

function concrete(url: string): string {
  return url.replace(/:id\b/g, SOME_ID).replace(/\*$/, 'x');
}

for (const backend of BACKENDS) {
  describe(`access control on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let sessions = new Map<Role, Session>();
    let routes: { method: string; url: string; access: string | undefined }[];

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const home = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      sessions = await signInEveryRole(t.app, t.platform, home.id);
      routes = t.app.accessCatalogue().filter((r) => r.method !== 'HEAD');
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('declares access on every route, so the app started at all', () => {
      expect(routes.length).toBeGreaterThan(20);
      expect(routes.filter((r) => r.access === undefined)).toEqual([]);
    });

    it('refuses to start when a route lacks an access declaration', async () => {
      const other = await startTestApp(database);
      other.app.get('/api/undeclared', async () => 'x');
      await expect(other.app.ready()).rejects.toThrow(/GET \/api\/undeclared/);
    });

    it('answers 401 without a session on every route that is not public', async () => {
      const guarded = routes.filter((r) => r.access !== 'public');
      for (const route of guarded) {
        const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url) });
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      }
    });

    it('gives each role exactly the permissions of the table', () => {
      expect(Object.keys(EXPECTED).sort()).toEqual([...ROLE_NAMES].sort());
      for (const role of ROLE_NAMES) expect(permissionsOf([role]), role).toEqual(EXPECTED[role]);
    });

    it('grants each role exactly what the table grants, on every route, and never fails on it', async () => {
      const byPermission = routes.filter((r) => PERMISSION_NAMES.includes(r.access as Permission));
      expect(byPermission.length).toBeGreaterThan(10);
      for (const route of byPermission) {
        for (const role of ROLE_NAMES) {
          const session = sessions.get(role) as Session;
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: concrete(route.url),
            headers: session.headers,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          });
          const where = `${role} → ${route.method} ${route.url} (${route.access})`;
          if (EXPECTED[role].includes(route.access as Permission)) {
            expect([401, 403], where).not.toContain(res.statusCode);
            expect(res.statusCode, where).toBeLessThan(500);
          } else {
            expect(res.statusCode, where).toBe(403);
            expect(res.json().type, where).toBe('urn:lovit:problem:forbidden');
          }
        }
      }
    });

    it('hides users of another organisation from a reader bound to their own (404, not 403)', async () => {
      const mine = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      const theirs = await makeOrganisation(t.platform, { type: 'MUNICIPALITY' });
      const manager = await makeUser(t.platform, [{ organisationId: mine.id, role: 'sui_manager' }]);
      const colleague = await makeUser(t.platform, [{ organisationId: mine.id, role: 'sui_operator' }]);
      const stranger = await makeUser(t.platform, [{ organisationId: theirs.id, role: 'council_member' }]);
      const session = await signIn(t.app, manager.email);

      expect(
        (await t.app.inject({ url: `/api/users/${colleague.id}`, headers: session.headers })).statusCode,
      ).toBe(200);
      const hidden = await t.app.inject({ url: `/api/users/${stranger.id}`, headers: session.headers });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().type).toBe('urn:lovit:problem:not-found');

      const list = await t.app.inject({ url: '/api/users?pageSize=100', headers: session.headers });
      const ids = list.json().items.map((u: { id: string }) => u.id);
      expect(ids).toEqual(expect.arrayContaining([manager.id, colleague.id]));
      expect(ids).not.toContain(stranger.id);
      const filtered = await t.app.inject({
        url: `/api/users?organisationId=${theirs.id}`,
        headers: session.headers,
      });
      expect(filtered.json().items.map((u: { id: string }) => u.id)).not.toContain(stranger.id);

      const admin = sessions.get('admin') as Session;
      expect(
        (await t.app.inject({ url: `/api/users/${stranger.id}`, headers: admin.headers })).statusCode,
      ).toBe(200);
    });

    it('records who read whose personal data', async () => {
      const admin = sessions.get('admin') as Session;
      const subject = await makeUser(t.platform, [
        { organisationId: admin.view.organisation.id, role: 'mediator' },
      ]);
      await t.app.inject({ url: `/api/users/${subject.id}`, headers: admin.headers });
      const reads = await database.db
        .selectFrom('auditEntry')
        .select(['actorUserId', 'kind', 'action'])
        .where('entityId', '=', subject.id)
        .where('kind', '=', 'access')
        .execute();
      expect(reads).toEqual([
        { actorUserId: admin.view.user.id, kind: 'access', action: 'identity.user.read' },
      ]);
    });
  });
}
