import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { setUpCouncilTable, signInCouncilMember } from './support/council.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { type FilePart, makePdf, makeZip, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, type Session } from './support/identity.ts';
import { startSmtpServer } from './support/smtp.ts';

for (const backend of BACKENDS) {
  describe(`documents of a council meeting on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let dataDir: string;
    let secretariat: Session;
    let member: Session;
    let outsider: Session;
    let meetingId: string;
    let itemIds: string[];

    const upload = async (session: Session, itemId: string, file: FilePart) => {
      const body = await multipartBody({}, file);
      return t.app.inject({
        method: 'POST',
        url: `/api/council/meetings/${meetingId}/agenda/${itemId}/documents`,
        headers: { ...session.headers, ...body.headers },
        payload: body.payload,
      });
    };
    const get = (session: Session, url: string) => t.app.inject({ url, headers: session.headers });

    beforeAll(async () => {
      smtp = await startSmtpServer();
      dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-council-documents-'));
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url, DATA_DIR: dataDir } });
      const council = await setUpCouncilTable(t, { name: 'Tavolo lavoro', theme: 'WORK' }, [
        {
          organisation: 'Comune di Lodi',
          type: 'MUNICIPALITY',
          representativeName: 'Anna Bianchi',
          representativeEmail: 'anna@enti.example',
        },
      ]);
      const { post, tableId } = council;
      secretariat = council.secretariat;
      member = (await signInCouncilMember(t, council.organisationIds[0] ?? '')).session;
      const codogno = await makeOrganisation(t.platform, { name: 'Comune di Codogno', type: 'MUNICIPALITY' });
      outsider = (await signInCouncilMember(t, codogno.id)).session;
      const meeting = await post(`/api/council/tables/${tableId}/meetings`, {
        title: 'Seduta di marzo',
        startsAt: '2026-03-20T10:00:00+01:00',
        place: 'Prefettura di Lodi',
        agenda: [
          { title: 'Dati sull’occupazione', durationMinutes: 30 },
          { title: 'Tirocini', durationMinutes: 20 },
        ],
      });
      expect(meeting.statusCode).toBe(201);
      meetingId = meeting.json().id;
      itemIds = meeting.json().agenda.map((item: { id: string }) => item.id);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('attaches documents to the points and shows them on the meeting page', async () => {
      const pdf = await makePdf('Rapporto occupazione 2025');
      const first = await upload(secretariat, itemIds[0] ?? '', { content: pdf, name: 'rapporto.pdf' });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ fileName: 'rapporto.pdf', mediaType: 'application/pdf' });
      const second = await upload(secretariat, itemIds[1] ?? '', { content: PNG, name: 'grafico.png' });
      expect(second.statusCode).toBe(201);

      const page = (await get(member, `/api/council/meetings/${meetingId}`)).json();
      const names = page.agenda.map((item: { documents: { fileName: string }[] }) =>
        item.documents.map((document) => document.fileName),
      );
      expect(names).toEqual([['rapporto.pdf'], ['grafico.png']]);

      const download = await get(member, `/api/council/meetings/${meetingId}/documents/${first.json().id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain('rapporto.pdf');
      expect(download.rawPayload.equals(pdf)).toBe(true);
      const reads = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'entityId'])
        .where('action', 'in', ['council_document.read', 'council.document.attach'])
        .execute();
      expect(reads).toEqual(
        expect.arrayContaining([
          { action: 'council.document.attach', entityId: first.json().id },
          { action: 'council_document.read', entityId: first.json().id },
        ]),
      );
    });

    it('refuses a file of another type with 415, and keeps nothing of it', async () => {
      const zip = makeZip('nota.txt', Buffer.from('testo'));
      const refused = await upload(secretariat, itemIds[0] ?? '', { content: zip, name: 'nota.pdf' });
      expect(refused.statusCode).toBe(415);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'file' })]);
      const rows = await database.db.selectFrom('councilDocument').select('id').execute();
      expect(rows).toHaveLength(2);
    });

    it('lets only the secretariat upload, and hides the documents outside the meeting’s participants', async () => {
      const [document] = await database.db.selectFrom('councilDocument').select('id').execute();
      expect((await upload(member, itemIds[0] ?? '', { content: PNG, name: 'x.png' })).statusCode).toBe(403);
      const url = `/api/council/meetings/${meetingId}/documents/${document?.id}`;
      const hidden = await get(outsider, url);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.headers['content-type']).toContain('application/problem+json');
      expect((await get(outsider, `/api/council/meetings/${meetingId}`)).statusCode).toBe(404);
      const elsewhere = await upload(secretariat, meetingId, { content: PNG, name: 'x.png' });
      expect(elsewhere.statusCode).toBe(404);
      expect((await get(secretariat, url)).statusCode).toBe(200);
    });
  });
}
