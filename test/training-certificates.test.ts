import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateCertificates } from '../src/modules/training/certificates/generation.ts';
import { trainingIndicators } from '../src/modules/training/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { pdfText } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

type Person = 'trainer' | 'other' | 'pm' | 'anna' | 'bruno' | 'carla';

const COURSE = {
  title: 'Il permesso di soggiorno per lavoro',
  track: 'PUBLIC',
  objectives: 'Conoscere le procedure del SUI.',
  topics: 'Nulla osta al lavoro',
  hours: 6,
  targetRoles: 'Operatori degli sportelli comunali',
  completionPercent: 75,
};
const NAMES: Record<Person, [string, string]> = {
  trainer: ['Giulia', 'Ferrari'],
  other: ['Paolo', 'Neri'],
  pm: ['Sara', 'Conti'],
  anna: ['Anna', 'Bassi'],
  bruno: ['Bruno', 'Villa'],
  carla: ['Carla', 'Galli'],
};

const sessionOn = (day: string) => ({
  day,
  startTime: '09:00',
  endTime: '12:00',
  place: 'Prefettura, sala A',
});

type Certificates = {
  isFinished: boolean;
  completed: number;
  missing: number;
  generation: { done: number; total: number; isRunning: boolean; failure: string | null } | null;
  signatory: { name: string; role: string; source: string } | null;
  certificates: { id: string; number: string; holderName: string; isRevoked: boolean; pdfUrl: string }[];
};

for (const backend of BACKENDS) {
  describe(`training certificates on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const emails = {} as Record<Person, string>;
    const ids = {} as Record<Person, string>;
    const sessions = {} as Record<Person, Session>;
    let editionId: string;
    let sessionIds: string[];

    const post = (who: Person, url: string, payload: object = {}) =>
      t.app.inject({ method: 'POST', url, headers: sessions[who].headers, payload });
    const put = (who: Person, url: string, payload: object) =>
      t.app.inject({ method: 'PUT', url, headers: sessions[who].headers, payload });
    const get = (who: Person, url: string) => t.app.inject({ url, headers: sessions[who].headers });
    const moveTo = async (instant: string) => {
      t.clock.set(instant);
      for (const who of Object.keys(emails) as Person[]) sessions[who] = await signIn(t.app, emails[who]);
    };
    const mark = (session: number, who: Person) =>
      post('trainer', `/api/training/sessions/${sessionIds[session]}/register`, {
        userId: ids[who],
        present: true,
      });
    const certificatesUrl = () => `/api/training/editions/${editionId}/certificates`;
    /** The staff's view once the generation asked for has run to its end. */
    const generated = async (): Promise<Certificates> => {
      let view: Certificates | undefined;
      await vi.waitFor(
        async () => {
          view = (await get('trainer', certificatesUrl())).json();
          expect(view?.generation?.isRunning).toBe(false);
        },
        { timeout: 15_000, interval: 200 },
      );
      return view as Certificates;
    };
    const codeOf = async (holder: Person) =>
      (
        await database.db
          .selectFrom('trainingCertificate')
          .select('verificationCode')
          .where('userId', '=', ids[holder])
          .executeTakeFirstOrThrow()
      ).verificationCode;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true });
      const comune = await makeOrganisation(t.platform, { name: 'Comune di Lodi', type: 'MUNICIPALITY' });
      const coop = await makeOrganisation(t.platform, { name: 'Cooperativa LULE', type: 'COOPERATIVE' });
      const people: [Person, string, 'trainer' | 'trainee' | 'project_manager'][] = [
        ['trainer', coop.id, 'trainer'],
        ['other', coop.id, 'trainer'],
        ['pm', coop.id, 'project_manager'],
        ['anna', comune.id, 'trainee'],
        ['bruno', comune.id, 'trainee'],
        ['carla', comune.id, 'trainee'],
      ];
      for (const [who, organisationId, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId, role }]);
        const [givenName, familyName] = NAMES[who];
        await database.db
          .updateTable('appUser')
          .set({ givenName, familyName })
          .where('id', '=', user.id)
          .execute();
        emails[who] = user.email;
        ids[who] = user.id;
        sessions[who] = await signIn(t.app, user.email);
      }
      const course = await post('trainer', '/api/training/courses', { ...COURSE, trainerIds: [ids.trainer] });
      const edition = await post('trainer', `/api/training/courses/${course.json().id}/editions`, {
        name: 'Primavera 2026',
        capacity: 5,
        cancelUntil: '2026-03-04',
        sessions: [sessionOn('2026-03-05'), sessionOn('2026-03-06')],
      });
      editionId = edition.json().id;
      sessionIds = edition.json().sessions.map((s: { id: string }) => s.id);
      for (const who of ['anna', 'bruno', 'carla'] as const)
        expect((await post(who, `/api/training/editions/${editionId}/enrolment`)).json().status).toBe(
          'ENROLLED',
        );
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('waits for the end of the edition, and names the first trainer as signatory until the staff set one', async () => {
      await moveTo('2026-03-05T13:00:00+01:00');
      for (const who of ['anna', 'bruno', 'carla'] as const)
        expect((await mark(0, who)).statusCode).toBe(200);
      const early = await post('trainer', certificatesUrl());
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toContain('quando tutte le sessioni dell’edizione sono concluse');
      const view = (await get('trainer', certificatesUrl())).json();
      expect(view).toMatchObject({
        isFinished: false,
        generation: null,
        signatory: { name: 'Giulia Ferrari', role: 'Docente del corso', source: 'DEFAULT' },
        certificates: [],
      });

      const blank = await put('trainer', `/api/training/editions/${editionId}/signatory`, {
        name: '',
        role: '',
      });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors).toEqual(
        expect.arrayContaining([{ path: 'body.name', message: 'Campo obbligatorio' }]),
      );
      const set = await put('trainer', `/api/training/editions/${editionId}/signatory`, {
        name: 'Maria Bianchi',
        role: 'Dirigente dell’Area IV – Immigrazione',
      });
      expect(set.statusCode).toBe(200);
      expect(set.json().signatory).toEqual({
        name: 'Maria Bianchi',
        role: 'Dirigente dell’Area IV – Immigrazione',
        source: 'EDITION',
      });
    });

    it('issues one certificate to each person who completed, by a job that shows its progress', async () => {
      await moveTo('2026-03-06T12:05:00+01:00');
      for (const who of ['anna', 'carla'] as const) expect((await mark(1, who)).statusCode).toBe(200);
      const asked = await post('trainer', certificatesUrl());
      expect(asked.statusCode).toBe(202);
      expect(asked.json()).toMatchObject({ isFinished: true, completed: 2, missing: 2 });
      expect(asked.json().generation).toMatchObject({ total: 2 });

      const view = await generated();
      expect(view).toMatchObject({
        completed: 2,
        missing: 0,
        generation: { done: 2, total: 2, failure: null },
      });
      expect(view.certificates.map((c) => [c.holderName, c.number])).toEqual([
        ['Anna Bassi', 'LO-FORM-2026-000001'],
        ['Carla Galli', 'LO-FORM-2026-000002'],
      ]);
      const rows = await database.db.selectFrom('trainingCertificate').select('userId').execute();
      expect(rows.map((row) => row.userId).sort()).toEqual([ids.anna, ids.carla].sort());
      const issued = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'training.certificate.issue')
        .execute();
      expect(issued).toHaveLength(2);
    });

    it('never issues a second certificate of the same edition to anyone', async () => {
      const again = await post('trainer', certificatesUrl());
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toContain('Nessun attestato da generare');

      // the register corrected afterwards: Bruno completes too, and only he gets a certificate
      expect((await mark(1, 'bruno')).statusCode).toBe(200);
      expect((await post('pm', certificatesUrl())).statusCode).toBe(202);
      const view = await generated();
      expect(view.certificates.map((c) => c.number).sort()).toEqual([
        'LO-FORM-2026-000001',
        'LO-FORM-2026-000002',
        'LO-FORM-2026-000003',
      ]);
      expect(view.certificates.find((c) => c.holderName === 'Bruno Villa')?.number).toBe(
        'LO-FORM-2026-000003',
      );

      // a generation asked for twice (a job delivered twice) adds nothing
      const run = await database.db
        .selectFrom('trainingCertificateRun')
        .select('id')
        .executeTakeFirstOrThrow();
      await database.db
        .updateTable('trainingCertificateRun')
        .set({ finishedAt: null })
        .where('id', '=', run.id)
        .execute();
      await generateCertificates(t.platform, run.id);
      expect(await database.db.selectFrom('trainingCertificate').selectAll().execute()).toHaveLength(3);
    });

    it('prints the certificate with name, course, hours, dates, signatory, issuer, funding and code', async () => {
      const mine = await get('anna', '/api/training/my-certificates');
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toEqual([
        expect.objectContaining({
          number: 'LO-FORM-2026-000001',
          courseTitle: COURSE.title,
          editionName: 'Primavera 2026',
          hours: '6 ore',
          issuedOn: '2026-03-06',
          isRevoked: false,
        }),
      ]);
      const pdf = await get('anna', mine.json()[0].pdfUrl);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain('attestato-LO-FORM-2026-000001.pdf');
      const text = pdfText(pdf.rawPayload);
      for (const expected of [
        'Attestato di partecipazione',
        'Anna Bassi',
        'Comune di Lodi',
        COURSE.title,
        '6 ore su 6 ore',
        'dal 5 marzo 2026 al 6 marzo 2026',
        'Maria Bianchi',
        'Prefettura di Lodi',
        'Fondo Asilo, Migrazione e Integrazione (FAMI)',
        await codeOf('anna'),
      ])
        expect(text).toContain(expected);
      expect(text).not.toContain('Carla');
      // printed from what was recorded at issue: the same bytes every time
      expect(
        Buffer.from((await get('anna', mine.json()[0].pdfUrl)).rawPayload).equals(
          Buffer.from(pdf.rawPayload),
        ),
      ).toBe(true);
      const reads = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'actorUserId'])
        .where('entityId', '=', mine.json()[0].id)
        .where('kind', '=', 'access')
        .execute();
      expect(reads).toEqual([
        { action: 'training_certificate.read', actorUserId: ids.anna },
        { action: 'training_certificate.read', actorUserId: ids.anna },
      ]);
    });

    it('lets a trainee reach only their own certificates, and a trainer only those of the courses they teach', async () => {
      const view = (await get('trainer', certificatesUrl())).json() as Certificates;
      const carla = view.certificates.find((c) => c.holderName === 'Carla Galli');
      if (!carla) throw new Error('no certificate of Carla');
      expect((await get('anna', carla.pdfUrl)).statusCode).toBe(404);
      expect((await get('anna', certificatesUrl())).statusCode).toBe(403);
      expect(
        (await post('anna', `/api/training/certificates/${carla.id}/revoke`, { reason: 'x' })).statusCode,
      ).toBe(403);
      expect((await get('other', certificatesUrl())).statusCode).toBe(404);
      expect((await get('other', carla.pdfUrl)).statusCode).toBe(404);
      expect((await post('other', certificatesUrl())).statusCode).toBe(403);
      const foreign = await post('other', `/api/training/certificates/${carla.id}/revoke`, {
        reason: 'errore',
      });
      expect(foreign.statusCode).toBe(403);
      expect((await get('pm', carla.pdfUrl)).statusCode).toBe(200);
      expect((await get('trainer', carla.pdfUrl)).statusCode).toBe(200);
      const other = await get('other', '/api/training/my-certificates');
      expect(other.json()).toEqual([]);
    });

    it('checks a certificate on the public page with its hours, days and only its holder’s initials, shows it revoked, and issues it again', async () => {
      const code = await codeOf('carla');
      const verified = await t.app.inject({ url: `/api/verify/${code.toLowerCase().replaceAll('-', ' ')}` });
      expect(verified.json()).toEqual({
        valid: true,
        document: 'Attestato di partecipazione',
        number: 'LO-FORM-2026-000002',
        issuedOn: '2026-03-06',
        issuer: 'Prefettura di Lodi – Ufficio Territoriale del Governo',
        subject: COURSE.title,
        subjectLabel: 'course',
        state: 'valido',
        revoked: false,
        hours: { attended: 6, total: 6 },
        period: { from: '2026-03-05', to: '2026-03-06' },
        holderInitials: 'C. G.',
      });
      const page = await t.app.inject({ url: `/portale/it/verifica/${code}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Attestato di partecipazione');
      expect(page.body).toContain('LO-FORM-2026-000002');
      expect(page.body).toContain('Documento autentico');
      expect(page.body).toContain('<dt>Corso</dt>');
      expect(page.body).not.toContain('Procedimento');
      expect(page.body).toContain('6 ore su 6');
      expect(page.body).toContain('5 marzo 2026 – 6 marzo 2026');
      expect(page.body).toContain('C. G.');
      expect(page.body).toContain('valido');
      for (const personal of ['Carla', 'Galli', 'Comune di Lodi']) expect(page.body).not.toContain(personal);
      const english = await t.app.inject({ url: `/portale/en/verifica/${code}` });
      expect(english.body).toContain('<dt>Course</dt>');
      expect(english.body).toContain('6 hours of 6');
      expect(english.body).toContain('<dd lang="it">valid</dd>');
      const qr = await t.app.inject({ url: `/verifica/${code}` });
      expect(qr.statusCode).toBe(303);

      const unknown = 'ABCD-EFGH-JKMN-PQRS';
      expect((await t.app.inject({ url: `/api/verify/${unknown}` })).json()).toEqual({ valid: false });
      expect((await t.app.inject({ url: `/portale/it/verifica/${unknown}` })).statusCode).toBe(404);

      const { certificates } = (await get('trainer', certificatesUrl())).json() as Certificates;
      const id = certificates.find((c) => c.holderName === 'Carla Galli')?.id;
      const blank = await post('trainer', `/api/training/certificates/${id}/revoke`, { reason: ' ' });
      expect(blank.statusCode).toBe(400);
      expect(blank.json().errors[0].path).toBe('body.reason');
      const reason = 'Presenze registrate per errore alla seconda sessione';
      const revoked = await post('pm', `/api/training/certificates/${id}/revoke`, { reason });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ isRevoked: true, revocationReason: reason });
      expect((await post('pm', `/api/training/certificates/${id}/revoke`, { reason })).statusCode).toBe(409);
      expect((await t.app.inject({ url: `/api/verify/${code}` })).json()).toMatchObject({
        state: 'revocato',
        revoked: true,
      });
      const revokedPage = await t.app.inject({ url: `/portale/it/verifica/${code}` });
      expect(revokedPage.body).toContain('Documento revocato');
      expect(revokedPage.body).not.toContain('Documento autentico');
      expect(revokedPage.body).not.toContain('corrisponde');
      expect(revokedPage.body).toContain('revocato');
      expect(revokedPage.body).not.toContain(reason);
      const frenchPage = await t.app.inject({ url: `/portale/fr/verifica/${code}` });
      expect(frenchPage.body).toContain('Document révoqué');
      expect(frenchPage.body).toContain('<dd lang="it">révoqué</dd>');
      const mine = (await get('carla', '/api/training/my-certificates')).json();
      expect(mine[0].isRevoked).toBe(true);
      const download = await get('carla', mine[0].pdfUrl);
      expect(download.statusCode).toBe(409);
      expect(download.json().detail).toContain('revocato');
      expect((await get('trainer', mine[0].pdfUrl)).statusCode).toBe(200);

      // the revoked certificate no longer counts: the staff issue Carla a new one, with a new number and code
      const before = (await get('trainer', certificatesUrl())).json() as Certificates;
      expect(before.missing).toBe(1);
      expect((await post('pm', certificatesUrl())).statusCode).toBe(202);
      const reissued = (await generated()).certificates.filter((c) => c.holderName === 'Carla Galli');
      expect(reissued.map((c) => [c.number, c.isRevoked])).toEqual(
        expect.arrayContaining([
          ['LO-FORM-2026-000002', true],
          ['LO-FORM-2026-000004', false],
        ]),
      );
      const fresh = reissued.find((c) => !c.isRevoked);
      expect((await get('carla', fresh?.pdfUrl ?? '')).statusCode).toBe(200);
      expect((await post('pm', certificatesUrl())).statusCode).toBe(409);
      const twice = database.db
        .insertInto('trainingCertificate')
        .values(
          await database.db
            .selectFrom('trainingCertificate')
            .selectAll()
            .where('number', '=', 'LO-FORM-2026-000004')
            .executeTakeFirstOrThrow()
            .then((row) => ({
              ...row,
              id: crypto.randomUUID(),
              number: 'LO-FORM-2026-000099',
              verificationCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ',
            })),
        )
        .execute();
      await expect(twice).rejects.toThrow();

      const checks = await database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'verification.read')
        .execute();
      expect(checks.map((row) => row.entityId)).toEqual(expect.arrayContaining([id, unknown]));
    });

    it('counts among the indicators the certificates issued and still valid', async () => {
      // Anna, Bruno and Carla were issued one each; Carla's was revoked and issued again: three valid
      expect((await trainingIndicators(t.platform)).certificatesIssued).toBe(3);
    });
  });
}
