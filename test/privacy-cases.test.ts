import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/kernel/ids.ts';
import type { RetentionCategory } from '../src/kernel/personal-data.ts';
import { documentFiles } from '../src/modules/cases/documents/service.ts';
import { computeCheckCharacter } from '../src/modules/cases/intake/fiscal-codes.ts';
import { casesPersonalData } from '../src/modules/cases/privacy/provider.ts';
import { exchangePersonalData } from '../src/modules/exchange/privacy/provider.ts';
import { holdCaseOpinions, releaseCaseOpinions } from '../src/modules/exchange/privacy/service.ts';
import { stopTestApp, TEST_NOW, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { openIntakeDesk, setQuota } from './support/intake.ts';

const REASON = 'Il datore di lavoro non ha dimostrato la capacità economica richiesta.';
/** A fiscal code with its check character, for a man born on 1 January 1980 in Rome. */
const fiscalCode = (surnameAndName: string) => {
  const body = `${surnameAndName}80A01H501`;
  return `${body}${computeCheckCharacter(body)}`;
};
const category = (key: string): RetentionCategory => {
  const found = [...casesPersonalData.categories, ...exchangePersonalData.categories].find(
    (c) => c.key === key,
  );
  if (!found) throw new Error(`no category ${key}`);
  return found;
};

for (const backend of BACKENDS) {
  describe(`case files' retention, legal hold and rectification on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let managerEmail: string;
    let operator: Session;
    let otherManager: Session;
    let police: Session;
    let policeEmail: string;
    let operatorEmail: string;
    let otherManagerEmail: string;
    let policeManager: Session;
    let policeManagerEmail: string;
    let officeId: string;
    let dataDir: string;
    let n = 100;

    const signInAll = async () => {
      manager = await signIn(t.app, managerEmail);
      operator = await signIn(t.app, operatorEmail);
      otherManager = await signIn(t.app, otherManagerEmail);
      police = await signIn(t.app, policeEmail);
      policeManager = await signIn(t.app, policeManagerEmail);
    };
    const moveClockTo = async (instant: string) => {
      t.clock.set(instant);
      await signInAll();
    };
    const call = (who: Session, method: 'GET' | 'POST' | 'DELETE' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    /** The next application's number, `step` on from the last: 8 on keeps the worker's country. */
    const next = (step = 1) => {
      n += step;
      return n;
    };
    const submit = async (index = next()) => {
      const res = await call(manager, 'POST', '/api/cases', workPermitApplication(index));
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; number: string; state: string };
    };
    const open = async (id: string) => {
      const res = await call(manager, 'GET', `/api/cases/${id}`);
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const act = async (id: string, action: string, reason?: string) => {
      const { version } = await open(id);
      const res = await call(manager, 'POST', `/api/cases/${id}/actions`, {
        action,
        version,
        ...(reason ? { reason } : {}),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const upload = async (id: string, checklistCode: string, name: string) => {
      const body = await multipartBody(
        { checklistCode },
        { content: await makePdf(name), name: `${name}.pdf`, type: 'application/pdf' },
      );
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/documents`,
        headers: { ...manager.headers, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string };
    };
    const personOf = async (caseId: string) => {
      const detail = await open(caseId);
      return detail.parties.find((party: { role: string }) => party.role === 'WORKER').person;
    };
    const inTransaction = <T>(work: (db: TestDatabase['db']) => Promise<T>) =>
      database.db.transaction().execute((trx) => work(trx));
    const caseRow = (id: string) =>
      database.db.selectFrom('caseFile').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
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
      dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-privacy-cases-'));
      ({ database, t, manager } = await openIntakeDesk(backend, 50, { config: { DATA_DIR: dataDir } }));
      managerEmail = manager.view.user.email;
      const office = await database.db
        .selectFrom('organisation')
        .select('id')
        .where('code', '=', 'PREF-LO')
        .executeTakeFirstOrThrow();
      officeId = office.id;
      operatorEmail = (await makeUser(t.platform, [{ organisationId: office.id, role: 'sui_operator' }]))
        .email;
      const other = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-MI' });
      otherManagerEmail = (await makeUser(t.platform, [{ organisationId: other.id, role: 'sui_manager' }]))
        .email;
      const questura = await makeOrganisation(t.platform, { type: 'POLICE_HQ', code: 'QUESTURA-LO' });
      policeEmail = (await makeUser(t.platform, [{ organisationId: questura.id, role: 'questura_officer' }]))
        .email;
      // a role given by mistake outside a Prefettura: it must not open the access requests
      policeManagerEmail = (
        await makeUser(t.platform, [{ organisationId: questura.id, role: 'sui_manager' }])
      ).email;
      await signInAll();
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    describe('legal hold', () => {
      it('is placed and lifted by the SUI manager only, once, audited, and shown on the case', async () => {
        const created = await submit();
        const url = `/api/cases/${created.id}/legal-hold`;
        expect((await call(operator, 'POST', url, { reason: 'Ricorso al TAR n. 123/2026' })).statusCode).toBe(
          403,
        );
        expect((await call(otherManager, 'POST', url, { reason: 'Ricorso al TAR' })).statusCode).toBe(404);
        const missing = await call(manager, 'POST', url, { reason: '' });
        expect(missing.statusCode).toBe(400);
        expect(missing.json().errors[0].path).toBe('body.reason');

        const placed = await call(manager, 'POST', url, { reason: 'Ricorso al TAR n. 123/2026' });
        expect(placed.statusCode, placed.body).toBe(201);
        expect(placed.json().hold).toEqual({
          reason: 'Ricorso al TAR n. 123/2026',
          since: new Date(TEST_NOW).toISOString(),
          placedBy: 'Mario Rossi',
        });
        expect((await call(operator, 'GET', url)).json()).toEqual(placed.json());
        const again = await call(manager, 'POST', url, { reason: 'Altro ricorso' });
        expect(again.statusCode).toBe(409);
        expect(again.json().detail).toBe(
          'La conservazione della pratica è già sospesa per vincolo legale dal 2 marzo 2026.',
        );
        // the exchange keeps the case's opinions too, also those requested later
        expect(
          await database.db
            .selectFrom('opinionHold')
            .select('caseNumber')
            .where('caseNumber', '=', created.number)
            .execute(),
        ).toHaveLength(1);

        expect((await call(otherManager, 'DELETE', url)).statusCode).toBe(404);
        expect((await call(operator, 'DELETE', url)).statusCode).toBe(403);
        expect((await call(manager, 'DELETE', url)).statusCode).toBe(204);
        const twice = await call(manager, 'DELETE', url);
        expect(twice.statusCode).toBe(409);
        expect(twice.json().detail).toBe(
          'La conservazione della pratica non è sospesa da alcun vincolo legale.',
        );
        expect((await call(manager, 'GET', url)).json()).toEqual({ hold: null });
        expect(
          await database.db
            .selectFrom('opinionHold')
            .select('caseNumber')
            .where('caseNumber', '=', created.number)
            .execute(),
        ).toHaveLength(0);
        expect(await auditActions(created.id)).toEqual(
          expect.arrayContaining(['cases.legal-hold.place', 'cases.legal-hold.release']),
        );
      });
    });

    describe('rectification', () => {
      it('corrects a person’s data in one go, keeps the history and follows the name into the case heading', async () => {
        const created = await submit();
        const person = await personOf(created.id);
        const url = `/api/cases/persons/${person.id}/rectifications`;
        const payload = {
          changes: { surname: 'HOSSEIN', email: 'nuovo.indirizzo@lovit.example' },
          reason: 'Errore di trascrizione segnalato dall’interessato con copia del passaporto',
        };
        expect((await call(operator, 'POST', url, payload)).statusCode).toBe(403);
        expect((await call(otherManager, 'POST', url, payload)).statusCode).toBe(404);

        const done = await call(manager, 'POST', url, payload);
        expect(done.statusCode, done.body).toBe(201);
        expect(done.json().items).toEqual([
          expect.objectContaining({
            field: 'surname',
            fieldLabel: 'Cognome',
            previousValue: person.surname,
            newValue: 'HOSSEIN',
            reason: payload.reason,
            rectifiedBy: 'Mario Rossi',
          }),
          expect.objectContaining({
            field: 'email',
            fieldLabel: 'E-mail',
            previousValue: person.email,
            newValue: 'nuovo.indirizzo@lovit.example',
          }),
        ]);
        const after = await open(created.id);
        const worker = after.parties.find((party: { role: string }) => party.role === 'WORKER').person;
        expect(worker).toMatchObject({ surname: 'HOSSEIN', email: 'nuovo.indirizzo@lovit.example' });
        expect(after.title).toContain(`HOSSEIN ${person.givenName}`);
        expect(await auditActions(person.id)).toEqual(['cases.person.rectify']);

        const history = await call(operator, 'GET', url);
        expect(history.statusCode).toBe(200);
        expect(history.json().items).toHaveLength(2);
        expect(await auditActions(person.id)).toEqual(['cases.person.rectify', 'person.read']);
        expect((await call(otherManager, 'GET', url)).statusCode).toBe(404);
      });

      it('refuses what the intake refuses, naming the field, and changes nothing', async () => {
        const created = await submit();
        const person = await personOf(created.id);
        const url = `/api/cases/persons/${person.id}/rectifications`;
        const reason = 'Rettifica richiesta dall’interessato';
        const badCode = await call(manager, 'POST', url, {
          changes: { fiscalCode: 'RSSMRA80A01H501X' },
          reason,
        });
        expect(badCode.statusCode).toBe(422);
        expect(badCode.json().errors[0].path).toBe('body.changes.fiscalCode');
        const future = await call(manager, 'POST', url, { changes: { birthDate: '2030-01-01' }, reason });
        expect(future.statusCode).toBe(422);
        expect(future.json().errors).toEqual([
          { path: 'body.changes.birthDate', message: 'la data di nascita è nel futuro' },
        ]);
        const noDocument = await call(manager, 'POST', url, { changes: { passportNumber: null }, reason });
        expect(noDocument.statusCode).toBe(422);
        expect(noDocument.json().errors[0]).toEqual({
          path: 'body.changes.passportNumber',
          message: 'indicare il passaporto o il codice fiscale',
        });
        const badEmail = await call(manager, 'POST', url, { changes: { email: 'non-una-mail' }, reason });
        expect(badEmail.statusCode).toBe(400);
        expect(badEmail.json().errors[0].path).toBe('body.changes.email');
        const same = await call(manager, 'POST', url, { changes: { surname: person.surname }, reason });
        expect(same.statusCode).toBe(422);
        expect((await personOf(created.id)).surname).toBe(person.surname);
        expect((await call(manager, 'GET', url)).json().items).toEqual([]);
      });

      it('refuses a passport or fiscal code that is another person’s, in Italian', async () => {
        const index = next(16);
        const first = await submit(index);
        const second = await submit(index + 8);
        const a = await personOf(first.id);
        const b = await personOf(second.id);
        const reason = 'Rettifica del documento';
        const passport = await call(manager, 'POST', `/api/cases/persons/${b.id}/rectifications`, {
          changes: { passportNumber: a.passport.number },
          reason,
        });
        expect(passport.statusCode).toBe(409);
        expect(passport.json().detail).toBe(
          'Il passaporto indicato appartiene già a un’altra persona registrata presso l’ufficio.',
        );
        const code = fiscalCode('RSSMRA');
        const set = await call(manager, 'POST', `/api/cases/persons/${a.id}/rectifications`, {
          changes: { fiscalCode: code },
          reason,
        });
        expect(set.statusCode, set.body).toBe(201);
        const clash = await call(manager, 'POST', `/api/cases/persons/${b.id}/rectifications`, {
          changes: { fiscalCode: code },
          reason,
        });
        expect(clash.statusCode).toBe(409);
        expect(clash.json().detail).toBe(
          'Il codice fiscale indicato appartiene già a un’altra persona registrata presso l’ufficio.',
        );
        expect((await personOf(second.id)).fiscalCode ?? null).toBeNull();
      });
    });

    describe('disposal', () => {
      const before = new Date('2026-03-10T00:00:00+01:00');
      const future = new Date('2027-01-01T00:00:00+01:00');
      const cases = {} as Record<
        'withdrawn' | 'held' | 'notAdmitted' | 'rejected' | 'late',
        { id: string; number: string }
      >;
      const documents: Record<string, string> = {};
      let appointmentId: string;
      let policeOpinion: string;

      beforeAll(async () => {
        await moveClockTo(TEST_NOW);
        // withdrawn on 2 March, with a passport copy and a housing document; one of them under legal hold
        cases.withdrawn = await submit();
        documents.passport = (await upload(cases.withdrawn.id, 'PASSPORT_COPY', 'passaporto')).id;
        documents.housing = (await upload(cases.withdrawn.id, 'HOUSING', 'alloggio')).id;
        await act(cases.withdrawn.id, 'WITHDRAW', 'Rinuncia del datore di lavoro');
        cases.held = await submit();
        documents.heldPassport = (await upload(cases.held.id, 'PASSPORT_COPY', 'passaporto-vincolato')).id;
        await act(cases.held.id, 'WITHDRAW', 'Rinuncia del datore di lavoro');
        expect(
          (
            await call(manager, 'POST', `/api/cases/${cases.held.id}/legal-hold`, {
              reason: 'Richiesta della Procura della Repubblica di Lodi',
            })
          ).statusCode,
        ).toBe(201);
        // no place left in the quota: not admitted
        await setQuota(
          t.app,
          manager,
          (await database.db.selectFrom('quota').select('used').executeTakeFirstOrThrow()).used,
        );
        cases.notAdmitted = await submit();
        expect((await caseRow(cases.notAdmitted.id)).state).toBe('QUOTA_EXHAUSTED');
        await setQuota(t.app, manager, 50);
        // rejected on 13 March, after the notice and its ten days; its opinions answered by the Questura
        cases.rejected = await submit();
        await act(cases.rejected.id, 'START_REVIEW');
        const requested = await act(cases.rejected.id, 'REQUEST_OPINIONS');
        policeOpinion = requested.opinions.find((o: { body: string }) => o.body === 'POLICE_HQ').id;
        const answered = await call(police, 'POST', `/api/opinions/${policeOpinion}/answers`, {
          outcome: 'UNFAVOURABLE',
          reasons: 'Segnalazione a carico del datore di lavoro',
        });
        expect(answered.statusCode, answered.body).toBe(200);
        await act(cases.rejected.id, 'SEND_REJECTION_NOTICE', REASON);
        const { version } = await open(cases.rejected.id);
        const receipt = await multipartBody(
          { version: String(version), receivedOn: '2026-03-02', channel: 'DESK' },
          { content: PNG, name: 'cartolina.png', type: 'image/png' },
        );
        const recorded = await t.app.inject({
          method: 'POST',
          url: `/api/cases/${cases.rejected.id}/rejection-notice/receipt`,
          headers: { ...manager.headers, ...receipt.headers },
          payload: receipt.payload,
        });
        expect(recorded.statusCode, recorded.body).toBe(200);
        await moveClockTo('2026-03-13T09:00:00+01:00');
        await act(cases.rejected.id, 'REJECT', REASON);
        // withdrawn on 20 March: not due at a cutoff of 10 March
        await moveClockTo('2026-03-20T09:00:00+01:00');
        cases.late = await submit();
        await act(cases.late.id, 'WITHDRAW', 'Rinuncia del lavoratore');
        const office = (await caseRow(cases.held.id)).organisationId;
        // appointments at the desk on 3 March: for a case withdrawn later, and for the held case
        const desk = newId();
        await database.db
          .insertInto('desk')
          .values({
            id: desk,
            organisationId: office,
            name: 'Sportello 1',
            place: 'Corso Umberto I 40, Lodi',
            municipalityCode: '098031',
            stepFreeAccess: true,
            lift: true,
            accessibleToilet: true,
            createdAt: new Date(TEST_NOW),
          })
          .execute();
        const appointment = (caseId: string) => ({
          id: newId(),
          organisationId: office,
          deskId: desk,
          caseId,
          startsAt: new Date('2026-03-03T09:00:00+01:00'),
          endsAt: new Date('2026-03-03T09:20:00+01:00'),
          purpose: 'Firma del contratto di soggiorno',
          status: 'ATTENDED' as const,
          recipientEmail: 'lavoratore@lovit.example',
          outcomeNotes: 'Presentato con il mediatore',
          createdAt: new Date(TEST_NOW),
          createdBy: manager.view.user.id,
        });
        const rows = [appointment(cases.late.id), appointment(cases.held.id)];
        appointmentId = rows[0]?.id as string;
        await database.db.insertInto('appointment').values(rows).execute();
        await moveClockTo(TEST_NOW);
      });

      const run = async (key: string, cutoff: Date, limit: number) =>
        inTransaction((db) => category(key).dispose(db, cutoff, limit));
      const due = (key: string, cutoff: Date) => inTransaction((db) => category(key).countDue(db, cutoff));

      it('removes copies of identity documents of closed cases in their time, never of a held case', async () => {
        const documentIds = async () =>
          (
            await database.db
              .selectFrom('caseDocument')
              .select('id')
              .where('caseId', 'in', [cases.withdrawn.id, cases.held.id])
              .execute()
          ).map((row) => row.id);
        expect(await due('cases.identity-documents', new Date('2026-03-01T00:00:00+01:00'))).toBe(0);
        const count = await due('cases.identity-documents', before);
        expect(count).toBe(1);
        expect(await run('cases.identity-documents', before, 10)).toBe(1);
        expect(await due('cases.identity-documents', before)).toBe(0);
        expect((await documentIds()).sort()).toEqual([documents.housing, documents.heldPassport].sort());
      });

      it('anonymises each kind of closed case in batches, keeping type, dates and outcome', async () => {
        for (const [key, id] of [
          ['cases.closed-withdrawn', cases.withdrawn.id],
          ['cases.closed-other', cases.notAdmitted.id],
        ] as const) {
          const count = await due(key, before);
          expect(count, key).toBeGreaterThanOrEqual(1);
          expect(await run(key, before, 1)).toBe(1);
          expect(await due(key, before)).toBe(count - 1);
          expect(await run(key, before, 1000)).toBe(count - 1);
          expect(await due(key, before)).toBe(0);
          const row = await caseRow(id);
          expect(row.anonymisedAt).not.toBeNull();
          expect(row.title).toBe('Pratica anonimizzata alla scadenza del tempo di conservazione');
        }
        // closed on 13 and 20 March: not yet due at 10 March, due later
        expect(await due('cases.closed-rejected', before)).toBe(0);
        expect(await due('cases.closed-rejected', future)).toBe(1);
        expect((await caseRow(cases.late.id)).anonymisedAt).toBeNull();
        const sha256s = (
          await database.db
            .selectFrom('caseDocument')
            .select('sha256')
            .where('caseId', '=', cases.rejected.id)
            .execute()
        ).map((row) => row.sha256);
        expect(await run('cases.closed-rejected', future, 10)).toBe(1);
        expect(await due('cases.closed-issued', future)).toBe(0);

        const rejected = await open(cases.rejected.id);
        expect(rejected).toMatchObject({
          type: 'WORK_CLEARANCE',
          state: 'REJECTED',
          parties: [],
          documents: [],
        });
        expect(rejected.outcomes[0]).toMatchObject({ code: 'REJECTION_DECREE', issuedOn: '2026-03-13' });
        // its files are no document's any more: the orphan sweeper removes them
        expect(await documentFiles(database.db, sha256s)).toEqual([]);
        const events = await database.db
          .selectFrom('caseEvent')
          .select(['reason', 'data'])
          .where('caseId', '=', cases.rejected.id)
          .execute();
        expect(events.every((event) => event.reason === null)).toBe(true);

        // the held case stays whole
        const held = await caseRow(cases.held.id);
        expect(held.anonymisedAt).toBeNull();
        expect((await open(cases.held.id)).parties).toHaveLength(2);
      });

      it('refuses a legal hold on a case already made anonymous, saying since when', async () => {
        const { anonymisedAt } = await caseRow(cases.withdrawn.id);
        expect(anonymisedAt).not.toBeNull();
        const url = `/api/cases/${cases.withdrawn.id}/legal-hold`;
        const refused = await call(manager, 'POST', url, { reason: 'Ricorso al TAR n. 7/2026' });
        expect(refused.statusCode).toBe(409);
        const day = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(
          anonymisedAt as Date,
        );
        expect(refused.json().detail).toBe(
          `La pratica è già stata resa anonima il ${day}: non c’è più nulla da conservare.`,
        );
        expect((await call(manager, 'GET', url)).json()).toEqual({ hold: null });
        expect(
          await database.db
            .selectFrom('opinionHold')
            .select('caseNumber')
            .where('caseNumber', '=', cases.withdrawn.number)
            .execute(),
        ).toEqual([]);
      });

      it('anonymises appointments of closed cases, and deletes persons no case refers to', async () => {
        const cutoff = new Date('2026-03-05T00:00:00+01:00');
        expect(await due('cases.appointments', new Date('2026-03-03T00:00:00+01:00'))).toBe(0);
        expect(await due('cases.appointments', cutoff)).toBe(1);
        expect(await run('cases.appointments', cutoff, 10)).toBe(1);
        const appointment = await database.db
          .selectFrom('appointment')
          .selectAll()
          .where('id', '=', appointmentId)
          .executeTakeFirstOrThrow();
        expect(appointment).toMatchObject({ recipientEmail: null, outcomeNotes: null, status: 'ATTENDED' });
        expect(await due('cases.appointments', cutoff)).toBe(0);

        const count = await due('cases.parties-unreferenced', future);
        expect(count).toBeGreaterThanOrEqual(3);
        expect(await due('cases.parties-unreferenced', new Date('2026-01-01T00:00:00+01:00'))).toBe(0);
        expect(await run('cases.parties-unreferenced', future, count)).toBe(count);
        expect(await due('cases.parties-unreferenced', future)).toBe(0);
        // the held case keeps its people
        expect(
          (await open(cases.held.id)).parties.every(
            (p: { person: unknown; employer: unknown }) => p.person || p.employer,
          ),
        ).toBe(true);
      });

      it('anonymises closed opinions, keeping their dates and outcome, but not those of a held case', async () => {
        const key = 'exchange.opinions-closed';
        expect(await due(key, new Date('2026-03-01T00:00:00+01:00'))).toBe(0);
        const count = await due(key, future);
        expect(count).toBe(1);
        // the case is anonymised by now and takes no hold: the exchange's side of a hold, as a case's hold places it
        await inTransaction((db) => holdCaseOpinions(db, cases.rejected.number, new Date(TEST_NOW)));
        expect(await due(key, future)).toBe(0);
        await inTransaction((db) => releaseCaseOpinions(db, cases.rejected.number));
        expect(await run(key, future, 10)).toBe(1);
        expect(await due(key, future)).toBe(0);
        const opinion = await database.db
          .selectFrom('opinionRequest')
          .selectAll()
          .where('id', '=', policeOpinion)
          .executeTakeFirstOrThrow();
        expect(opinion.subject.persons).toEqual([]);
        expect(opinion.subject.employers).toEqual([]);
        expect(opinion).toMatchObject({
          outcome: 'UNFAVOURABLE',
          searchText: cases.rejected.number.toLowerCase(),
        });
        expect(opinion.closedAt).not.toBeNull();
        const answer = await database.db
          .selectFrom('opinionAnswer')
          .selectAll()
          .where('opinionId', '=', policeOpinion)
          .executeTakeFirstOrThrow();
        expect(answer).toMatchObject({ outcome: 'UNFAVOURABLE', reasons: null, attachments: [] });
      });

      it('deletes signed messages once delivered, but not those about a held case', async () => {
        const key = 'exchange.delivered-messages';
        const message = (payload: Record<string, unknown>, deliveredAt: Date | null) => ({
          id: newId(),
          peer: 'questura-lo',
          kind: 'opinion.answered',
          payload: JSON.stringify(payload),
          createdAt: new Date(TEST_NOW),
          nextAttemptAt: new Date(TEST_NOW),
          deliveredAt,
        });
        const heldOpinion = await database.db
          .insertInto('opinionRequest')
          .values({
            id: newId(),
            originNode: 'lovit',
            requesterOrganisationId: null,
            requesterName: 'Prefettura di Lodi',
            body: 'POLICE_HQ',
            answererNode: 'questura-lo',
            organisationId: null,
            caseNumber: cases.held.number,
            caseTypeCode: 'WORK_CLEARANCE',
            caseTypeName: 'Nulla osta al lavoro subordinato',
            label: 'Parere della Questura',
            subject: JSON.stringify({
              persons: [],
              employers: [],
              quota: null,
              submittedOn: '2026-03-02',
              highRiskCountry: false,
            }),
            searchText: cases.held.number.toLowerCase(),
            requestedAt: new Date(TEST_NOW),
            requestedOn: '2026-03-02',
            responseDays: 20,
            dueOn: '2026-03-22',
            silenceRule: null,
            state: 'PENDING',
            pausedSince: null,
            outcome: null,
            closedAt: null,
            remindedOn: null,
            escalatedOn: null,
            updatedAt: new Date(TEST_NOW),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const delivered = new Date('2026-03-03T09:00:00+01:00');
        const rows = [
          message({ opinionId: policeOpinion, outcome: 'UNFAVOURABLE' }, delivered),
          message({ id: newId(), caseNumber: cases.held.number }, delivered),
          message({ opinionId: heldOpinion.id, outcome: 'FAVOURABLE' }, delivered),
          message({ opinionId: policeOpinion, outcome: 'FAVOURABLE' }, null),
        ];
        await database.db.insertInto('exchangeOutbox').values(rows).execute();
        expect(await due(key, new Date('2026-03-03T00:00:00+01:00'))).toBe(0);
        expect(await due(key, before)).toBe(1);
        expect(await run(key, before, 10)).toBe(1);
        expect(await due(key, before)).toBe(0);
        const left = await database.db.selectFrom('exchangeOutbox').select('id').execute();
        expect(left.map((row) => row.id).sort()).toEqual(
          rows
            .slice(1)
            .map((row) => row.id)
            .sort(),
        );
      });
    });

    describe('the records of a data subject', () => {
      const find = (
        subject: Parameters<typeof casesPersonalData.findSubject>[1],
        organisationId = officeId,
      ) =>
        inTransaction(async (db) => [
          ...(await casesPersonalData.findSubject(db, subject, { organisationId })),
          ...(await exchangePersonalData.findSubject(db, subject, { organisationId })),
        ]);
      let created: { id: string; number: string };
      let person: {
        id: string;
        surname: string;
        givenName: string;
        birthDate: string;
        passport: { number: string };
        email: string;
      };
      let opinionId: string;

      beforeAll(async () => {
        await moveClockTo(TEST_NOW);
        created = await submit(next(16));
        await upload(created.id, 'PASSPORT_COPY', 'passaporto-interessato');
        person = await personOf(created.id);
        const rectified = await call(manager, 'POST', `/api/cases/persons/${person.id}/rectifications`, {
          changes: { fiscalCode: fiscalCode('QWRZXY') },
          reason: 'Codice fiscale attribuito dall’Agenzia delle Entrate',
        });
        expect(rectified.statusCode, rectified.body).toBe(201);
        // the opinion's subject is the copy sent to the Questura, with the fiscal code known by then
        await act(created.id, 'START_REVIEW');
        const requested = await act(created.id, 'REQUEST_OPINIONS');
        opinionId = requested.opinions.find((o: { body: string }) => o.body === 'POLICE_HQ').id;
      });

      const sections = (records: Awaited<ReturnType<typeof find>>) =>
        [...new Set(records.map((record) => record.section))].sort();

      it('finds the person, the case, the documents, the opinions and the history by passport', async () => {
        const records = await find({ passportNumber: ` ${person.passport.number.toLowerCase()} ` });
        expect(sections(records)).toEqual(
          [
            'Anagrafica dello Sportello Unico',
            'Documenti delle pratiche',
            'Pareri di Questura e Ispettorato',
            'Pratiche SUI',
            'Rettifiche dei dati',
          ].sort(),
        );
        const pratica = records.find((record) => record.section === 'Pratiche SUI');
        expect(pratica).toMatchObject({
          entity: { type: 'case', id: created.id },
          data: {
            number: created.number,
            role: 'WORKER',
            roleLabel: 'Lavoratore',
            type: 'WORK_CLEARANCE',
            typeName: 'Nulla osta al lavoro subordinato',
            state: 'AWAITING_OPINIONS',
            stateLabel: 'In attesa dei pareri',
            channel: 'DESK',
            channelLabel: 'Presentata allo sportello',
            quota: { year: 2026, sector: 'NON_SEASONAL', sectorLabel: 'Lavoro subordinato non stagionale' },
          },
        });
        expect(pratica?.title).toBe(`Pratica ${created.number}, presentata il 2 marzo 2026`);
        const document = records.find((record) => record.section === 'Documenti delle pratiche');
        expect(document?.data).toMatchObject({
          checklistCode: 'PASSPORT_COPY',
          checklistLabel: 'Copia del passaporto del lavoratore',
        });
        expect(document?.files?.[0]).toEqual({
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          name: `${created.number}-v1-passaporto-interessato.pdf`,
        });
        const opinion = records.find((record) => record.entity?.id === opinionId);
        expect(opinion?.entity).toEqual({ type: 'opinion_request', id: opinionId });
        expect(
          records.find((record) => record.section === 'Anagrafica dello Sportello Unico')?.entity,
        ).toEqual({
          type: 'person',
          id: person.id,
        });
      });

      it('finds the same by fiscal code, by name and birth date, and the person by e-mail', async () => {
        const byPassport = await find({ passportNumber: person.passport.number });
        const entities = (records: Awaited<ReturnType<typeof find>>) =>
          records.map((record) => `${record.entity?.type}:${record.entity?.id}:${record.section}`).sort();
        expect(entities(await find({ fiscalCode: fiscalCode('QWRZXY').toLowerCase() }))).toEqual(
          entities(byPassport),
        );
        expect(
          entities(
            await find({
              person: {
                surname: ` ${person.surname.toLowerCase()} `,
                givenName: person.givenName.toUpperCase(),
                birthDate: person.birthDate,
              },
            }),
          ),
        ).toEqual(entities(byPassport));
        const byEmail = await find({ email: person.email.toUpperCase() });
        expect(byEmail.some((record) => record.entity?.id === person.id)).toBe(true);
        expect(await find({ passportNumber: 'ZZ0000000' })).toEqual([]);
        expect(
          await find({
            person: { surname: person.surname, givenName: person.givenName, birthDate: '1900-01-01' },
          }),
        ).toEqual([]);
      });

      it('keeps to the searching Prefettura’s office and refuses an office of another kind', async () => {
        const criterion = { passportNumber: person.passport.number };
        const search = (who: Session) => call(who, 'POST', '/api/privacy/subjects/search', criterion);
        const own = await search(manager);
        expect(own.statusCode, own.body).toBe(200);
        expect(own.json().sections.map((section: { title: string }) => section.title)).toEqual(
          expect.arrayContaining([
            'Anagrafica dello Sportello Unico',
            'Pratiche SUI',
            'Pareri di Questura e Ispettorato',
          ]),
        );

        const other = await search(otherManager);
        expect(other.statusCode, other.body).toBe(200);
        expect(other.json()).toMatchObject({
          total: 0,
          message: 'Nessun dato trovato in LOVIT per la persona indicata (ricerca per numero di passaporto).',
        });
        const otherOffice = await database.db
          .selectFrom('organisation')
          .select('id')
          .where('code', '=', 'PREF-MI')
          .executeTakeFirstOrThrow();
        expect(await find(criterion, otherOffice.id)).toEqual([]);

        for (const url of ['/api/privacy/subjects/search', '/api/privacy/subjects/export']) {
          const refused = await call(policeManager, 'POST', url, criterion);
          expect(refused.statusCode, url).toBe(403);
          expect(refused.json().detail).toBe(
            'Le richieste di accesso ai dati personali sono trattate dallo Sportello Unico della Prefettura: il tuo ente non può cercare né esportare i dati di una persona.',
          );
        }
        expect(
          await database.db
            .selectFrom('auditEntry')
            .select('action')
            .where('action', 'like', 'privacy.subject.%')
            .where('actorLabel', '=', policeManagerEmail)
            .execute(),
        ).toEqual([]);
      });

      describe('a case of several persons', () => {
        let family: { id: string; number: string };
        const applicantEmail = 'richiedente.ricongiungimento@lovit.example';
        const relativeEmail = 'familiare.ricongiungimento@lovit.example';
        let applicantPassport: string;
        let relativePassport: string;

        beforeAll(async () => {
          const index = next(16);
          const work = workPermitApplication(index);
          const worker = work.parties.flatMap((party) => ('person' in party ? [party.person] : []))[0];
          if (!worker) throw new Error('no worker in the application');
          applicantPassport = worker.passport?.number as string;
          relativePassport = `F${String(index).padStart(9, '0')}`;
          const submitted = await call(manager, 'POST', '/api/cases', {
            type: 'FAMILY_REUNIFICATION_CLEARANCE',
            parties: [
              { role: 'APPLICANT', person: { ...worker, email: applicantEmail } },
              {
                role: 'FAMILY_MEMBER',
                person: {
                  ...worker,
                  givenName: 'Iryna',
                  birthDate: '2012-05-15',
                  passport: { number: relativePassport, expiry: '2031-06-30' },
                  email: relativeEmail,
                },
              },
            ],
            details: { formCode: 'SM' },
          });
          expect(submitted.statusCode, submitted.body).toBe(201);
          family = submitted.json();
          await upload(family.id, 'KINSHIP', 'stato-di-famiglia');
          await upload(family.id, 'PASSPORT_COPY', 'passaporto-familiare');
          await act(family.id, 'START_REVIEW');
          await act(family.id, 'REQUEST_OPINIONS');
          const desk = newId();
          await database.db
            .insertInto('desk')
            .values({
              id: desk,
              organisationId: officeId,
              name: 'Sportello ricongiungimenti',
              place: 'Corso Umberto I 40, Lodi',
              municipalityCode: '098031',
              stepFreeAccess: true,
              lift: true,
              accessibleToilet: true,
              createdAt: new Date(TEST_NOW),
            })
            .execute();
          const appointment = (day: string, recipientEmail: string | null) => ({
            id: newId(),
            organisationId: officeId,
            deskId: desk,
            caseId: family.id,
            startsAt: new Date(`${day}T09:00:00+01:00`),
            endsAt: new Date(`${day}T09:20:00+01:00`),
            purpose: 'DOCUMENTS',
            status: 'SCHEDULED' as const,
            recipientEmail,
            createdAt: new Date(TEST_NOW),
            createdBy: manager.view.user.id,
          });
          await database.db
            .insertInto('appointment')
            .values([
              appointment('2026-03-16', applicantEmail),
              appointment('2026-03-17', relativeEmail),
              appointment('2026-03-18', null),
            ])
            .execute();
        });

        const ofFamily = (records: Awaited<ReturnType<typeof find>>, section: string) =>
          records.filter(
            (record) =>
              record.section === section &&
              [record.data.case, record.data.number, record.data.caseNumber].includes(family.number),
          );

        it('exports no document that may be another person’s, only counting them', async () => {
          const records = await find({ passportNumber: applicantPassport });
          const documents = ofFamily(records, 'Documenti delle pratiche');
          expect(documents).toEqual([
            {
              section: 'Documenti delle pratiche',
              title: `Documenti della pratica ${family.number} di altre persone: 2, non esportati`,
              data: expect.objectContaining({ case: family.number, documents: 2, exported: false }),
            },
          ]);
          expect(
            records
              .flatMap((record) => record.files ?? [])
              .some((file) => file.name.startsWith(family.number)),
          ).toBe(false);
          const pratica = ofFamily(records, 'Pratiche SUI');
          expect(pratica.map((record) => [record.data.role, record.data.roleLabel])).toEqual([
            ['APPLICANT', 'Richiedente'],
          ]);
        });

        it('gives each person the appointments addressed to them or to nobody, never another’s', async () => {
          const recipients = async (passportNumber: string) =>
            ofFamily(await find({ passportNumber }), 'Appuntamenti allo sportello').map((record) => [
              record.data.startsAt,
              record.data.recipientEmail,
              record.data.purposeLabel,
            ]);
          expect(await recipients(applicantPassport)).toEqual([
            [
              new Date('2026-03-16T09:00:00+01:00').toISOString(),
              applicantEmail,
              'Consegna o integrazione di documenti',
            ],
            [
              new Date('2026-03-18T09:00:00+01:00').toISOString(),
              null,
              'Consegna o integrazione di documenti',
            ],
          ]);
          expect((await recipients(relativePassport)).map(([, email]) => email)).toEqual([
            relativeEmail,
            null,
          ]);
        });

        it('keeps in the opinion only the person’s own entry of its subject', async () => {
          type Subject = { persons: { givenName: string; passportNumber: string }[]; employers: unknown[] };
          const subjectFor = async (passportNumber: string) => {
            const opinions = ofFamily(await find({ passportNumber }), 'Pareri di Questura e Ispettorato');
            expect(opinions).toHaveLength(1);
            return opinions[0]?.data.subject as Subject;
          };
          const applicant = await subjectFor(applicantPassport);
          expect(applicant.persons.map((entry) => entry.passportNumber)).toEqual([applicantPassport]);
          expect(applicant.employers).toEqual([]);
          expect((await subjectFor(relativePassport)).persons.map((entry) => entry.givenName)).toEqual([
            'Iryna',
          ]);
          const stored = await database.db
            .selectFrom('opinionRequest')
            .select('subject')
            .where('caseNumber', '=', family.number)
            .executeTakeFirstOrThrow();
          expect(stored.subject.persons).toHaveLength(2);
        });
      });
    });
  });
}
