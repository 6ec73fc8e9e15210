import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindActions } from '../src/modules/council/actions/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { startSmtpServer, waitForMail } from './support/smtp.ts';

const MEETING_AT = '2026-03-16T10:00:00+01:00';

/** The text of a PDF as `pdftotext` (poppler) reads it, in layout order. */
async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lovit-report-'));
  const file = path.join(dir, 'report.pdf');
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
  await rm(dir, { recursive: true });
  return stdout;
}

for (const backend of BACKENDS) {
  describe(`the territorial council on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let secretariat: Session;
    let lodi: Session;
    let caritas: Session;
    let outsider: Session;
    let prefectureId: string;
    let lodiId: string;
    let caritasId: string;
    let tableId: string;
    let meetingId: string;

    const send = (session: Session, method: 'POST' | 'PUT', url: string, payload: object = {}) =>
      t.app.inject({ method, url, headers: session.headers, payload });
    const post = (session: Session, url: string, payload: object = {}) => send(session, 'POST', url, payload);
    const get = (session: Session, url: string) => t.app.inject({ url, headers: session.headers });
    const emails: Record<'secretariat' | 'lodi' | 'caritas' | 'outsider', string> = {
      secretariat: '',
      lodi: '',
      caritas: '',
      outsider: '',
    };
    /** Moves the clock, and signs everyone in again: sessions do not outlive days of waiting. */
    const moveTo = async (instant: string) => {
      t.clock.set(instant);
      secretariat = await signIn(t.app, emails.secretariat);
      lodi = await signIn(t.app, emails.lodi);
      caritas = await signIn(t.app, emails.caritas);
      outsider = await signIn(t.app, emails.outsider);
    };
    const auditActions = async () =>
      (await database.db.selectFrom('auditEntry').select('action').execute()).map((row) => row.action);

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const organisation = (name: string, type: 'PREFECTURE' | 'MUNICIPALITY' | 'THIRD_SECTOR') =>
        makeOrganisation(t.platform, { name, type });
      const user = async (
        organisationId: string,
        role: 'council_secretariat' | 'council_member',
        key: keyof typeof emails,
      ) => {
        emails[key] = (await makeUser(t.platform, [{ organisationId, role }])).email;
        return signIn(t.app, emails[key]);
      };
      prefectureId = (await organisation('Prefettura di Lodi', 'PREFECTURE')).id;
      lodiId = (await organisation('Comune di Lodi', 'MUNICIPALITY')).id;
      caritasId = (await organisation('Caritas Lodigiana', 'THIRD_SECTOR')).id;
      const otherId = (await organisation('Comune di Codogno', 'MUNICIPALITY')).id;
      secretariat = await user(prefectureId, 'council_secretariat', 'secretariat');
      lodi = await user(lodiId, 'council_member', 'lodi');
      caritas = await user(caritasId, 'council_member', 'caritas');
      outsider = await user(otherId, 'council_member', 'outsider');
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('sets up a thematic table with its members, and keeps the history of representatives', async () => {
      const refused = await post(secretariat, '/api/council/tables', { kind: 'THEMATIC', theme: 'HOUSING' });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain('body.name');
      expect((await post(lodi, '/api/council/tables', {})).statusCode).toBe(403);

      const created = await post(secretariat, '/api/council/tables', {
        kind: 'THEMATIC',
        name: 'Tavolo casa e abitare',
        theme: 'HOUSING',
        mandate: 'Analizzare il fabbisogno abitativo dei cittadini stranieri e proporre interventi.',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        coordinatorOrganisationId: lodiId,
      });
      expect(created.statusCode).toBe(201);
      tableId = created.json().id;
      const appoint = (organisationId: string, name: string, fromOn: string, deputy?: string) =>
        post(secretariat, `/api/council/tables/${tableId}/members`, {
          organisationId,
          representativeName: name,
          representativeEmail: `${name.split(' ')[0]?.toLowerCase()}@enti.example`,
          ...(deputy
            ? { deputyName: deputy, deputyEmail: `${deputy.split(' ')[0]?.toLowerCase()}@enti.example` }
            : {}),
          fromOn,
        });
      expect((await appoint(lodiId, 'Anna Bianchi', '2026-01-01')).statusCode).toBe(200);
      expect((await appoint(caritasId, 'Marco Verdi', '2026-01-01', 'Luisa Neri')).statusCode).toBe(200);
      const replaced = await appoint(lodiId, 'Paola Gialli', '2026-02-01');
      expect(replaced.statusCode).toBe(200);
      const members = replaced.json().members as { representativeName: string; toOn: string | null }[];
      expect(members.map((m) => [m.representativeName, m.toOn])).toEqual([
        ['Marco Verdi', null],
        ['Paola Gialli', null],
        ['Anna Bianchi', '2026-01-31'],
      ]);
      expect(replaced.json().memberCount).toBe(2);
      expect((await appoint(lodiId, 'Ugo Blu', '2026-01-15')).statusCode).toBe(409);
    });

    it('shows a member the tables of its organisation only, and nothing of the others', async () => {
      expect((await get(lodi, '/api/council/tables')).json().map((x: { id: string }) => x.id)).toEqual([
        tableId,
      ]);
      expect((await get(outsider, '/api/council/tables')).json()).toEqual([]);
      expect((await get(outsider, `/api/council/tables/${tableId}`)).statusCode).toBe(404);
    });

    it('convenes a meeting with its agenda and invites every member by e-mail with a calendar entry', async () => {
      const noPlace = await post(secretariat, `/api/council/tables/${tableId}/meetings`, {
        title: 'Prima seduta',
        startsAt: MEETING_AT,
        agenda: [{ title: 'Dati sul disagio abitativo', durationMinutes: 30 }],
      });
      expect(noPlace.statusCode).toBe(400);
      expect(noPlace.json().errors).toEqual([expect.objectContaining({ path: 'body.place' })]);
      const past = await post(secretariat, `/api/council/tables/${tableId}/meetings`, {
        title: 'Prima seduta',
        startsAt: '2026-01-10T10:00:00+01:00',
        place: 'Prefettura di Lodi, sala riunioni',
        agenda: [{ title: 'Dati sul disagio abitativo', durationMinutes: 30 }],
      });
      expect(past.statusCode).toBe(422);
      expect(past.json().errors).toEqual([expect.objectContaining({ path: 'body.startsAt' })]);

      const convened = await post(secretariat, `/api/council/tables/${tableId}/meetings`, {
        title: 'Prima seduta',
        startsAt: MEETING_AT,
        place: 'Prefettura di Lodi, sala riunioni',
        onlineUrl: 'https://meet.example/cti-casa',
        agenda: [
          { title: 'Dati sul disagio abitativo', presenter: 'Paola Gialli', durationMinutes: 30 },
          { title: 'Proposte di intervento', durationMinutes: 45 },
        ],
      });
      expect(convened.statusCode).toBe(201);
      meetingId = convened.json().id;
      expect(convened.json().attendance.map((a: { organisationName: string }) => a.organisationName)).toEqual(
        ['Caritas Lodigiana', 'Comune di Lodi'],
      );
      const mail = await waitForMail(smtp.inbox, 'paola@enti.example');
      expect(mail.subject).toContain('Convocazione – Tavolo casa e abitare');
      expect(mail.text).toContain('1. Dati sul disagio abitativo (relatore: Paola Gialli), 30 minuti');
      const [ics] = mail.attachments;
      expect(ics?.contentType).toBe('text/calendar');
      expect(ics?.content).toContain('DTSTART:20260316T090000Z');
      expect(ics?.content).toContain('DTEND:20260316T101500Z');
      expect(ics?.content).toContain('SUMMARY:Tavolo casa e abitare – Prima seduta');
      await waitForMail(smtp.inbox, 'luisa@enti.example');
      await expect
        .poll(async () =>
          (await get(secretariat, `/api/council/meetings/${meetingId}`))
            .json()
            .attendance.map((a: { convocation: { status: string } | null }) => a.convocation?.status),
        )
        .toEqual(['SENT', 'SENT']);
      const queued = await database.db
        .selectFrom('mailOutbox')
        .select('recipient')
        .where('entityId', '=', meetingId)
        .execute();
      expect(queued.map((row) => row.recipient)).not.toContain('anna@enti.example');
    });

    it('takes the members’ answers, then the register on the day', async () => {
      const unnamed = await post(caritas, `/api/council/meetings/${meetingId}/answer`, {
        answer: 'DELEGATE',
      });
      expect(unnamed.statusCode).toBe(400);
      expect(unnamed.json().errors[0].path).toBe('body.delegateName');
      expect(
        (
          await post(caritas, `/api/council/meetings/${meetingId}/answer`, {
            answer: 'DELEGATE',
            delegateName: 'Sara Rosa',
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (await post(lodi, `/api/council/meetings/${meetingId}/answer`, { answer: 'PRESENT' })).statusCode,
      ).toBe(200);
      expect(
        (await post(outsider, `/api/council/meetings/${meetingId}/answer`, { answer: 'PRESENT' })).statusCode,
      ).toBe(404);
      const register = {
        entries: [
          { organisationId: lodiId, attended: true, attendeeName: 'Paola Gialli' },
          { organisationId: caritasId, attended: true, attendeeName: 'Sara Rosa' },
        ],
      };
      expect((await post(lodi, `/api/council/meetings/${meetingId}/register`, register)).statusCode).toBe(
        403,
      );
      expect(
        (await post(secretariat, `/api/council/meetings/${meetingId}/register`, register)).statusCode,
      ).toBe(409);
      await moveTo('2026-03-16T09:30:00+01:00');
      const stranger = await post(secretariat, `/api/council/meetings/${meetingId}/register`, {
        entries: [{ organisationId: prefectureId, attended: true, attendeeName: 'X Y' }],
      });
      expect(stranger.statusCode).toBe(422);
      expect(stranger.json().errors[0].path).toBe('body.entries.0.organisationId');
      const held = await post(secretariat, `/api/council/meetings/${meetingId}/register`, register);
      expect(held.statusCode).toBe(200);
      expect(held.json().status).toBe('HELD');
      expect(
        held.json().attendance.map((a: { answer: string; attended: boolean }) => [a.answer, a.attended]),
      ).toEqual([
        ['DELEGATE', true],
        ['PRESENT', true],
      ]);
    });

    it('keeps every version of the minutes and shows participants only what has been circulated', async () => {
      const url = `/api/council/meetings/${meetingId}`;
      expect((await post(secretariat, `${url}/minutes/approve`)).statusCode).toBe(409);
      const draft = await post(secretariat, `${url}/minutes`, {
        text: 'Presenti Paola Gialli e Sara Rosa. Bozza.',
      });
      expect(draft.json().minutesStatus).toBe('DRAFT');
      expect((await get(lodi, url)).json().minutes).toEqual([]);
      expect((await post(lodi, `${url}/minutes/comments`, { text: 'Osservazione' })).statusCode).toBe(409);

      const circulated = await post(secretariat, `${url}/minutes/circulate`);
      expect(circulated.json().minutesStatus).toBe('CIRCULATED');
      const isNotice = (mail: (typeof smtp.inbox)[number]) =>
        mail.subject.startsWith('Verbale') && mail.to.includes('marco@enti.example');
      await expect.poll(() => smtp.inbox.some(isNotice)).toBe(true);
      expect(smtp.inbox.find(isNotice)?.text).toContain('versione 1');
      expect((await get(lodi, url)).json().minutes.map((v: { version: number }) => v.version)).toEqual([1]);
      const commented = await post(lodi, `${url}/minutes/comments`, { text: 'Manca il dato sugli sfratti.' });
      expect(commented.statusCode).toBe(200);
      expect(commented.json().comments).toEqual([
        expect.objectContaining({
          version: 1,
          organisationName: 'Comune di Lodi',
          text: 'Manca il dato sugli sfratti.',
        }),
      ]);
      expect((await post(outsider, `${url}/minutes/comments`, { text: 'Intrusione' })).statusCode).toBe(404);

      const revised = await post(secretariat, `${url}/minutes`, {
        text: 'Presenti Paola Gialli e Sara Rosa.\nSfratti: 40.',
      });
      expect(revised.json().minutesStatus).toBe('REVISED');
      expect(revised.json().minutes).toHaveLength(2);
      expect((await get(lodi, url)).json().minutes).toHaveLength(1);
      const agendaItemId = revised.json().agenda[0].id;
      const decided = await post(secretariat, `${url}/decisions`, {
        agendaItemId,
        text: 'Il tavolo avvia un censimento degli alloggi sfitti.',
      });
      expect(decided.json().decisions).toEqual([expect.objectContaining({ agendaItemId })]);
      const elsewhere = await post(secretariat, `${url}/decisions`, { agendaItemId: meetingId, text: 'x' });
      expect(elsewhere.statusCode).toBe(422);
      expect(elsewhere.json().errors[0].path).toBe('body.agendaItemId');
      const approved = await post(secretariat, `${url}/minutes/approve`);
      expect(approved.json().minutesStatus).toBe('APPROVED');
      expect((await get(caritas, url)).json().minutes.map((v: { text: string }) => v.text)).toEqual([
        'Presenti Paola Gialli e Sara Rosa. Bozza.',
        'Presenti Paola Gialli e Sara Rosa.\nSfratti: 40.',
      ]);
      expect((await post(secretariat, `${url}/minutes`, { text: 'Dopo' })).statusCode).toBe(409);
      expect(await auditActions()).toEqual(
        expect.arrayContaining([
          'council.minutes.save',
          'council.minutes.circulate',
          'council.minutes.approve',
        ]),
      );
    });

    it('follows an action item from its decision to done, with a reminder and the overdue list', async () => {
      const meeting = (await get(secretariat, `/api/council/meetings/${meetingId}`)).json();
      const agendaItemId = meeting.agenda[0].id;
      const decisionId = meeting.decisions[0].id;
      // Decisions are taken before the minutes are approved: approved minutes refuse new ones.
      const closed = await post(secretariat, `/api/council/meetings/${meetingId}/decisions`, {
        agendaItemId,
        text: 'x',
      });
      expect(closed.statusCode).toBe(409);
      const action = await post(secretariat, `/api/council/meetings/${meetingId}/actions`, {
        title: 'Censimento degli alloggi sfitti comunali',
        agendaItemId,
        decisionId,
        ownerOrganisationId: lodiId,
        ownerName: 'Paola Gialli',
        ownerEmail: 'paola@enti.example',
        dueOn: '2026-04-10',
      });
      expect(action.statusCode).toBe(201);
      const actionId = action.json().id;
      const late = await post(secretariat, `/api/council/meetings/${meetingId}/actions`, {
        title: 'Mappatura degli sportelli casa',
        ownerOrganisationId: caritasId,
        ownerName: 'Marco Verdi',
        ownerEmail: 'marco@enti.example',
        dueOn: '2026-03-20',
      });
      expect(late.statusCode).toBe(201);

      expect((await post(caritas, `/api/council/actions/${actionId}`, { status: 'DONE' })).statusCode).toBe(
        404,
      );
      const progressing = await post(lodi, `/api/council/actions/${actionId}`, {
        status: 'IN_PROGRESS',
        note: 'Raccolti i dati di 3 quartieri su 5.',
      });
      expect(progressing.statusCode).toBe(200);
      expect(progressing.json().notes).toEqual([
        expect.objectContaining({ text: 'Raccolti i dati di 3 quartieri su 5.' }),
      ]);

      await moveTo('2026-04-08T07:00:00+02:00');
      const before = smtp.inbox.length;
      expect(await remindActions(t.platform)).toBe(1);
      const isReminder = (mail: (typeof smtp.inbox)[number]) =>
        mail.to.includes('paola@enti.example') && mail.subject.startsWith('Promemoria');
      await expect.poll(() => smtp.inbox.slice(before).some(isReminder)).toBe(true);
      const reminder = smtp.inbox.slice(before).find(isReminder) as (typeof smtp.inbox)[number];
      expect(reminder.subject).toContain('Promemoria: azione in scadenza il 10 aprile 2026');
      expect(await remindActions(t.platform)).toBe(0);

      const overdue = await get(secretariat, '/api/council/actions?overdue=true');
      expect(
        overdue.json().items.map((a: { title: string; isOverdue: boolean }) => [a.title, a.isOverdue]),
      ).toEqual([['Mappatura degli sportelli casa', true]]);
      expect(overdue.json()).toMatchObject({ total: 1, page: 1, pageSize: 25 });
      const second = (await get(secretariat, '/api/council/actions?page=2&pageSize=1')).json();
      expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(second.items.map((a: { title: string }) => a.title)).toEqual([
        'Censimento degli alloggi sfitti comunali',
      ]);
      expect((await get(outsider, '/api/council/actions')).json()).toEqual({
        items: [],
        total: 0,
        page: 1,
        pageSize: 25,
      });

      const next = await post(secretariat, `/api/council/tables/${tableId}/meetings`, {
        title: 'Seconda seduta',
        startsAt: '2026-04-20T10:00:00+02:00',
        onlineUrl: 'https://meet.example/cti-casa',
        agenda: [{ title: 'Esiti del censimento', durationMinutes: 20 }],
      });
      expect(
        next.json().agenda.map((i: { title: string; actionItemId: string | null }) => i.actionItemId),
      ).toEqual([null, late.json().id, actionId]);
      const done = await post(lodi, `/api/council/actions/${actionId}`, {
        status: 'DONE',
        note: 'Censimento concluso.',
      });
      expect(done.json()).toMatchObject({ status: 'DONE', doneOn: '2026-04-08', isOverdue: false });
    });

    it('plans an initiative and records its progress', async () => {
      const invalid = await post(secretariat, '/api/council/initiatives', {
        tableId,
        title: 'Agenzia per la casa',
        objective: 'Mediazione tra proprietari e inquilini stranieri',
        needs: 'Discriminazione nell’accesso all’affitto',
        actions: 'Sportello, fondo di garanzia',
        partners: ['Comune di Lodi'],
        startsOn: '2026-05-01',
        endsOn: '2026-04-01',
        status: 'PLANNED',
        progress: 0,
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().errors[0].path).toBe('body.endsOn');
      const planned = await post(secretariat, '/api/council/initiatives', {
        tableId,
        title: 'Agenzia per la casa',
        objective: 'Mediazione tra proprietari e inquilini stranieri',
        needs: 'Discriminazione nell’accesso all’affitto',
        actions: 'Sportello, fondo di garanzia',
        partners: ['Comune di Lodi', 'Caritas Lodigiana'],
        budgetCents: 1_500_000,
        startsOn: '2026-05-01',
        endsOn: '2026-12-31',
        status: 'PLANNED',
        progress: 0,
      });
      expect(planned.statusCode).toBe(201);
      const id = planned.json().id;
      const completedEarly = await post(secretariat, `/api/council/initiatives/${id}/progress`, {
        status: 'COMPLETED',
        progress: 90,
      });
      expect(completedEarly.statusCode).toBe(422);
      const active = await post(secretariat, `/api/council/initiatives/${id}/progress`, {
        status: 'ACTIVE',
        progress: 40,
        results: '12 contratti mediati',
      });
      expect(active.json()).toMatchObject({ status: 'ACTIVE', progress: 40, budgetCents: 1_500_000 });
      expect(
        (await get(caritas, '/api/council/initiatives')).json().map((i: { progress: number }) => i.progress),
      ).toEqual([40]);
      expect((await get(outsider, '/api/council/initiatives')).json()).toEqual([]);
    });

    it('publishes no minutes, only a summary whose every warning of personal data is resolved', async () => {
      const publicPage = async () => (await t.app.inject({ url: '/consiglio-territoriale' })).body;
      expect(await publicPage()).not.toContain('Sfratti: 40');
      const url = `/api/council/meetings/${meetingId}/public-summary`;
      expect((await get(lodi, url)).statusCode).toBe(403);
      const preview = (await get(secretariat, url)).json();
      expect(preview).toMatchObject({
        minutes: 'Presenti Paola Gialli e Sara Rosa.\nSfratti: 40.',
        text: 'Presenti Paola Gialli e Sara Rosa.\nSfratti: 40.',
        isSaved: false,
        canPublish: false,
      });
      expect(preview.warnings.map((w: { excerpt: string }) => w.excerpt)).toEqual([
        'Paola Gialli',
        'Sara Rosa',
      ]);
      expect((await post(secretariat, `${url}/publish`)).statusCode).toBe(409);

      const personal = await send(secretariat, 'PUT', url, {
        text:
          'Il tavolo ha esaminato 40 sfratti.\n\nRiferisce la dott.ssa GIALLI (tel. +39 0371 123456), per ' +
          'il sig. mario rossi, nato il 3 aprile 1990, c.f. RSS MRA 90D03 F205X, paola.gialli@cömune.lodi.it. ' +
          'Prossima riunione alla Casa Rosa.',
      });
      expect(personal.statusCode).toBe(200);
      expect(
        personal.json().warnings.map((w: { kind: string; excerpt: string }) => [w.kind, w.excerpt]),
      ).toEqual([
        ['NAME', 'GIALLI'],
        ['PHONE', '+39 0371 123456'],
        ['NAME', 'mario rossi'],
        ['BIRTH_DATE', '3 aprile 1990'],
        ['FISCAL_CODE', 'RSS MRA 90D03 F205X'],
        ['EMAIL', 'paola.gialli@cömune.lodi.it'],
        ['NAME', 'Rosa'],
      ]);
      const refused = await post(secretariat, `${url}/publish`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().detail).toContain('«+39 0371 123456» (numero di telefono)');
      expect(await publicPage()).not.toContain('sfratti');

      const edited = await send(secretariat, 'PUT', url, {
        text: 'Il tavolo ha esaminato 40 sfratti.\n\nProssima riunione alla Casa Rosa.',
      });
      const [rosa] = edited.json().warnings;
      expect(rosa).toMatchObject({ kind: 'NAME', excerpt: 'Rosa', clearedReason: null });
      expect(edited.json().canPublish).toBe(false);
      const noReason = await post(secretariat, `${url}/clearances`, { key: rosa.key, reason: ' ' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0].path).toBe('body.reason');
      const elsewhere = await post(secretariat, `${url}/clearances`, { key: 'NAME:gialli', reason: 'x' });
      expect(elsewhere.statusCode).toBe(422);
      expect(elsewhere.json().errors[0].path).toBe('body.key');
      const reason = 'Casa Rosa è il centro civico dove si riunisce il tavolo';
      const cleared = await post(secretariat, `${url}/clearances`, { key: rosa.key, reason });
      expect(cleared.json()).toMatchObject({ canPublish: true, warnings: [{ clearedReason: reason }] });

      const published = await post(secretariat, `${url}/publish`);
      expect(published.statusCode).toBe(200);
      expect(published.json()).toMatchObject({ canPublish: false, publishedAt: expect.any(String) });
      const html = await publicPage();
      expect(html).toContain('Tavolo casa e abitare');
      expect(html).toContain('Enti componenti: Caritas Lodigiana e Comune di Lodi.');
      expect(html).toContain('Il tavolo ha esaminato 40 sfratti.');
      expect(html).toContain('Agenzia per la casa');
      expect(html).toContain('<progress max="100" value="40">');
      for (const personal of [
        'Sfratti: 40',
        'Paola Gialli',
        'Sara Rosa',
        'Marco Verdi',
        'Anna Bianchi',
        '@enti.example',
        'Seconda seduta',
        'Il tavolo avvia un censimento',
      ])
        expect(html).not.toContain(personal);
      const trail = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'data'])
        .where('action', 'like', 'council.summary.%')
        .orderBy('seq')
        .execute();
      expect(trail.map((entry) => entry.action)).toEqual([
        'council.summary.save',
        'council.summary.save',
        'council.summary.clear',
        'council.summary.publish',
      ]);
      expect(trail[2]?.data).toMatchObject({ after: { excerpt: 'Rosa', reason } });
    });

    it('reports the year in a PDF generated from the data', async () => {
      expect((await get(lodi, '/api/council/report/2026')).statusCode).toBe(403);
      const report = await get(secretariat, '/api/council/report/2026');
      expect(report.statusCode).toBe(200);
      expect(report.headers['content-type']).toBe('application/pdf');
      const text = await pdfText(report.rawPayload);
      expect(text).toContain('Relazione annuale 2026');
      expect(text).toMatch(/Sedute tenute\s+1\b/);
      expect(text).toMatch(/Decisioni\s+1\b/);
      expect(text).toMatch(/Azioni completate\s+1, di cui nei tempi 1/);
      expect(text).toMatch(/Caritas Lodigiana\s+100% \(presente a 1 su 1\)/);
      expect(text).toContain('Il tavolo avvia un censimento degli alloggi sfitti.');
      expect(text).toMatch(/Mappatura degli sportelli casa – scadenza 20 marzo 2026, scaduta/);
      expect(text).toMatch(/Agenzia per la casa\s+In corso, avanzamento 40%/);
      expect((await get(secretariat, '/api/council/report/1999')).statusCode).toBe(400);
    });

    it('writes nothing when a convocation is refused', async () => {
      const empty = await post(secretariat, '/api/council/tables', {
        kind: 'THEMATIC',
        name: 'Tavolo salute',
        theme: 'HEALTH',
        mandate: 'Accesso ai servizi sanitari.',
        startsOn: '2026-01-01',
        coordinatorOrganisationId: prefectureId,
      });
      const refused = await post(secretariat, `/api/council/tables/${empty.json().id}/meetings`, {
        title: 'Seduta senza componenti',
        startsAt: '2026-05-20T10:00:00+02:00',
        place: 'Prefettura',
        agenda: [{ title: 'Avvio', durationMinutes: 10 }],
      });
      expect(refused.statusCode).toBe(409);
      const meetings = await database.db
        .selectFrom('councilMeeting')
        .select('id')
        .where('tableId', '=', empty.json().id)
        .execute();
      expect(meetings).toEqual([]);
    });
  });
}
