import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/boot.ts';
import { newId } from '../src/kernel/ids.ts';
import { stopTestApp, TEST_NOW, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, type TestDatabase } from './support/database.ts';
import { type FilePart, makePdf, multipartBody, PNG, pdfText } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { openIntakeDesk } from './support/intake.ts';

/**
 * Eleven days after TEST_NOW: the ten days for observations after a notice of intended refusal, received at the
 * desk the day it was sent, are over.
 */
const AFTER_OBSERVATION_WINDOW = '2026-03-13T09:00:00+01:00';
const REASON =
  'Il datore di lavoro non ha dimostrato la capacità economica richiesta per l’assunzione del lavoratore.';

for (const backend of BACKENDS) {
  describe(`outcomes of a case on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let managerEmail: string;
    let dataDir: string;

    /** Moves the clock on; the session would have expired meanwhile, so the manager signs in again. */
    const moveClockTo = async (instant: string) => {
      t.clock.set(instant);
      manager = await signIn(t.app, managerEmail);
    };

    const submit = async (n: number): Promise<{ id: string; number: string }> => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: manager.headers,
        payload: workPermitApplication(n),
      });
      expect(res.statusCode).toBe(201);
      return res.json();
    };
    const open = async (id: string) => {
      const res = await t.app.inject({ url: `/api/cases/${id}`, headers: manager.headers });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const act = async (id: string, action: string, reason?: string) => {
      const { version } = await open(id);
      return t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/actions`,
        headers: manager.headers,
        payload: { action, version, ...(reason ? { reason } : {}) },
      });
    };
    /** Records the notice's receipt with a scanned return card (or the file given) as its evidence. */
    const recordReceipt = async (
      id: string,
      fields: Record<string, string>,
      withFile: boolean | FilePart = true,
    ) => {
      const { version } = await open(id);
      const evidence =
        withFile === true ? { content: PNG, name: 'cartolina.png', type: 'image/png' } : withFile;
      const body = await multipartBody({ version: String(version), ...fields }, evidence || undefined);
      return t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/rejection-notice/receipt`,
        headers: { ...manager.headers, ...body.headers },
        payload: body.payload,
      });
    };
    /** A case whose notice was sent: its receipt not recorded yet. */
    const caseWithNotice = async (n: number) => {
      const created = await submit(n);
      expect((await act(created.id, 'START_REVIEW')).statusCode).toBe(200);
      expect((await act(created.id, 'SEND_REJECTION_NOTICE', REASON)).statusCode).toBe(200);
      return created;
    };
    /** A case whose notice was handed over at the desk today: ready to be rejected in eleven days. */
    const caseReadyForRejection = async (n: number) => {
      const created = await caseWithNotice(n);
      const receipt = await recordReceipt(created.id, { receivedOn: '2026-03-02', channel: 'DESK' });
      expect(receipt.statusCode, receipt.body).toBe(200);
      return created;
    };

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-outcomes-'));
      ({ database, t, manager } = await openIntakeDesk(backend, 50, { config: { DATA_DIR: dataDir } }));
      managerEmail = manager.view.user.email;
    });

    afterEach(async () => {
      await moveClockTo(TEST_NOW);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('rejects after the notice and its ten days, with a decree giving the reasons and the appeal', async () => {
      const created = await caseReadyForRejection(1);
      const early = await act(created.id, 'REJECT', REASON);
      expect(early.statusCode).toBe(409);
      expect(early.json().blockedBy[0].guard).toBe('REJECTION_NOTICE_GIVEN');

      await moveClockTo(AFTER_OBSERVATION_WINDOW);
      const rejected = await act(created.id, 'REJECT', REASON);
      expect(rejected.statusCode).toBe(200);
      expect(rejected.json().state).toBe('REJECTED');
      expect(rejected.json().outcomes).toEqual([
        {
          id: expect.any(String),
          code: 'REJECTION_DECREE',
          label: 'Decreto di rigetto',
          number: `${created.number}/RD`,
          issuedOn: '2026-03-13',
          validUntil: null,
          verificationCode: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
          pdfUrl: expect.stringMatching(new RegExp(`^/api/cases/${created.id}/outcomes/[0-9a-f-]+/pdf$`)),
        },
      ]);
      const [decree] = rejected.json().outcomes;

      const pdf = await t.app.inject({ url: decree.pdfUrl, headers: manager.headers });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain('Decreto di rigetto');
      expect(text).toContain('Il datore di lavoro non ha dimostrato la capacit');
      expect(text).toContain('Avverso il presente provvedimento è ammesso ricorso al TAR entro 60 giorni');
      expect(text).not.toContain('valido fino al');
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityType', '=', 'case_outcome')
        .where('entityId', '=', decree.id)
        .execute();
      expect(reads.map((r) => r.action)).toEqual(['case_outcome.read']);

      const { verificationCode } = await database.db
        .selectFrom('caseOutcome')
        .select('verificationCode')
        .where('id', '=', decree.id)
        .executeTakeFirstOrThrow();
      const verified = await t.app.inject({ url: `/api/verify/${verificationCode.replaceAll('-', ' ')}` });
      expect(verified.json()).toMatchObject({
        valid: true,
        document: 'Decreto di rigetto',
        number: `${created.number}/RD`,
        issuedOn: '2026-03-13',
        state: 'emesso',
      });
      expect(verified.json()).not.toHaveProperty('validUntil');
      expect(JSON.stringify(verified.json())).not.toContain('capacità');
    });

    it('counts the ten days for observations from the recorded receipt, moved off a Sunday, and keeps its evidence', async () => {
      const created = await caseWithNotice(11);
      const unreceived = await open(created.id);
      expect(unreceived.rejectionNotice).toEqual({
        state: 'AWAITING_RECEIPT',
        sentOn: '2026-03-02',
        lastDayForObservations: null,
        receipt: null,
      });
      await moveClockTo('2026-04-01T09:00:00+02:00');
      const refused = await act(created.id, 'REJECT', REASON);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toContain('Il ricevimento del preavviso di rigetto non è registrato');

      const answers = await Promise.all([
        recordReceipt(created.id, { receivedOn: '', channel: '' }),
        recordReceipt(created.id, { receivedOn: '2026-03-01', channel: 'PEC' }),
        recordReceipt(created.id, { receivedOn: '2026-04-02', channel: 'PEC' }),
        recordReceipt(created.id, { receivedOn: '2026-03-05', channel: 'PEC' }, false),
      ]);
      expect(answers.map((answer) => [answer.statusCode, answer.json().errors])).toEqual([
        [
          422,
          [
            { path: 'body.receivedOn', message: 'Campo obbligatorio' },
            { path: 'body.channel', message: 'Campo obbligatorio' },
          ],
        ],
        [
          422,
          [
            {
              path: 'body.receivedOn',
              message: 'Il preavviso è stato inviato il 2 marzo 2026: non può essere ricevuto prima',
            },
          ],
        ],
        [422, [{ path: 'body.receivedOn', message: 'La data di ricevimento non può essere nel futuro' }]],
        [
          422,
          [
            {
              path: 'file',
              message:
                'Allegare la prova del ricevimento (ricevuta PEC, cartolina di ritorno o ricevuta firmata)',
            },
          ],
        ],
      ]);

      // received on Thursday 5 March: the tenth day is Sunday 15 March, so the last day is Monday 16 March
      await moveClockTo('2026-03-06T09:00:00+01:00');
      const recorded = await recordReceipt(created.id, { receivedOn: '2026-03-05', channel: 'RETURN_CARD' });
      expect(recorded.statusCode, recorded.body).toBe(200);
      const page = recorded.json();
      expect(page.rejectionNotice).toEqual({
        state: 'OPEN',
        sentOn: '2026-03-02',
        lastDayForObservations: '2026-03-16',
        receipt: {
          receivedOn: '2026-03-05',
          channel: 'RETURN_CARD',
          channelLabel: 'Cartolina di ritorno della raccomandata',
          evidence: {
            id: expect.any(String),
            fileName: 'cartolina.png',
            url: expect.stringMatching(new RegExp(`^/api/cases/${created.id}/documents/`)),
          },
        },
      });
      expect(page.documents.map((document: { fileName: string }) => document.fileName)).toContain(
        'cartolina.png',
      );
      expect(page.timeline.at(-1)).toMatchObject({
        onDay: '2026-03-05',
        label: 'Ricevimento del preavviso di rigetto registrato',
      });
      const evidence = await t.app.inject({
        url: page.rejectionNotice.receipt.evidence.url,
        headers: manager.headers,
      });
      expect(evidence.statusCode).toBe(200);
      expect(Buffer.from(evidence.rawPayload).equals(PNG)).toBe(true);
      const again = await recordReceipt(created.id, { receivedOn: '2026-03-05', channel: 'PEC' });
      expect(again.statusCode).toBe(409);

      await moveClockTo('2026-03-16T18:00:00+01:00');
      const onLastDay = await act(created.id, 'REJECT', REASON);
      expect(onLastDay.statusCode).toBe(409);
      expect(onLastDay.json().detail).toContain('fino al 16 marzo 2026 compreso');
      await moveClockTo('2026-03-17T09:00:00+01:00');
      expect((await act(created.id, 'REJECT', REASON)).statusCode).toBe(200);

      const audited = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'actorUserId', 'data'])
        .where('entityId', '=', created.id)
        .where('action', '=', 'cases.notice_receipt.record')
        .execute();
      expect(audited).toEqual([
        {
          action: 'cases.notice_receipt.record',
          actorUserId: manager.view.user.id,
          data: expect.objectContaining({
            after: expect.objectContaining({ dueOn: page.deadline.legalDueDate, patronDayInTerms: false }),
          }),
        },
      ]);
    });

    it('leaves no evidence file behind when the receipt cannot be recorded, and keeps the evidence of one that is', async () => {
      const created = await caseWithNotice(12);
      const storedFiles = async () => {
        const names = await readdir(path.join(dataDir, 'files'), { recursive: true }).catch(() => []);
        return names.filter((name) => /[0-9a-f]{64}$/.test(name) || name.startsWith(`tmp${path.sep}`)).sort();
      };
      const before = { files: await storedFiles(), page: await open(created.id) };
      // the receipt's row, written after the evidence's document and the event, is refused by the database
      await sql`create function refuse_receipt() returns trigger language plpgsql as $$
        begin raise exception 'ricevimento rifiutato'; end $$`.execute(database.db);
      await sql`create trigger refuse_receipt before insert on case_notice_receipt
        for each row execute function refuse_receipt()`.execute(database.db);
      // evidence of its own, so that a copy left in the store would show
      const card = {
        content: await makePdf('Ricevuta firmata allo sportello, pratica 12'),
        name: 'ricevuta.pdf',
      };
      try {
        const failed = await recordReceipt(created.id, { receivedOn: '2026-03-02', channel: 'DESK' }, card);
        expect(failed.statusCode).toBe(500);
      } finally {
        await sql`drop trigger refuse_receipt on case_notice_receipt`.execute(database.db);
        await sql`drop function refuse_receipt()`.execute(database.db);
      }
      expect(await storedFiles()).toEqual(before.files);
      expect(await open(created.id)).toEqual(before.page);

      const recorded = await recordReceipt(created.id, { receivedOn: '2026-03-02', channel: 'DESK' }, card);
      expect(recorded.statusCode, recorded.body).toBe(200);
      expect(await storedFiles()).toHaveLength(before.files.length + 1);
      const sweep = jobDefinitions(t.platform).find((job) => job.queue === 'system.orphan-files');
      t.clock.set(new Date(Date.now() + 25 * 60 * 60 * 1000));
      await sweep?.handle({});
      await moveClockTo(TEST_NOW);
      const evidence = await t.app.inject({
        url: recorded.json().rejectionNotice.receipt.evidence.url,
        headers: manager.headers,
      });
      expect(evidence.statusCode).toBe(200);
      expect(Buffer.from(evidence.rawPayload).equals(card.content)).toBe(true);
    });

    it('hides a case from another prefecture: case, worklist, document, outcome, receipt and actions', async () => {
      const created = await caseReadyForRejection(7);
      const upload = await multipartBody(
        { checklistCode: 'PASSPORT_COPY' },
        { content: PNG, name: 'passaporto.png', type: 'image/png' },
      );
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${created.id}/documents`,
        headers: { ...manager.headers, ...upload.headers },
        payload: upload.payload,
      });
      expect(uploaded.statusCode).toBe(201);
      await moveClockTo(AFTER_OBSERVATION_WINDOW);
      const [decree] = (await act(created.id, 'REJECT', REASON)).json().outcomes;
      const before = await open(created.id);

      const milan = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Milano' });
      const stranger = await makeUser(t.platform, [{ organisationId: milan.id, role: 'sui_manager' }]);
      const session = await signIn(t.app, stranger.email);
      const asStranger = (url: string, payload?: object) =>
        t.app.inject({ method: payload ? 'POST' : 'GET', url, headers: session.headers, payload });
      const hidden = [
        `/api/cases/${created.id}`,
        `/api/cases/${created.id}/receipt`,
        uploaded.headers.location as string,
        decree.pdfUrl,
      ];
      for (const url of hidden) {
        const answer = await asStranger(url);
        expect(answer.statusCode, url).toBe(404);
        expect(answer.json().type, url).toBe('urn:lovit:problem:not-found');
        expect(answer.body, url).not.toContain(created.number);
      }
      const search = `/api/cases?closed=all&q=${encodeURIComponent(created.number)}`;
      expect((await t.app.inject({ url: search, headers: manager.headers })).body).toContain(created.id);
      const worklist = await asStranger(search);
      expect(worklist.statusCode).toBe(200);
      expect(worklist.body).not.toContain(created.id);
      expect(worklist.body).not.toContain(created.number);
      const action = await asStranger(`/api/cases/${created.id}/actions`, {
        action: 'START_REVIEW',
        version: before.version,
      });
      expect(action.statusCode).toBe(404);

      expect(await open(created.id)).toEqual(before);
      const touched = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('actorUserId', '=', stranger.id)
        .where('entityId', 'in', [created.id, decree.id])
        .execute();
      expect(touched).toEqual([]);
    });

    it('issues by silence once the term has passed, citing art. 22 c.5.01 TUI on the nulla osta', async () => {
      // n = 0: a worker from India, not on the list of countries at particular risk
      const created = await submit(0);
      const { dueOn } = await open(created.id);
      await moveClockTo(`${Temporal.PlainDate.from(dueOn).add({ days: 1 })}T09:00:00+02:00`);
      // DL 145/2024 art. 3: no silence for anyone until the manager confirms the year's list
      expect((await act(created.id, 'ISSUE_BY_SILENCE')).statusCode).toBe(409);
      const list = await t.app.inject({
        method: 'PUT',
        url: '/api/risk-countries',
        headers: manager.headers,
        payload: { year: 2026, countries: ['BD', 'PK', 'LK'], legalBasis: 'DL 145/2024 art. 3' },
      });
      expect(list.statusCode).toBe(200);
      const issued = await act(created.id, 'ISSUE_BY_SILENCE');
      expect(issued.statusCode).toBe(200);
      const [clearance] = issued.json().outcomes;
      expect(clearance).toMatchObject({ code: 'CLEARANCE', number: `${created.number}/NO` });
      const pdf = await t.app.inject({ url: clearance.pdfUrl, headers: manager.headers });
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain(
        'Rilasciato per decorso del termine del procedimento in assenza di elementi ostativi',
      );
      expect(text).toContain('art. 22 c.5.01 D.Lgs. 286/1998');
      // art. 22 c.5 TUI: six calendar months from issue
      expect(clearance.validUntil).toBe(
        Temporal.PlainDate.from(clearance.issuedOn).add({ months: 6 }).toString(),
      );
      expect(text).toContain('valido fino al');
    });

    it('marks again, on the confirmation of a year’s risk list, only the cases of the manager’s office', async () => {
      // n = 4: a worker from Albania
      const created = await submit(4);
      const milan = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-MI-RISK' });
      const stranger = await makeUser(t.platform, [{ organisationId: milan.id, role: 'sui_manager' }]);
      const confirm = async (session: Session, countries: string[]) => {
        const res = await t.app.inject({
          method: 'PUT',
          url: '/api/risk-countries',
          headers: session.headers,
          payload: { year: 2026, countries, legalBasis: 'DL 145/2024 art. 3' },
        });
        expect(res.statusCode).toBe(200);
        const row = await database.db
          .selectFrom('caseFile')
          .select('highRiskCountry')
          .where('id', '=', created.id)
          .executeTakeFirstOrThrow();
        return row.highRiskCountry;
      };
      expect(await confirm(await signIn(t.app, stranger.email), ['AL', 'BD', 'PK', 'LK'])).toBe(false);
      expect(await confirm(manager, ['AL', 'BD', 'PK', 'LK'])).toBe(true);
      expect(await confirm(manager, ['BD', 'PK', 'LK'])).toBe(false);
    });

    it('says a nulla osta is expired once its validity is over', async () => {
      const created = await submit(2);
      const caseRow = await database.db
        .selectFrom('caseFile')
        .select('number')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      await database.db
        .insertInto('caseOutcome')
        .values({
          id: newId(),
          caseId: created.id,
          code: 'CLEARANCE',
          label: 'Nulla osta al lavoro',
          action: 'ISSUE',
          number: `${caseRow.number}/NO`,
          verificationCode: 'ABCD-EFGH-JKMN-PQRS',
          issuedOn: '2025-06-01',
          validUntil: '2025-11-28',
          reason: null,
          issuedBy: null,
          createdAt: new Date('2025-06-01T10:00:00Z'),
        })
        .execute();
      const verified = await t.app.inject({ url: '/api/verify/abcd-efgh-jkmn-pqrs' });
      expect(verified.json()).toMatchObject({ valid: true, state: 'scaduto', validUntil: '2025-11-28' });
    });

    it('leaves nothing half-saved when the outcome cannot be written: case, timeline and outcomes stay as they were', async () => {
      const created = await caseReadyForRejection(3);
      await moveClockTo(AFTER_OBSERVATION_WINDOW);
      // Someone else's document already holds the number this decree would take.
      await database.db
        .insertInto('caseOutcome')
        .values({
          id: newId(),
          caseId: created.id,
          code: 'REJECTION_DECREE',
          label: 'Decreto di rigetto',
          action: 'REJECT',
          number: `${created.number}/RD`,
          verificationCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZ1',
          issuedOn: '2026-03-13',
          validUntil: null,
          reason: 'inserito dal test',
          issuedBy: null,
          createdAt: new Date(),
        })
        .execute();
      const snapshot = async () => ({
        caseFile: await database.db
          .selectFrom('caseFile')
          .select(['state', 'closed', 'version', 'dueOn', 'updatedAt'])
          .where('id', '=', created.id)
          .executeTakeFirstOrThrow(),
        events: await database.db
          .selectFrom('caseEvent')
          .select(['id', 'kind'])
          .where('caseId', '=', created.id)
          .orderBy('at')
          .execute(),
        outcomes: await database.db
          .selectFrom('caseOutcome')
          .select('id')
          .where('caseId', '=', created.id)
          .execute(),
        changes: await database.db
          .selectFrom('auditEntry')
          .select('id')
          .where('kind', '=', 'change')
          .where('entityId', '=', created.id)
          .execute(),
      });
      const before = await snapshot();
      expect(before.caseFile.state).toBe('REJECTION_NOTICE_SENT');

      const res = await act(created.id, 'REJECT', REASON);
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      // the unique number of the outcome, written last in the action's transaction, is what failed
      expect(res.json()).toMatchObject({
        status: 409,
        type: 'urn:lovit:problem:conflict',
        detail: 'Esiste già un elemento con questi dati.',
      });
      expect(await snapshot()).toEqual(before);
    });
  });
}
