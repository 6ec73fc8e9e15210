import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_QUEUE } from '../src/kernel/mail-outbox.ts';
import {
  CONVOCATION_TRANSLATIONS,
  type ConvocationTranslation,
} from '../src/modules/cases/appointments/translations.ts';
import { startTestApp, stopTestApp, TEST_NOW, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { setQuota } from './support/intake.ts';
import { type ReceivedMail, startSmtpServer, waitForMail } from './support/smtp.ts';

const PLACE = 'Prefettura di Lodi, Corso Umberto I 40, 26900 Lodi (LO), piano terra';
const WEEKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  opens: '09:00',
  closes: '12:00',
  slotMinutes: 30,
}));
const SATURDAY = { weekday: 6, opens: '09:00', closes: '11:00', slotMinutes: 30 };

type Component = { name: string; properties: Map<string, string[]>; children: Component[] };

/** Reads an iCalendar text (RFC 5545): unfolds lines and nests components; throws on a malformed one. */
function parseIcs(text: string): Component {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  const stack: Component[] = [{ name: 'ROOT', properties: new Map(), children: [] }];
  for (const line of lines) {
    const match = /^([A-Z-]+)((?:;[^:]+)?):(.*)$/.exec(line);
    if (!match) throw new Error(`not an iCalendar line: ${line}`);
    const [, name, params, value] = match as unknown as [string, string, string, string];
    const top = stack.at(-1) as Component;
    if (name === 'BEGIN') {
      const child = { name: value, properties: new Map(), children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (name === 'END') {
      if (top.name !== value) throw new Error(`END:${value} closes ${top.name}`);
      stack.pop();
    } else top.properties.set(`${name}${params}`, [...(top.properties.get(`${name}${params}`) ?? []), value]);
  }
  if (stack.length !== 1) throw new Error('unterminated component');
  const [calendar] = stack[0]?.children ?? [];
  if (calendar?.name !== 'VCALENDAR') throw new Error('no VCALENDAR');
  return calendar;
}
const eventOf = (calendar: Component) => calendar.children.find((c) => c.name === 'VEVENT') as Component;
const icsText = (value: string | undefined) => value?.replace(/\\([,;\\])/g, '$1').replace(/\\n/g, '\n');

for (const backend of BACKENDS) {
  describe(`appointments and the multidisciplinary team on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let manager: Session;
    let operator: Session;
    let operatorEmail: string;
    let lawyer: Session;
    let arabic: { id: string; session: Session };
    let urdu: { id: string; session: Session };
    let deskId: string;
    let secondDeskId: string;
    let applications = 0;

    const post = (session: Session, url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: session.headers, payload });
    const get = (session: Session, url: string) => t.app.inject({ url, headers: session.headers });
    const newCase = async () => {
      const created = await post(manager, '/api/cases', workPermitApplication(7000 + applications++));
      expect(created.statusCode).toBe(201);
      return created.json() as { id: string; number: string };
    };
    const book = (caseId: string, payload: object) =>
      post(operator, `/api/cases/${caseId}/appointments`, {
        deskId,
        purpose: 'CONTRACT_SIGNATURE',
        documentsToBring: ['Passaporto del lavoratore'],
        ...payload,
      });
    const timelineOf = async (caseId: string) =>
      (await get(operator, `/api/cases/${caseId}`)).json().timeline.map((e: { kind: string }) => e.kind);
    const mailsTo = (to: string) => smtp.inbox.filter((mail: ReceivedMail) => mail.to.includes(to));
    // Letters leave from the outbox in the background: the one a test expects is told apart by its subject.
    const letterTo = async (to: string, subject: RegExp) => {
      await expect.poll(() => mailsTo(to).some((mail) => subject.test(mail.subject))).toBe(true);
      return mailsTo(to).find((mail) => subject.test(mail.subject)) as ReceivedMail;
    };
    const attemptsAt = async (entityId: string, topic: string) =>
      (
        await database.db
          .selectFrom('mailOutbox')
          .select('attempts')
          .where('entityId', '=', entityId)
          .where('topic', '=', topic)
          .executeTakeFirst()
      )?.attempts;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url, MAIL_ATTEMPTS: '2' } });
      const prefecture = await makeOrganisation(t.platform, {
        type: 'PREFECTURE',
        name: 'Prefettura di Lodi',
      });
      const member = async (role: 'sui_manager' | 'sui_operator' | 'legal_expert' | 'mediator') => {
        const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role }]);
        return { id: user.id, session: await signIn(t.app, user.email) };
      };
      manager = (await member('sui_manager')).session;
      const operatorUser = await makeUser(t.platform, [
        { organisationId: prefecture.id, role: 'sui_operator' },
      ]);
      operatorEmail = operatorUser.email;
      operator = await signIn(t.app, operatorEmail);
      lawyer = (await member('legal_expert')).session;
      arabic = await member('mediator');
      urdu = await member('mediator');
      await setQuota(t.app, manager, 100);
      const desk = await post(manager, '/api/desks', {
        name: 'Sportello 1',
        place: PLACE,
        openings: [...WEEKDAYS, SATURDAY],
      });
      expect(desk.statusCode).toBe(201);
      deskId = desk.json().id;
      secondDeskId = (
        await post(manager, '/api/desks', { name: 'Sportello 2', place: PLACE, openings: WEEKDAYS })
      ).json().id;
      for (const [mediator, languages] of [
        [arabic, ['ar', 'fr']],
        [urdu, ['ur']],
      ] as const) {
        const set = await t.app.inject({
          method: 'PUT',
          url: `/api/mediators/${mediator.id}/languages`,
          headers: manager.headers,
          payload: { languages },
        });
        expect(set.statusCode).toBe(200);
      }
    });

    afterEach(() => t.clock.set(TEST_NOW));

    /** A family reunification asked by a person who reads the given language, with their own e-mail. */
    const familyApplication = (n: number, preferredLanguage: string) => {
      const work = workPermitApplication(n);
      const worker = work.parties.flatMap((party) => ('person' in party ? [party.person] : []))[0];
      return {
        type: 'FAMILY_REUNIFICATION_CLEARANCE',
        parties: [
          {
            role: 'APPLICANT',
            person: { ...worker, email: `richiedente${n}@lovit.example`, preferredLanguage },
          },
          {
            role: 'FAMILY_MEMBER',
            person: { ...worker, givenName: 'Iryna', email: null, preferredLanguage: null },
          },
        ],
        details: { formCode: 'SM' },
      };
    };

    it('sends the convocation in the applicant’s language below the Italian text, with the portal in that language', async () => {
      for (const [language, startsAt] of [
        ['uk', '2026-03-11T09:00:00+01:00'],
        ['ar', '2026-03-11T09:30:00+01:00'],
      ] as const) {
        const created = await post(manager, '/api/cases', familyApplication(7900 + applications++, language));
        expect(created.statusCode).toBe(201);
        const booked = await book(created.json().id, { startsAt, purpose: 'DOCUMENTS' });
        expect(booked.statusCode).toBe(201);
        const translation = CONVOCATION_TRANSLATIONS[language] as ConvocationTranslation;
        const letter = await letterTo(booked.json().recipientEmail, new RegExp(` / ${translation.subject}$`));
        const italian = letter.text.indexOf('La invitiamo a presentarsi');
        expect(italian).toBeGreaterThan(0);
        expect(letter.text.indexOf(translation.purposes.DOCUMENTS)).toBeGreaterThan(italian);
        const links = letter.text.match(/https?:\/\/\S+\/portale\/(\w+)\/appuntamento\?t=\S+/g) ?? [];
        expect(links).toHaveLength(2);
        for (const link of links) expect(link).toContain(`/portale/${language}/appuntamento?t=`);
      }
      const staff = await get(operator, '/api/convocation-templates');
      expect(staff.statusCode).toBe(200);
      expect(staff.json().map((sample: { language: string }) => sample.language)).toEqual([
        'it',
        'en',
        'fr',
        'ar',
        'uk',
      ]);
      expect(staff.json()[3]).toMatchObject({ dir: 'rtl', name: 'العربية' });
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('offers the free slots of the grid, skipping the past, Sundays and Easter Monday', async () => {
      const today = (await get(operator, `/api/desks/${deskId}/slots?from=2026-03-02&to=2026-03-02`)).json();
      expect(today.slots[0]).toEqual({
        startsAt: '2026-03-02T09:30:00+01:00',
        endsAt: '2026-03-02T10:00:00+01:00',
      });
      expect(today.slots).toHaveLength(5);
      const easter = await get(operator, `/api/desks/${deskId}/slots?from=2026-04-04&to=2026-04-07`);
      expect(easter.statusCode).toBe(200);
      const days = new Set(easter.json().slots.map((s: { startsAt: string }) => s.startsAt.slice(0, 10)));
      // Saturday 4 open, Sunday 5 and Easter Monday 6 closed, Tuesday 7 open; summer time from 29 March
      expect([...days]).toEqual(['2026-04-04', '2026-04-07']);
      expect(easter.json().slots[0].startsAt).toBe('2026-04-04T09:00:00+02:00');
      expect(easter.json().slots).toHaveLength(4 + 6);
    });

    it('books a slot with a mediator and sends the convocation by PEC with a calendar entry', async () => {
      const kase = await newCase();
      const booked = await book(kase.id, {
        startsAt: '2026-03-03T09:00:00+01:00',
        documentsToBring: ['Passaporto del lavoratore', 'Marca da bollo da 16 euro'],
        language: 'ar',
      });
      expect(booked.statusCode).toBe(201);
      const appointment = booked.json();
      expect(appointment).toMatchObject({
        caseId: kase.id,
        caseNumber: kase.number,
        status: 'SCHEDULED',
        startsAt: '2026-03-03T09:00:00+01:00',
        endsAt: '2026-03-03T09:30:00+01:00',
        mediator: { id: arabic.id },
        language: 'ar',
        viaPec: true,
        recipientEmail: expect.stringMatching(/@pec\.lovit\.example$/),
      });
      expect(appointment.letter).toMatchObject({ kind: 'convocation' });

      const mail = await waitForMail(smtp.inbox, appointment.recipientEmail);
      expect(mail.subject).toBe(`Convocazione – Sportello Unico per l’Immigrazione – pratica ${kase.number}`);
      expect(mail.text).toContain(`pratica n. ${kase.number}`);
      expect(mail.text).toContain('Data: martedì 3 marzo 2026');
      expect(mail.text).toContain('Ora: dalle 09:00 alle 09:30');
      expect(mail.text).toContain(`Luogo: Sportello 1, ${PLACE}`);
      expect(mail.text).toContain('Motivo: Firma del contratto di soggiorno');
      expect(mail.text).toContain('- Marca da bollo da 16 euro');
      expect(mail.text).toContain('per la lingua arabo');
      expect(mail.attachments.map((a) => a.filename)).toEqual(['convocazione.ics']);
      const ics = mail.attachments[0]?.content ?? '';
      expect(ics).toContain('BEGIN:VEVENT');
      expect(ics).toContain('DTSTART;TZID=Europe/Rome:20260303T090000');
      const calendar = parseIcs(ics);
      expect(calendar.properties.get('METHOD')).toEqual(['REQUEST']);
      expect(calendar.children.map((c) => c.name)).toEqual(['VTIMEZONE', 'VEVENT']);
      const event = eventOf(calendar);
      expect(event.properties.get('UID')).toEqual([appointment.id]);
      expect(event.properties.get('DTEND;TZID=Europe/Rome')).toEqual(['20260303T093000']);
      expect(icsText(event.properties.get('LOCATION')?.[0])).toBe(PLACE);
      expect(icsText(event.properties.get('DESCRIPTION')?.[0])).toContain('Passaporto del lavoratore');

      const download = await get(operator, `/api/appointments/${appointment.id}/ics`);
      expect(download.headers['content-type']).toContain('text/calendar');
      expect(eventOf(parseIcs(download.body)).properties.get('UID')).toEqual([appointment.id]);
      expect(await timelineOf(kase.id)).toContain('APPOINTMENT_BOOKED');
      const listed = (await get(operator, `/api/cases/${kase.id}/appointments`)).json();
      expect(listed.map((a: { id: string }) => a.id)).toEqual([appointment.id]);
      const mine = (await get(arabic.session, '/api/appointments/mine')).json();
      expect(mine.map((a: { id: string }) => a.id)).toContain(appointment.id);
    });

    it('books a slot once when two operators take it at the same moment, and proposes the next free ones', async () => {
      const [first, second] = [await newCase(), await newCase()];
      const answers = await Promise.all(
        [first, second].map((kase) => book(kase.id, { startsAt: '2026-03-03T10:00:00+01:00' })),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
      const refused = answers.find((a) => a.statusCode === 409);
      expect(refused?.headers['content-type']).toContain('application/problem+json');
      expect(refused?.json().errors).toEqual([expect.objectContaining({ path: 'body.startsAt' })]);
      expect(refused?.json().nextFreeSlots[0].startsAt).toBe('2026-03-03T10:30:00+01:00');
      const agenda = (await get(operator, `/api/appointments?from=2026-03-03&deskId=${deskId}`)).json();
      expect(
        agenda.filter((a: { startsAt: string }) => a.startsAt === '2026-03-03T10:00:00+01:00'),
      ).toHaveLength(1);

      const offGrid = await book(first.id, { startsAt: '2026-03-03T10:10:00+01:00' });
      expect(offGrid.statusCode).toBe(409);
      expect(offGrid.json().nextFreeSlots[0].startsAt).toBe('2026-03-03T10:30:00+01:00');
      const sunday = await book(first.id, { startsAt: '2026-03-08T09:00:00+01:00' });
      expect(sunday.statusCode).toBe(409);
      expect(sunday.json().nextFreeSlots[0].startsAt).toBe('2026-03-09T09:00:00+01:00');
    });

    it('never books a mediator twice at the same time, even from two desks at once', async () => {
      const kase = await newCase();
      // Nobody but this mediator covers Arabic, and they are at desk 1 on 3 March at 11:30
      const first = await book((await newCase()).id, {
        startsAt: '2026-03-03T11:30:00+01:00',
        language: 'ar',
      });
      expect(first.json().mediator.id).toBe(arabic.id);
      const busy = await book(kase.id, {
        deskId: secondDeskId,
        startsAt: '2026-03-03T11:30:00+01:00',
        language: 'ar',
      });
      expect(busy.statusCode).toBe(409);
      expect(busy.json().errors).toEqual([expect.objectContaining({ path: 'body.language' })]);
      const named = await book(kase.id, {
        deskId: secondDeskId,
        startsAt: '2026-03-03T11:30:00+01:00',
        mediatorId: arabic.id,
      });
      expect(named.statusCode).toBe(409);
      expect(named.json().errors).toEqual([expect.objectContaining({ path: 'body.mediatorId' })]);
      const uncovered = await book(kase.id, { startsAt: '2026-03-03T11:00:00+01:00', language: 'zh' });
      expect(uncovered.statusCode).toBe(422);

      const [a, b] = [await newCase(), await newCase()];
      const answers = await Promise.all([
        book(a.id, { deskId, startsAt: '2026-03-04T09:00:00+01:00', mediatorId: urdu.id }),
        book(b.id, { deskId: secondDeskId, startsAt: '2026-03-04T09:00:00+01:00', mediatorId: urdu.id }),
      ]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      const booked = await database.db
        .selectFrom('appointment')
        .select('id')
        .where('mediatorId', '=', urdu.id)
        .where('status', '=', 'SCHEDULED')
        .execute();
      expect(booked).toHaveLength(1);

      const mediators = (await get(operator, '/api/mediators?language=ur')).json();
      expect(mediators).toEqual([
        expect.objectContaining({ id: urdu.id, languages: ['ur'], upcomingBookings: 1 }),
      ]);
    });

    it('records a no-show and a rescheduling on the case timeline, with a new letter', async () => {
      const kase = await newCase();
      const first = (await book(kase.id, { startsAt: '2026-03-02T10:00:00+01:00' })).json();
      const early = await post(operator, `/api/appointments/${first.id}/outcome`, { outcome: 'NO_SHOW' });
      expect(early.statusCode).toBe(409);
      t.clock.set('2026-03-02T10:20:00+01:00');
      // an hour later the morning's session has expired: the operator signs in again
      const later = await signIn(t.app, operatorEmail);
      const noShow = await post(later, `/api/appointments/${first.id}/outcome`, { outcome: 'NO_SHOW' });
      expect(noShow.json()).toMatchObject({ status: 'NO_SHOW' });
      const again = await post(later, `/api/appointments/${first.id}/outcome`, { outcome: 'ATTENDED' });
      expect(again.statusCode).toBe(409);
      t.clock.set(TEST_NOW);

      const second = (await book(kase.id, { startsAt: '2026-03-05T09:00:00+01:00' })).json();
      const moved = await post(operator, `/api/appointments/${second.id}/reschedule`, {
        startsAt: '2026-03-06T11:00:00+01:00',
        reason: 'Richiesta del datore di lavoro',
      });
      expect(moved.statusCode).toBe(201);
      expect(moved.json()).toMatchObject({
        rescheduledFrom: second.id,
        status: 'SCHEDULED',
        startsAt: '2026-03-06T11:00:00+01:00',
      });
      expect((await get(operator, `/api/appointments/${second.id}`)).json().status).toBe('RESCHEDULED');
      const letter = await letterTo(second.recipientEmail, /^Nuova convocazione/);
      expect(letter.text).toContain('giovedì 5 marzo 2026, dalle 09:00 alle 09:30 è stato spostato');
      expect(letter.text).toContain('Data: venerdì 6 marzo 2026');
      const [request, cancel] = letter.attachments.map((a) => parseIcs(a.content));
      expect(eventOf(request as Component).properties.get('UID')).toEqual([moved.json().id]);
      expect(cancel?.properties.get('METHOD')).toEqual(['CANCEL']);
      expect(eventOf(cancel as Component).properties.get('UID')).toEqual([second.id]);

      expect(await timelineOf(kase.id)).toEqual(
        expect.arrayContaining(['APPOINTMENT_BOOKED', 'APPOINTMENT_NO_SHOW', 'APPOINTMENT_RESCHEDULED']),
      );
      const listed = (await get(operator, `/api/cases/${kase.id}/appointments`)).json();
      expect(listed.map((a: { status: string }) => a.status)).toEqual([
        'NO_SHOW',
        'RESCHEDULED',
        'SCHEDULED',
      ]);
      // the freed slot is offered again
      const slots = (await get(operator, `/api/desks/${deskId}/slots?from=2026-03-05&to=2026-03-05`)).json();
      expect(slots.slots.map((s: { startsAt: string }) => s.startsAt)).toContain('2026-03-05T09:00:00+01:00');
    });

    it('cancels an appointment and tells the applicant with a calendar cancellation', async () => {
      const kase = await newCase();
      const booked = (await book(kase.id, { startsAt: '2026-03-09T09:30:00+01:00' })).json();
      const cancelled = await post(operator, `/api/appointments/${booked.id}/cancel`, {
        reason: 'Pratica in attesa del parere della Questura',
      });
      expect(cancelled.json()).toMatchObject({ status: 'CANCELLED' });
      const notice = await letterTo(booked.recipientEmail, /^Annullamento appuntamento/);
      expect(parseIcs(notice.attachments[0]?.content ?? '').properties.get('METHOD')).toEqual(['CANCEL']);
      expect(await timelineOf(kase.id)).toContain('APPOINTMENT_CANCELLED');
    });

    it('keeps a convocation through a mail server outage, shows where it is, and sends it once', async () => {
      const kase = await newCase();
      const letterOf = async (id: string) =>
        (await get(operator, `/api/cases/${kase.id}/appointments`))
          .json()
          .find((a: { id: string }) => a.id === id).letter;
      await smtp.stop();
      const booked = await book(kase.id, { startsAt: '2026-03-10T09:00:00+01:00' });
      expect(booked.statusCode).toBe(201);
      const { id, recipientEmail } = booked.json();
      await expect
        .poll(
          async () =>
            (
              await database.db
                .selectFrom('mailOutbox')
                .select('attempts')
                .where('entityId', '=', id)
                .executeTakeFirst()
            )?.attempts,
        )
        .toBe(1);
      expect(await letterOf(id)).toEqual({ kind: 'convocation', status: 'PENDING', sentAt: null });

      smtp = await startSmtpServer(smtp.port);
      t.clock.advance(60_000);
      await t.platform.jobs?.send(MAIL_QUEUE, {});
      await waitForMail(smtp.inbox, recipientEmail);
      await expect.poll(async () => (await letterOf(id)).status).toBe('SENT');
      await t.platform.jobs?.send(MAIL_QUEUE, {});
      expect(mailsTo(recipientEmail)).toHaveLength(1);

      await smtp.stop();
      const cancelled = await post(operator, `/api/appointments/${id}/cancel`, {
        reason: 'Richiesta del datore',
      });
      expect(cancelled.statusCode).toBe(200);
      await expect.poll(() => attemptsAt(id, 'cases.cancellation')).toBe(1);
      expect(await letterOf(id)).toMatchObject({ kind: 'cancellation', status: 'PENDING' });
      t.clock.advance(60_000);
      await t.platform.jobs?.send(MAIL_QUEUE, {});
      await expect
        .poll(async () => await letterOf(id))
        .toEqual({
          kind: 'cancellation',
          status: 'UNDELIVERABLE',
          sentAt: null,
        });
      smtp = await startSmtpServer(smtp.port);
    });

    it('lets an operator ask the legal expert, and only the legal expert answer, on the case', async () => {
      const kase = await newCase();
      const asked = await post(operator, `/api/cases/${kase.id}/questions`, {
        question: 'Il contratto a tempo determinato di 8 mesi rientra nel lavoro non stagionale?',
      });
      expect(asked.statusCode).toBe(201);
      // five working days from Monday 2 March, Saturday counting as one in the office calendar
      expect(asked.json()).toMatchObject({ dueOn: '2026-03-07', answer: null, isOverdue: false });
      const urgent = await post(operator, `/api/cases/${kase.id}/questions`, {
        question: 'Serve l’asseverazione per un datore con meno di 15 dipendenti?',
        dueOn: '2026-03-04',
      });
      const past = await post(operator, `/api/cases/${kase.id}/questions`, {
        question: 'x',
        dueOn: '2026-03-01',
      });
      expect(past.statusCode).toBe(422);
      expect(past.json().errors).toEqual([expect.objectContaining({ path: 'body.dueOn' })]);

      const queue = (await get(lawyer, '/api/legal-questions?open=true')).json();
      expect(queue.map((q: { id: string }) => q.id)).toEqual([urgent.json().id, asked.json().id]);

      const answerUrl = `/api/legal-questions/${asked.json().id}/answer`;
      const byOperator = await post(operator, answerUrl, { answer: 'Sì.' });
      expect(byOperator.statusCode).toBe(403);
      const answered = await post(lawyer, answerUrl, {
        answer: 'Sì: art. 22 TUI, contratto di durata superiore ai sei mesi.',
      });
      expect(answered.statusCode).toBe(200);
      expect(answered.json().answeredAt).not.toBeNull();
      expect((await post(lawyer, answerUrl, { answer: 'Di nuovo' })).statusCode).toBe(409);

      const onCase = (await get(operator, `/api/cases/${kase.id}/questions`)).json();
      expect(onCase.find((q: { id: string }) => q.id === asked.json().id).answer).toBe(
        'Sì: art. 22 TUI, contratto di durata superiore ai sei mesi.',
      );
      expect(
        (await get(lawyer, '/api/legal-questions?open=true')).json().map((q: { id: string }) => q.id),
      ).toEqual([urgent.json().id]);
      expect(await timelineOf(kase.id)).toEqual(
        expect.arrayContaining(['LEGAL_QUESTION_ASKED', 'LEGAL_QUESTION_ANSWERED']),
      );
    });

    it('names the field at fault and hides another office’s records', async () => {
      const kase = await newCase();
      const bad = await post(operator, `/api/cases/${kase.id}/appointments`, {
        deskId: 'sportello',
        startsAt: '3 marzo',
        purpose: 'PARTY',
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['body.deskId', 'body.purpose', 'body.startsAt']);
      const overlapping = await post(manager, '/api/desks', {
        name: 'Sportello 3',
        place: PLACE,
        openings: [WEEKDAYS[0], { weekday: 1, opens: '11:00', closes: '13:00', slotMinutes: 30 }],
      });
      expect(overlapping.statusCode).toBe(422);
      expect(overlapping.json().errors).toEqual([expect.objectContaining({ path: 'body.openings.1' })]);
      const languages = await t.app.inject({
        method: 'PUT',
        url: `/api/mediators/${arabic.id}/languages`,
        headers: operator.headers,
        payload: { languages: ['ar'] },
      });
      expect(languages.statusCode).toBe(403);

      const elsewhere = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      const stranger = await signIn(
        t.app,
        (await makeUser(t.platform, [{ organisationId: elsewhere.id, role: 'sui_manager' }])).email,
      );
      const appointment = (await book(kase.id, { startsAt: '2026-03-10T10:00:00+01:00' })).json();
      for (const url of [
        `/api/desks/${deskId}/slots`,
        `/api/cases/${kase.id}/appointments`,
        `/api/appointments/${appointment.id}`,
        `/api/appointments/${appointment.id}/ics`,
        `/api/cases/${kase.id}/questions`,
      ])
        expect((await get(stranger, url)).statusCode, url).toBe(404);
      expect(
        (
          await post(stranger, `/api/cases/${kase.id}/appointments`, {
            deskId,
            startsAt: '2026-03-10T09:00:00+01:00',
            purpose: 'INTERVIEW',
          })
        ).statusCode,
      ).toBe(404);
      const notMediator = await t.app.inject({
        method: 'PUT',
        url: `/api/mediators/${(await makeUser(t.platform, [{ organisationId: elsewhere.id, role: 'mediator' }])).id}/languages`,
        headers: manager.headers,
        payload: { languages: ['ar'] },
      });
      expect(notMediator.statusCode).toBe(404);
    });
  });
}
