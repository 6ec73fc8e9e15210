import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../src/kernel/permissions.ts';
import { eventIndicators } from '../src/modules/outreach/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer } from './support/smtp.ts';

type Person = 'comms' | 'trainee';

const EVENT = {
  kind: 'WORKSHOP',
  title: 'Laboratorio sui servizi per chi arriva',
  summary: 'Un pomeriggio con gli sportelli del territorio.',
  description: 'Laboratorio pratico.',
  offerHours: 48,
};
const SESSION = {
  label: 'Pomeriggio',
  day: '2026-04-18',
  startTime: '15:00',
  endTime: '18:00',
  venue: 'Sala dei Comuni',
  address: 'Via Fanfulla 14, Lodi',
  accessibility: 'Ingresso senza gradini.',
  capacity: 10,
};
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

for (const backend of BACKENDS) {
  describe(`after an event on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const sessions = {} as Record<Person, Session>;
    const emails = {} as Record<Person, string>;
    let eventId: string;
    let sessionId: string;
    let certificateLink: URL;

    const api = (who: Person, method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const form = (url: string, fields: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: FORM_HEADERS,
        payload: new URLSearchParams(fields).toString(),
      });
    const mailFor = (to: string, subject: string) =>
      vi.waitFor(
        () => {
          const mail = smtp.inbox.find((m) => m.to.includes(to) && m.subject.includes(subject));
          if (!mail) throw new Error(`no e-mail «${subject}» to ${to}`);
          return mail;
        },
        { timeout: 10_000 },
      );
    const linkIn = (text: string, page: string) => {
      const link = new RegExp(`(https?://\\S+/${page}\\?t=\\S+)`).exec(text)?.[1];
      if (!link) throw new Error(`no link to ${page} in the e-mail`);
      const url = new URL(link);
      return `${url.pathname}${url.search}`;
    };
    const signInAll = async () => {
      for (const who of ['comms', 'trainee'] as const) sessions[who] = await signIn(t.app, emails[who]);
    };

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
        ['trainee', 'trainee'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role }]);
        emails[who] = user.email;
      }
      await signInAll();
      const created = await api('comms', 'POST', '/api/outreach/events', EVENT);
      eventId = created.json().id;
      const listId = created.json().checkInLists[0].id;
      const added = await api('comms', 'POST', `/api/outreach/events/${eventId}/sessions`, SESSION);
      sessionId = added.json().sessions[0].id;
      await t.app.inject({
        method: 'PUT',
        url: `/api/outreach/events/${eventId}/published`,
        headers: sessions.comms.headers,
        payload: { published: true },
      });
      const visitors: [string, string, string][] = [
        ['Amina Diallo', 'amina@example.org', 'fr'],
        ['Bilal Khan', 'bilal@example.org', 'ur'],
        ['Carla Neri', 'carla@example.org', 'it'],
      ];
      for (const [name, email, language] of visitors)
        await form(`/portale/${language}/eventi/${eventId}`, {
          sessionId,
          name,
          email,
          language,
          consent: 'yes',
        });
      const registrations = await database.db.selectFrom('outreachRegistration').selectAll().execute();
      expect(registrations.map((row) => row.status)).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
      t.clock.set('2026-04-18T14:30:00+02:00');
      await signInAll();
      for (const email of ['amina@example.org', 'bilal@example.org']) {
        const row = registrations.find((registration) => registration.email === email);
        const door = await api('comms', 'POST', '/api/outreach/check-in', {
          listId,
          sessionId,
          code: row?.ticketCode,
        });
        expect(door.json().outcome).toBe('ADMITTED');
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('opens the certificates of a session once it has ended, sending the link to those who came in', async () => {
      const early = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/certificates`);
      expect(early.statusCode).toBe(409);
      expect(early.headers['content-type']).toContain('application/problem+json');
      expect(early.json().detail).toBe('Gli attestati si aprono quando la data è conclusa.');

      t.clock.set('2026-04-20T09:00:00+02:00');
      await signInAll();
      expect((await api('trainee', 'GET', `/api/outreach/events/${eventId}/follow-up`)).statusCode).toBe(403);
      const opened = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/certificates`);
      expect(opened.statusCode).toBe(200);
      expect(opened.json().sessions[0]).toMatchObject({
        checkedIn: 2,
        hasEnded: true,
        issued: 0,
        requestsUntil: '2026-07-19T07:00:00.000Z',
      });
      const again = await api('comms', 'POST', `/api/outreach/sessions/${sessionId}/certificates`);
      expect(again.json().detail).toBe('Gli attestati di questa data sono già aperti.');

      const mail = await mailFor('amina@example.org', 'Attestation de participation');
      expect(mail.text).toContain('Bonjour Amina Diallo,');
      certificateLink = new URL(linkIn(mail.text, 'biglietto/attestato'), 'http://x');
      await mailFor('bilal@example.org', 'شرکت کا سرٹیفکیٹ');
      const outbox = await database.db
        .selectFrom('mailOutbox')
        .select('topic')
        .where('topic', '=', 'outreach.certificate.request')
        .execute();
      expect(outbox).toHaveLength(2);
    });

    it('issues the certificate once on request, the same PDF every time, checked by its code', async () => {
      const url = `${certificateLink.pathname}${certificateLink.search}`;
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Demander l’attestation');
      const foreign = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...FORM_HEADERS, 'sec-fetch-site': 'cross-site' },
      });
      expect(foreign.statusCode).toBe(403);
      // a double tap on a phone: every request answers with the one certificate
      const taps = await Promise.all([form(url), form(url), form(url), form(url)]);
      expect(taps.map((tap) => tap.statusCode)).toEqual([200, 200, 200, 200]);
      const issued = taps[0] as (typeof taps)[number];
      expect(issued.body).toContain('LO-EVT-2026-000001');
      expect(issued.body).toContain('Télécharger l’attestation (PDF)');
      const twice = await form(url);
      expect(twice.body).toContain('LO-EVT-2026-000001');
      const stored = await database.db.selectFrom('outreachAttendanceCertificate').selectAll().execute();
      expect(stored).toHaveLength(1);
      expect((await eventIndicators(t.platform)).certificatesIssued).toBe(1);
      expect(stored[0]).toMatchObject({ holderName: 'Amina Diallo', revokedAt: null });

      const pdfUrl = url.replace('/attestato?', '/attestato.pdf?');
      const first = await t.app.inject({ method: 'GET', url: pdfUrl });
      const second = await t.app.inject({ method: 'GET', url: pdfUrl });
      expect(first.headers['content-type']).toBe('application/pdf');
      expect(first.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);

      const check = await t.app.inject({ method: 'GET', url: `/api/verify/${stored[0]?.verificationCode}` });
      expect(check.json()).toMatchObject({
        valid: true,
        document: 'Attestato di partecipazione',
        number: 'LO-EVT-2026-000001',
        holderInitials: 'A. D.',
        revoked: false,
      });
      const audit = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', '=', 'outreach.certificate.issue')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('refuses a certificate to someone never checked in, and a tampered link', async () => {
      const carla = await database.db
        .selectFrom('outreachRegistration')
        .select('id')
        .where('email', '=', 'carla@example.org')
        .executeTakeFirstOrThrow();
      const { signAttendance } = await import('../src/modules/outreach/events/after/links.ts');
      const token = await signAttendance(t.platform, carla.id, new Date('2026-07-19T07:00:00Z'));
      const page = await form(`/portale/it/biglietto/attestato?t=${token}`);
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain('per questa iscrizione l’ingresso non risulta');
      const tampered = await t.app.inject({
        method: 'GET',
        url: `/portale/it/biglietto/attestato?t=${token.slice(0, -2)}xx`,
      });
      expect(tampered.statusCode).toBe(404);
    });

    it('lets the staff list and revoke a certificate, which the public check then reports', async () => {
      const overview = await api('comms', 'GET', `/api/outreach/events/${eventId}/follow-up`);
      expect(overview.json().certificates).toEqual([
        expect.objectContaining({
          number: 'LO-EVT-2026-000001',
          holderName: 'Amina Diallo',
          isRevoked: false,
        }),
      ]);
      const id = overview.json().certificates[0].id;
      const blank = await api('comms', 'POST', `/api/outreach/event-certificates/${id}/revocation`, {
        reason: '',
      });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual([{ path: 'body.reason', message: 'Campo obbligatorio' }]);
      const revoked = await api('comms', 'POST', `/api/outreach/event-certificates/${id}/revocation`, {
        reason: 'Ingresso registrato per errore.',
      });
      expect(revoked.json()).toMatchObject({
        isRevoked: true,
        revocationReason: 'Ingresso registrato per errore.',
      });
      // a revoked certificate no longer counts for the funder
      expect((await eventIndicators(t.platform)).certificatesIssued).toBe(0);
      const staffPdf = await api('comms', 'GET', `/api/outreach/event-certificates/${id}/pdf`);
      expect(staffPdf.headers['content-type']).toBe('application/pdf');
      const pdfUrl = `${certificateLink.pathname.replace('/attestato', '/attestato.pdf')}${certificateLink.search}`;
      expect((await t.app.inject({ method: 'GET', url: pdfUrl })).statusCode).toBe(404);
      const code = (
        await database.db
          .selectFrom('outreachAttendanceCertificate')
          .select('verificationCode')
          .executeTakeFirstOrThrow()
      ).verificationCode;
      expect((await t.app.inject({ method: 'GET', url: `/api/verify/${code}` })).json()).toMatchObject({
        valid: true,
        revoked: true,
      });
    });

    it('sends the anonymous questionnaire to those who came in, who answer once without an account', async () => {
      // not before the event is over
      const now = t.clock.now();
      t.clock.set('2026-04-18T14:30:00+02:00');
      const early = await api('comms', 'POST', `/api/outreach/events/${eventId}/follow-up/survey`, {
        audience: 'CONFIRMED',
        title: 'Troppo presto',
        intro: 'x',
      });
      t.clock.set(now.toISOString());
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe(
        'Il questionario si invia dopo l’evento: nessuna data è ancora conclusa.',
      );
      const refused = await api('comms', 'POST', `/api/outreach/events/${eventId}/follow-up/survey`, {
        audience: 'ALL',
        title: '',
        intro: 'x',
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.audience', message: 'Scegliere a chi inviarlo' },
          { path: 'body.title', message: 'Campo obbligatorio' },
        ]),
      );
      const launched = await api('comms', 'POST', `/api/outreach/events/${eventId}/follow-up/survey`, {
        audience: 'CHECKED_IN',
        title: 'Com’è andato il laboratorio?',
        intro: 'Due minuti, in forma anonima.',
      });
      expect(launched.statusCode).toBe(201);
      expect(launched.json()).toMatchObject({
        status: 'OPEN',
        invited: 2,
        answered: 0,
        audience: 'CHECKED_IN',
      });
      const again = await api('comms', 'POST', `/api/outreach/events/${eventId}/follow-up/survey`, {
        audience: 'CONFIRMED',
        title: 'Di nuovo',
        intro: 'x',
      });
      expect(again.statusCode).toBe(409);
      const invitations = await database.db
        .selectFrom('mailOutbox')
        .select('topic')
        .where('topic', '=', 'outreach.follow-up.invitation')
        .execute();
      // Carla registered but never came in: she is not asked
      expect(invitations).toHaveLength(2);

      const mail = await mailFor('amina@example.org', 'Votre avis');
      const url = linkIn(mail.text, 'evento/questionario');
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Dans l’ensemble, êtes-vous satisfait(e) de l’événement ?');
      const incomplete = await form(url, { overall: '5' });
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.body).toContain('Il manque des réponses obligatoires');
      const answers = {
        overall: '5',
        useful: '4',
        access: '3',
        again: 'Sì',
        suggestions: 'Più tempo per le domande.',
      };
      const answered = await form(url, answers);
      expect(answered.statusCode).toBe(200);
      expect(answered.body).toContain('Merci ! Votre réponse a été enregistrée.');
      const twice = await form(url, answers);
      expect(twice.statusCode).toBe(409);

      const held = await database.db.selectFrom('surveyHeldAnswer').selectAll().execute();
      expect(held).toHaveLength(1);
      expect(held[0]?.answers).toMatchObject({ overall: 5, again: 'Sì' });
      const overview = await api('comms', 'GET', `/api/outreach/events/${eventId}/follow-up`);
      expect(overview.json().survey).toMatchObject({ invited: 2, answered: 1, status: 'OPEN' });

      const closed = await api('comms', 'POST', `/api/outreach/events/${eventId}/follow-up/survey/closing`);
      expect(closed.json().status).toBe('CLOSED');
      const results = await api('comms', 'GET', `/api/outreach/events/${eventId}/follow-up/results`);
      expect(results.json()).toMatchObject({ anonymous: true, answers: 1 });
      expect(results.json().withheld).toMatch(/^Il questionario è anonimo e ha avuto/);
      const late = await form(
        linkIn((await mailFor('bilal@example.org', '«Laboratorio')).text, 'evento/questionario'),
        answers,
      );
      expect(late.statusCode).toBe(409);
      expect(late.body).not.toContain('<form method="post"');
    });
  });
}
