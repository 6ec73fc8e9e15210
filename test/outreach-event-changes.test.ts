import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { register } from '../src/modules/outreach/events/seats.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer } from './support/smtp.ts';

const EVENT = {
  kind: 'WORKSHOP',
  title: 'Laboratorio di scrittura',
  summary: 'Tre pomeriggi di scrittura con le mediatrici.',
  description: 'Un laboratorio in tre date: ci si iscrive a una.',
  offerHours: 24,
};
const SESSION = {
  label: 'Primo pomeriggio',
  day: '2026-05-06',
  startTime: '15:00',
  endTime: '17:00',
  venue: 'Biblioteca Laudense',
  address: 'Via Solferino 72, Lodi',
  accessibility: 'Ascensore e servizi accessibili.',
  capacity: 1,
};
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

for (const backend of BACKENDS) {
  describe(`changes to a registration on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let comms: Session;
    let eventId: string;
    let firstId: string;
    let secondId: string;
    let thirdId: string;

    const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: comms.headers, ...(payload ? { payload } : {}) });
    const form = (url: string, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: FORM_HEADERS,
        payload: new URLSearchParams(fields).toString(),
      });
    const registerAs = async (name: string, email: string, sessionId: string) => {
      const answer = await form(`/portale/it/eventi/${eventId}`, {
        sessionId,
        name,
        email,
        language: 'it',
        consent: 'yes',
      });
      expect(answer.statusCode).toBe(303);
      return answer.headers.location as string;
    };
    const mailFor = (to: string, subject: string) =>
      vi.waitFor(
        () => {
          const mail = smtp.inbox.find((m) => m.to.includes(to) && m.subject.includes(subject));
          if (!mail) throw new Error(`no e-mail «${subject}» to ${to}`);
          return mail;
        },
        { timeout: 10_000 },
      );
    const statusOf = async (email: string) =>
      database.db
        .selectFrom('outreachRegistration')
        .select(['sessionId', 'status', 'ticketCode'])
        .where('email', '=', email)
        .where('status', '!=', 'CANCELLED')
        .executeTakeFirst();
    const moveTo = (ticket: string, sessionId: string) =>
      form(ticket.replace('/biglietto?', '/biglietto/cambia?').replace(/&nuova=1$/, ''), { sessionId });

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const prefettura = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'communications' }]);
      comms = await signIn(t.app, user.email);
      eventId = (await api('POST', '/api/outreach/events', EVENT)).json().id;
      await api('POST', `/api/outreach/events/${eventId}/sessions`, SESSION);
      await api('POST', `/api/outreach/events/${eventId}/sessions`, {
        ...SESSION,
        label: 'Secondo pomeriggio',
        day: '2026-05-13',
      });
      const sessions = (
        await api('POST', `/api/outreach/events/${eventId}/sessions`, {
          ...SESSION,
          label: 'Terzo pomeriggio',
          day: '2026-05-20',
        })
      ).json().sessions;
      [firstId, secondId, thirdId] = sessions.map((session: { id: string }) => session.id);
      await api('PUT', `/api/outreach/events/${eventId}/published`, { published: true });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('moves a ticket to another date with a free seat, and offers the seat it left to the first waiting', async () => {
      const amina = await registerAs('Amina Haddad', 'amina@example.org', firstId);
      await registerAs('Bilal Khan', 'bilal@example.org', firstId);
      await registerAs('Chiara Rossi', 'chiara@example.org', thirdId);
      const code = (await statusOf('amina@example.org'))?.ticketCode;

      const ticket = await t.app.inject({ url: amina });
      expect(ticket.body).toContain('Cambia data');
      const question = await t.app.inject({
        url: amina.replace('/biglietto?', '/biglietto/cambia?').replace(/&nuova=1$/, ''),
      });
      expect(question.statusCode).toBe(200);
      // the second date has its seat; the third is full and is not offered
      expect(question.body).toContain('Secondo pomeriggio');
      expect(question.body).not.toContain('Terzo pomeriggio');

      const full = await moveTo(amina, thirdId);
      expect(full.statusCode).toBe(409);
      expect(full.body).toContain('La data scelta non ha più posti liberi');
      const foreign = await moveTo(amina, '00000000-0000-4000-8000-000000000000');
      expect(foreign.statusCode).toBe(409);
      expect(foreign.body).toContain('La data scelta non è di questo evento');
      const nonsense = await moveTo(amina, 'qualcosa');
      expect(nonsense.statusCode).toBe(400);
      expect(await statusOf('amina@example.org')).toMatchObject({ sessionId: firstId, status: 'CONFIRMED' });

      const moved = await moveTo(amina, secondId);
      expect(moved.statusCode).toBe(303);
      expect(moved.headers.location).toMatch(/^\/portale\/it\/biglietto\?t=[^&]+&spostata=1$/);
      const landed = await t.app.inject({ url: moved.headers.location as string });
      expect(landed.body).toContain('la Sua iscrizione è passata alla nuova data');
      expect(landed.body).toContain('Secondo pomeriggio');
      // the same ticket code, on the new date
      expect(await statusOf('amina@example.org')).toEqual({
        sessionId: secondId,
        status: 'CONFIRMED',
        ticketCode: code,
      });
      const letter = await mailFor('amina@example.org', 'Nuova data');
      expect(letter.text).toContain('Secondo pomeriggio');
      // the new date's calendar entry, and the old one's withdrawn
      expect(letter.attachments.map((a) => a.filename)).toEqual(['evento.ics', 'evento-annullato.ics']);
      const withdrawn = letter.attachments[1]?.content ?? '';
      expect(withdrawn).toContain('METHOD:CANCEL');
      expect(withdrawn).toContain('STATUS:CANCELLED');
      expect(withdrawn).toContain(`UID:${firstId}`);
      // Bilal, first waiting for the first date, is offered the seat Amina left
      expect((await statusOf('bilal@example.org'))?.status).toBe('OFFERED');
      expect(await mailFor('bilal@example.org', 'Un posto è libero per Lei')).toBeTruthy();
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', 'in', ['outreach.registration.move', 'outreach.registration.move-refused'])
        .execute();
      expect(audit.map((row) => row.action).sort()).toEqual([
        'outreach.registration.move',
        'outreach.registration.move-refused',
        'outreach.registration.move-refused',
      ]);
    });

    it('lets nobody skip a waitlist by moving, and sends the freed seat to the first waiting', async () => {
      // the first date is Bilal's once he confirms; Dawit and Farah wait for it, Ewa waits for the third
      const offer = (await mailFor('bilal@example.org', 'Un posto è libero per Lei')).text;
      const offered = new URL(offer.match(/https?:\/\/\S+\/biglietto\?t=\S+/)?.[0] as string);
      await form(`/portale/it/biglietto/conferma${offered.search}`, {});
      await registerAs('Ewa Nowak', 'ewa@example.org', thirdId);
      const dawit = await registerAs('Dawit Alemu', 'dawit@example.org', firstId);
      await registerAs('Farah Ali', 'farah@example.org', firstId);
      expect((await statusOf('dawit@example.org'))?.status).toBe('WAITLISTED');
      // Dawit cannot jump Ewa in the third date's list, nor take the full second date
      expect((await moveTo(dawit, thirdId)).statusCode).toBe(409);
      expect((await moveTo(dawit, secondId)).statusCode).toBe(409);

      // Bilal leaves the first date's seat by cancelling: Dawit, first waiting, is offered it, Farah still waits
      const bilalLink = new URL(
        (await mailFor('bilal@example.org', 'Un posto è libero per Lei')).text.match(
          /https?:\/\/\S+\/biglietto\?t=\S+/,
        )?.[0] as string,
      );
      await form(`/portale/it/biglietto/annulla${bilalLink.search}`, {});
      expect((await statusOf('dawit@example.org'))?.status).toBe('OFFERED');
      expect((await statusOf('farah@example.org'))?.status).toBe('WAITLISTED');
    });

    it('keeps requests for a date by invitation until the staff decide, in the order of their decisions', async () => {
      const invited = (
        await api('POST', `/api/outreach/events/${eventId}/sessions`, {
          ...SESSION,
          label: 'Incontro con le scuole',
          day: '2026-05-27',
          capacity: 1,
          requiresApproval: true,
        })
      ).json().sessions;
      const invitedId = invited.find(
        (session: { label: string }) => session.label === 'Incontro con le scuole',
      ).id;
      const page = await t.app.inject({ url: `/portale/it/eventi/${eventId}` });
      expect(page.body).toContain('Su invito: gli organizzatori esaminano ogni richiesta');

      const gaia = await registerAs('Gaia Bianchi', 'gaia@example.org', invitedId);
      await registerAs('Hamid Said', 'hamid@example.org', invitedId);
      await registerAs('Irina Popa', 'irina@example.org', invitedId);
      const landed = await t.app.inject({ url: gaia });
      expect(landed.body).toContain('Richiesta ricevuta');
      expect((await statusOf('gaia@example.org'))?.status).toBe('PENDING');
      expect(await mailFor('gaia@example.org', 'Richiesta ricevuta')).toBeTruthy();
      const twice = await form(`/portale/it/eventi/${eventId}`, {
        sessionId: invitedId,
        name: 'Gaia B.',
        email: 'gaia@example.org',
        language: 'it',
        consent: 'yes',
      });
      expect(twice.statusCode).toBe(409);
      // nobody moves into a date by invitation without asking
      expect(
        (await moveTo(await registerAs('Jana Novak', 'jana@example.org', secondId), invitedId)).statusCode,
      ).toBe(409);

      const idOf = async (email: string) =>
        (
          await database.db
            .selectFrom('outreachRegistration')
            .select('id')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).id;
      const decide = (email: string, approve: unknown) =>
        idOf(email).then((id) => api('POST', `/api/outreach/registrations/${id}/decision`, { approve }));
      const wrong = await decide('hamid@example.org', 'sì');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([
        { path: 'body.approve', message: 'indicare se la richiesta è accolta' },
      ]);
      // Hamid, who asked second, is approved first: he takes the seat
      expect((await decide('hamid@example.org', true)).json()).toEqual({ status: 'CONFIRMED' });
      expect((await decide('irina@example.org', true)).json()).toEqual({ status: 'WAITLISTED' });
      expect((await decide('gaia@example.org', true)).json()).toEqual({ status: 'WAITLISTED' });
      const again = await decide('gaia@example.org', false);
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('La richiesta è già stata decisa: in lista d’attesa.');
      // the waitlist is in the order of the approvals: Irina before Gaia, who asked first
      const listed = await api('GET', `/api/outreach/sessions/${invitedId}/registrations?status=WAITLISTED`);
      expect(
        listed.json().items.map((item: { name: string; position: number }) => [item.name, item.position]),
      ).toEqual([
        ['Irina Popa', 1],
        ['Gaia Bianchi', 2],
      ]);
      expect(await mailFor('hamid@example.org', 'Iscrizione confermata')).toBeTruthy();
      expect((await mailFor('gaia@example.org', 'Lista d’attesa')).text).toContain('posizione 2');

      await registerAs('Kofi Mensah', 'kofi@example.org', invitedId);
      expect((await decide('kofi@example.org', false)).json()).toEqual({ status: 'DECLINED' });
      expect(await mailFor('kofi@example.org', 'Richiesta non accolta')).toBeTruthy();
      const sessions = (await api('GET', `/api/outreach/events/${eventId}`)).json().sessions;
      expect(sessions.find((session: { id: string }) => session.id === invitedId)).toMatchObject({
        requiresApproval: true,
        pending: 0,
        confirmed: 1,
        waiting: 2,
      });
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', 'in', ['outreach.registration.approve', 'outreach.registration.decline'])
        .execute();
      expect(audit).toHaveLength(4);
    });

    it('lets a request be withdrawn but not moved, and answers a second tap on a move or a cancel', async () => {
      const invited = (
        await api('POST', `/api/outreach/events/${eventId}/sessions`, {
          ...SESSION,
          label: 'Incontro con le famiglie',
          day: '2026-06-03',
          requiresApproval: true,
        })
      ).json().sessions;
      const familiesId = invited.find(
        (session: { label: string }) => session.label === 'Incontro con le famiglie',
      ).id;
      const ticket = (await registerAs('Nadia Rahman', 'nadia@example.org', familiesId)).replace(
        /&nuova=1$/,
        '',
      );
      const moved = await moveTo(ticket, secondId);
      expect(moved.statusCode).toBe(409);
      expect(moved.body).toContain('La Sua richiesta aspetta ancora la risposta degli organizzatori');
      expect((await statusOf('nadia@example.org'))?.status).toBe('PENDING');
      const again = await moveTo(ticket, familiesId);
      expect(again.statusCode).toBe(409);

      const cancel = ticket.replace('/biglietto?', '/biglietto/annulla?');
      expect((await t.app.inject({ url: ticket })).body).toContain('Annulla l’iscrizione');
      const withdrawn = await form(cancel, {});
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.body).toContain('Iscrizione annullata');
      const row = await database.db
        .selectFrom('outreachRegistration')
        .select('status')
        .where('email', '=', 'nadia@example.org')
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('CANCELLED');
      const twice = await form(cancel, {});
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toContain('Questa iscrizione non è più attiva');
    });

    it('keeps every seat counted when the same ticket is moved twice at once', async () => {
      const extra = (
        await api('POST', `/api/outreach/events/${eventId}/sessions`, {
          ...SESSION,
          label: 'Pomeriggio in più',
          day: '2026-06-10',
          capacity: 5,
        })
      ).json().sessions;
      const extraId = extra.find((session: { label: string }) => session.label === 'Pomeriggio in più').id;
      const other = (
        await api('POST', `/api/outreach/events/${eventId}/sessions`, {
          ...SESSION,
          label: 'Pomeriggio di riserva',
          day: '2026-06-17',
          capacity: 5,
        })
      ).json().sessions;
      const otherId = other.find(
        (session: { label: string }) => session.label === 'Pomeriggio di riserva',
      ).id;
      const olga = await registerAs('Olga Petrenko', 'olga@example.org', extraId);
      const answers = await Promise.all([
        moveTo(olga, otherId),
        moveTo(olga, extraId),
        moveTo(olga, otherId),
      ]);
      const held = await database.db
        .selectFrom('outreachRegistration')
        .select(['id', 'sessionId', 'status'])
        .where('email', '=', 'olga@example.org')
        .execute();
      expect(held).toEqual([{ id: expect.any(String), sessionId: expect.any(String), status: 'CONFIRMED' }]);
      // each move, in the order they were taken, starts where the one before left the ticket
      const moves = await database.db
        .selectFrom('auditEntry')
        .select('data')
        .where('action', '=', 'outreach.registration.move')
        .where('entityId', '=', held[0]?.id as string)
        .orderBy('seq')
        .execute();
      expect(moves).toHaveLength(answers.filter((answer) => answer.statusCode === 303).length);
      let at = extraId;
      for (const { data } of moves) {
        const { before, after } = data as { before: { sessionId: string }; after: { sessionId: string } };
        expect(before.sessionId).toBe(at);
        at = after.sessionId;
      }
      expect(at).toBe(held[0]?.sessionId);
    });

    it('asks the organisers’ own questions on the form, checks the answers and shows them to the staff', async () => {
      const one = await api('POST', `/api/outreach/events/${eventId}/questions`, {
        label: 'Da quale scuola vieni?',
        kind: 'CHOICE',
        options: ['Liceo Verri'],
      });
      expect(one.statusCode).toBe(400);
      expect(one.json().errors).toEqual([
        { path: 'body.options', message: 'indicare almeno due scelte, una per riga' },
      ]);
      const school = await api('POST', `/api/outreach/events/${eventId}/questions`, {
        label: 'Da quale scuola vieni?',
        kind: 'CHOICE',
        options: ['Liceo Verri', 'ITIS Volta'],
        required: true,
      });
      expect(school.statusCode).toBe(201);
      await api('POST', `/api/outreach/events/${eventId}/questions`, {
        label: 'Partecipi alla merenda?',
        kind: 'YES_NO',
      });
      const questions = (
        await api('POST', `/api/outreach/events/${eventId}/questions`, {
          label: 'Una domanda per le mediatrici',
          kind: 'TEXT',
        })
      ).json().questions;
      expect(questions.map((q: { label: string; answered: number }) => [q.label, q.answered])).toEqual([
        ['Da quale scuola vieni?', 0],
        ['Partecipi alla merenda?', 0],
        ['Una domanda per le mediatrici', 0],
      ]);
      const [schoolId, snackId, textId] = questions.map((q: { id: string }) => q.id);

      const page = await t.app.inject({ url: `/portale/en/eventi/${eventId}` });
      expect(page.body).toContain('Questions from the organisers');
      expect(page.body).toContain('Da quale scuola vieni?');
      expect(page.body).toContain(`name="q-${schoolId}"`);

      const fields = {
        sessionId: secondId,
        name: 'Luca Ferrari',
        email: 'luca@example.org',
        language: 'it',
        consent: 'yes',
      };
      const missing = await form(`/portale/it/eventi/${eventId}`, { ...fields, [`q-${snackId}`]: 'forse' });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain(`id="q-${schoolId}-error"`);
      expect(missing.body).toContain(`id="q-${snackId}-error"`);
      const foreign = await form(`/portale/it/eventi/${eventId}`, {
        ...fields,
        [`q-${schoolId}`]: 'Una scuola che non c’è',
      });
      expect(foreign.statusCode).toBe(400);
      expect(await statusOf('luca@example.org')).toBeUndefined();
      const done = await form(`/portale/it/eventi/${eventId}`, {
        ...fields,
        [`q-${schoolId}`]: 'ITIS Volta',
        [`q-${snackId}`]: 'yes',
        [`q-${textId}`]: 'Parlo poco italiano.',
      });
      expect(done.statusCode).toBe(303);

      const listed = await api('GET', `/api/outreach/sessions/${secondId}/registrations?q=luca`);
      expect(listed.json().items[0].answers).toEqual([
        { question: 'Da quale scuola vieni?', answer: 'ITIS Volta' },
        { question: 'Partecipi alla merenda?', answer: 'Sì' },
        { question: 'Una domanda per le mediatrici', answer: 'Parlo poco italiano.' },
      ]);
      const workbook = await t.app.inject({
        url: `/api/outreach/sessions/${secondId}/registrations.xlsx`,
        headers: comms.headers,
      });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(workbook.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0] as ExcelJS.Worksheet;
      const rowsOf = Array.from(sheet.getSheetValues(), (row) => (Array.isArray(row) ? row.slice(1) : []));
      expect(rowsOf[1]?.slice(-3)).toEqual([
        'Da quale scuola vieni?',
        'Partecipi alla merenda?',
        'Una domanda per le mediatrici',
      ]);
      expect(rowsOf.find((row) => row.includes('Luca Ferrari'))?.slice(-3)).toEqual([
        'ITIS Volta',
        'Sì',
        'Parlo poco italiano.',
      ]);

      // answered, a question keeps its kind and choices, and stays
      const retype = await api('PUT', `/api/outreach/questions/${schoolId}`, {
        label: 'Da quale scuola vieni?',
        kind: 'TEXT',
      });
      expect(retype.statusCode).toBe(409);
      const reworded = await api('PUT', `/api/outreach/questions/${schoolId}`, {
        label: 'Quale scuola frequenti?',
        kind: 'CHOICE',
        options: ['Liceo Verri', 'ITIS Volta'],
        required: true,
      });
      expect(reworded.json().questions[0]).toMatchObject({ label: 'Quale scuola frequenti?', answered: 1 });
      const removal = await t.app.inject({
        method: 'DELETE',
        url: `/api/outreach/questions/${schoolId}`,
        headers: comms.headers,
      });
      expect(removal.statusCode).toBe(409);
      expect(removal.json().detail).toBe('La domanda ha già una risposta: non si può togliere.');
      const unanswered = (
        await api('POST', `/api/outreach/events/${eventId}/questions`, { label: 'Da togliere', kind: 'TEXT' })
      )
        .json()
        .questions.at(-1).id;
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/outreach/questions/${unanswered}`,
        headers: comms.headers,
      });
      expect(removed.json().questions).toHaveLength(3);

      // answers checked before a question was removed or its choices changed keep only what still answers it
      await register(t.platform, SYSTEM_CALLER, {
        sessionId: secondId,
        name: 'Pia Conti',
        email: 'pia@example.org',
        organisation: null,
        organisationType: null,
        language: 'it',
        accessibilityNeeds: null,
        interpretationLanguage: null,
        answers: { [schoolId]: 'Una scelta tolta', [unanswered]: 'risposta', [snackId]: 'no' },
      });
      const pia = await database.db
        .selectFrom('outreachRegistration')
        .select('answers')
        .where('email', '=', 'pia@example.org')
        .executeTakeFirstOrThrow();
      expect(pia.answers).toEqual({ [snackId]: 'no' });
    });

    it('refuses to move a ticket whose date has begun, and leads to the certificate once it has ended', async () => {
      const chiara = (await mailFor('chiara@example.org', 'Iscrizione confermata')).text.match(
        /https?:\/\/\S+\/biglietto\?t=\S+/,
      )?.[0] as string;
      const path = new URL(chiara);
      t.clock.set('2026-05-20T15:30:00+02:00');
      try {
        const page = await t.app.inject({ url: `${path.pathname}${path.search}` });
        expect(page.body).not.toContain('Cambia data');
        const late = await form(`/portale/it/biglietto/cambia${path.search}`, { sessionId: secondId });
        expect(late.statusCode).toBe(409);
        expect(await statusOf('chiara@example.org')).toMatchObject({
          sessionId: thirdId,
          status: 'CONFIRMED',
        });
        // once the date has ended, the ticket leads to the attendance certificate
        expect(page.body).not.toContain('Richiedi l’attestato');
        t.clock.set('2026-05-20T18:00:00+02:00');
        const after = await t.app.inject({ url: `${path.pathname}${path.search}` });
        expect(after.body).toContain('/portale/it/biglietto/attestato?t=');
        expect(after.body).toContain('Richiedi l’attestato');
      } finally {
        t.clock.set('2026-03-02T09:00:00+01:00');
      }
    });
  });
}
