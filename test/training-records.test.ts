import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/cli/demo.ts';
import { loadDemoTraining } from '../src/cli/demo-training.ts';
import { loadDemoTrainingRecord } from '../src/cli/demo-training-record.ts';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { newId } from '../src/kernel/ids.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { createUser } from '../src/modules/identity/directory.ts';
import { generateCertificates } from '../src/modules/training/certificates/generation.ts';
import { trainingIndicators } from '../src/modules/training/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, PASSWORD, type Session, signIn } from './support/identity.ts';

type Person = 'trainer' | 'pm' | 'manager' | 'operator' | 'mentor' | 'anna' | 'bruno';

const PEOPLE: [Person, 'pref' | 'comune' | 'coop', Role, string, string][] = [
  ['trainer', 'coop', 'trainer', 'Elena', 'Marino'],
  ['pm', 'pref', 'project_manager', 'Andrea', 'Moretti'],
  ['manager', 'pref', 'sui_manager', 'Giulia', 'Ferrari'],
  ['operator', 'pref', 'sui_operator', 'Marco', 'Bianchi'],
  ['mentor', 'pref', 'sui_operator', 'Paolo', 'Esposito'],
  ['anna', 'comune', 'trainee', 'Anna', 'Gallo'],
  ['bruno', 'comune', 'trainee', 'Bruno', 'Costa'],
];

const COURSE = {
  objectives: 'Conoscere le procedure dello Sportello Unico.',
  topics: 'Nulla osta al lavoro\nConversioni',
  targetRoles: 'Operatori degli enti pubblici',
  completionPercent: 75,
};
const ONLINE_LINK = 'https://meet.lovit.example/stanza-riservata-42';

for (const backend of BACKENDS) {
  describe(`training records on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const ids = {} as Record<Person | 'pref' | 'comune' | 'coop', string>;
    const emails = {} as Record<Person, string>;
    const sessions = {} as Record<Person, Session>;
    let ended: { courseId: string; editionId: string; sessionIds: string[] };
    let open: { courseId: string; editionId: string };

    const get = (who: Person, url: string) => t.app.inject({ url, headers: sessions[who].headers });
    const post = (who: Person, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: sessions[who].headers, payload });
    const moveTo = async (instant: string) => {
      t.clock.set(instant);
      for (const who of Object.keys(emails) as Person[]) sessions[who] = await signIn(t.app, emails[who]);
    };
    const page = (url: string) => t.app.inject({ url });

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      const organisations = [
        ['pref', 'Prefettura di Lodi', 'PREFECTURE'],
        ['comune', 'Comune di Codogno', 'MUNICIPALITY'],
        ['coop', 'Cooperativa LULE', 'COOPERATIVE'],
      ] as const;
      for (const [key, name, type] of organisations)
        ids[key] = (await makeOrganisation(t.platform, { name, type })).id;
      for (const [who, organisation, role, givenName, familyName] of PEOPLE) {
        const email = `${who}.${backend}@lovit.example`;
        const user = await createUser(
          t.platform,
          SYSTEM_CALLER,
          { email, givenName, familyName, password: PASSWORD },
          // the operator also takes part in training, as the head may enrol only those who do
          who === 'operator'
            ? [
                { organisationId: ids[organisation], role },
                { organisationId: ids[organisation], role: 'trainee' },
              ]
            : [{ organisationId: ids[organisation], role }],
        );
        ids[who] = user.id;
        emails[who] = email;
        sessions[who] = await signIn(t.app, email);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('lists on the public site only the courses still taking enrolments, without personal data', async () => {
      const first = await post('trainer', '/api/training/courses', {
        ...COURSE,
        title: 'Lo Sportello Unico per i Comuni',
        track: 'PUBLIC',
        hours: 8,
        trainerIds: [ids.trainer],
      });
      expect(first.statusCode).toBe(201);
      const edition = await post('trainer', `/api/training/courses/${first.json().id}/editions`, {
        name: 'Edizione di marzo',
        capacity: 10,
        cancelUntil: '2026-03-02',
        sessions: [
          { day: '2026-03-03', startTime: '09:00', endTime: '12:00', place: 'Prefettura di Lodi, sala A' },
          { day: '2026-03-04', startTime: '09:00', endTime: '12:30', place: 'Prefettura di Lodi, sala A' },
          { day: '2026-03-05', startTime: '14:00', endTime: '15:30', place: 'Prefettura di Lodi, sala A' },
        ],
      });
      expect(edition.statusCode).toBe(201);
      ended = {
        courseId: first.json().id,
        editionId: edition.json().id,
        sessionIds: edition.json().sessions.map((s: { id: string }) => s.id),
      };
      const second = await post('trainer', '/api/training/courses', {
        ...COURSE,
        title: 'Comunicare allo sportello',
        track: 'BOTH',
        hours: 2,
        completionPercent: 100,
        trainerIds: [ids.trainer],
      });
      const later = await post('trainer', `/api/training/courses/${second.json().id}/editions`, {
        name: 'Edizione online di aprile',
        capacity: 2,
        cancelUntil: '2026-04-08',
        sessions: [{ day: '2026-04-10', startTime: '10:00', endTime: '12:00', onlineUrl: ONLINE_LINK }],
      });
      open = { courseId: second.json().id, editionId: later.json().id };

      for (const who of ['anna', 'bruno'] as const)
        expect((await post(who, `/api/training/editions/${ended.editionId}/enrolment`)).statusCode).toBe(201);
      expect((await post('anna', `/api/training/editions/${open.editionId}/enrolment`)).statusCode).toBe(201);
      const byManager = await post('manager', `/api/training/editions/${ended.editionId}/staff-enrolments`, {
        userId: ids.operator,
      });
      expect(byManager.json().status).toBe('ENROLLED');

      const before = await page('/portale/it/formazione');
      expect(before.statusCode).toBe(200);
      expect(before.body).toContain('Lo Sportello Unico per i Comuni');
      expect(before.body).toContain('Comunicare allo sportello');
      expect(before.body).toContain('7 posti');

      await moveTo('2026-03-06T10:00:00+01:00');
      const list = await page('/portale/it/formazione');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('<html lang="it"');
      expect(list.body).not.toContain('Lo Sportello Unico per i Comuni');
      expect(list.body).toContain('Comunicare allo sportello');
      expect(list.body).toContain('Come iscriversi');
      expect((await page(`/portale/it/formazione/${ended.courseId}`)).statusCode).toBe(404);
      expect((await page('/portale/it/formazione/non-un-corso')).statusCode).toBe(404);

      const course = await page(`/portale/it/formazione/${open.courseId}`);
      expect(course.statusCode).toBe(200);
      expect(course.body).toContain('Edizione online di aprile');
      expect(course.body).toContain('venerdì 10 aprile 2026, 10:00–12:00 (2 ore), online');
      expect(course.body).toContain('1 posto');
      expect(course.body).toContain('Elena Marino');
      for (const page of [list.body, course.body]) {
        expect(page).not.toContain(ONLINE_LINK);
        expect(page).not.toContain(emails.trainer);
        expect(page).not.toContain('Anna Gallo');
        expect(page).not.toContain(ids.anna);
      }

      expect(course.body).toContain('Annullamento entro il');
      expect(course.body).not.toContain('Annullamento non più possibile');
      // Once the day to cancel has gone, the page says so instead of showing a past date.
      t.clock.set('2026-04-09T10:00:00+02:00');
      const late = await page(`/portale/it/formazione/${open.courseId}`);
      t.clock.set('2026-03-06T10:00:00+01:00');
      expect(late.body).toContain('Annullamento non più possibile');
      expect(late.body).not.toContain('Annullamento entro il');
      expect(late.body).not.toContain('8 aprile 2026');

      // A course for one office's staff comes off the public site, by the hand of those who run it.
      const offSite = (who: Person, onPublicSite: boolean) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/training/courses/${open.courseId}/public-site`,
          headers: sessions[who].headers,
          payload: { onPublicSite },
        });
      expect((await offSite('anna', false)).statusCode).toBe(403);
      const refused = await offSite('trainer', 'no' as unknown as boolean);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([{ path: 'body.onPublicSite', message: 'indicare sì o no' }]);
      const hidden = await offSite('trainer', false);
      expect(hidden.statusCode, hidden.body).toBe(200);
      expect(hidden.json()).toMatchObject({ onPublicSite: false, runsCourse: true });
      expect((await page('/portale/it/formazione')).body).not.toContain('Comunicare allo sportello');
      expect((await page(`/portale/it/formazione/${open.courseId}`)).statusCode).toBe(404);
      expect((await offSite('pm', true)).json().onPublicSite).toBe(true);
      expect((await offSite('trainer', true)).json().onPublicSite).toBe(true);
      const changes = await database.db
        .selectFrom('auditEntry')
        .select('data')
        .where('action', '=', 'training.course.public_site')
        .orderBy('seq')
        .execute();
      // the trainer's second "on" changed nothing and is not recorded as a change
      expect(changes).toHaveLength(2);
      expect((await page(`/portale/it/formazione/${open.courseId}`)).statusCode).toBe(200);

      const english = await page('/portale/en/formazione');
      expect(english.statusCode).toBe(302);
      expect(english.headers.location).toBe('/portale/it/formazione');
      expect((await page('/portale/xx/formazione')).statusCode).toBe(404);
      expect((await page('/sitemap.xml')).body).toContain('/portale/it/formazione</loc>');
      expect((await page('/portale/it')).body).toContain('href="/portale/it/formazione"');
    });

    it('logs on-the-job training of the SUI team, refusing wrong input field by field', async () => {
      for (const [who, sessionIndexes] of [
        ['anna', [0, 1]],
        ['bruno', [0, 2]],
        ['operator', [0, 1, 2]],
      ] as const)
        for (const index of sessionIndexes) {
          const marked = await post('trainer', `/api/training/sessions/${ended.sessionIds[index]}/register`, {
            userId: ids[who],
            present: true,
          });
          expect(marked.statusCode).toBe(200);
        }

      const bad = await post('manager', '/api/training/mentoring', {
        day: '2026-03-02',
        menteeId: ids.operator,
        mentorId: ids.operator,
        topic: ' ',
        hours: 0.3,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual(
        expect.arrayContaining([
          { path: 'body.topic', message: 'Campo obbligatorio' },
          { path: 'body.hours', message: 'indicare le ore a quarti d’ora, come 1,5 o 0,75' },
          {
            path: 'body.menteeId',
            message: 'chi è affiancato e chi affianca devono essere due persone diverse',
          },
        ]),
      );
      const entry = { day: '2026-03-02', topic: 'Il nulla osta al lavoro', hours: 2.5 };
      const future = await post('manager', '/api/training/mentoring', {
        ...entry,
        day: '2026-03-07',
        menteeId: ids.operator,
        mentorId: ids.mentor,
      });
      expect(future.statusCode).toBe(422);
      expect(future.json().errors).toEqual([{ path: 'body.day', message: 'la data non può essere futura' }]);
      const outsider = await post('manager', '/api/training/mentoring', {
        ...entry,
        menteeId: ids.anna,
        mentorId: ids.mentor,
      });
      expect(outsider.json().errors).toEqual([
        { path: 'body.menteeId', message: 'la persona non fa parte del team SUI del tuo ufficio' },
      ]);
      const forAnother = await post('mentor', '/api/training/mentoring', {
        ...entry,
        menteeId: ids.operator,
        mentorId: ids.manager,
      });
      expect(forAnother.json().errors).toEqual([
        { path: 'body.mentorId', message: 'puoi registrare solo gli affiancamenti che hai tenuto tu' },
      ]);
      expect((await post('anna', '/api/training/mentoring', { ...entry })).statusCode).toBe(403);
      expect(await database.db.selectFrom('trainingMentoring').selectAll().execute()).toEqual([]);

      const recorded = await post('manager', '/api/training/mentoring', {
        ...entry,
        menteeId: ids.operator,
        mentorId: ids.mentor,
        note: 'Pratiche del decreto flussi',
      });
      expect(recorded.statusCode).toBe(201);
      expect(recorded.json()).toMatchObject({
        menteeName: 'Marco Bianchi',
        mentorName: 'Paolo Esposito',
        hours: 2.5,
        organisationName: 'Prefettura di Lodi',
      });
      const own = await post('mentor', '/api/training/mentoring', {
        day: '2026-03-04',
        menteeId: ids.operator,
        mentorId: ids.mentor,
        topic: 'La conversione dei permessi',
        hours: 1.25,
      });
      expect(own.statusCode).toBe(201);
      expect(
        (
          await post('manager', '/api/training/mentoring', {
            day: '2026-03-05',
            menteeId: ids.mentor,
            mentorId: ids.manager,
            topic: 'Il ricongiungimento familiare',
            hours: 0.75,
          })
        ).statusCode,
      ).toBe(201);

      const team = (await get('manager', '/api/training/mentoring/team')).json();
      expect(team.map((m: { name: string }) => m.name)).toEqual([
        'Marco Bianchi',
        'Paolo Esposito',
        'Giulia Ferrari',
      ]);
      expect((await get('manager', '/api/training/mentoring')).json()).toHaveLength(3);
      expect((await get('operator', '/api/training/mentoring')).json()).toHaveLength(2);
      expect((await get('mentor', '/api/training/mentoring')).json()).toHaveLength(3);

      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/training/mentoring/${recorded.json().id}`,
        headers: sessions.operator.headers,
      });
      expect(removed.statusCode).toBe(403);
      expect(await database.db.selectFrom('trainingMentoring').selectAll().execute()).toHaveLength(3);
    });

    it('sums the hours of the register and of the on-the-job log in each person’s record', async () => {
      // Marco: sessions of 3 + 3.5 + 1.5 hours (8 of 8, completed) and 2.5 + 1.25 hours of mentoring
      const operator = (await get('operator', '/api/training/records/mine')).json();
      expect(operator).toMatchObject({
        name: 'Marco Bianchi',
        organisationName: null,
        courseHours: 8,
        onTheJobHours: 3.75,
        totalHours: 11.75,
        coursesCompleted: 1,
      });
      expect(operator.courses).toEqual([
        expect.objectContaining({ totalHours: 8, hoursAttended: 8, state: 'COMPLETED' }),
      ]);
      expect(operator.onTheJob.map((e: { hours: number }) => e.hours)).toEqual([1.25, 2.5]);

      // Anna: 3 + 3.5 = 6.5 of 8 (at least 75 %: completed), and the April edition still to come
      const anna = (await get('anna', '/api/training/records/mine')).json();
      expect(anna).toMatchObject({
        courseHours: 6.5,
        onTheJobHours: 0,
        totalHours: 6.5,
        coursesCompleted: 1,
      });
      expect(
        anna.courses.map((c: { hoursAttended: number; state: string }) => [c.hoursAttended, c.state]),
      ).toEqual([
        [6.5, 'COMPLETED'],
        [0, 'IN_PROGRESS'],
      ]);
      // Bruno: 3 + 1.5 = 4.5 of 8, below 75 % when the edition ended
      const bruno = (await get('pm', `/api/training/records/people/${ids.bruno}`)).json();
      expect(bruno).toMatchObject({ courseHours: 4.5, totalHours: 4.5, coursesCompleted: 0 });
      expect(bruno.courses[0].state).toBe('NOT_COMPLETED');

      const indicators = await trainingIndicators(t.platform);
      expect(indicators.onTheJobHours).toBe(4.5);
      expect(indicators.totalHoursDelivered).toBe(8 + 4.5);
    });

    it('adds up an organisation’s people, hours and completions by track', async () => {
      const pref = (await get('manager', `/api/training/records/organisations/${ids.pref}`)).json();
      expect(pref).toMatchObject({
        organisationName: 'Prefettura di Lodi',
        courseHours: 8,
        onTheJobHours: 4.5,
        totalHours: 12.5,
        completions: 1,
        byTrack: [{ track: 'PUBLIC', people: 1, places: 1, completed: 1, hours: 8 }],
      });
      expect(pref.people).toEqual([
        {
          userId: ids.operator,
          name: 'Marco Bianchi',
          coursesFollowed: 1,
          coursesCompleted: 1,
          courseHours: 8,
          onTheJobHours: 3.75,
          totalHours: 11.75,
        },
        {
          userId: ids.mentor,
          name: 'Paolo Esposito',
          coursesFollowed: 0,
          coursesCompleted: 0,
          courseHours: 0,
          onTheJobHours: 0.75,
          totalHours: 0.75,
        },
      ]);
      const comune = (await get('pm', `/api/training/records/organisations/${ids.comune}`)).json();
      expect(comune).toMatchObject({ courseHours: 11, onTheJobHours: 0, totalHours: 11, completions: 1 });
      expect(comune.byTrack).toEqual([
        { track: 'PUBLIC', people: 2, places: 2, completed: 1, hours: 11 },
        { track: 'BOTH', people: 1, places: 1, completed: 0, hours: 0 },
      ]);
      const audited = () =>
        database.db
          .selectFrom('auditEntry')
          .select(['entityType', 'entityId'])
          .where('actorUserId', '=', ids.pm as string)
          .where('entityType', 'in', ['training_organisation_record', 'training_organisation_records'])
          .execute();
      const before = await audited();
      const all = (await get('pm', '/api/training/records/organisations')).json();
      // Reading the list is one entry in the trail, not a read of each organisation's record.
      const after = await audited();
      const count = (rows: { entityType: string }[], type: string) =>
        rows.filter((row) => row.entityType === type).length;
      expect(count(after, 'training_organisation_record')).toBe(
        count(before, 'training_organisation_record'),
      );
      expect(count(after, 'training_organisation_records')).toBe(
        count(before, 'training_organisation_records') + 1,
      );
      expect(
        all.map((o: { organisationName: string; totalHours: number }) => [o.organisationName, o.totalHours]),
      ).toEqual([
        ['Comune di Codogno', 11],
        ['Prefettura di Lodi', 12.5],
      ]);
    });

    it('shows in each record the certificate issued for the edition, with its number and whether it is valid', async () => {
      // Anna and Marco completed the March edition, Bruno did not
      // this app runs no background jobs: the generation the trainer would ask for is run here
      const runId = newId();
      await database.db
        .insertInto('trainingCertificateRun')
        .values({
          id: runId,
          editionId: ended.editionId,
          total: 0,
          done: 0,
          requestedBy: ids.trainer,
          requestedAt: t.clock.now(),
        })
        .execute();
      await generateCertificates(t.platform, runId);
      const issued = await database.db
        .selectFrom('trainingCertificate')
        .select(['id', 'userId', 'number'])
        .execute();
      expect(issued.map((row) => row.userId).sort()).toEqual([ids.anna, ids.operator].sort());
      const numberOf = (who: Person) => issued.find((row) => row.userId === ids[who])?.number;
      const marco = issued.find((row) => row.userId === ids.operator);
      const revoked = await post('pm', `/api/training/certificates/${marco?.id}/revoke`, {
        reason: 'Presenze da verificare',
      });
      expect(revoked.statusCode).toBe(200);

      const anna = (await get('anna', '/api/training/records/mine')).json();
      expect(anna.courses.map((c: { certificate: unknown }) => c.certificate)).toEqual([
        { number: numberOf('anna'), isRevoked: false },
        null,
      ]);
      const operator = (await get('manager', `/api/training/records/people/${ids.operator}`)).json();
      expect(operator.courses[0].certificate).toEqual({ number: numberOf('operator'), isRevoked: true });
      const bruno = (await get('pm', `/api/training/records/people/${ids.bruno}`)).json();
      expect(bruno.courses[0].certificate).toBeNull();

      const own = await get('operator', '/api/training/records/mine.xlsx');
      const mine = new ExcelJS.Workbook();
      await mine.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
      const courses = mine.getWorksheet('Corsi');
      if (!courses) throw new Error('no sheet of courses');
      expect(courses.getRow(1).values).toEqual(expect.arrayContaining(['Attestato', 'Stato dell’attestato']));
      expect((courses.getRow(2).values as unknown[]).slice(-2)).toEqual([numberOf('operator'), 'revocato']);
    });

    it('exports the records as XLSX that reads back with the same figures', async () => {
      const response = await get('pm', `/api/training/records/organisations/${ids.comune}/export.xlsx`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('spreadsheetml');
      // Named by the organisation and the day, as a person finds it in a folder.
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="formazione-comune-di-codogno-\d{2}-\d{2}-\d{4}\.xlsx"$/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const rows = (name: string) =>
        (workbook.getWorksheet(name)?.getSheetValues() ?? [])
          .filter(Boolean)
          .map((row) => (row as unknown[]).slice(1));
      expect(rows('Persone')).toEqual([
        [
          'Persona',
          'Corsi seguiti',
          'Corsi completati',
          'Ore nei corsi',
          'Ore di affiancamento',
          'Ore in tutto',
        ],
        ['Anna Gallo', 2, 1, 6.5, 0, 6.5],
        ['Bruno Costa', 1, 0, 4.5, 0, 4.5],
      ]);
      expect(rows('Per percorso')[1]).toEqual(['Operatori degli enti pubblici', 2, 2, 1, 11]);
      expect(rows('Corsi')).toHaveLength(4);
      const { number: annaCertificate } = await database.db
        .selectFrom('trainingCertificate')
        .select('number')
        .where('userId', '=', ids.anna)
        .executeTakeFirstOrThrow();
      expect(rows('Corsi')[1]).toEqual([
        'Anna Gallo',
        'Lo Sportello Unico per i Comuni',
        'Operatori degli enti pubblici',
        'Edizione di marzo',
        'Comune di Codogno',
        '03/03/26',
        '05/03/26',
        8,
        6.5,
        'Completato',
        annaCertificate,
        'valido',
      ]);

      const own = await get('operator', '/api/training/records/mine.xlsx');
      expect(own.headers['content-disposition']).toMatch(
        /^attachment; filename="percorso-formativo-marco-bianchi-\d{2}-\d{2}-\d{4}\.xlsx"$/,
      );
      const mine = new ExcelJS.Workbook();
      await mine.xlsx.load(own.rawPayload as unknown as ArrayBuffer);
      expect(mine.getWorksheet('Riepilogo')?.getRow(2).values).toEqual([
        undefined,
        'Marco Bianchi',
        8,
        3.75,
        11.75,
        1,
      ]);
      expect(mine.getWorksheet('Affiancamento')?.getRow(3).values).toEqual([
        undefined,
        '02/03/26',
        'Marco Bianchi',
        'Paolo Esposito',
        'Il nulla osta al lavoro',
        2.5,
        'Pratiche del decreto flussi',
      ]);
    });

    it('shows a record to the person, their organisation’s head and the project’s staff only, reads audited', async () => {
      expect((await get('anna', `/api/training/records/people/${ids.anna}`)).statusCode).toBe(200);
      const other = await get('anna', `/api/training/records/people/${ids.bruno}`);
      expect(other.statusCode).toBe(404);
      expect(other.body).not.toContain('Bruno');
      expect((await get('anna', `/api/training/records/people/${ids.bruno}/export.xlsx`)).statusCode).toBe(
        404,
      );
      expect((await get('anna', `/api/training/records/organisations/${ids.comune}`)).statusCode).toBe(404);
      expect((await get('anna', '/api/training/records/organisations')).json()).toEqual([]);
      expect((await get('mentor', `/api/training/records/people/${ids.operator}`)).statusCode).toBe(403);

      const staff = await get('manager', `/api/training/records/people/${ids.operator}`);
      expect(staff.json()).toMatchObject({ organisationName: 'Prefettura di Lodi', totalHours: 11.75 });
      expect((await get('manager', `/api/training/records/people/${ids.anna}`)).statusCode).toBe(404);
      expect((await get('manager', `/api/training/records/organisations/${ids.comune}`)).statusCode).toBe(
        404,
      );
      expect((await get('manager', '/api/training/records/organisations')).json()).toHaveLength(1);
      expect((await get('pm', `/api/training/records/people/${ids.anna}`)).json().totalHours).toBe(6.5);

      const reads = await database.db
        .selectFrom('auditEntry')
        .select(['actorUserId', 'action'])
        .where('kind', '=', 'access')
        .where('entityId', '=', ids.anna)
        .execute();
      expect(reads).toEqual(
        expect.arrayContaining([
          { actorUserId: ids.pm, action: 'training_record.read' },
          { actorUserId: ids.anna, action: 'training_record.read' },
        ]),
      );
      expect(reads.filter((read) => read.actorUserId === ids.manager)).toEqual([]);
    });
  });

  describe(`the demo's training record on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      await loadDemoData(t.platform, { password: PASSWORD });
      await loadDemoTraining(t.platform);
      await loadDemoTrainingRecord(t.platform);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('shows hours at first start: the SUI operator’s on-the-job hours, the trainee’s course, the office’s totals', async () => {
      const operator = await signIn(t.app, 'operatore.sui@lovit.example');
      const own = (
        await t.app.inject({ url: '/api/training/records/mine', headers: operator.headers })
      ).json();
      // no course (the demo's edition is the trainee's), and 3 + 1.5 hours of mentoring
      expect(own).toMatchObject({ courseHours: 0, onTheJobHours: 4.5, totalHours: 4.5, coursesCompleted: 0 });
      const trainee = await signIn(t.app, 'corsista@lovit.example');
      const theirs = (
        await t.app.inject({ url: '/api/training/records/mine', headers: trainee.headers })
      ).json();
      expect(theirs).toMatchObject({ courseHours: 8, coursesCompleted: 1 });
      const manager = await signIn(t.app, 'responsabile.sui@lovit.example');
      const office = await t.app.inject({
        url: '/api/training/records/organisations',
        headers: manager.headers,
      });
      expect(office.json()).toEqual([
        expect.objectContaining({ people: 2, totalHours: 5.5, completions: 0 }),
      ]);
    });
  });
}
