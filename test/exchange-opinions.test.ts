import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOpinions } from '../src/modules/exchange/jobs.ts';
import { startTestApp, stopTestApp, TEST_NOW, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeZip, multipartBody, PNG } from './support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';
import { setQuota } from './support/intake.ts';
import { startSmtpServer, waitForMail } from './support/smtp.ts';

/** Opinions between the SUI and the bodies with one node for every body: the same rows at both ends. */
for (const backend of BACKENDS) {
  describe(`opinions between offices on one node (${backend})`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const emails = { manager: '', police: '', otherPolice: '', labour: '', otherSui: '' };
    const sessions: Record<keyof typeof emails, Session> = {} as never;
    let submitted = 0;

    const signInAll = async () => {
      for (const key of Object.keys(emails) as (keyof typeof emails)[])
        sessions[key] = await signIn(t.app, emails[key]);
    };
    const moveClockTo = async (day: string) => {
      t.clock.set(`${day}T09:00:00+01:00`);
      await signInAll();
    };
    const call = (who: keyof typeof emails, method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: sessions[who].headers, ...(payload ? { payload } : {}) });
    const openCase = async (id: string) => (await call('manager', 'GET', `/api/cases/${id}`)).json();
    const act = async (id: string, action: string) => {
      const { version } = await openCase(id);
      return call('manager', 'POST', `/api/cases/${id}/actions`, { action, version });
    };
    /** A work-permit case under review with its opinions requested; `n` picks the worker's country. */
    const caseWithOpinions = async (n: number) => {
      submitted += 1;
      const res = await call('manager', 'POST', '/api/cases', workPermitApplication(submitted * 8 + n));
      expect(res.statusCode).toBe(201);
      const { id, number } = res.json();
      expect((await act(id, 'START_REVIEW')).statusCode).toBe(200);
      const requested = await act(id, 'REQUEST_OPINIONS');
      expect(requested.statusCode).toBe(200);
      const opinions = requested.json().opinions as { id: string; body: string }[];
      const police = opinions.find((o) => o.body === 'POLICE_HQ')?.id as string;
      const labour = opinions.find((o) => o.body === 'LABOUR_INSPECTORATE')?.id as string;
      return { id, number, police, labour };
    };

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true, config: { SMTP_URL: smtp.url } });
      const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
      const otherPrefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-MI' });
      const questura = await makeOrganisation(t.platform, { type: 'POLICE_HQ', code: 'QUESTURA-LO' });
      const itl = await makeOrganisation(t.platform, { type: 'LABOUR_INSPECTORATE', code: 'ITL-LO' });
      emails.manager = (
        await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }])
      ).email;
      emails.otherSui = (
        await makeUser(t.platform, [{ organisationId: otherPrefecture.id, role: 'sui_manager' }])
      ).email;
      emails.police = (
        await makeUser(t.platform, [{ organisationId: questura.id, role: 'questura_officer' }])
      ).email;
      emails.otherPolice = (
        await makeUser(t.platform, [{ organisationId: questura.id, role: 'questura_officer' }])
      ).email;
      emails.labour = (
        await makeUser(t.platform, [{ organisationId: itl.id, role: 'inspectorate_officer' }])
      ).email;
      await signInAll();
      await setQuota(t.app, sessions.manager, 100);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('sends each body only its own request, with only the data it needs', async () => {
      const created = await caseWithOpinions(0);
      const policeInbox = (await call('police', 'GET', '/api/opinions')).json();
      expect(policeInbox.items.map((o: { id: string }) => o.id)).toContain(created.police);
      expect(policeInbox.items.map((o: { id: string }) => o.id)).not.toContain(created.labour);
      expect((await call('labour', 'GET', `/api/opinions/${created.police}`)).statusCode).toBe(404);
      expect((await call('otherSui', 'GET', `/api/opinions/${created.police}`)).statusCode).toBe(404);

      const police = (await call('police', 'GET', `/api/opinions/${created.police}`)).json();
      expect(police).toMatchObject({
        caseNumber: created.number,
        state: 'PENDING',
        clock: { status: 'ON_TIME', dueOn: '2026-03-22', daysLeft: 20 },
        can: { answer: true, ask: true, correct: false, reply: false },
      });
      const [worker] = police.subject.persons;
      expect(worker).toMatchObject({ role: 'WORKER', passportNumber: expect.stringMatching(/^P\d+/) });
      expect(JSON.stringify(police.subject)).not.toMatch(/@lovit\.example|\+880|Mirpur/);

      const labour = (await call('labour', 'GET', `/api/opinions/${created.labour}`)).json();
      expect(labour.subject.persons[0]).not.toHaveProperty('passportNumber');
      expect(labour.subject.persons[0]).not.toHaveProperty('birthDate');
      expect(labour.subject.employers[0]).toMatchObject({ vatNumber: expect.any(String) });

      const reads = await database.db
        .selectFrom('auditEntry')
        .select(['action', 'actorLabel'])
        .where('entityId', '=', created.police)
        .where('kind', '=', 'access')
        .execute();
      expect(reads).toContainEqual({ action: 'opinion_request.read', actorLabel: emails.police });
    });

    it('pauses the clock while the SUI answers a question, and moves the deadline by the days it waited', async () => {
      const created = await caseWithOpinions(0);
      const asked = await call('police', 'POST', `/api/opinions/${created.police}/questions`, {
        question: 'Il lavoratore ha usato altri nomi? Inviare copia integrale del passaporto.',
      });
      expect(asked.statusCode).toBe(200);
      expect(asked.json()).toMatchObject({ state: 'QUESTION', can: { answer: false, ask: false } });
      const early = await call('police', 'POST', `/api/opinions/${created.police}/answers`, {
        outcome: 'FAVOURABLE',
      });
      expect(early.statusCode).toBe(409);

      await moveClockTo('2026-03-07');
      const onCase = (await openCase(created.id)).opinions.find(
        (o: { id: string }) => o.id === created.police,
      );
      expect(onCase).toMatchObject({ state: 'QUESTION', clock: { status: 'PAUSED', dueOn: '2026-03-27' } });
      const [question] = onCase.openQuestions;
      expect(
        (
          await call('police', 'POST', `/api/opinions/${created.police}/questions/${question.id}/reply`, {
            reply: 'x',
          })
        ).statusCode,
      ).toBe(403);
      const replied = await call(
        'manager',
        'POST',
        `/api/opinions/${created.police}/questions/${question.id}/reply`,
        {
          reply: 'Nessun alias risulta; copia integrale del passaporto allegata al fascicolo.',
        },
      );
      expect(replied.statusCode).toBe(200);
      expect(replied.json()).toMatchObject({
        state: 'PENDING',
        clock: { status: 'ON_TIME', dueOn: '2026-03-27' },
      });
      const again = await call(
        'manager',
        'POST',
        `/api/opinions/${created.police}/questions/${question.id}/reply`,
        { reply: 'di nuovo' },
      );
      expect(again.statusCode).toBe(409);

      const timeline = (await openCase(created.id)).timeline.map((e: { kind: string }) => e.kind);
      expect(timeline).toEqual(expect.arrayContaining(['OPINION_QUESTION', 'OPINION_QUESTION_ANSWERED']));
      await moveClockTo(TEST_NOW.slice(0, 10));
    });

    it('answers are final: a second answer is refused, a correction is a new answer linked to the first', async () => {
      const created = await caseWithOpinions(0);
      const unexplained = await call('police', 'POST', `/api/opinions/${created.police}/answers`, {
        outcome: 'UNFAVOURABLE',
      });
      expect(unexplained.statusCode).toBe(400);
      expect(unexplained.json().errors).toEqual([
        { path: 'body.reasons', message: 'un parere contrario va motivato' },
      ]);
      const first = await call('police', 'POST', `/api/opinions/${created.police}/answers`, {
        outcome: 'FAVOURABLE',
      });
      expect(first.statusCode).toBe(200);
      expect(
        (await call('police', 'POST', `/api/opinions/${created.police}/answers`, { outcome: 'FAVOURABLE' }))
          .statusCode,
      ).toBe(409);
      const corrected = await call('police', 'POST', `/api/opinions/${created.police}/answers`, {
        outcome: 'UNFAVOURABLE',
        reasons: 'Segnalazione SIS emersa dopo la prima risposta.',
        corrects: first.json().answers[0].id,
      });
      expect(corrected.statusCode).toBe(200);
      expect(corrected.json().answers).toMatchObject([
        { outcome: 'FAVOURABLE', correctsId: null },
        { outcome: 'UNFAVOURABLE', correctsId: first.json().answers[0].id },
      ]);
      const onCase = await openCase(created.id);
      expect(onCase.opinions.find((o: { id: string }) => o.id === created.police)).toMatchObject({
        outcome: 'UNFAVOURABLE',
        state: 'ANSWERED',
      });
      expect(onCase.timeline.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['OPINION_RECEIVED', 'OPINION_CORRECTED']),
      );
    });

    it('attaches files to an answer: checked by content, served to both ends, every download on record', async () => {
      const created = await caseWithOpinions(0);
      const upload = async (
        who: 'police' | 'manager',
        content: Uint8Array,
        name: string,
        opinionId = created.police,
      ) => {
        const form = await multipartBody({}, { content, name });
        return t.app.inject({
          method: 'POST',
          url: `/api/opinions/${opinionId}/attachments`,
          headers: { ...sessions[who].headers, ...form.headers },
          payload: form.payload,
        });
      };
      const disguised = await upload('police', makeZip('esito.txt', Buffer.from('testo')), 'esito.pdf');
      expect(disguised.statusCode).toBe(415);
      expect((await upload('manager', PNG, 'foto.png')).statusCode).toBe(403);
      const scan = await upload('police', PNG, 'segnalazione.png');
      expect(scan.statusCode).toBe(201);
      expect(scan.json()).toEqual({
        token: expect.any(String),
        filename: 'segnalazione.png',
        mediaType: 'image/png',
        size: PNG.length,
      });

      const answer = (opinionId: string, attachments: object[], who: 'police' | 'otherPolice' = 'police') =>
        call(who, 'POST', `/api/opinions/${opinionId}/answers`, { outcome: 'FAVOURABLE', attachments });
      const refusedField = async (res: Awaited<ReturnType<typeof answer>>) => {
        expect(res.headers['content-type']).toContain('application/problem+json');
        return [res.statusCode, res.json().errors[0].path];
      };
      // a hash names no file: not even the hash of a file really stored
      const byHash = await answer(created.police, [
        { sha256: createHash('sha256').update(PNG).digest('hex') },
      ]);
      expect(await refusedField(byHash)).toEqual([400, 'body.attachments.0.token']);
      // a token is the uploader's own, for the opinion it was uploaded for
      const other = await caseWithOpinions(0);
      const elsewhere = await answer(other.police, [{ token: scan.json().token }]);
      expect(await refusedField(elsewhere)).toEqual([422, 'body.attachments.0.token']);
      const colleague = await answer(created.police, [{ token: scan.json().token }], 'otherPolice');
      expect(await refusedField(colleague)).toEqual([422, 'body.attachments.0.token']);
      const answered = await answer(created.police, [{ token: scan.json().token }]);
      expect(answered.statusCode).toBe(200);
      const attached = answered.json().answers[0].attachments;
      expect(attached).toEqual([
        {
          sha256: createHash('sha256').update(PNG).digest('hex'),
          filename: 'segnalazione.png',
          mediaType: 'image/png',
          size: PNG.length,
        },
      ]);
      // used once: the correction must upload its own file
      const again = await call('police', 'POST', `/api/opinions/${created.police}/answers`, {
        outcome: 'UNFAVOURABLE',
        reasons: 'rettifica',
        corrects: answered.json().answers[0].id,
        attachments: [{ token: scan.json().token }],
      });
      expect(await refusedField(again)).toEqual([422, 'body.attachments.0.token']);
      // and only for a while
      const late = await upload('police', PNG, 'tardiva.png', other.police);
      const uploadedAt = t.clock.now();
      t.clock.set(new Date(uploadedAt.getTime() + 3 * 60 * 60 * 1000));
      await signInAll();
      const expired = await answer(other.police, [{ token: late.json().token }]);
      expect(await refusedField(expired)).toEqual([422, 'body.attachments.0.token']);
      t.clock.set(uploadedAt);
      await signInAll();

      const url = `/api/opinions/${created.police}/attachments/${attached[0].sha256}`;
      const download = await call('manager', 'GET', url);
      expect(download.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
      expect((await call('labour', 'GET', url)).statusCode).toBe(404);
      // the same file through an opinion whose answers do not carry it
      const throughOther = `/api/opinions/${other.police}/attachments/${attached[0].sha256}`;
      expect((await call('manager', 'GET', throughOther)).statusCode).toBe(404);
      const reads = await database.db
        .selectFrom('auditEntry')
        .select('actorLabel')
        .where('action', '=', 'opinion_attachment.read')
        .where('entityId', '=', created.police)
        .execute();
      expect(reads).toEqual([{ actorLabel: emails.manager }]);
    });

    it('answers many favourable opinions at once only with the confirmed count, and all or none', async () => {
      const cases = [await caseWithOpinions(0), await caseWithOpinions(0), await caseWithOpinions(0)];
      const ids = cases.map((c) => c.police);
      const wrong = await call('police', 'POST', '/api/opinions/favourable', { ids, confirm: 2 });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().errors[0].path).toBe('body.confirm');
      // one of them was answered meanwhile: nothing is recorded
      await call('police', 'POST', `/api/opinions/${ids[2]}/answers`, { outcome: 'FAVOURABLE' });
      const blocked = await call('police', 'POST', '/api/opinions/favourable', { ids, confirm: 3 });
      expect(blocked.statusCode).toBe(409);
      const states = await database.db
        .selectFrom('opinionRequest')
        .select('state')
        .where('id', 'in', ids.slice(0, 2))
        .execute();
      expect(states.map((s) => s.state)).toEqual(['PENDING', 'PENDING']);

      const done = await call('police', 'POST', '/api/opinions/favourable', {
        ids: ids.slice(0, 2),
        confirm: 2,
      });
      expect(done.json()).toEqual({ answered: 2 });
      const byLabour = await call('labour', 'POST', '/api/opinions/favourable', {
        ids: [cases[0]?.police],
        confirm: 1,
      });
      expect(byLabour.statusCode).toBe(404);
      expect(
        (await call('manager', 'POST', '/api/opinions/favourable', { ids, confirm: 3 })).statusCode,
      ).toBe(403);
    });

    it('keeps the review from going on to the decision while an opinion is pending', async () => {
      const created = await caseWithOpinions(0);
      await call('police', 'POST', `/api/opinions/${created.police}/answers`, { outcome: 'FAVOURABLE' });
      const actions = (await openCase(created.id)).actions as {
        action: string;
        blockedBy: { guard: string }[];
      }[];
      expect(actions.find((a) => a.action === 'RESUME_REVIEW')?.blockedBy.map((b) => b.guard)).toContain(
        'OPINIONS_COMPLETE',
      );
      await call('labour', 'POST', `/api/opinions/${created.labour}/answers`, { outcome: 'FAVOURABLE' });
      const after = (await openCase(created.id)).actions as {
        action: string;
        blockedBy: { guard: string }[];
      }[];
      expect(after.find((a) => a.action === 'RESUME_REVIEW')?.blockedBy.map((b) => b.guard)).not.toContain(
        'OPINIONS_COMPLETE',
      );
    });

    it('records silence as consent where the type allows it, reminds before and escalates after otherwise', async () => {
      const ordinary = await caseWithOpinions(0);
      // country 5 is Egypt; the case is flagged high-risk below, as the yearly list would do
      const risky = await caseWithOpinions(5);
      await database.db
        .updateTable('opinionRequest')
        .set({
          subject: JSON.stringify({
            ...(
              await database.db
                .selectFrom('opinionRequest')
                .select('subject')
                .where('id', '=', risky.police)
                .executeTakeFirstOrThrow()
            ).subject,
            highRiskCountry: true,
          }),
        })
        .where('id', '=', risky.police)
        .execute();

      await moveClockTo('2026-03-20');
      const reminded = await sweepOpinions(t.platform);
      expect(reminded.reminded).toBeGreaterThanOrEqual(4);
      await waitForMail(smtp.inbox, emails.police);

      await moveClockTo('2026-03-23');
      const lapsed = await sweepOpinions(t.platform);
      expect(lapsed.silentConsents).toBeGreaterThanOrEqual(1);
      const police = (await call('police', 'GET', `/api/opinions/${ordinary.police}`)).json();
      expect(police).toMatchObject({
        state: 'SILENT_CONSENT',
        outcome: 'SILENT_CONSENT',
        silenceRule: expect.stringContaining('art. 22 c.5.01'),
      });
      const onCase = await openCase(ordinary.id);
      expect(onCase.opinions.find((o: { id: string }) => o.id === ordinary.police)).toMatchObject({
        outcome: 'SILENT_CONSENT',
        notes: expect.stringContaining('art. 22 c.5.01'),
      });
      const event = onCase.timeline.find((e: { kind: string }) => e.kind === 'OPINION_SILENT_CONSENT');
      expect(event).toMatchObject({ onDay: '2026-03-23' });

      // the labour inspectorate's silence is not consent, nor the Questura's for a high-risk country
      const riskyPolice = (await call('police', 'GET', `/api/opinions/${risky.police}`)).json();
      expect(riskyPolice).toMatchObject({ state: 'PENDING', clock: { status: 'OVERDUE' } });
      expect(lapsed.escalated).toBeGreaterThanOrEqual(3);
      const escalation = await waitForMail(smtp.inbox, emails.manager);
      expect(escalation.subject).toContain('Parere scaduto');
      // escalated once, not at every sweep
      expect((await sweepOpinions(t.platform)).escalated).toBe(0);

      // a late finding is still recorded on the lapsed opinion
      const late = await call('police', 'POST', `/api/opinions/${ordinary.police}/answers`, {
        outcome: 'UNFAVOURABLE',
        reasons: 'Elementi ostativi emersi dopo il termine: valutare la revoca.',
      });
      expect(late.statusCode).toBe(200);
      expect(late.json()).toMatchObject({ state: 'ANSWERED', outcome: 'UNFAVOURABLE' });
      await moveClockTo(Temporal.PlainDate.from(TEST_NOW.slice(0, 10)).toString());
    });
  });
}
