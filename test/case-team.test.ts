import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { setQuota } from './support/intake.ts';

const TUESDAY_NINE = '2026-03-03T09:00:00+01:00';

for (const backend of BACKENDS) {
  describe(`the cooperative's team seconded to the SUI on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let prefecture: { id: string };
    let cooperative: { id: string; name: string };
    let admin: Session;
    let manager: Session;
    let operator: Session;
    let deskId: string;
    let applications = 0;

    const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

    /** A member of the cooperative, seconded to the Prefettura by the administrator, signed in. */
    async function seconded(role: 'legal_expert' | 'mediator') {
      const user = await makeUser(t.platform, [{ organisationId: cooperative.id, role }]);
      const set = await call(admin, 'PUT', `/api/users/${user.id}/memberships`, {
        memberships: [
          { organisationId: cooperative.id, role },
          { organisationId: prefecture.id, role, secondedFrom: cooperative.id },
        ],
      });
      expect(set.statusCode).toBe(200);
      return { id: user.id, session: await signIn(t.app, user.email) };
    }

    const newCase = async () => {
      const created = await call(manager, 'POST', '/api/cases', workPermitApplication(8000 + applications++));
      expect(created.statusCode).toBe(201);
      return created.json() as { id: string; number: string };
    };

    const profile = (session: Session, userId: string, payload: object) =>
      call(session, 'PUT', `/api/mediators/${userId}/profile`, payload);

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
      cooperative = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
      const member = async (role: 'admin' | 'sui_manager' | 'sui_operator') =>
        signIn(t.app, (await makeUser(t.platform, [{ organisationId: prefecture.id, role }])).email);
      admin = await member('admin');
      manager = await member('sui_manager');
      operator = await member('sui_operator');
      await setQuota(t.app, manager, 100);
      const desk = await call(manager, 'POST', '/api/desks', {
        name: 'Sportello 1',
        place: 'Prefettura di Lodi, piano terra',
        openings: [1, 2, 3, 4, 5].map((weekday) => ({
          weekday,
          opens: '09:00',
          closes: '12:00',
          slotMinutes: 30,
        })),
      });
      expect(desk.statusCode).toBe(201);
      deskId = desk.json().id;
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('refuses a secondment that would give more than the legal expert’s or a mediator’s powers', async () => {
      const user = await makeUser(t.platform, [{ organisationId: cooperative.id, role: 'legal_expert' }]);
      const refused = await call(admin, 'PUT', `/api/users/${user.id}/memberships`, {
        memberships: [
          { organisationId: cooperative.id, role: 'legal_expert' },
          { organisationId: prefecture.id, role: 'sui_manager', secondedFrom: cooperative.id },
        ],
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors).toEqual([
        {
          path: 'memberships.1.secondedFrom',
          message: 'solo l’esperto legale e i mediatori possono lavorare in distacco',
        },
      ]);
      const memberships = await database.db
        .selectFrom('membership')
        .select('role')
        .where('userId', '=', user.id)
        .execute();
      expect(memberships).toEqual([{ role: 'legal_expert' }]);
    });

    it('lets the seconded legal expert answer the SUI’s questions, and nothing more', async () => {
      const expert = await seconded('legal_expert');
      expect(expert.session.view.organisation.id).toBe(prefecture.id);
      expect(expert.session.view.roles).toEqual(['legal_expert']);
      expect(expert.session.view.memberships).toContainEqual(
        expect.objectContaining({ organisationId: prefecture.id, secondedFrom: cooperative.name }),
      );
      const kase = await newCase();
      const asked = await call(operator, 'POST', `/api/cases/${kase.id}/questions`, {
        question: 'Il datore di lavoro ha cambiato sede: la competenza resta a questo Sportello?',
      });
      expect(asked.statusCode).toBe(201);
      const queue = await call(expert.session, 'GET', '/api/legal-questions?open=true');
      expect(queue.json().map((q: { caseNumber: string }) => q.caseNumber)).toEqual([kase.number]);
      expect((await call(expert.session, 'GET', `/api/cases/${kase.id}`)).statusCode).toBe(200);
      const answered = await call(expert.session, 'POST', `/api/legal-questions/${asked.json().id}/answer`, {
        answer: 'Sì: conta la sede al momento della domanda.',
      });
      expect(answered.statusCode).toBe(200);
      for (const [method, url] of [
        ['POST', `/api/cases/${kase.id}/questions`],
        ['POST', '/api/desks'],
      ] as const)
        expect(
          (await call(expert.session, method, url, { question: 'Una domanda qualsiasi' })).statusCode,
        ).toBe(403);
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('data')
        .where('entityId', '=', expert.id)
        .where('action', '=', 'identity.user.memberships')
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(audit.data)).toContain(`distacco da ${cooperative.id}`);
    });

    /** The ids of the cases on a user's worklist, open and closed. */
    const worklistIds = async (session: Session) => {
      const list = await call(session, 'GET', '/api/cases?closed=all&pageSize=100');
      expect(list.statusCode).toBe(200);
      return list.json().items.map((item: { id: string }) => item.id) as string[];
    };

    /** The status of each read of a case a user may try. */
    const caseReads = async (session: Session, caseId: string) => {
      const status: Record<string, number> = {};
      for (const path of ['', '/receipt', '/appointments', '/questions'])
        status[path || 'case'] = (await call(session, 'GET', `/api/cases/${caseId}${path}`)).statusCode;
      return status;
    };

    const readsAudited = (userId: string, caseId: string) =>
      database.db
        .selectFrom('auditEntry')
        .select('id')
        .where('actorUserId', '=', userId)
        .where('entityId', '=', caseId)
        .where('action', '=', 'case.read')
        .execute();

    it('shows the legal expert only the cases behind the questions put to them, from the question on', async () => {
      const expert = await seconded('legal_expert');
      const [asked, untouched] = [await newCase(), await newCase()];
      expect(await caseReads(expert.session, asked.id)).toEqual({
        case: 404,
        '/receipt': 404,
        '/appointments': 404,
        '/questions': 404,
      });
      expect(await worklistIds(expert.session)).not.toContain(asked.id);
      expect(
        (
          await call(operator, 'POST', `/api/cases/${asked.id}/questions`, {
            question: 'Serve il parere dell’Ispettorato per un contratto a tempo parziale?',
          })
        ).statusCode,
      ).toBe(201);
      expect(await caseReads(expert.session, asked.id)).toEqual({
        case: 200,
        '/receipt': 200,
        '/appointments': 200,
        '/questions': 200,
      });
      const whole = (await call(expert.session, 'GET', `/api/cases/${asked.id}`)).json();
      expect(whole.parties.length).toBeGreaterThan(0);
      expect(whole.timeline.length).toBeGreaterThan(0);
      const listed = await worklistIds(expert.session);
      expect(listed).toContain(asked.id);
      expect(listed).not.toContain(untouched.id);
      expect((await call(expert.session, 'GET', `/api/cases/${untouched.id}`)).statusCode).toBe(404);
      expect(await readsAudited(expert.id, asked.id)).not.toHaveLength(0);
      expect(await readsAudited(expert.id, untouched.id)).toHaveLength(0);
      // The opinions between offices name the worker and the employer of every case: not the expert's work.
      for (const url of ['/api/opinions', '/api/opinions/01900000-0000-7000-8000-000000000000'])
        expect((await call(expert.session, 'GET', url)).statusCode).toBe(403);
    });

    it('shows a mediator only the heading and appointments of the cases they are booked for', async () => {
      const mediator = await seconded('mediator');
      const colleague = await seconded('mediator');
      const [mine, theirs, none] = [await newCase(), await newCase(), await newCase()];
      const book = (caseId: string, startsAt: string, mediatorId: string) =>
        call(operator, 'POST', `/api/cases/${caseId}/appointments`, {
          deskId,
          startsAt,
          purpose: 'INTERVIEW',
          mediatorId,
        });
      const booked = await book(mine.id, '2026-03-04T09:00:00+01:00', mediator.id);
      expect(booked.statusCode).toBe(201);
      expect((await book(theirs.id, '2026-03-04T09:30:00+01:00', colleague.id)).statusCode).toBe(201);

      expect(await caseReads(mediator.session, mine.id)).toEqual({
        case: 200,
        '/receipt': 404,
        '/appointments': 200,
        '/questions': 404,
      });
      const heading = (await call(mediator.session, 'GET', `/api/cases/${mine.id}`)).json();
      expect(heading).toMatchObject({ number: mine.number, language: 'en', parties: [], documents: [] });
      expect(heading.title).not.toBe('');
      expect(heading).toMatchObject({ timeline: [], opinions: [], outcomes: [], deadline: null });
      // The office's term and who works the case are the office's, not the heading's (decision 049).
      expect(heading).toMatchObject({ dueOn: null, deadlineStatus: null, assignee: null });
      const rows = (await call(mediator.session, 'GET', '/api/cases?closed=all')).json().items;
      expect(rows).toMatchObject([{ id: mine.id, dueOn: null, deadlineStatus: null, assignee: null }]);
      const operatorRows = (await call(operator, 'GET', `/api/cases?q=${mine.number}`)).json().items;
      expect(operatorRows[0].dueOn).not.toBeNull();
      // Filtering by what the heading hides would tell it: refused, each filter on its field.
      const filtered = await call(
        mediator.session,
        'GET',
        '/api/cases?deadline=OVERDUE&assignee=none&awaitingOpinions=true',
      );
      expect(filtered.statusCode).toBe(422);
      expect(filtered.headers['content-type']).toContain('application/problem+json');
      expect(filtered.json().errors.map((e: { path: string }) => e.path)).toEqual([
        'querystring.assignee',
        'querystring.deadline',
        'querystring.awaitingOpinions',
      ]);
      expect((await call(mediator.session, 'GET', '/api/cases?language=en')).statusCode).toBe(200);
      for (const other of [theirs, none])
        expect(await caseReads(mediator.session, other.id)).toEqual({
          case: 404,
          '/receipt': 404,
          '/appointments': 404,
          '/questions': 404,
        });
      expect(await worklistIds(mediator.session)).toEqual([mine.id]);
      const agenda = await call(mediator.session, 'GET', '/api/appointments?from=2026-03-04&to=2026-03-04');
      expect(agenda.json().map((a: { caseId: string }) => a.caseId)).toEqual([mine.id]);
      const [theirAppointment] = (await call(operator, 'GET', `/api/cases/${theirs.id}/appointments`)).json();
      expect(
        (await call(mediator.session, 'GET', `/api/appointments/${theirAppointment.id}`)).statusCode,
      ).toBe(404);
      expect((await call(mediator.session, 'GET', '/api/legal-questions')).json()).toEqual([]);
      expect(await readsAudited(mediator.id, mine.id)).not.toHaveLength(0);

      // The operator still sees every case in full.
      expect((await call(operator, 'GET', `/api/cases/${none.id}`)).json().parties.length).toBeGreaterThan(0);

      const ownBefore = await call(
        mediator.session,
        'GET',
        '/api/appointments/mine?from=2026-03-01&to=2026-03-31',
      );
      expect(ownBefore.json().map((a: { caseId: string }) => a.caseId)).toEqual([mine.id]);
      const cancelled = await call(operator, 'POST', `/api/appointments/${booked.json().id}/cancel`, {
        reason: 'Il richiedente ha chiesto un altro giorno',
      });
      expect(cancelled.statusCode).toBe(200);
      expect((await call(mediator.session, 'GET', `/api/cases/${mine.id}`)).statusCode).toBe(404);
      expect(await worklistIds(mediator.session)).toEqual([]);
      // A booking cancelled no longer counts: their own list keeps neither it nor the applicant's address.
      const own = await call(mediator.session, 'GET', '/api/appointments/mine?from=2026-03-01&to=2026-03-31');
      expect(own.statusCode).toBe(200);
      expect(own.json()).toEqual([]);
    });

    it('lets a mediator keep their profile, the manager any mediator’s, and names the field at fault', async () => {
      const mediator = await seconded('mediator');
      const other = await seconded('mediator');
      const invalid = await profile(mediator.session, mediator.id, {
        languages: [{ language: 'ar' }],
        availability: [{ weekday: 2, from: '13:00', to: '09:00' }],
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.languages.0.level', message: 'Indicare il livello' },
          { path: 'body.availability.0.to', message: 'L’orario di fine deve venire dopo quello di inizio' },
        ]),
      );
      const saved = await profile(mediator.session, mediator.id, {
        languages: [
          { language: 'fr', level: 'C1' },
          { language: 'ar', level: 'NATIVE' },
        ],
        availability: [{ weekday: 2, from: '09:00', to: '12:00' }],
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({
        secondedFrom: cooperative.name,
        languages: [
          { language: 'ar', level: 'NATIVE' },
          { language: 'fr', level: 'C1' },
        ],
        availability: [{ weekday: 2, from: '09:00', to: '12:00' }],
      });
      expect(
        (await profile(mediator.session, other.id, { languages: [], availability: [] })).statusCode,
      ).toBe(403);
      const byManager = await profile(manager, other.id, {
        languages: [{ language: 'uk', level: 'NATIVE' }],
        availability: [],
      });
      expect(byManager.statusCode).toBe(200);
      const read = await call(operator, 'GET', `/api/mediators/${other.id}/profile`);
      expect(read.json().languages).toEqual([{ language: 'uk', level: 'NATIVE' }]);
    });

    it('keeps one profile per person, shared by every office the mediator works in', async () => {
      const office = async (name: string) => {
        const organisation = await makeOrganisation(t.platform, { type: 'PREFECTURE', name });
        const user = await makeUser(t.platform, [{ organisationId: organisation.id, role: 'sui_manager' }]);
        return signIn(t.app, user.email);
      };
      const [cremona, pavia] = [await office('Prefettura di Cremona'), await office('Prefettura di Pavia')];
      const person = await makeUser(t.platform, [{ organisationId: cooperative.id, role: 'mediator' }]);
      const set = await call(admin, 'PUT', `/api/users/${person.id}/memberships`, {
        memberships: [
          { organisationId: cooperative.id, role: 'mediator' },
          { organisationId: prefecture.id, role: 'mediator', secondedFrom: cooperative.id },
          { organisationId: cremona.view.organisation.id, role: 'mediator', secondedFrom: cooperative.id },
        ],
      });
      expect(set.statusCode).toBe(200);
      const arabic = { languages: [{ language: 'ar', level: 'NATIVE' }], availability: [] };
      expect((await profile(manager, person.id, arabic)).statusCode).toBe(200);
      const seenInCremona = await call(cremona, 'GET', `/api/mediators/${person.id}/profile`);
      expect(seenInCremona.json()).toMatchObject({
        languages: [{ language: 'ar', level: 'NATIVE' }],
        offices: ['Cooperativa LULE', 'Prefettura di Cremona', 'Prefettura di Lodi'],
      });
      const ukrainian = { languages: [{ language: 'uk', level: 'C1' }], availability: [] };
      expect((await profile(cremona, person.id, ukrainian)).statusCode).toBe(200);
      const seenInLodi = await call(operator, 'GET', `/api/mediators/${person.id}/profile`);
      expect(seenInLodi.json().languages).toEqual([{ language: 'uk', level: 'C1' }]);
      // A manager of an office the mediator does not work in neither reads nor changes the profile.
      expect((await profile(pavia, person.id, arabic)).statusCode).toBe(404);
      expect((await call(pavia, 'GET', `/api/mediators/${person.id}/profile`)).statusCode).toBe(404);
      const changes = await database.db
        .selectFrom('auditEntry')
        .select(['data', 'organisationId'])
        .where('entityId', '=', person.id)
        .where('action', '=', 'cases.mediator.profile')
        .orderBy('seq')
        .execute();
      expect(changes.map((change) => change.organisationId)).toEqual([
        prefecture.id,
        cremona.view.organisation.id,
      ]);
      expect(JSON.stringify(changes[1]?.data)).toContain('Prefettura di Lodi');
    });

    it('proposes the mediators who speak the applicant’s language and are free, and says why not the others', async () => {
      const [free, mondays, busy, ukrainian] = [
        await seconded('mediator'),
        await seconded('mediator'),
        await seconded('mediator'),
        await seconded('mediator'),
      ];
      const languages = (language: string) => [{ language, level: 'NATIVE' }];
      for (const [who, language, availability] of [
        [free, 'en', []],
        [mondays, 'en', [{ weekday: 1, from: '09:00', to: '12:00' }]],
        [busy, 'en', []],
        [ukrainian, 'uk', []],
      ] as const)
        expect(
          (await profile(manager, who.id, { languages: languages(language), availability })).statusCode,
        ).toBe(200);
      const earlier = await newCase();
      const booked = await call(operator, 'POST', `/api/cases/${earlier.id}/appointments`, {
        deskId,
        startsAt: TUESDAY_NINE,
        purpose: 'CONTRACT_SIGNATURE',
        documentsToBring: ['Passaporto'],
        mediatorId: busy.id,
      });
      expect(booked.statusCode).toBe(201);

      // The worker of the test applications prefers English.
      const kase = await newCase();
      const proposals = await call(
        operator,
        'GET',
        `/api/cases/${kase.id}/mediator-proposals?deskId=${deskId}&startsAt=${encodeURIComponent(TUESDAY_NINE)}`,
      );
      expect(proposals.statusCode).toBe(200);
      const body = proposals.json();
      expect(body.language).toBe('en');
      expect(body.proposed.map((m: { id: string }) => m.id)).toEqual([free.id]);
      const reasons = Object.fromEntries(
        body.notProposed.map((m: { id: string; reason: string }) => [m.id, m.reason]),
      );
      expect(reasons[mondays.id]).toBe('Non disponibile martedì dalle 9:00 alle 9:30');
      expect(reasons[busy.id]).toBe('Ha già un appuntamento in quell’orario');
      expect(reasons[ukrainian.id]).toBe('Non parla inglese');

      const refused = await call(operator, 'POST', `/api/cases/${kase.id}/appointments`, {
        deskId,
        startsAt: TUESDAY_NINE,
        purpose: 'CONTRACT_SIGNATURE',
        documentsToBring: ['Passaporto'],
        mediatorId: mondays.id,
      });
      expect(refused.statusCode).toBe(409);
      const wrongTime = await call(
        operator,
        'GET',
        `/api/cases/${kase.id}/mediator-proposals?deskId=${deskId}&startsAt=${encodeURIComponent('2026-03-03T09:10:00+01:00')}`,
      );
      expect(wrongTime.statusCode).toBe(422);
      expect(wrongTime.json().errors[0].path).toBe('query.startsAt');
      const proposalsFor = (startsAt: string, language = 'en') =>
        call(
          operator,
          'GET',
          `/api/cases/${kase.id}/mediator-proposals?deskId=${deskId}&startsAt=${encodeURIComponent(startsAt)}&language=${language}`,
        );
      const unknown = await proposalsFor(TUESDAY_NINE, 'xx');
      expect(unknown.statusCode).toBe(400);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      expect(unknown.json().errors).toEqual([
        { path: 'querystring.language', message: 'Scegliere una lingua dall’elenco' },
      ]);
      for (const past of ['1900-01-01T10:00:00Z', '2026-03-02T08:30:00+01:00']) {
        const refused = await proposalsFor(past);
        expect(refused.statusCode).toBe(422);
        expect(refused.json().errors).toEqual([
          { path: 'query.startsAt', message: 'L’orario scelto è già passato' },
        ]);
      }
    });
  });
}
