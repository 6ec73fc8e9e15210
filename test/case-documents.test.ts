import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobDefinitions } from '../src/boot.ts';
import { newId } from '../src/kernel/ids.ts';
import { fileStoreOf } from '../src/kernel/uploads.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, type TestDatabase } from './support/database.ts';
import { type FilePart, makePdf, makeZip, multipartBody, PNG, pdfText } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { openIntakeDesk } from './support/intake.ts';

type Checklist = { code: string; required: boolean; present: boolean }[];

const REQUIRED = [
  'PASSPORT_COPY',
  'RESIDENCE_CONTRACT_PROPOSAL',
  'HOUSING',
  'CPI_UNAVAILABILITY',
  'EMPLOYER_CERTIFICATION',
];

for (const backend of BACKENDS) {
  describe(`documents of a case on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let dataDir: string;

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
    const upload = async (
      id: string,
      file: FilePart | undefined,
      fields: Record<string, string> = {},
      app = t.app,
    ) => {
      const body = await multipartBody(fields, file);
      return app.inject({
        method: 'POST',
        url: `/api/cases/${id}/documents`,
        headers: { ...manager.headers, ...body.headers },
        payload: body.payload,
      });
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
    /** Every file in the store, and whatever an upload left aside. */
    const storedFiles = async () => {
      const names = await readdir(path.join(dataDir, 'files'), { recursive: true }).catch(() => []);
      return names.filter((name) => /[0-9a-f]{64}$/.test(name) || name.startsWith(`tmp${path.sep}`)).sort();
    };
    const post = (id: string, payload: Buffer | string, headers: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${id}/documents`,
        headers: { ...manager.headers, ...headers },
        payload,
      });
    const documentRows = (caseId: string) =>
      database.db.selectFrom('caseDocument').selectAll().where('caseId', '=', caseId).execute();

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-documents-'));
      ({ database, t, manager } = await openIntakeDesk(backend, 50, { config: { DATA_DIR: dataDir } }));
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('stores a PDF and a PNG by content, links them to the checklist and gives the same bytes back', async () => {
      const created = await submit(1);
      const before = await open(created.id);
      const pdf = await makePdf('Passaporto del lavoratore');
      const first = await upload(
        created.id,
        { content: pdf, name: 'passaporto.pdf', type: 'application/pdf' },
        { checklistCode: 'PASSPORT_COPY' },
      );
      expect(first.statusCode).toBe(201);
      const document = first.json();
      expect(document).toMatchObject({
        checklistCode: 'PASSPORT_COPY',
        version: 1,
        fileName: 'passaporto.pdf',
        size: pdf.length,
        mediaType: 'application/pdf',
        current: true,
      });
      expect(first.headers.location).toBe(`/api/cases/${created.id}/documents/${document.id}`);
      // A photo sent with a wrong declared type is still read as what it is; no checklist item is fine too
      const photo = await upload(created.id, { content: PNG, name: 'foto.jpg', type: 'image/jpeg' });
      expect(photo.statusCode).toBe(201);
      expect(photo.json()).toMatchObject({ checklistCode: null, version: 1, mediaType: 'image/png' });

      const after = await open(created.id);
      expect(after.version).toBe(before.version + 2);
      expect(after.documents.map((d: { id: string }) => d.id)).toEqual([document.id, photo.json().id]);
      const checklist = after.checklist as Checklist;
      expect(checklist.filter((item) => item.present).map((item) => item.code)).toEqual(['PASSPORT_COPY']);
      expect(after.timeline.filter((e: { kind: string }) => e.kind === 'DOCUMENT_ADDED')).toHaveLength(2);

      const download = await t.app.inject({
        url: first.headers.location as string,
        headers: manager.headers,
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="passaporto\.pdf"/);
      expect(Buffer.compare(download.rawPayload, pdf)).toBe(0);
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('action')
        .where('entityType', '=', 'case_document')
        .where('entityId', '=', document.id)
        .execute();
      expect(reads.map((r) => r.action).sort()).toEqual(['case_document.read', 'cases.document.add']);
    });

    it('keeps every version: a second upload of HOUSING supersedes the first', async () => {
      const created = await submit(2);
      const v1 = await upload(
        created.id,
        { content: await makePdf('Alloggio, prima versione'), name: 'alloggio.pdf' },
        { checklistCode: 'HOUSING' },
      );
      const v2 = await upload(
        created.id,
        { content: await makePdf('Alloggio, contratto registrato'), name: 'alloggio-2.pdf' },
        { checklistCode: 'HOUSING' },
      );
      expect([v1.statusCode, v2.statusCode]).toEqual([201, 201]);
      expect(v2.json()).toMatchObject({ version: 2, current: true });
      const page = await open(created.id);
      expect(
        page.documents.map((d: { version: number; current: boolean }) => [d.version, d.current]),
      ).toEqual([
        [1, false],
        [2, true],
      ]);
      expect((page.checklist as Checklist).find((item) => item.code === 'HOUSING')?.present).toBe(true);
      const rows = await documentRows(created.id);
      expect(rows.find((row) => row.version === 1)?.supersededBy).toBe(v2.json().id);
      // the old version stays downloadable
      const old = await t.app.inject({
        url: `/api/cases/${created.id}/documents/${v1.json().id}`,
        headers: manager.headers,
      });
      expect(old.statusCode).toBe(200);
    });

    it('refuses what is not a document, an unknown checklist item or a missing file, saving nothing', async () => {
      const created = await submit(3);
      const before = await open(created.id);
      const zip = makeZip('documento.pdf', await makePdf());
      const refusedZip = await upload(
        created.id,
        { content: zip, name: 'documento.pdf', type: 'application/pdf' },
        { checklistCode: 'PASSPORT_COPY' },
      );
      expect(refusedZip.statusCode).toBe(415);
      expect(refusedZip.headers['content-type']).toContain('application/problem+json');
      expect(refusedZip.json().errors[0].path).toBe('file');
      expect(refusedZip.json().detail).toContain('ZIP');

      const unknown = await upload(
        created.id,
        { content: await makePdf(), name: 'visura.pdf' },
        { checklistCode: 'CHAMBER_OF_COMMERCE' },
      );
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors[0].path).toBe('body.checklistCode');

      const missing = await upload(created.id, undefined, { checklistCode: 'HOUSING' });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().errors[0].path).toBe('file');

      const json = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${created.id}/documents`,
        headers: manager.headers,
        payload: { checklistCode: 'HOUSING' },
      });
      expect(json.statusCode).toBe(415);

      const noCsrf = await (async () => {
        const body = await multipartBody({}, { content: PNG, name: 'foto.png' });
        return t.app.inject({
          method: 'POST',
          url: `/api/cases/${created.id}/documents`,
          headers: { cookie: manager.cookie, ...body.headers },
          payload: body.payload,
        });
      })();
      expect(noCsrf.statusCode).toBe(403);

      expect(await documentRows(created.id)).toEqual([]);
      expect((await open(created.id)).version).toBe(before.version);
    });

    it('refuses a file over the configured limit with 413', async () => {
      const small = await startTestApp(database, { config: { DATA_DIR: dataDir, UPLOAD_MAX_MB: '1' } });
      try {
        const created = await submit(4);
        const pdf = await makePdf();
        const big = Buffer.concat([pdf, Buffer.alloc(1024 * 1024, 0x20)]);
        const res = await upload(created.id, { content: big, name: 'scansione.pdf' }, {}, small.app);
        expect(res.statusCode).toBe(413);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors[0].path).toBe('file');
        expect(await documentRows(created.id)).toEqual([]);
        // just under the limit passes
        const fits = Buffer.concat([pdf, Buffer.alloc(1024 * 1024 - pdf.length, 0x20)]);
        expect((await upload(created.id, { content: fits, name: 'ok.pdf' }, {}, small.app)).statusCode).toBe(
          201,
        );

        // over a real kept-alive connection, as a browser sends it: the 413 arrives and the next request
        // on the same agent is answered at once, not stuck behind the rest of the refused body
        const base = await small.app.listen({ port: 0, host: '127.0.0.1' });
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const send = (body: { payload: Buffer; headers: Record<string, string> } | null) =>
          new Promise<number>((resolve, reject) => {
            const request = http.request(
              `${base}/api/cases/${created.id}${body ? '/documents' : ''}`,
              { method: body ? 'POST' : 'GET', headers: { ...manager.headers, ...body?.headers }, agent },
              (response) => {
                response.resume();
                response.on('end', () => resolve(response.statusCode ?? 0));
              },
            );
            request.setTimeout(5000, () => request.destroy(new Error('no answer within 5 s')));
            request.on('error', reject);
            request.end(body?.payload);
          });
        try {
          const huge = Buffer.concat([pdf, Buffer.alloc(8 * 1024 * 1024, 0x20)]);
          expect(await send(await multipartBody({}, { content: huge, name: 'grande.pdf' }))).toBe(413);
          expect(await send(null)).toBe(200);
          expect(await send(await multipartBody({}, { content: PNG, name: 'dopo.png' }))).toBe(201);
        } finally {
          agent.destroy();
        }
      } finally {
        await stopTestApp(small);
      }
    });

    it('blocks the convocation until every required document is there, then issues a nulla osta that verifies', async () => {
      const created = await submit(5);
      expect((await act(created.id, 'START_REVIEW')).statusCode).toBe(200);
      const waiting = await act(created.id, 'REQUEST_OPINIONS');
      expect(waiting.statusCode).toBe(200);
      for (const opinion of waiting.json().opinions as { id: string }[]) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/cases/${created.id}/opinions/${opinion.id}`,
          headers: manager.headers,
          payload: { outcome: 'FAVOURABLE' },
        });
        expect(res.statusCode).toBe(200);
      }
      expect((await act(created.id, 'RESUME_REVIEW')).statusCode).toBe(200);

      const blocked = await act(created.id, 'CONVOKE');
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().blockedBy).toEqual([
        {
          guard: 'CHECKLIST_COMPLETE',
          // the missing documents by their Italian names, never their codes
          message: expect.stringContaining(
            'mancano Copia del passaporto del lavoratore, Proposta di contratto di soggiorno, Sistemazione alloggiativa del lavoratore, Verifica di indisponibilità presso il Centro per l’Impiego, Asseverazione (art. 24-bis TUI)',
          ),
        },
      ]);
      const convoke = (await open(created.id)).actions.find(
        (a: { action: string }) => a.action === 'CONVOKE',
      );
      expect(convoke.blockedBy[0].guard).toBe('CHECKLIST_COMPLETE');

      for (const code of REQUIRED) {
        const res = await upload(
          created.id,
          { content: await makePdf(code), name: `${code.toLowerCase()}.pdf` },
          { checklistCode: code },
        );
        expect(res.statusCode, code).toBe(201);
      }
      const ready = await open(created.id);
      expect((ready.checklist as Checklist).every((item) => item.present || !item.required)).toBe(true);
      expect((await act(created.id, 'CONVOKE')).statusCode).toBe(200);
      const issued = await act(created.id, 'ISSUE');
      expect(issued.statusCode).toBe(200);
      expect(issued.json().state).toBe('ISSUED');
      const [outcome] = issued.json().outcomes;
      expect(issued.json().outcomes).toHaveLength(1);
      expect(outcome).toMatchObject({
        code: 'CLEARANCE',
        label: 'Nulla osta al lavoro',
        number: `${created.number}/NO`,
        issuedOn: '2026-03-02',
        // six calendar months, not 180 days
        validUntil: '2026-09-02',
        pdfUrl: `/api/cases/${created.id}/outcomes/${outcome.id}/pdf`,
      });

      const pdf = await t.app.inject({ url: outcome.pdfUrl, headers: manager.headers });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toContain(`${created.number}-NO.pdf`);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const again = await t.app.inject({ url: outcome.pdfUrl, headers: manager.headers });
      expect(Buffer.compare(again.rawPayload, pdf.rawPayload)).toBe(0);
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain('Nulla osta al lavoro');
      expect(text).toContain('OKAFOR');
      expect(text).toContain('P000000005');
      expect(text).toContain('valido fino al 2 settembre 2026');
      expect(text).toContain('art. 22 D.Lgs. 286/1998');

      const { verificationCode } = await database.db
        .selectFrom('caseOutcome')
        .select('verificationCode')
        .where('id', '=', outcome.id)
        .executeTakeFirstOrThrow();
      expect(text).toContain(verificationCode);
      expect(text).toContain(`http://localhost:3000/verifica/${verificationCode}`);
      const verified = await t.app.inject({ url: `/api/verify/${verificationCode}` });
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toEqual({
        valid: true,
        document: 'Nulla osta al lavoro',
        number: `${created.number}/NO`,
        issuedOn: '2026-03-02',
        issuer: 'Ente PREF-LO',
        subject: 'Nulla osta al lavoro subordinato',
        state: 'valido',
        validUntil: '2026-09-02',
      });
      const json = JSON.stringify(verified.json());
      for (const personal of ['OKAFOR', 'Chinedu', 'P000000005', 'Azienda Agricola'])
        expect(json).not.toContain(personal);
      // a closed case takes no more documents
      const late = await upload(created.id, { content: PNG, name: 'tardivo.png' });
      expect(late.statusCode).toBe(409);
    });

    it('leaves nothing in the store when an upload is refused', async () => {
      const created = await submit(6);
      const before = await storedFiles();
      const fresh = async (text: string) => ({ content: await makePdf(text), name: 'rifiutato.pdf' });
      expect((await upload(newId(), await fresh('pratica inesistente'))).statusCode).toBe(404);
      const unknown = await upload(created.id, await fresh('voce sconosciuta'), { checklistCode: 'NESSUNA' });
      expect(unknown.statusCode).toBe(422);

      const form = new FormData();
      form.append('file', new Blob([Uint8Array.from(await makePdf('primo di due'))]), 'uno.pdf');
      form.append('file', new Blob([Uint8Array.from(await makePdf('secondo di due'))]), 'due.pdf');
      const twoFiles = new Response(form);
      const tooMany = await post(created.id, Buffer.from(await twoFiles.arrayBuffer()), {
        'content-type': twoFiles.headers.get('content-type') as string,
      });
      expect(tooMany.statusCode).toBe(413);
      expect(tooMany.json().errors[0].path).toBe('file');

      expect(await storedFiles()).toEqual(before);
      expect(await documentRows(created.id)).toEqual([]);
    });

    it('answers 400 to a form without boundary or cut short, naming the file field', async () => {
      const created = await submit(7);
      const before = await storedFiles();
      const noBoundary = await post(created.id, 'file=x', { 'content-type': 'multipart/form-data' });
      const body = await multipartBody({}, { content: await makePdf('troncato'), name: 'troncato.pdf' });
      const cut = await post(created.id, body.payload.subarray(0, body.payload.length - 100), body.headers);
      for (const res of [noBoundary, cut]) {
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors[0].path).toBe('file');
      }
      expect(await storedFiles()).toEqual(before);
    });

    it('serves a document only through its own case and to its own office', async () => {
      const owner = await submit(8);
      const other = await submit(9);
      const added = await upload(owner.id, { content: await makePdf('di un’altra pratica'), name: 'a.pdf' });
      const documentId = added.json().id;
      const through = (caseId: string, session = manager) =>
        t.app.inject({ url: `/api/cases/${caseId}/documents/${documentId}`, headers: session.headers });
      expect((await through(owner.id)).statusCode).toBe(200);
      expect((await through(other.id)).statusCode).toBe(404);
      const office = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-CR' });
      const stranger = await makeUser(t.platform, [{ organisationId: office.id, role: 'sui_manager' }]);
      const outsider = await through(owner.id, await signIn(t.app, stranger.email));
      expect(outsider.statusCode).toBe(404);
      expect(outsider.headers['content-type']).toContain('application/problem+json');
    });

    it('sweeps stored files no record refers to, once past the grace period', async () => {
      const created = await submit(10);
      const kept = await upload(created.id, { content: await makePdf('tenuto'), name: 'tenuto.pdf' });
      expect(kept.statusCode).toBe(201);
      const orphan = await fileStoreOf(t.platform.config).put(await makePdf('orfano'), 'orfano.pdf');
      const sweep = jobDefinitions(t.platform).find((job) => job.queue === 'system.orphan-files');
      const stored = async () => (await storedFiles()).filter((name) => name.endsWith(orphan.sha256));
      const was = t.clock.now();
      try {
        t.clock.set(new Date());
        await sweep?.handle({});
        expect(await stored()).toHaveLength(1);
        t.clock.set(new Date(Date.now() + 25 * 60 * 60 * 1000));
        await sweep?.handle({});
        expect(await stored()).toEqual([]);
      } finally {
        t.clock.set(was);
      }
      const download = await t.app.inject({ url: kept.headers.location as string, headers: manager.headers });
      expect(download.statusCode).toBe(200);
    });
  });
}
