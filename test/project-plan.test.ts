import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/cli/demo.ts';
import { loadDemoProject } from '../src/cli/demo-project.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { type FilePart, makePdf, makeZip, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

type Person = 'pm' | 'supervisor' | 'auditor' | 'outsider';

const PROJECT = {
  code: 'PROG-3858',
  acronym: 'LO.V.I.T.',
  title: 'Lodi verso l’integrazione territoriale',
  programme: 'FAMI_2014_2020',
  objective: 'OS2 – ON 2.3 Capacity building',
  cup: 'f79i22002140006',
  startsOn: '2025-10-01',
  endsOn: '2027-06-30',
};

// the test clock reads 2 March 2026
const ACTIVITY = {
  kind: 'ACTIVITY',
  code: 'A2.1',
  title: 'Nuovo modello dello scambio di pareri',
  owner: 'Responsabile SUI',
  plannedStart: '2025-11-01',
  plannedEnd: '2026-02-20',
  actualStart: '2025-11-03',
  actualEnd: null,
  status: 'IN_PROGRESS',
  risks: 'Tempi della Questura',
  mitigation: 'Incontri mensili',
};

const fieldsOf = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

for (const backend of BACKENDS) {
  describe(`the project plan on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<Person, Session>;
    let prefectureId: string;
    let partnerId: string;
    let projectId: string;
    let packageId: string;
    let itemId: string;

    const call = (
      who: Person | null,
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      payload?: object,
    ) =>
      t.app.inject({
        method,
        url,
        headers: who ? sessions[who].headers : {},
        ...(payload ? { payload } : {}),
      });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
      prefectureId = prefecture.id;
      partnerId = coop.id;
      const people: [Person, 'project_manager' | 'project_supervisor' | 'auditor' | 'questura_officer'][] = [
        ['pm', 'project_manager'],
        ['supervisor', 'project_supervisor'],
        ['auditor', 'auditor'],
        ['outsider', 'questura_officer'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role }]);
        sessions[who] = await signIn(t.app, user.email);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('lets the project manager register a project, refusing a reversed period, a bad CUP and a second code', async () => {
      const reversed = await call('pm', 'POST', '/api/project/projects', {
        ...PROJECT,
        endsOn: '2025-01-01',
      });
      expect(reversed.statusCode).toBe(422);
      expect(reversed.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(reversed.json())).toEqual(['endsOn']);
      const badCup = await call('pm', 'POST', '/api/project/projects', { ...PROJECT, cup: 'F79I2' });
      expect(badCup.statusCode).toBe(400);
      expect(badCup.body).toContain('Il CUP è di 15 caratteri');

      const created = await call('pm', 'POST', '/api/project/projects', PROJECT);
      expect(created.statusCode, created.body).toBe(201);
      projectId = created.json().id;
      expect(created.json()).toMatchObject({
        cup: 'F79I22002140006',
        workPackages: [],
        can: { manage: true },
      });
      const again = await call('pm', 'POST', '/api/project/projects', PROJECT);
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('Esiste già un progetto con il codice PROG-3858.');
    });

    it('keeps one lead beneficiary and refuses an organisation that does not exist', async () => {
      const lead = await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: prefectureId,
        role: 'LEAD',
        tasks: 'Coordinamento',
      });
      expect(lead.statusCode, lead.body).toBe(200);
      const secondLead = await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: partnerId,
        role: 'LEAD',
      });
      expect(secondLead.statusCode).toBe(409);
      expect(secondLead.json().detail).toContain('Prefettura di Lodi');
      const unknown = await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: '0190a1b2-0000-7000-8000-000000000000',
        role: 'PARTNER',
      });
      expect(unknown.statusCode).toBe(422);
      expect(fieldsOf(unknown.json())).toEqual(['organisationId']);
      const partner = await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: partnerId,
        role: 'PARTNER',
      });
      expect(
        partner.json().partners.map((p: { name: string; role: string }) => `${p.name}:${p.role}`),
      ).toEqual(['Prefettura di Lodi:LEAD', 'Cooperativa LULE:PARTNER']);
      expect(partner.json().lead).toBe('Prefettura di Lodi');
      // a correction keeps in the audit trail what it replaced
      await call('pm', 'PUT', `/api/project/projects/${projectId}/partners`, {
        organisationId: partnerId,
        role: 'PARTNER',
        tasks: 'Mediazione linguistico-culturale',
      });
      const [corrected] = await database.db
        .selectFrom('auditEntry')
        .select('data')
        .where('action', '=', 'project.partner.set')
        .orderBy('seq', 'desc')
        .limit(1)
        .execute();
      expect(corrected?.data).toEqual({
        before: { tasks: null },
        after: { tasks: 'Mediazione linguistico-culturale' },
      });
    });

    it('lets the supervisor plan work packages and items, not the project; the auditor only reads', async () => {
      const denied = await call('supervisor', 'POST', '/api/project/projects', { ...PROJECT, code: 'ALTRO' });
      expect(denied.statusCode).toBe(403);
      const wp = await call('supervisor', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'wp 2',
        title: 'Sportello unico e scambio con la Questura',
        leadOrganisationId: prefectureId,
      });
      expect(wp.statusCode, wp.body).toBe(201);
      packageId = wp.json().workPackages[0].id;
      expect(wp.json().workPackages[0]).toMatchObject({ code: 'WP2', lead: 'Prefettura di Lodi' });
      const twice = await call('pm', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'WP2',
        title: 'Doppione',
      });
      expect(twice.statusCode).toBe(409);
      const badCode = await call('pm', 'POST', `/api/project/projects/${projectId}/work-packages`, {
        code: 'Pacchetto',
        title: 'Senza numero',
      });
      expect(badCode.statusCode).toBe(400);

      expect((await call('auditor', 'GET', `/api/project/projects/${projectId}`)).statusCode).toBe(200);
      expect(
        (await call('auditor', 'POST', `/api/project/work-packages/${packageId}/items`, ACTIVITY)).statusCode,
      ).toBe(403);
      expect((await call('outsider', 'GET', '/api/project/projects')).statusCode).toBe(403);
      expect((await call(null, 'GET', '/api/project/projects')).statusCode).toBe(401);
    });

    it('checks an item’s dates against the project and its status, and shows how late it is', async () => {
      const outside = await call('supervisor', 'POST', `/api/project/work-packages/${packageId}/items`, {
        ...ACTIVITY,
        plannedStart: '2025-09-01',
      });
      expect(outside.statusCode).toBe(422);
      expect(fieldsOf(outside.json())).toEqual(['plannedStart']);
      const doneWithoutEnd = await call(
        'supervisor',
        'POST',
        `/api/project/work-packages/${packageId}/items`,
        {
          ...ACTIVITY,
          status: 'DONE',
        },
      );
      expect(fieldsOf(doneWithoutEnd.json())).toEqual(['actualEnd']);

      const created = await call(
        'supervisor',
        'POST',
        `/api/project/work-packages/${packageId}/items`,
        ACTIVITY,
      );
      expect(created.statusCode, created.body).toBe(201);
      const [item] = created.json().workPackages[0].items;
      itemId = item.id;
      // planned to end on 20 February, still running on 2 March
      expect(item).toMatchObject({ progress: 'LATE', lateDays: 10 });
      expect(created.json().lateItems).toBe(1);
      const milestone = await call('pm', 'POST', `/api/project/work-packages/${packageId}/items`, {
        kind: 'MILESTONE',
        code: 'M2.1',
        title: 'Scambio firmato in esercizio',
        plannedStart: '2026-06-01',
        plannedEnd: '2026-06-01',
        status: 'PLANNED',
      });
      expect(milestone.statusCode, milestone.body).toBe(201);

      const list = (await call('auditor', 'GET', '/api/project/projects')).json();
      expect(list).toEqual([expect.objectContaining({ code: 'PROG-3858', workPackages: 1, lateItems: 1 })]);

      const svg = await call('auditor', 'GET', `/api/project/projects/${projectId}/timeline.svg`);
      expect(svg.headers['content-type']).toContain('image/svg+xml');
      expect(svg.body).toContain('A2.1 Nuovo modello dello scambio di pareri');
      expect(svg.body).toContain('M2.1 Scambio firmato in esercizio');
      expect(svg.body).toContain('+10 gg');
      expect(svg.body).toContain('oggi');
    });

    it('finishes an item, refuses to remove one begun, and keeps the project from shrinking past its plan', async () => {
      const finished = await call('pm', 'PUT', `/api/project/items/${itemId}`, {
        ...ACTIVITY,
        status: 'DONE',
        actualEnd: '2026-02-25',
      });
      expect(finished.statusCode, finished.body).toBe(200);
      expect(finished.json().workPackages[0].items[0]).toMatchObject({ progress: 'DONE', lateDays: 5 });
      expect((await call('pm', 'DELETE', `/api/project/items/${itemId}`)).statusCode).toBe(409);

      const shrink = await call('pm', 'PUT', `/api/project/projects/${projectId}`, {
        ...PROJECT,
        startsOn: '2025-12-01',
        endsOn: '2026-05-31',
      });
      expect(shrink.statusCode).toBe(422);
      expect(fieldsOf(shrink.json())).toEqual(['startsOn', 'endsOn']);
    });

    it('lets the supervisor write one note a month, not for a month to come', async () => {
      const future = await call('supervisor', 'PUT', `/api/project/work-packages/${packageId}/notes`, {
        month: '2026-04',
        text: 'Troppo presto',
      });
      expect(future.statusCode).toBe(422);
      expect(fieldsOf(future.json())).toEqual(['month']);
      expect(
        (
          await call('pm', 'PUT', `/api/project/work-packages/${packageId}/notes`, {
            month: '2026-02',
            text: 'x',
          })
        ).statusCode,
      ).toBe(403);
      await call('supervisor', 'PUT', `/api/project/work-packages/${packageId}/notes`, {
        month: '2026-02',
        text: 'Prima stesura',
      });
      const corrected = await call('supervisor', 'PUT', `/api/project/work-packages/${packageId}/notes`, {
        month: '2026-02',
        text: 'Il modello è in prova con la Questura.',
      });
      expect(corrected.statusCode, corrected.body).toBe(200);
      expect(corrected.json().workPackages[0].notes).toEqual([
        expect.objectContaining({ month: '2026-02', text: 'Il modello è in prova con la Questura.' }),
      ]);
      const actions = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', 'like', 'project.%')
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'project.project.create',
        'project.partner.set',
        'project.partner.set',
        'project.partner.set',
        'project.work-package.create',
        'project.item.create',
        'project.item.create',
        'project.item.update',
        'project.note.create',
        'project.note.update',
      ]);
    });

    it('keeps files with a month’s note: the supervisor attaches and removes them, everyone reads them', async () => {
      const project = await call('auditor', 'GET', `/api/project/projects/${projectId}`);
      const noteId = project.json().workPackages[0].notes[0].id;
      const upload = async (who: Person, file: FilePart) => {
        const body = await multipartBody({}, file);
        return t.app.inject({
          method: 'POST',
          url: `/api/project/notes/${noteId}/attachments`,
          headers: { ...sessions[who].headers, ...body.headers },
          payload: body.payload,
        });
      };
      const pdf = await makePdf('Verbale della riunione con la Questura');
      const attached = await upload('supervisor', { content: pdf, name: 'verbale febbraio.pdf' });
      expect(attached.statusCode, attached.body).toBe(201);
      expect(attached.json()).toMatchObject({
        fileName: 'verbale febbraio.pdf',
        mediaType: 'application/pdf',
      });
      expect((await upload('pm', { content: PNG, name: 'foto.png' })).statusCode).toBe(403);
      const zip = await upload('supervisor', {
        content: makeZip('a.txt', Buffer.from('x')),
        name: 'finto.pdf',
      });
      expect(zip.statusCode).toBe(415);
      expect(fieldsOf(zip.json())).toEqual(['file']);

      const listed = await call('auditor', 'GET', `/api/project/projects/${projectId}`);
      expect(listed.json().workPackages[0].notes[0].attachments).toEqual([
        expect.objectContaining({ id: attached.json().id, fileName: 'verbale febbraio.pdf' }),
      ]);
      const url = `/api/project/notes/${noteId}/attachments/${attached.json().id}`;
      const download = await call('auditor', 'GET', url);
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(pdf)).toBe(true);
      expect((await call('outsider', 'GET', url)).statusCode).toBe(403);
      expect((await call('pm', 'DELETE', url)).statusCode).toBe(403);
      expect((await call('supervisor', 'DELETE', url)).statusCode).toBe(204);
      expect((await call('supervisor', 'DELETE', url)).statusCode).toBe(404);
      expect((await call('auditor', 'GET', url)).statusCode).toBe(404);
      const trail = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', 'in', ['project.note.attach', 'project.note.detach', 'project_note_attachment.read'])
        .orderBy('seq')
        .execute();
      expect(trail.map((e) => e.action)).toEqual([
        'project.note.attach',
        'project_note_attachment.read',
        'project.note.detach',
      ]);
    });

    // once: the demo's users and offices take seconds to create
    it.runIf(backend === BACKENDS.at(-1))('loads the demo projects through the same use cases', async () => {
      const demo = await openTestDatabase(backend);
      try {
        const platform = { database: demo, clock: t.clock, config: t.platform.config };
        await loadDemoData(platform);
        await loadDemoProject(platform);
        const projects = await demo.db
          .selectFrom('project')
          .select(['code', 'endsOn'])
          .orderBy('code')
          .execute();
        expect(projects.map((p) => p.code)).toEqual(['LOVIT-2', 'PROG-3858']);
        const late = await demo.db
          .selectFrom('projectItem')
          .select('code')
          .where('status', '=', 'IN_PROGRESS')
          .where('plannedEnd', '<', '2026-03-02')
          .execute();
        expect(late.map((i) => i.code)).toEqual(['A2.2']);
        expect(await demo.db.selectFrom('projectProgressNote').select('month').execute()).toEqual([
          { month: '2026-02-01' },
        ]);
      } finally {
        await demo.dispose();
      }
    });
  });
}
