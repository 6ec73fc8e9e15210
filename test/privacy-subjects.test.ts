import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../src/kernel/auth.ts';
import { computeCheckCharacter } from '../src/modules/cases/intake/fiscal-codes.ts';
import { register } from '../src/modules/outreach/events/seats.ts';
import { stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, type TestDatabase } from './support/database.ts';
import { makePdf, multipartBody } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { openIntakeDesk } from './support/intake.ts';

/** The text of a PDF as poppler reads it: proof that the file parses, not only that our own reader copes. */
async function pdfToText(pdf: Uint8Array): Promise<string> {
  const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' });
  const output = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: string) => {
      text += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`pdftotext exited ${code}`))));
  });
  child.stdin?.end(Buffer.from(pdf));
  return (await output).replace(/\s+/g, ' ');
}

const fiscalCode = (body: string) => `${body}${computeCheckCharacter(body)}`;
const WORKER_CODE = fiscalCode('SNGGPR90A01Z222');
const WORKER_EMAIL = 'gurpreet.singh@lovit.example';

for (const backend of BACKENDS) {
  describe(`access requests and the register of processing on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let operator: Session;
    let dataDir: string;
    let caseNumber: string;
    let passport: Buffer;
    let cyrillic: Buffer;

    const search = (payload: object, headers: Record<string, string> = manager.headers) =>
      t.app.inject({ method: 'POST', url: '/api/privacy/subjects/search', headers, payload });
    const exportZip = (payload: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/privacy/subjects/export',
        headers: manager.headers,
        payload,
      });

    /** The worker signs up for an event of the Prefettura with the same e-mail address. */
    async function registerForAnEvent() {
      const office = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      const user = await makeUser(t.platform, [{ organisationId: office.id, role: 'communications' }]);
      const comms = await signIn(t.app, user.email);
      const call = (method: 'POST' | 'PUT', url: string, payload: object) =>
        t.app.inject({ method, url, headers: comms.headers, payload });
      const event = await call('POST', '/api/outreach/events', {
        kind: 'PERFORMANCE',
        title: 'Voci di confine',
        summary: 'Un’installazione teatrale sulle storie di chi arriva a Lodi.',
        description: 'Ingresso libero con iscrizione.',
        offerHours: 48,
      });
      expect(event.statusCode).toBe(201);
      const eventId = event.json().id as string;
      const session = await call('POST', `/api/outreach/events/${eventId}/sessions`, {
        label: 'Prima replica',
        day: '2026-04-18',
        startTime: '20:30',
        endTime: '22:00',
        venue: 'Teatro alle Vigne',
        address: 'Via Cavour 66, Lodi',
        accessibility: 'Ingresso senza gradini.',
        capacity: 30,
      });
      expect(session.statusCode).toBe(201);
      expect(
        (await call('PUT', `/api/outreach/events/${eventId}/published`, { published: true })).statusCode,
      ).toBe(200);
      const outcome = await register(t.platform, SYSTEM_CALLER, {
        sessionId: session.json().sessions[0].id,
        name: 'Gurpreet Singh',
        email: WORKER_EMAIL,
        organisation: null,
        organisationType: null,
        language: 'it',
        accessibilityNeeds: null,
        interpretationLanguage: null,
      });
      expect(outcome).toMatchObject({ kind: 'registered', status: 'CONFIRMED' });
    }

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'lovit-privacy-'));
      ({ database, t, manager } = await openIntakeDesk(backend, 50, { config: { DATA_DIR: dataDir } }));
      const office = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
      const clerk = await makeUser(t.platform, [{ organisationId: office.id, role: 'sui_operator' }]);
      operator = await signIn(t.app, clerk.email);

      const application = workPermitApplication(1);
      const submitted = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: manager.headers,
        payload: {
          ...application,
          parties: application.parties.map((party) =>
            'person' in party && party.person
              ? { ...party, person: { ...party.person, fiscalCode: WORKER_CODE, email: WORKER_EMAIL } }
              : party,
          ),
        },
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const created = submitted.json() as { id: string; number: string };
      caseNumber = created.number;
      passport = await makePdf('Passaporto di Gurpreet Singh');
      const body = await multipartBody(
        { checklistCode: 'PASSPORT_COPY' },
        { content: passport, name: 'passaporto.pdf', type: 'application/pdf' },
      );
      const uploaded = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${created.id}/documents`,
        headers: { ...manager.headers, ...body.headers },
        payload: body.payload,
      });
      expect(uploaded.statusCode).toBe(201);
      // A document named in Cyrillic: the summary's font writes it in Latin letters, the archive must too.
      cyrillic = await makePdf('Passaporto di Olena');
      const named = await multipartBody(
        { checklistCode: 'PASSPORT_COPY' },
        { content: cyrillic, name: 'Паспорт Олена.pdf', type: 'application/pdf' },
      );
      const second = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${created.id}/documents`,
        headers: { ...manager.headers, ...named.headers },
        payload: named.payload,
      });
      expect(second.statusCode, second.body).toBe(201);
      // A read of the case by the office: the access request must tell the person about it.
      expect(
        (await t.app.inject({ url: `/api/cases/${created.id}`, headers: manager.headers })).statusCode,
      ).toBe(200);
      await registerForAnEvent();
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('asks for exactly one way of naming the person, and names the field at fault in Italian', async () => {
      const none = await search({});
      expect(none.statusCode).toBe(422);
      expect(none.headers['content-type']).toContain('application/problem+json');
      expect(none.json().errors).toEqual([
        { path: 'body.criterion', message: 'Indicare come cercare la persona' },
      ]);

      const two = await search({ fiscalCode: WORKER_CODE, email: WORKER_EMAIL });
      expect(two.statusCode).toBe(422);
      expect(two.json().errors.map((e: { path: string }) => e.path)).toEqual([
        'body.fiscalCode',
        'body.email',
      ]);
      expect(two.json().detail).toContain('un solo criterio');

      const badCode = await search({ fiscalCode: 'RSSMRA85X10A562S' });
      expect(badCode.statusCode).toBe(422);
      expect(badCode.json().errors).toEqual([
        { path: 'body.fiscalCode', message: expect.stringContaining('Codice fiscale non valido') },
      ]);

      const person = await search({ surname: 'Singh', birthDate: '1990-02-30' });
      expect(person.statusCode).toBe(422);
      expect(person.json().errors).toEqual([
        { path: 'body.givenName', message: 'Campo obbligatorio' },
        { path: 'body.birthDate', message: 'Indicare la data di nascita (giorno, mese e anno)' },
      ]);

      const email = await search({ email: 'gurpreet.singh@' });
      expect(email.json().errors).toEqual([{ path: 'body.email', message: 'Indirizzo e-mail non valido' }]);
      const passportNumber = await search({ passportNumber: 'P1' });
      expect(passportNumber.json().errors).toEqual([
        { path: 'body.passportNumber', message: expect.stringContaining('da 5 a 20') },
      ]);
    });

    it('is for the SUI manager only: 403 for an operator, 401 without a session', async () => {
      expect((await search({ fiscalCode: WORKER_CODE }, operator.headers)).statusCode).toBe(403);
      expect((await search({ fiscalCode: WORKER_CODE }, {})).statusCode).toBe(401);
      const anonymousExport = await t.app.inject({
        method: 'POST',
        url: '/api/privacy/subjects/export',
        payload: { fiscalCode: WORKER_CODE },
      });
      expect(anonymousExport.statusCode).toBe(401);
      expect(
        (await t.app.inject({ url: '/api/privacy/register', headers: operator.headers })).statusCode,
      ).toBe(403);
    });

    it('says clearly when nothing is kept about the person', async () => {
      const answer = await search({ fiscalCode: fiscalCode('NSSNSS80A01F205') });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({ total: 0, sections: [], criterionLabel: 'codice fiscale' });
      expect(answer.json().message).toContain('Nessun dato trovato');
    });

    it('finds the person’s records across the modules, with the reads recorded about them', async () => {
      const answer = await search({ fiscalCode: WORKER_CODE.toLowerCase() });
      expect(answer.statusCode).toBe(200);
      const result = answer.json() as {
        total: number;
        message: string | null;
        sections: { title: string; count: number; records: string[] }[];
      };
      expect(result.message).toBeNull();
      expect(result.total).toBeGreaterThan(0);
      const lines = result.sections.flatMap((section) => section.records);
      expect(lines.some((line) => line.includes(caseNumber))).toBe(true);
      for (const section of result.sections) expect(section.count).toBe(section.records.length);
      const reads = result.sections.find((section) => section.title === 'Accessi registrati ai dati');
      // The office that read, never the employee who did (CJEU C-579/21).
      expect(reads?.records.some((line) => line.includes(manager.view.organisation.name))).toBe(true);
      expect(reads?.records.some((line) => line.includes('consultazione'))).toBe(true);
      for (const staff of [manager.view.user.email, manager.view.user.familyName])
        expect(JSON.stringify(reads)).not.toContain(staff);
      // Words for people: no ISO instants in what the clerk reads.
      expect(JSON.stringify(result.sections)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

      // The next request shows this search among the reads.
      const again = (await search({ fiscalCode: WORKER_CODE })).json() as typeof result;
      const readsAgain = again.sections.find((section) => section.title === 'Accessi registrati ai dati');
      expect(readsAgain?.records.some((line) => line.includes('ricerca per una richiesta di accesso'))).toBe(
        true,
      );
    });

    it('finds by e-mail address the registrations kept under it', async () => {
      const answer = await search({ email: WORKER_EMAIL });
      expect(answer.statusCode).toBe(200);
      const sections = answer.json().sections as { title: string; records: string[] }[];
      const registrations = sections.find((section) => section.title === 'Iscrizioni agli eventi');
      expect(registrations?.records).toEqual([expect.stringContaining('Voci di confine')]);
    });

    it('exports a ZIP with the summary, the data and the case’s documents, byte for byte', async () => {
      const answer = await exportZip({ fiscalCode: WORKER_CODE });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('application/zip');
      expect(answer.headers['content-disposition']).toBe(
        'attachment; filename="accesso-dati-02-03-2026.zip"',
      );
      const members = unzipSync(answer.rawPayload);
      const summary = await pdfToText(members['riepilogo.pdf'] as Uint8Array);
      expect(summary).toContain('Riepilogo dei dati personali');
      expect(summary).toContain('2 marzo 2026');
      expect(summary).toContain('codice fiscale');
      expect(summary).toContain(caseNumber);
      expect(summary).toContain('Accessi registrati ai dati');
      expect(summary).toContain(manager.view.organisation.name);

      const json = Buffer.from(members['dati.json'] as Uint8Array).toString('utf8');
      const data = JSON.parse(json);
      expect(data.criterion).toEqual({ kind: 'fiscalCode', label: 'codice fiscale' });
      expect(data.extractedBy).toEqual({ office: manager.view.organisation.name });
      expect(data.reads).toContainEqual(
        expect.objectContaining({ office: manager.view.organisation.name, action: 'consultazione' }),
      );
      expect(JSON.stringify(data.sections)).toContain(caseNumber);
      // No staff member is named to the person, neither who extracted nor who read.
      for (const staff of [manager.view.user.email, operator.view.user.email]) {
        expect(summary).not.toContain(staff);
        expect(json).not.toContain(staff);
      }
      expect(summary).not.toContain(manager.view.user.familyName);
      expect(json).not.toContain(manager.view.user.familyName);

      const documents = Object.entries(members).filter(([name]) => name.startsWith('documenti/'));
      expect(documents.length).toBe(2);
      expect(documents.some(([, bytes]) => Buffer.compare(Buffer.from(bytes), passport) === 0)).toBe(true);
      const paths = (data.sections as { records: { files: { path: string }[] }[] }[]).flatMap((section) =>
        section.records.flatMap((record) => record.files.map((file) => file.path)),
      );
      // The same ASCII string in the archive, the summary and dati.json, for the Cyrillic name too.
      const [cyrillicPath] = documents.find(
        ([, bytes]) => Buffer.compare(Buffer.from(bytes), cyrillic) === 0,
      ) as [string, Uint8Array];
      expect(cyrillicPath).toBe(`documenti/${caseNumber}-v2-Pasport Olena.pdf`);
      for (const [name] of documents) {
        expect(name).toMatch(/^[\x20-\x7e]+$/);
        expect(paths).toContain(name);
        expect(summary).toContain(name);
      }
    });

    it('records searches and exports with what was found in figures, never the person’s code or address', async () => {
      await search({ email: WORKER_EMAIL });
      const byName = await search({ surname: 'singh', givenName: 'GURPREET', birthDate: '1981-02-11' });
      expect(byName.json().sections[0].records).toEqual([expect.stringContaining('SINGH Gurpreet')]);
      const entries = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'entityType', 'entityId', 'data', 'actorLabel'])
        .where('action', 'in', ['privacy.subject.search', 'privacy.subject.export'])
        .execute();
      const requests = entries.filter((entry) => entry.entityType === 'privacy.subject');
      expect(requests.map((entry) => entry.action)).toEqual(
        expect.arrayContaining(['privacy.subject.search', 'privacy.subject.export']),
      );
      const exported = requests.find((entry) => entry.action === 'privacy.subject.export');
      expect(exported?.data).toMatchObject({
        criterion: 'fiscalCode',
        records: expect.any(Number),
        files: 2,
      });
      expect(
        requests.find((entry) => (entry.data as { criterion: string }).criterion === 'email'),
      ).toBeDefined();
      // The records found are each on the trail, so the person's next request shows who searched them.
      expect(entries.some((entry) => entry.entityType !== 'privacy.subject' && entry.entityId)).toBe(true);
      const stored = JSON.stringify(entries);
      for (const secret of [
        WORKER_CODE,
        WORKER_CODE.toLowerCase(),
        WORKER_EMAIL,
        'ingh',
        'GURPREET',
        '1981-02-11',
      ])
        expect(stored).not.toContain(secret);
    });

    it('lists the processing activities with the retention as the schedule sets it', async () => {
      const before = await t.app.inject({ url: '/api/privacy/register', headers: manager.headers });
      expect(before.statusCode).toBe(200);
      const register = before.json();
      expect(register.controller).toMatchObject({
        name: 'Prefettura – Ufficio Territoriale del Governo di Lodi',
        dataProtectionOfficer: expect.stringContaining('@'),
      });
      expect(register.generatedOn).toBe('2 marzo 2026');
      type Retention = { key: string; months: number; legalBasis: string; isScheduled: boolean };
      const retentions = (register.activities as { retention: Retention[] }[]).flatMap((a) => a.retention);
      const first = retentions[0] as Retention;
      expect(first).toBeDefined();

      await database.db
        .insertInto('retentionSchedule')
        .values({ category: first.key, months: 37, legalBasis: 'Delibera di prova', updatedAt: new Date() })
        .onConflict((oc) =>
          oc.column('category').doUpdateSet({ months: 37, legalBasis: 'Delibera di prova' }),
        )
        .execute();
      const after = await t.app.inject({ url: '/api/privacy/register', headers: manager.headers });
      const changed = (after.json().activities as { retention: (Retention & { description: string })[] }[])
        .flatMap((a) => a.retention)
        .find((r) => r.key === first.key);
      expect(changed).toMatchObject({ months: 37, legalBasis: 'Delibera di prova', isScheduled: true });
      expect(changed?.description).toContain('37 mesi');
    });

    it('prints the register as a PDF dated the day it is generated', async () => {
      const answer = await t.app.inject({ url: '/api/privacy/register.pdf', headers: manager.headers });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('application/pdf');
      expect(answer.headers['content-disposition']).toBe(
        'attachment; filename="registro-trattamenti-02-03-2026.pdf"',
      );
      const text = await pdfToText(answer.rawPayload);
      expect(text).toContain('Registro delle attività di trattamento');
      expect(text).toContain('generato il 2 marzo 2026');
      expect(text).toContain('Prefettura – Ufficio Territoriale del Governo di Lodi');
      expect(text).toContain('Delibera di prova');
    });
  });
}
