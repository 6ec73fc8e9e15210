import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { openServerDatabase } from '../src/kernel/db.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { lapseOffers, register } from '../src/modules/outreach/events/seats.ts';
import { eventIndicators } from '../src/modules/outreach/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer } from './support/smtp.ts';

type Person = 'comms' | 'mediator' | 'trainee';

const EVENT = {
  kind: 'PERFORMANCE',
  title: 'Voci di confine – installazione teatrale',
  summary: 'Un’installazione teatrale sulle storie di chi arriva a Lodi.',
  description: 'Due repliche al Teatro alle Vigne.\n\nIngresso libero con iscrizione.',
  offerHours: 48,
};
const SESSION = {
  label: 'Prima replica',
  day: '2026-04-18',
  startTime: '20:30',
  endTime: '22:00',
  venue: 'Teatro alle Vigne',
  address: 'Via Cavour 66, Lodi',
  accessibility: 'Ingresso senza gradini, posti riservati in platea, servizi accessibili.',
  capacity: 2,
};
const FORM_HEADERS = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

for (const backend of BACKENDS) {
  describe(`events on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const sessions = {} as Record<Person, Session>;
    const emails = {} as Record<Person, string>;
    let eventId: string;
    let firstId: string;
    let secondId: string;
    let listId: string;

    const api = (who: Person, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const form = (
      url: string,
      fields: Record<string, string>,
      headers: Record<string, string> = FORM_HEADERS,
    ) => t.app.inject({ method: 'POST', url, headers, payload: new URLSearchParams(fields).toString() });
    const visitor = (
      name: string,
      email: string,
      sessionId = firstId,
      extra: Record<string, string> = {},
    ) => ({
      sessionId,
      name,
      email,
      language: 'ar',
      consent: 'yes',
      ...extra,
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
    const linkIn = (text: string) => {
      const link = /(https?:\/\/\S+\/biglietto\?t=\S+)/.exec(text)?.[1];
      if (!link) throw new Error('no ticket link in the e-mail');
      return new URL(link);
    };
    const rows = () =>
      database.db.selectFrom('outreachRegistration').selectAll().orderBy('arrival').execute();

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
        ['mediator', 'mediator'],
        ['trainee', 'trainee'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role }]);
        emails[who] = user.email;
        sessions[who] = await signIn(t.app, user.email);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('prepares an event with two performances, refusing wrong input in Italian', async () => {
      const refused = await api('comms', 'POST', '/api/outreach/events', {
        ...EVENT,
        title: '',
        offerHours: 0,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.title', message: 'Campo obbligatorio' },
          { path: 'body.offerHours', message: 'almeno 1 ora' },
        ]),
      );
      expect((await api('trainee', 'POST', '/api/outreach/events', EVENT)).statusCode).toBe(403);
      const created = await api('comms', 'POST', '/api/outreach/events', EVENT);
      expect(created.statusCode).toBe(201);
      eventId = created.json().id;
      expect(created.json().checkInLists).toEqual([
        { id: expect.any(String), name: 'Ingresso', checkedIn: 0 },
      ]);
      listId = created.json().checkInLists[0].id;

      const early = await api('comms', 'PUT', `/api/outreach/events/${eventId}/published`, {
        published: true,
      });
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toBe('Aggiungere almeno una data prima di pubblicare l’evento.');
      const late = await api('comms', 'POST', `/api/outreach/events/${eventId}/sessions`, {
        ...SESSION,
        endTime: '20:00',
        registrationUntil: '2026-04-19',
      });
      expect(late.statusCode).toBe(400);
      expect(late.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.endTime', message: 'la fine deve venire dopo l’inizio' },
          {
            path: 'body.registrationUntil',
            message: 'le iscrizioni devono chiudersi entro il giorno della sessione',
          },
        ]),
      );
      const far = await api('comms', 'POST', `/api/outreach/events/${eventId}/sessions`, {
        ...SESSION,
        day: '2100-04-18',
      });
      expect(far.json().errors).toEqual([
        { path: 'body.day', message: 'la sessione è troppo lontana: al massimo tre anni da oggi' },
      ]);
      const first = await api('comms', 'POST', `/api/outreach/events/${eventId}/sessions`, SESSION);
      expect(first.statusCode).toBe(201);
      const second = await api('comms', 'POST', `/api/outreach/events/${eventId}/sessions`, {
        ...SESSION,
        label: 'Seconda replica',
        day: '2026-04-19',
        startTime: '17:00',
        endTime: '18:30',
        capacity: 30,
      });
      [firstId, secondId] = second.json().sessions.map((session: { id: string }) => session.id);
      expect(second.json().sessions[0]).toMatchObject({ label: 'Prima replica', capacity: 2, confirmed: 0 });
      // the day before the session, to its end
      expect(second.json().sessions[0].registrationUntil).toBe('2026-04-17T22:00:00.000Z');

      const partial = await api('comms', 'PUT', `/api/outreach/events/${eventId}`, {
        ...EVENT,
        offerHours: undefined,
      });
      expect(partial.json().errors).toEqual([{ path: 'body.offerHours', message: 'indicare le ore' }]);
      const corrected = await api('comms', 'PUT', `/api/outreach/events/${eventId}`, {
        ...EVENT,
        offerHours: 36,
      });
      expect(corrected.json()).toMatchObject({ offerHours: 36, title: EVENT.title });
      await api('comms', 'PUT', `/api/outreach/events/${eventId}`, EVENT);
      const arabic = await api('comms', 'PUT', `/api/outreach/events/${eventId}/texts/ar`, {
        title: 'أصوات الحدود',
        summary: 'عرض مسرحي عن قصص القادمين إلى لودي.',
        description: 'عرضان في مسرح ألّي فينيي.',
      });
      expect(arabic.json().translations).toEqual([
        expect.objectContaining({ language: 'ar', title: 'أصوات الحدود' }),
      ]);
      const hidden = await t.app.inject({ url: `/portale/it/eventi/${eventId}` });
      expect(hidden.statusCode).toBe(404);
      const published = await api('comms', 'PUT', `/api/outreach/events/${eventId}/published`, {
        published: true,
      });
      expect(published.json().publicUrl).toContain(`/portale/it/eventi/${eventId}`);
    });

    it('shows the event in the visitor’s language, Arabic right to left, with a form that needs no script', async () => {
      const list = await t.app.inject({ url: '/portale/ar/eventi' });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('dir="rtl"');
      expect(list.body).toContain('أصوات الحدود');
      const page = await t.app.inject({ url: `/portale/ar/eventi/${eventId}` });
      expect(page.body).toContain(`<form action="/portale/ar/eventi/${eventId}" method="post">`);
      expect(page.body).not.toContain('<script');
      const english = await t.app.inject({ url: `/portale/en/eventi/${eventId}` });
      expect(english.body).toContain('Voci di confine');
      expect(english.body).toContain('lang="it"');
      const sitemap = await t.app.inject({ url: '/sitemap.xml' });
      expect(sitemap.body).toContain(`/portale/ar/eventi/${eventId}</loc>`);
    });

    it('refuses bad registrations with a message per field in the visitor’s language, and keeps nothing', async () => {
      const url = `/portale/it/eventi/${eventId}`;
      const empty = await form(url, { sessionId: firstId });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('Campo obbligatorio');
      expect(empty.body).toContain('Per iscriversi serve il consenso');
      const markup = await form(
        url,
        visitor('<script>alert(1)</script>', 'x@example.org', firstId, { language: 'it' }),
      );
      expect(markup.statusCode).toBe(400);
      expect(markup.body).toContain('Il testo non può contenere codice HTML o script');
      expect(markup.body).not.toContain('<script>alert');
      const wrongMail = await form(
        url,
        visitor('Amina', 'not-an-address', 'ffffffff-ffff-4fff-8fff-ffffffffffff', { language: 'it' }),
      );
      expect(wrongMail.body).toContain('Indirizzo e-mail non valido');
      expect(wrongMail.body).toContain('Scegliere una voce dall’elenco');
      const foreign = await form(url, visitor('Amina', 'amina@example.org'), {
        ...FORM_HEADERS,
        'sec-fetch-site': 'cross-site',
      });
      expect(foreign.statusCode).toBe(403);
      expect(await rows()).toEqual([]);
    });

    it('gives the seats in arrival order, then the waitlist, and refuses the same address twice', async () => {
      const url = `/portale/ar/eventi/${eventId}`;
      const amina = await form(url, visitor('Amina Haddad', 'amina@example.org'));
      // post, then redirect to the ticket: a reload does not register again
      expect(amina.statusCode).toBe(303);
      expect(amina.headers.location).toMatch(/^\/portale\/ar\/biglietto\?t=[^&]+&nuova=1$/);
      const landed = await t.app.inject({ url: amina.headers.location as string });
      expect(landed.body).toContain('Amina Haddad');
      expect(landed.body).toContain('role="status"');
      await form(url, visitor('Bilal Khan', 'bilal@example.org'));
      const chiara = await form(
        `/portale/it/eventi/${eventId}`,
        visitor('Chiara Rossi', 'chiara@example.org', firstId, { language: 'it' }),
      );
      expect((await t.app.inject({ url: chiara.headers.location as string })).body).toContain('posizione 1');
      const dawit = await form(
        `/portale/en/eventi/${eventId}`,
        visitor('Dawit Alemu', 'dawit@example.org', firstId, { language: 'en' }),
      );
      expect((await t.app.inject({ url: dawit.headers.location as string })).body).toContain('position 2');
      const again = await form(url, visitor('Amina H.', 'AMINA@example.org'));
      expect(again.statusCode).toBe(409);
      expect((await rows()).map((row) => [row.email, row.status])).toEqual([
        ['amina@example.org', 'CONFIRMED'],
        ['bilal@example.org', 'CONFIRMED'],
        ['chiara@example.org', 'WAITLISTED'],
        ['dawit@example.org', 'WAITLISTED'],
      ]);
      const mail = await mailFor('amina@example.org', 'أصوات الحدود');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['evento.ics']);
      expect(mail.attachments[0]?.content).toContain('DTSTART');
      expect(await mailFor('chiara@example.org', 'Lista d’attesa')).toBeTruthy();
    });

    it('opens the ticket by its link only, with the QR code and the PDF', async () => {
      const mail = await mailFor('amina@example.org', 'أصوات الحدود');
      const link = linkIn(mail.text);
      const ticket = await t.app.inject({ url: `${link.pathname}${link.search}` });
      expect(ticket.statusCode).toBe(200);
      expect(ticket.body).toContain('Amina Haddad');
      expect(ticket.body).toContain('<svg');
      const token = link.searchParams.get('t') as string;
      const tampered = `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`;
      const refused = await t.app.inject({ url: `/portale/ar/biglietto?t=${tampered}` });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain('Amina');
      const pdf = await t.app.inject({ url: `/portale/ar/biglietto/biglietto.pdf?t=${token}` });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('action', '=', 'outreach_registration.read')
        .execute();
      expect(reads.length).toBeGreaterThanOrEqual(2);
    });

    it('offers a freed seat to the first waiting, who confirms it; a lapsed offer passes to the next', async () => {
      const aminaLink = linkIn((await mailFor('amina@example.org', 'أصوات الحدود')).text);
      const question = await t.app.inject({ url: `/portale/it/biglietto/annulla${aminaLink.search}` });
      expect(question.body).toContain('Vuole davvero annullare l’iscrizione?');
      expect((await rows()).find((row) => row.email === 'amina@example.org')?.status).toBe('CONFIRMED');
      const cancelled = await form(`/portale/ar/biglietto/annulla${aminaLink.search}`, {});
      expect(cancelled.statusCode).toBe(200);
      const offer = await mailFor('chiara@example.org', 'Un posto è libero per Lei');
      expect(offer.text).toContain('entro');
      const newcomer = await register(t.platform, SYSTEM_CALLER, {
        sessionId: firstId,
        name: 'Ewa Nowak',
        email: 'ewa@example.org',
        organisation: null,
        organisationType: null,
        language: 'it',
        accessibilityNeeds: null,
        interpretationLanguage: null,
      });
      // a seat is offered, so a newcomer does not skip the list
      expect(newcomer).toMatchObject({ kind: 'registered', status: 'WAITLISTED', position: 2 });
      const chiaraLink = linkIn(offer.text);
      const confirmed = await form(`/portale/it/biglietto/conferma${chiaraLink.search}`, {});
      expect(confirmed.body).toContain('Posto confermato');
      expect((await rows()).find((row) => row.email === 'chiara@example.org')?.status).toBe('CONFIRMED');

      const bilal = (await rows()).find((row) => row.email === 'bilal@example.org');
      const staffCancel = await api('comms', 'POST', `/api/outreach/registrations/${bilal?.id}/cancel`);
      expect(staffCancel.statusCode).toBe(204);
      const dawitOffer = await mailFor('dawit@example.org', 'A place is free');
      expect(dawitOffer).toBeTruthy();
      // the offer lasts 48 hours: two days later it has passed to Ewa
      t.clock.set('2026-03-04T10:00:00+01:00');
      expect(await lapseOffers(t.platform)).toBe(1);
      const after = await rows();
      expect(after.find((row) => row.email === 'dawit@example.org')?.status).toBe('EXPIRED');
      expect(after.find((row) => row.email === 'ewa@example.org')?.status).toBe('OFFERED');
      const late = await form(`/portale/en/biglietto/conferma${linkIn(dawitOffer.text).search}`, {});
      expect(late.statusCode).toBe(409);
      t.clock.set('2026-03-02T09:00:00+01:00');
    });

    it('admits a ticket once per list at the door, and names what is wrong with the others', async () => {
      const chiara = (await rows()).find((row) => row.email === 'chiara@example.org');
      const code = `${chiara?.ticketCode.slice(0, 4)}-${chiara?.ticketCode.slice(4)}`.toLowerCase();
      const door = (who: Person, payload: object) => api(who, 'POST', '/api/outreach/check-in', payload);
      const early = await door('mediator', { listId, sessionId: firstId, code });
      expect(early.json()).toMatchObject({
        outcome: 'OTHER_SESSION',
        message:
          'Il biglietto è per sabato 18 aprile alle ore 20:30: l’ingresso si registra da 3 ore prima dell’inizio alla fine.',
      });
      // the evening of the performance, an hour before it starts (signed in again: the clock moved on)
      t.clock.set('2026-04-18T19:30:00+02:00');
      for (const who of ['comms', 'mediator'] as const) sessions[who] = await signIn(t.app, emails[who]);
      const admitted = await door('mediator', { listId, sessionId: firstId, code });
      expect(admitted.json()).toMatchObject({ outcome: 'ADMITTED', name: 'Chiara Rossi' });
      const twice = await door('comms', { listId, sessionId: firstId, code });
      expect(twice.json().outcome).toBe('ALREADY');
      expect(twice.json().message).toMatch(/^Già entrato\/a alle \d\d:\d\d da «Ingresso»\.$/);
      const otherDay = await door('comms', { listId, sessionId: secondId, code });
      expect(otherDay.json().outcome).toBe('OTHER_SESSION');
      expect(otherDay.json().message).toContain('Prima replica');
      const amina = (await rows()).find((row) => row.email === 'amina@example.org');
      const gone = await door('comms', { listId, sessionId: firstId, code: amina?.ticketCode });
      expect(gone.json()).toMatchObject({
        outcome: 'NOT_VALID',
        message: 'Biglietto non valido: annullata.',
      });
      const nonsense = await door('comms', { listId, sessionId: firstId, code: '<b>x</b>' });
      expect(nonsense.json().outcome).toBe('NOT_VALID');
      const hall = await api('comms', 'POST', `/api/outreach/events/${eventId}/check-in-lists`, {
        name: 'Sala laboratorio',
      });
      const hallId = hall.json().checkInLists.find((l: { name: string }) => l.name === 'Sala laboratorio').id;
      expect((await door('comms', { listId: hallId, sessionId: firstId, code })).json().outcome).toBe(
        'ADMITTED',
      );
      const found = await api(
        'mediator',
        'GET',
        `/api/outreach/sessions/${firstId}/door?listId=${listId}&q=chiara`,
      );
      expect(found.json()).toEqual([expect.objectContaining({ name: 'Chiara Rossi', checkedIn: true })]);
      expect(
        (await api('mediator', 'GET', `/api/outreach/sessions/${firstId}/registrations`)).statusCode,
      ).toBe(403);
      t.clock.set('2026-03-02T09:00:00+01:00');
      const view = await api('comms', 'GET', `/api/outreach/events/${eventId}`);
      expect(view.json().sessions[0]).toMatchObject({ confirmed: 1, offered: 1, waiting: 0, checkedIn: 1 });
    });

    it('lists the registrations in arrival order with the waitlist positions, and the interpretation asked', async () => {
      for (const [i, language] of ['ar', 'ar', 'ur'].entries())
        await register(t.platform, SYSTEM_CALLER, {
          sessionId: secondId,
          name: `Ospite ${i}`,
          email: `ospite${i}@example.org`,
          organisation: null,
          organisationType: null,
          language,
          accessibilityNeeds: i === 0 ? 'Sedia a rotelle' : null,
          interpretationLanguage: language,
        });
      const needs = await api('comms', 'GET', `/api/outreach/events/${eventId}/interpretation`);
      expect(needs.json().map((n: { language: string; people: number }) => [n.language, n.people])).toEqual([
        ['ar', 2],
        ['ur', 1],
      ]);
      const workbook = await api('comms', 'GET', `/api/outreach/sessions/${firstId}/registrations.xlsx`);
      expect(workbook.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(workbook.headers['content-disposition']).toMatch(
        /^attachment; filename="iscrizioni-voci-di-confine/,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(workbook.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Iscrizioni');
      expect(sheet?.getRow(1).getCell(3).value).toBe('Nome');
      expect(sheet?.getRow(4).values).toEqual(
        expect.arrayContaining([
          'Chiara Rossi',
          'chiara@example.org',
          'italiano',
          'Confermata',
          'Ingresso, Sala laboratorio',
        ]),
      );
      expect(sheet?.rowCount).toBe(6);
      expect(
        (await api('mediator', 'GET', `/api/outreach/sessions/${firstId}/registrations.xlsx`)).statusCode,
      ).toBe(403);
      const listed = await api('comms', 'GET', `/api/outreach/sessions/${firstId}/registrations`);
      expect(listed.json().items.map((r: { name: string; status: string }) => [r.name, r.status])).toEqual([
        ['Amina Haddad', 'CANCELLED'],
        ['Bilal Khan', 'CANCELLED'],
        ['Chiara Rossi', 'CONFIRMED'],
        ['Dawit Alemu', 'EXPIRED'],
        ['Ewa Nowak', 'OFFERED'],
      ]);
    });

    it('computes the indicators from the records: sessions held, registrations, attendance by organisation type', async () => {
      const before = await eventIndicators(t.platform);
      expect(before).toMatchObject({ eventsPublished: 1, sessionsHeld: 0, attendanceRate: null });
      expect(before.registrations).toBe((await rows()).filter((row) => row.status === 'CONFIRMED').length);
      // after the second performance: Chiara (present) is the one confirmed for the first
      t.clock.set('2026-04-20T09:00:00+02:00');
      const after = await eventIndicators(t.platform);
      expect(after).toMatchObject({ sessionsHeld: 2, participants: 1 });
      expect(after.attendanceRate).toBeCloseTo(1 / after.registeredForHeldSessions);
      expect(after.byOrganisationType).toEqual([
        { organisationType: null, registered: after.registrations, present: 1 },
      ]);
      t.clock.set('2026-03-02T09:00:00+01:00');
    });

    it('keeps the seats exact when many register at once, from two processes, and the waitlist in arrival order', async () => {
      const made = await api('comms', 'POST', `/api/outreach/events/${eventId}/sessions`, {
        ...SESSION,
        label: 'Prova aperta',
        day: '2026-04-20',
        capacity: 25,
      });
      const sessionId = made.json().sessions.find((s: { label: string }) => s.label === 'Prova aperta').id;
      // a second process: its own connections, its own batches, the same database
      const other =
        backend === 'postgres' && database.url
          ? { ...t.platform, database: await openServerDatabase(database.url, { max: 5 }) }
          : t.platform;
      try {
        const outcomes = await Promise.all(
          Array.from({ length: 80 }, (_, i) =>
            register(i % 2 ? other : t.platform, SYSTEM_CALLER, {
              sessionId,
              name: `Persona ${i}`,
              email: `persona${i}@example.org`,
              organisation: null,
              organisationType: null,
              language: 'it',
              accessibilityNeeds: null,
              interpretationLanguage: null,
            }),
          ),
        );
        const placed = outcomes.filter((o) => o.kind === 'registered');
        expect(placed).toHaveLength(80);
        const stored = (await rows()).filter((row) => row.sessionId === sessionId);
        const confirmed = stored.filter((row) => row.status === 'CONFIRMED');
        const waiting = stored.filter((row) => row.status === 'WAITLISTED');
        expect(confirmed).toHaveLength(25);
        expect(waiting).toHaveLength(55);
        // every seat went to an earlier arrival than every place in the list
        const lastSeat = Math.max(...confirmed.map((row) => Number(row.arrival)));
        expect(Math.min(...waiting.map((row) => Number(row.arrival)))).toBeGreaterThan(lastSeat);
        // and the positions each was told are 1…55 in arrival order
        const told = new Map(placed.map((o) => [o.kind === 'registered' ? o.registrationId : '', o]));
        expect(waiting.map((row) => (told.get(row.id) as { position: number }).position)).toEqual(
          Array.from({ length: 55 }, (_, i) => i + 1),
        );
        const mails = await database.db
          .selectFrom('mailOutbox')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .where(
            'entityId',
            'in',
            stored.map((row) => row.id),
          )
          .executeTakeFirstOrThrow();
        expect(Number(mails.n)).toBe(80);
      } finally {
        if (other !== t.platform) await other.database.close();
      }
    });
  });
}
