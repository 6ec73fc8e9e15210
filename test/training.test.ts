import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../src/kernel/permissions.ts';
import { remindSessions } from '../src/modules/training/enrolments.ts';
import { trainingIndicators } from '../src/modules/training/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makePdf, makeZip, multipartBody } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer, waitForMail } from './support/smtp.ts';

type Person =
  | 'trainer'
  | 'other'
  | 'pm'
  | 'anna'
  | 'bruno'
  | 'carla'
  | 'dario'
  | 'elsa'
  | 'manager'
  | 'clerk'
  | 'coopHead'
  | 'nurse';

const COURSE = {
  title: 'Il permesso di soggiorno per lavoro',
  track: 'PUBLIC',
  objectives: 'Conoscere le procedure del SUI.',
  topics: 'Nulla osta al lavoro\nConversione dei permessi\nNulla osta al lavoro',
  hours: 6,
  targetRoles: 'Operatori degli sportelli comunali',
  completionPercent: 75,
};

const sessionOn = (day: string) => ({
  day,
  startTime: '09:00',
  endTime: '12:00',
  place: 'Prefettura di Lodi, sala A',
});

for (const backend of BACKENDS) {
  describe(`training on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const emails = {} as Record<Person, string>;
    const ids = {} as Record<Person, string>;
    const sessions = {} as Record<Person, Session>;
    let editionId: string;
    let firstSessionId: string;
    let secondSessionId: string;
    let goneId: string;

    const post = (who: Person, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: sessions[who].headers, payload });
    const get = (who: Person, url: string) => t.app.inject({ url, headers: sessions[who].headers });
    const moveTo = async (instant: string) => {
      t.clock.set(instant);
      for (const who of Object.keys(emails) as Person[]) sessions[who] = await signIn(t.app, emails[who]);
    };
    const mailTo = (to: string, subject: string, mentioning: string) =>
      vi.waitFor(
        () => {
          const mail = smtp.inbox.find(
            (m) => m.to.includes(to) && m.subject.startsWith(subject) && m.text.includes(mentioning),
          );
          if (!mail) throw new Error(`no e-mail «${subject}» to ${to}`);
          return mail;
        },
        { timeout: 10_000 },
      );
    const attendanceRows = () => database.db.selectFrom('trainingAttendance').selectAll().execute();

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const comune = await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' });
      const coop = await makeOrganisation(t.platform, { name: 'Cooperativa LULE', type: 'COOPERATIVE' });
      const asst = await makeOrganisation(t.platform, { name: 'ASST di Lodi', type: 'HEALTH_SERVICE' });
      const people: [Person, string, Role][] = [
        ['trainer', coop.id, 'trainer'],
        ['other', coop.id, 'trainer'],
        ['pm', coop.id, 'project_manager'],
        ['anna', comune.id, 'trainee'],
        ['bruno', comune.id, 'trainee'],
        ['carla', comune.id, 'trainee'],
        ['dario', coop.id, 'trainee'],
        ['elsa', comune.id, 'trainee'],
        ['manager', comune.id, 'sui_manager'],
        ['clerk', comune.id, 'communications'],
        ['coopHead', coop.id, 'sui_manager'],
        ['nurse', asst.id, 'trainee'],
      ];
      for (const [who, organisationId, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId, role }]);
        emails[who] = user.email;
        ids[who] = user.id;
        sessions[who] = await signIn(t.app, user.email);
      }
      const gone = await makeUser(t.platform, [{ organisationId: comune.id, role: 'trainee' }]);
      goneId = gone.id;
      await database.db.updateTable('appUser').set({ isActive: false }).where('id', '=', gone.id).execute();
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('creates a course and an edition with its sessions, refusing wrong input in Italian', async () => {
      const refused = await post('trainer', '/api/training/courses', {
        ...COURSE,
        title: '',
        trainerIds: [],
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.title', message: 'Campo obbligatorio' },
          { path: 'body.trainerIds', message: 'indicare almeno un formatore' },
        ]),
      );
      const notTrainer = await post('trainer', '/api/training/courses', {
        ...COURSE,
        trainerIds: [ids.anna],
      });
      expect(notTrainer.statusCode).toBe(422);
      expect(await database.db.selectFrom('trainingCourse').selectAll().execute()).toEqual([]);

      const course = await post('trainer', '/api/training/courses', { ...COURSE, trainerIds: [ids.trainer] });
      expect(course.statusCode).toBe(201);
      expect(course.json().topics).toEqual(['Nulla osta al lavoro', 'Conversione dei permessi']);
      expect(course.json().trainers).toEqual([{ id: ids.trainer, name: 'Mario Rossi' }]);

      const badSession = await post('trainer', `/api/training/courses/${course.json().id}/editions`, {
        name: 'Primavera 2026',
        capacity: 2,
        cancelUntil: '2026-03-04',
        sessions: [{ day: '2026-03-05', startTime: '12:00', endTime: '09:00' }],
      });
      expect(badSession.statusCode).toBe(400);
      expect(badSession.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.sessions.0.endTime', message: 'la fine deve venire dopo l’inizio' },
        ]),
      );

      const edition = await post('trainer', `/api/training/courses/${course.json().id}/editions`, {
        name: 'Primavera 2026',
        capacity: 2,
        cancelUntil: '2026-03-04',
        sessions: [sessionOn('2026-03-05'), sessionOn('2026-03-06')],
      });
      expect(edition.statusCode).toBe(201);
      editionId = edition.json().id;
      [firstSessionId, secondSessionId] = edition.json().sessions.map((s: { id: string }) => s.id);
      expect(edition.json().sessions[0]).toMatchObject({ startsAt: '2026-03-05T08:00:00.000Z', hours: 3 });
      expect(edition.json().totalHours).toBe(6);

      const list = await get('anna', '/api/training/courses');
      expect(list.json()).toMatchObject({ total: 1, items: [{ title: COURSE.title, editions: 1 }] });
    });

    it('keeps the course’s materials, checked by content, for everyone in training to download', async () => {
      const courseId = (await get('anna', `/api/training/editions/${editionId}`)).json().courseId;
      const upload = async (who: Person, content: Uint8Array, name: string) => {
        const body = await multipartBody({}, { content, name, type: 'application/pdf' });
        return t.app.inject({
          method: 'POST',
          url: `/api/training/courses/${courseId}/materials`,
          headers: { ...sessions[who].headers, ...body.headers },
          payload: body.payload,
        });
      };
      const pdf = await makePdf('Slide del corso');
      expect((await upload('anna', pdf, 'slide.pdf')).statusCode).toBe(403);
      const disguised = await upload('trainer', makeZip('a.txt', Buffer.from('x')), 'slide.pdf');
      expect(disguised.statusCode).toBe(415);
      const added = await upload('trainer', pdf, 'Slide del corso.pdf');
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ fileName: 'Slide del corso.pdf', mediaType: 'application/pdf' });
      const course = (await get('anna', `/api/training/courses/${courseId}`)).json();
      expect(course.materials).toHaveLength(1);
      const download = await get('anna', `/api/training/courses/${courseId}/materials/${added.json().id}`);
      expect(download.statusCode).toBe(200);
      expect(Buffer.from(download.rawPayload).equals(Buffer.from(pdf))).toBe(true);
    });

    it('gives the places in order, then the waitlist, and never twice to the same person', async () => {
      const anna = await post('anna', `/api/training/editions/${editionId}/enrolment`);
      expect(anna.statusCode).toBe(201);
      expect(anna.json()).toMatchObject({ status: 'ENROLLED', position: null });
      expect((await post('bruno', `/api/training/editions/${editionId}/enrolment`)).json().status).toBe(
        'ENROLLED',
      );
      const carla = await post('carla', `/api/training/editions/${editionId}/enrolment`);
      expect(carla.json()).toMatchObject({ status: 'WAITLISTED', position: 1 });
      expect(carla.json().message).toContain('lista d’attesa (posizione 1)');

      const twice = await post('anna', `/api/training/editions/${editionId}/enrolment`);
      expect(twice.statusCode).toBe(409);
      expect(twice.json().detail).toContain('già iscritto/a');
      const wrongTrack = await post('dario', `/api/training/editions/${editionId}/enrolment`);
      expect(wrongTrack.statusCode).toBe(409);
      expect(wrongTrack.json().detail).toContain('riservato');
      const rows = await database.db.selectFrom('trainingEnrolment').select(['userId', 'status']).execute();
      expect(rows).toHaveLength(3);

      const seen = await get('carla', `/api/training/editions/${editionId}`);
      expect(seen.json()).toMatchObject({
        enrolled: 2,
        waitlisted: 1,
        mine: { status: 'WAITLISTED', position: 1 },
      });
      expect(seen.json().participants).toEqual([]);
      const trainerView = await get('trainer', `/api/training/editions/${editionId}`);
      expect(trainerView.json().participants).toHaveLength(3);
    });

    it('lets a head enrol their own staff only', async () => {
      const staff = await get('manager', '/api/training/staff');
      expect(staff.json().map((p: { userId: string }) => p.userId)).toContain(ids.elsa);
      const stranger = await post('manager', `/api/training/editions/${editionId}/staff-enrolments`, {
        userId: ids.dario,
      });
      expect(stranger.statusCode).toBe(422);
      expect(stranger.json().errors).toEqual([
        { path: 'body.userId', message: 'la persona non fa parte del tuo ente' },
      ]);
      const elsa = await post('manager', `/api/training/editions/${editionId}/staff-enrolments`, {
        userId: ids.elsa,
      });
      expect(elsa.json()).toMatchObject({ status: 'WAITLISTED', position: 2 });
      const managerView = await get('manager', `/api/training/editions/${editionId}`);
      expect(
        managerView
          .json()
          .participants.map((p: { userId: string }) => p.userId)
          .sort(),
      ).toEqual([ids.anna, ids.bruno, ids.carla, ids.elsa].sort());
    });

    it('lets a head enrol only the active people of their organisation who take part in training, on its track', async () => {
      const before = await database.db.selectFrom('trainingEnrolment').selectAll().execute();
      const staff = (await get('manager', '/api/training/staff'))
        .json()
        .map((p: { userId: string }) => p.userId);
      expect(staff).not.toContain(ids.clerk);
      expect(staff).toContain(ids.manager); // the SUI team takes part in training
      expect(staff).not.toContain(goneId);
      const url = `/api/training/editions/${editionId}/staff-enrolments`;
      const clerk = await post('manager', url, { userId: ids.clerk });
      expect(clerk.statusCode).toBe(422);
      expect(clerk.json().errors).toEqual([
        {
          path: 'body.userId',
          message:
            'Mario Rossi non partecipa alla formazione: per iscriverla serve il ruolo «Partecipante alla formazione» nel tuo ente',
        },
      ]);
      const gone = await post('manager', url, { userId: goneId });
      expect(gone.statusCode).toBe(422);
      expect(gone.json().errors).toEqual([
        { path: 'body.userId', message: 'l’utenza di Mario Rossi è disattivata: non può essere iscritta' },
      ]);
      const otherTrack = await post('coopHead', url, { userId: ids.dario });
      expect(otherTrack.statusCode).toBe(422);
      expect(otherTrack.json().errors).toEqual([
        {
          path: 'body.userId',
          message:
            'il corso è riservato a: Operatori degli enti pubblici; le persone di un ente di tipo «Cooperativa» non possono iscriversi',
        },
      ]);
      expect(await database.db.selectFrom('trainingEnrolment').selectAll().execute()).toEqual(before);
    });

    it('gives a freed place to the first in the waitlist at once, with an e-mail and its calendar', async () => {
      const annaEnrolment = (await get('anna', `/api/training/editions/${editionId}`)).json().mine
        .enrolmentId;
      const foreign = await post('dario', `/api/training/enrolments/${annaEnrolment}/cancel`);
      expect(foreign.statusCode).toBe(404);
      expect((await post('anna', `/api/training/enrolments/${annaEnrolment}/cancel`)).statusCode).toBe(204);

      const carla = (await get('carla', `/api/training/editions/${editionId}`)).json();
      expect(carla.mine).toMatchObject({ status: 'ENROLLED', position: null });
      expect((await get('elsa', `/api/training/editions/${editionId}`)).json().mine.position).toBe(1);
      const mail = await waitForMail(smtp.inbox, emails.carla, 10_000);
      expect(mail.subject).toBe(`Posto confermato dalla lista d’attesa: ${COURSE.title}`);
      const ics = mail.attachments.find((attachment) => attachment.filename === 'sessioni.ics');
      expect(ics?.content).toContain('BEGIN:VEVENT');
      expect(ics?.content).toContain(firstSessionId);
      const actions = (await database.db.selectFrom('auditEntry').select('action').execute()).map(
        (r) => r.action,
      );
      expect(actions).toEqual(
        expect.arrayContaining([
          'training.enrolment.cancel',
          'training.enrolment.promote',
          'training_edition.read',
        ]),
      );
    });

    it('gives new places to the waitlist when the edition grows, never shrinking below the places taken', async () => {
      const below = await post('trainer', `/api/training/editions/${editionId}/capacity`, { capacity: 1 });
      expect(below.statusCode).toBe(422);
      expect(below.json().errors[0].path).toBe('body.capacity');
      expect(
        (await post('anna', `/api/training/editions/${editionId}/capacity`, { capacity: 5 })).statusCode,
      ).toBe(403);
      const grown = await post('trainer', `/api/training/editions/${editionId}/capacity`, { capacity: 3 });
      expect(grown.statusCode).toBe(200);
      expect(grown.json()).toMatchObject({ capacity: 3, enrolled: 3, waitlisted: 0 });
      expect((await get('elsa', `/api/training/editions/${editionId}`)).json().mine.status).toBe('ENROLLED');
      const mail = await waitForMail(smtp.inbox, emails.elsa, 10_000);
      expect(mail.subject).toContain('Posto confermato dalla lista d’attesa');
      const back = await post('trainer', `/api/training/editions/${editionId}/capacity`, { capacity: 2 });
      expect(back.statusCode).toBe(422);
    });

    it('reminds the people with a place the day before, once', async () => {
      await moveTo('2026-03-04T10:00:00+01:00');
      expect(await remindSessions(t.platform)).toBe(3);
      expect(await remindSessions(t.platform)).toBe(0);
      const reminder = () =>
        smtp.inbox.find((m) => m.to.includes(emails.bruno) && m.subject.startsWith('Promemoria'));
      await vi.waitFor(() => expect(reminder()).toBeDefined(), { timeout: 10_000 });
      expect(reminder()?.text).toContain('inquadrando il codice QR');
    });

    it('refuses cancellation after the deadline', async () => {
      await moveTo('2026-03-05T08:00:00+01:00');
      const bruno = (await get('bruno', `/api/training/editions/${editionId}`)).json();
      expect(bruno.mine.mayCancel).toBe(false);
      const late = await post('bruno', `/api/training/enrolments/${bruno.mine.enrolmentId}/cancel`);
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toContain('termine per annullare');
    });

    it('records a check-in with the code on screen once, and refuses expired codes, strangers and other times', async () => {
      const early = await get('trainer', `/api/training/sessions/${firstSessionId}/check-in-code`);
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toContain('alle 09:00');

      await moveTo('2026-03-05T09:10:00+01:00');
      const screen = (await get('trainer', `/api/training/sessions/${firstSessionId}/check-in-code`)).json();
      expect(screen.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(screen.qrSvg).toContain('<svg');
      expect(screen.url).toContain(`sessione=${firstSessionId}`);

      const bruno = await post('bruno', '/api/training/check-in', {
        sessionId: firstSessionId,
        code: screen.code,
      });
      expect(bruno.statusCode).toBe(200);
      expect(bruno.json().message).toContain('Presenza registrata');
      const again = await post('bruno', '/api/training/check-in', {
        sessionId: firstSessionId,
        code: screen.code,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe('La tua presenza a questa sessione è già registrata.');
      const stranger = await post('anna', '/api/training/check-in', {
        sessionId: firstSessionId,
        code: screen.code,
      });
      expect(stranger.statusCode).toBe(422);
      expect(stranger.json().errors[0].message).toContain('non risulti iscritto/a');

      t.clock.advance(20_000);
      const typed = await post('carla', '/api/training/check-in', { code: screen.code.toLowerCase() });
      expect(typed.statusCode).toBe(200);

      t.clock.advance(90_000);
      const expired = await post('anna', '/api/training/check-in', {
        sessionId: firstSessionId,
        code: screen.code,
      });
      expect(expired.statusCode).toBe(422);
      const rows = await attendanceRows();
      expect(rows.map((row) => row.userId).sort()).toEqual([ids.bruno, ids.carla].sort());

      await moveTo('2026-03-05T12:30:00+01:00');
      const after = await post('bruno', '/api/training/check-in', {
        sessionId: secondSessionId,
        code: 'ABCDEF',
      });
      expect(after.statusCode).toBe(422);
      expect(after.json().errors[0]).toEqual({
        path: 'body.code',
        message: 'la sessione comincia alle 09:00: il codice non vale ancora',
      });
      expect(await attendanceRows()).toHaveLength(2);

      // guessing is slowed per person, not per address: a classroom shares one network
      const guess = (who: Person) => post(who, '/api/training/check-in', { code: 'ZZZZZZ' });
      for (let attempt = 0; attempt < 10; attempt++) expect((await guess('dario')).statusCode).toBe(422);
      const stopped = await guess('dario');
      expect(stopped.statusCode).toBe(429);
      expect(stopped.headers['content-type']).toContain('application/problem+json');
      expect((await guess('elsa')).statusCode).toBe(422);
      expect(await attendanceRows()).toHaveLength(2);
    });

    it('keeps the register, counts the hours and tells who completed, and the indicators follow', async () => {
      await moveTo('2026-03-06T12:05:00+01:00');
      const register = await post('trainer', `/api/training/sessions/${secondSessionId}/register`, {
        userId: ids.bruno,
        present: true,
      });
      expect(register.statusCode).toBe(200);
      expect(register.json().people.find((p: { userId: string }) => p.userId === ids.bruno).isPresent).toBe(
        true,
      );
      const notEnrolled = await post('trainer', `/api/training/sessions/${secondSessionId}/register`, {
        userId: ids.anna,
        present: true,
      });
      expect(notEnrolled.statusCode).toBe(422);

      const mine = (await get('bruno', '/api/training/my-enrolments')).json();
      expect(mine[0]).toMatchObject({ hoursAttended: 6, totalHours: 6, isComplete: true });
      const carla = (await get('carla', '/api/training/my-enrolments')).json();
      expect(carla[0]).toMatchObject({ hoursAttended: 3, isComplete: false });

      const indicators = await trainingIndicators(t.platform);
      expect(indicators.operatorsTrained).toEqual([
        { track: 'PUBLIC', organisationType: 'MUNICIPALITY', operators: 1 },
      ]);
      expect(indicators.totalHoursDelivered).toBe(6);
      expect(indicators.completionRate).toBeCloseTo(1 / 3);
    });

    it('lets only the course’s own trainers and the project’s staff run it', async () => {
      const courseId = (await get('anna', `/api/training/editions/${editionId}`)).json().courseId;
      const attended = (await attendanceRows()).length;
      // another trainer, who teaches no course, reads the course like everyone in training…
      expect((await get('other', `/api/training/courses/${courseId}`)).statusCode).toBe(200);
      const seen = (await get('other', `/api/training/editions/${editionId}`)).json();
      expect(seen).toMatchObject({ isTrainer: false, participants: [] });
      // …but neither reads its register and code nor changes its people, places or editions
      const register = `/api/training/sessions/${secondSessionId}/register`;
      expect((await get('other', register)).statusCode).toBe(404);
      expect((await get('other', `/api/training/sessions/${secondSessionId}/check-in-code`)).statusCode).toBe(
        404,
      );
      expect((await post('other', register, { userId: ids.carla, present: true })).statusCode).toBe(404);
      const places = await post('other', `/api/training/editions/${editionId}/capacity`, { capacity: 9 });
      expect(places.statusCode).toBe(403);
      const edition = await post('other', `/api/training/courses/${courseId}/editions`, {
        name: 'Autunno 2026',
        capacity: 5,
        cancelUntil: '2026-03-20',
        sessions: [sessionOn('2026-03-25')],
      });
      expect(edition.statusCode).toBe(403);
      expect(await attendanceRows()).toHaveLength(attended);
      expect((await get('anna', `/api/training/editions/${editionId}`)).json().capacity).not.toBe(9);
      // the project's staff follow every course: its people, its places
      const followed = (await get('pm', `/api/training/editions/${editionId}`)).json();
      expect(followed.participants.length).toBeGreaterThan(0);
      const same = await post('pm', `/api/training/editions/${editionId}/capacity`, {
        capacity: followed.capacity,
      });
      expect(same.statusCode).toBe(200);
    });

    it('gives the last place to one of two people asking at the same moment', async () => {
      await moveTo('2026-03-10T10:00:00+01:00');
      const courseId = (await get('anna', `/api/training/editions/${editionId}`)).json().courseId;
      const small = await post('trainer', `/api/training/courses/${courseId}/editions`, {
        name: 'Edizione ristretta',
        capacity: 1,
        cancelUntil: '2026-03-19',
        sessions: [sessionOn('2026-03-20')],
      });
      const url = `/api/training/editions/${small.json().id}/enrolment`;
      const answers = await Promise.all([post('anna', url), post('elsa', url), post('bruno', url)]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
      const statuses = answers.map((answer) => answer.json().status).sort();
      expect(statuses).toEqual(['ENROLLED', 'WAITLISTED', 'WAITLISTED']);
      const positions = answers
        .map((answer) => answer.json().position)
        .filter(Boolean)
        .sort();
      expect(positions).toEqual([1, 2]);
    });

    it('lets the course’s staff withdraw a participant after the deadline, with the reason, and promotes the next', async () => {
      const courseId = (await get('anna', `/api/training/editions/${editionId}`)).json().courseId;
      const small = (
        await database.db
          .selectFrom('trainingEdition')
          .select('id')
          .where('courseId', '=', courseId)
          .where('name', '=', 'Edizione ristretta')
          .executeTakeFirstOrThrow()
      ).id;
      await moveTo('2026-03-20T08:00:00+01:00');
      const people = (await get('trainer', `/api/training/editions/${small}`)).json();
      expect(people.mayWithdraw).toBe(true);
      expect((await get('other', `/api/training/editions/${small}`)).json().mayWithdraw).toBe(false);
      const holder = people.participants.find((p: { status: string }) => p.status === 'ENROLLED');
      const next = people.participants.find((p: { position: number | null }) => p.position === 1);
      const holderName = (Object.keys(ids) as Person[]).find((who) => ids[who] === holder.userId) as Person;
      const nextName = (Object.keys(ids) as Person[]).find((who) => ids[who] === next.userId) as Person;

      const late = await post(holderName, `/api/training/enrolments/${holder.enrolmentId}/cancel`);
      expect(late.statusCode).toBe(409);
      const url = `/api/training/enrolments/${holder.enrolmentId}/withdrawal`;
      const reason = 'Servizio di turno in sportello il 20 marzo, concordato con il Comune.';
      expect((await post('anna', url, { reason })).statusCode).toBe(403);
      expect((await post('other', url, { reason })).statusCode).toBe(404);
      const noReason = await post('trainer', url, { reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors).toEqual([{ path: 'body.reason', message: 'Campo obbligatorio' }]);
      expect((await get(holderName, `/api/training/editions/${small}`)).json().mine.status).toBe('ENROLLED');

      expect((await post('trainer', url, { reason })).statusCode).toBe(204);
      expect((await get(holderName, `/api/training/editions/${small}`)).json().mine).toBeNull();
      expect((await get(nextName, `/api/training/editions/${small}`)).json().mine.status).toBe('ENROLLED');
      const told = await mailTo(emails[holderName], 'Iscrizione ritirata', 'Edizione ristretta');
      expect(told.text).toContain(reason);
      const audit = await database.db
        .selectFrom('auditEntry')
        .selectAll()
        .where('action', '=', 'training.enrolment.withdraw')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0])).toContain(reason);

      // the place came after the deadline: the e-mail says whom to write to, not how to cancel
      const promoted = await mailTo(emails[nextName], 'Posto confermato', 'Edizione ristretta');
      expect(promoted.text).not.toContain('Può annullare');
      expect(promoted.text).toContain(
        `Il termine per annullare l’iscrizione da sé è passato (19 marzo 2026): se non potesse partecipare, lo scriva al formatore del corso, Mario Rossi (${emails.trainer})`,
      );
      expect((await post('trainer', url, { reason })).statusCode).toBe(409);

      await moveTo('2026-03-20T12:30:00+01:00');
      const promotedPlace = (await get(nextName, `/api/training/editions/${small}`)).json().mine.enrolmentId;
      const ended = await post('trainer', `/api/training/enrolments/${promotedPlace}/withdrawal`, { reason });
      expect(ended.statusCode).toBe(409);
      expect(ended.json().detail).toContain('conclusa');
    });

    it('names the session time the clocks skip for summer time, and opens the public track to health services', async () => {
      const courseId = (await get('anna', `/api/training/editions/${editionId}`)).json().courseId;
      const edition = (sessions: object[]) =>
        post('trainer', `/api/training/courses/${courseId}/editions`, {
          name: 'Edizione di fine marzo',
          capacity: 5,
          cancelUntil: '2026-03-27',
          sessions,
        });
      const skipped = await edition([
        { day: '2026-03-28', startTime: '02:00', endTime: '03:00', place: 'Aula' },
        { day: '2026-03-29', startTime: '02:00', endTime: '03:00', place: 'Aula' },
      ]);
      expect(skipped.statusCode).toBe(422);
      expect(skipped.json().errors).toEqual([
        {
          path: 'body.sessions.1.startTime',
          message:
            'orario inesistente per il cambio dell’ora legale: quel giorno alle 02:00 gli orologi passano alle 03:00',
        },
      ]);
      const created = await edition([
        { day: '2026-03-29', startTime: '01:00', endTime: '04:00', place: 'Aula' },
      ]);
      expect(created.statusCode).toBe(201);
      expect(created.json().totalHours).toBe(2);
      const nurse = await post('nurse', `/api/training/editions/${created.json().id}/enrolment`);
      expect(nurse.statusCode).toBe(201);
      expect(nurse.json().status).toBe('ENROLLED');
    });
  });
}
