import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { register } from '../src/modules/outreach/events/seats.ts';
import { eventIndicators } from '../src/modules/outreach/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer } from './support/smtp.ts';

type Person = 'comms' | 'manager' | 'amina' | 'oksana' | 'trainee';

const EVENT = {
  kind: 'CONFERENCE',
  title: 'Convegno finale LOVIT',
  summary: 'I risultati del progetto.',
  description: 'Una mattina di interventi.',
  offerHours: 48,
};
const SESSION = {
  label: 'Mattina',
  day: '2026-05-20',
  startTime: '09:30',
  endTime: '13:00',
  venue: 'Sala dei Comuni',
  address: 'Corso Umberto I 40, Lodi',
  accessibility: 'Ingresso senza gradini.',
  capacity: 50,
};

for (const backend of BACKENDS) {
  describe(`interpreters at events on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const sessions = {} as Record<Person, Session>;
    const emails = {} as Record<Person, string>;
    const ids = {} as Record<Person, string>;
    let eventId: string;
    let sessionId: string;
    let assignmentId: string;

    const api = (who: Person, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const mailFor = (to: string, subject: string) =>
      vi.waitFor(
        () => {
          const mail = smtp.inbox.find((m) => m.to.includes(to) && m.subject.startsWith(subject));
          if (!mail) throw new Error(`no e-mail «${subject}» to ${to}`);
          return mail;
        },
        { timeout: 10_000 },
      );
    const assignments = () => database.db.selectFrom('outreachInterpreter').selectAll().execute();
    const auditActions = async (entityId: string) =>
      (
        await database.db
          .selectFrom('auditEntry')
          .select('action')
          .where('entityId', '=', entityId)
          .orderBy('seq')
          .execute()
      ).map((row) => row.action);

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const prefettura = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      const people: [Person, Role][] = [
        ['comms', 'communications'],
        ['manager', 'sui_manager'],
        ['amina', 'mediator'],
        ['oksana', 'mediator'],
        ['trainee', 'trainee'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role }]);
        emails[who] = user.email;
        ids[who] = user.id;
        sessions[who] = await signIn(t.app, user.email);
      }
      for (const [who, languages] of [
        ['amina', ['ar', 'fr']],
        ['oksana', ['uk', 'ru']],
      ] as const)
        expect(
          (await api('manager', 'PUT', `/api/mediators/${ids[who]}/languages`, { languages })).statusCode,
        ).toBe(200);
      eventId = (await api('comms', 'POST', '/api/outreach/events', EVENT)).json().id;
      const withSession = await api('comms', 'POST', `/api/outreach/events/${eventId}/sessions`, SESSION);
      sessionId = withSession.json().sessions[0].id;
      await api('comms', 'PUT', `/api/outreach/events/${eventId}/published`, { published: true });
      for (const [i, language] of ['ar', 'ar', 'ar', 'lis'].entries())
        await register(t.platform, SYSTEM_CALLER, {
          sessionId,
          name: `Ospite ${i}`,
          email: `ospite${i}@example.org`,
          organisation: null,
          organisationType: null,
          language: 'it',
          accessibilityNeeds: null,
          interpretationLanguage: language,
        });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('offers the mediators of the office with their languages, to the staff only, as an audited read', async () => {
      const view = await api('comms', 'GET', `/api/outreach/events/${eventId}/interpreters`);
      expect(view.statusCode).toBe(200);
      expect(view.json()).toEqual({
        assignments: [],
        mediators: expect.arrayContaining([
          { id: ids.amina, name: 'Mario Rossi', languages: ['ar', 'fr'] },
          { id: ids.oksana, name: 'Mario Rossi', languages: ['ru', 'uk'] },
        ]),
      });
      expect(view.json().mediators).toHaveLength(2);
      expect(await auditActions(eventId)).toContain('outreach_event_interpreters.read');
      for (const who of ['amina', 'trainee'] as const)
        expect((await api(who, 'GET', `/api/outreach/events/${eventId}/interpreters`)).statusCode).toBe(403);
    });

    it('refuses a mediator who does not cover a language someone covers, and a language nobody asked for', async () => {
      const wrong = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/interpreters`, {
        language: 'ar',
        mediatorId: ids.oksana,
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.json().errors).toEqual([
        {
          path: 'body.mediatorId',
          message: 'Mario Rossi non copre la lingua arabo: scegliere un mediatore che la copre',
        },
      ]);
      const unasked = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/interpreters`, {
        language: 'uk',
        mediatorId: ids.oksana,
      });
      expect(unasked.json().errors).toEqual([
        {
          path: 'body.language',
          message: 'per questa data nessuno ha chiesto un interprete in questa lingua',
        },
      ]);
      const blank = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/interpreters`, {
        language: '',
        mediatorId: '',
      });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.language', message: 'Campo obbligatorio' },
          { path: 'body.mediatorId', message: 'Campo obbligatorio' },
        ]),
      );
      expect(await assignments()).toEqual([]);
    });

    it('assigns the Arabic mediator with a note; she is told by e-mail with date, place and how many asked', async () => {
      const assigned = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/interpreters`, {
        language: 'ar',
        mediatorId: ids.amina,
        note: 'Arrivare 30 minuti prima',
      });
      expect(assigned.statusCode).toBe(201);
      expect(assigned.json().assignments).toEqual([
        {
          id: expect.any(String),
          sessionId,
          sessionLabel: 'Mattina',
          startsAt: '2026-05-20T07:30:00.000Z',
          language: 'ar',
          mediatorId: ids.amina,
          mediatorName: 'Mario Rossi',
          coversLanguage: true,
          note: 'Arrivare 30 minuti prima',
          assignedAt: '2026-03-02T08:00:00.000Z',
        },
      ]);
      assignmentId = assigned.json().assignments[0].id;
      const mail = await mailFor(
        emails.amina,
        'Incarico di interpretariato: Convegno finale LOVIT – Mattina',
      );
      expect(mail.text).toContain('le è stato assegnato l’interpretariato in arabo');
      expect(mail.text).toContain('Quando: mercoledì 20 maggio 2026');
      expect(mail.text).toContain('09:30');
      expect(mail.text).toContain('Dove: Sala dei Comuni, Corso Umberto I 40, Lodi');
      expect(mail.text).toContain('a oggi 3 persone hanno chiesto l’interprete');
      expect(mail.text).toContain('Indicazioni: Arrivare 30 minuti prima');
      expect(mail.text).toContain('/comunicazione/interpretariato');
      expect(await auditActions(assignmentId)).toEqual(['outreach.interpreter.assign']);
    });

    it('answers 409 to a second assignment of the same session and language, even at the same moment', async () => {
      const again = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/interpreters`, {
        language: 'ar',
        mediatorId: ids.amina,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toMatch(
        /^Per questa lingua e questa data un mediatore è già stato assegnato/,
      );
      const both = await Promise.all(
        [ids.amina, ids.oksana].map((mediatorId) =>
          api('comms', 'POST', `/api/outreach/sessions/${sessionId}/interpreters`, {
            language: 'lis',
            mediatorId,
          }),
        ),
      );
      expect(both.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
      const lis = (await assignments()).filter((row) => row.language === 'lis');
      expect(lis).toHaveLength(1);
      const view = both.find((answer) => answer.statusCode === 201)?.json();
      expect(view.assignments.find((a: { language: string }) => a.language === 'lis')).toMatchObject({
        coversLanguage: false,
      });
    });

    it('shows the mediator her coming sessions with the count, not the names', async () => {
      const mine = await api('amina', 'GET', '/api/outreach/my-interpreting');
      expect(mine.statusCode).toBe(200);
      const arabic = mine.json().find((row: { language: string }) => row.language === 'ar');
      expect(arabic).toEqual({
        id: assignmentId,
        eventTitle: 'Convegno finale LOVIT',
        sessionLabel: 'Mattina',
        startsAt: '2026-05-20T07:30:00.000Z',
        endsAt: '2026-05-20T11:00:00.000Z',
        venue: 'Sala dei Comuni',
        address: 'Corso Umberto I 40, Lodi',
        accessibility: 'Ingresso senza gradini.',
        language: 'ar',
        people: 3,
        note: 'Arrivare 30 minuti prima',
      });
      expect(JSON.stringify(mine.json())).not.toContain('Ospite');
      expect((await api('trainee', 'GET', '/api/outreach/my-interpreting')).statusCode).toBe(403);
      expect((await api('comms', 'GET', '/api/outreach/my-interpreting')).json()).toEqual([]);
    });

    it('tells the mediator of a new note, and both mediators when the assignment passes to another', async () => {
      const noted = await api('comms', 'PUT', `/api/outreach/interpreters/${assignmentId}`, {
        mediatorId: ids.amina,
        note: 'Arrivare alle 9',
      });
      expect(noted.statusCode).toBe(200);
      const changed = await mailFor(emails.amina, 'Incarico di interpretariato modificato');
      expect(changed.text).toContain('Indicazioni: Arrivare alle 9');
      const refused = await api('comms', 'PUT', `/api/outreach/interpreters/${assignmentId}`, {
        mediatorId: ids.oksana,
        note: null,
      });
      expect(refused.statusCode).toBe(422);
      await t.app.inject({
        method: 'PUT',
        url: `/api/mediators/${ids.oksana}/languages`,
        headers: sessions.manager.headers,
        payload: { languages: ['ar', 'uk'] },
      });
      const passed = await api('comms', 'PUT', `/api/outreach/interpreters/${assignmentId}`, {
        mediatorId: ids.oksana,
        note: null,
      });
      expect(passed.statusCode).toBe(200);
      expect(passed.json().assignments.find((a: { id: string }) => a.id === assignmentId)).toMatchObject({
        mediatorId: ids.oksana,
        note: null,
      });
      const removed = await mailFor(emails.amina, 'Incarico di interpretariato annullato');
      expect(removed.text).toContain('non deve presentarsi');
      expect(removed.text).not.toContain('persone hanno chiesto');
      await mailFor(emails.oksana, 'Incarico di interpretariato: Convegno finale LOVIT');
      expect(await auditActions(assignmentId)).toEqual([
        'outreach.interpreter.assign',
        'outreach.interpreter.change',
        'outreach.interpreter.change',
      ]);
    });

    it('removes an assignment, telling the mediator; a removed one answers 404 and a past session 409', async () => {
      const gone = await api('comms', 'DELETE', `/api/outreach/interpreters/${assignmentId}`);
      expect(gone.statusCode).toBe(200);
      expect(gone.json().assignments.map((a: { language: string }) => a.language)).toEqual(['lis']);
      await vi.waitFor(
        () =>
          expect(
            smtp.inbox.filter(
              (m) =>
                m.to.includes(emails.oksana) && m.subject.startsWith('Incarico di interpretariato annullato'),
            ),
          ).toHaveLength(1),
        { timeout: 10_000 },
      );
      expect((await api('comms', 'DELETE', `/api/outreach/interpreters/${assignmentId}`)).statusCode).toBe(
        404,
      );
      expect(await auditActions(assignmentId)).toContain('outreach.interpreter.remove');
      // the interpretation given counts once the session has been held: the sign language one that stayed
      expect((await eventIndicators(t.platform)).interpretationGiven).toBe(0);
      t.clock.set('2026-05-21T09:00:00+02:00');
      expect((await eventIndicators(t.platform)).interpretationGiven).toBe(1);
      for (const who of ['comms', 'oksana'] as const) sessions[who] = await signIn(t.app, emails[who]);
      const late = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/interpreters`, {
        language: 'ar',
        mediatorId: ids.amina,
      });
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toBe(
        'La data è già passata: gli incarichi restano come sono stati registrati.',
      );
      expect((await api('oksana', 'GET', '/api/outreach/my-interpreting')).json()).toEqual([]);
      t.clock.set('2026-03-02T09:00:00+01:00');
    });
  });
}
