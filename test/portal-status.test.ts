import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, translator } from '../src/modules/portal/languages.ts';
import { longDate } from '../src/modules/portal/layout.tsx';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { form, mainText, openPortalOffice, type PortalOffice } from './support/portal.ts';

type Case = Awaited<ReturnType<PortalOffice['newCase']>>;
/** What the page must say: the row of the wording table, and the clock's reading with its date. */
type Expected = { state: string; clock: string; date?: string; missing: boolean };

// The cases are submitted on TEST_NOW, Monday 2 March 2026. art. 22 c.5 TUI: 60 days from then is 1 May,
// a public holiday, so the office has until Saturday 2 May (art. 2963 c.c.)
const DUE = '2026-05-02';
const STOPPED_WORDS = [
  'status.clock.AWAITING_DOCUMENTS',
  'status.clock.STOPPED',
  'status.clock.AWAITING_OBSERVATIONS',
];

for (const backend of BACKENDS) {
  describe(`the public status page of a case, state by state, on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let office: PortalOffice;
    let address = 0;

    const statusPage = (lang: string, kase: Case) =>
      t.app.inject({
        method: 'POST',
        url: `/portale/${lang}/stato`,
        // one address per look-up: the route's rate limit is not what these tests are about
        remoteAddress: `198.18.${Math.floor(address / 250)}.${(address++ % 250) + 1}`,
        ...form({ number: kase.number, passport: kase.passport, birthDate: kase.birthDate }),
      });

    async function act(kase: Case, action: string, extra: Record<string, string> = {}) {
      const current = await t.app.inject({ url: `/api/cases/${kase.id}`, headers: office.manager.headers });
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/cases/${kase.id}/actions`,
        headers: office.manager.headers,
        payload: { action, version: current.json().version, reason: 'Motivazione dell’ufficio', ...extra },
      });
      expect(response.statusCode, `${action}: ${response.body}`).toBe(200);
    }

    /** Reads the page in every portal language and checks it says the table's row and nothing that contradicts it. */
    async function expectWording(kase: Case, expected: Expected) {
      for (const { code } of LANGUAGES) {
        const t = translator(code);
        const response = await statusPage(code, kase);
        expect(response.statusCode, code).toBe(200);
        const text = mainText(response.body);
        const date = expected.date ? longDate(code, expected.date) : '';
        const clock = t(`status.clock.${expected.clock}`, { date });
        expect(text, code).toContain(t(`state.${expected.state}`));
        expect(text, code).toContain(t(`next.${expected.state}`));
        expect(text, code).toContain(clock);
        for (const key of STOPPED_WORDS.filter((key) => key !== `status.clock.${expected.clock}`))
          expect(text, `${code} ${key}`).not.toContain(t(key, { date: '\u0000' }).split('\u0000')[0]);
        expect(text.includes(t('status.missing')), `${code} missing documents`).toBe(expected.missing);
      }
    }

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database);
      office = await openPortalOffice(t);
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('follows a documents request received the same day: the time limit is never said to be stopped', async () => {
      const kase = await office.newCase(501);
      await expectWording(kase, { state: 'QUOTA_ASSIGNED', clock: 'RUNNING', date: DUE, missing: false });
      await act(kase, 'START_REVIEW');
      await expectWording(kase, { state: 'UNDER_REVIEW', clock: 'RUNNING', date: DUE, missing: false });
      await act(kase, 'REQUEST_DOCUMENTS');
      // art. 2 c.7 L. 241/1990: the clock restarts when the documents come, 30 days after the request at most
      // (1 April); that day is not counted, so the applicant is told the first day that counts again (decision 047)
      await expectWording(kase, {
        state: 'INTEGRATION_REQUESTED',
        clock: 'AWAITING_DOCUMENTS',
        date: '2026-04-02',
        missing: true,
      });
      const italian = mainText((await statusPage('it', kase)).body);
      expect(italian).toContain('Copia del passaporto');
      await act(kase, 'RECORD_DOCUMENTS');
      await expectWording(kase, { state: 'UNDER_REVIEW', clock: 'RUNNING', date: DUE, missing: false });
      const stored = await t.platform.database.db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('action', '=', 'portal.case_status.read')
        .where('entityId', '=', kase.id)
        .execute();
      expect(stored.length).toBe(LANGUAGES.length * 4 + 1);
    });

    it('tells the applicant to answer a notice, then when the time limit starts again', async () => {
      const kase = await office.newCase(502);
      await act(kase, 'START_REVIEW');
      await act(kase, 'SEND_REJECTION_NOTICE');
      await expectWording(kase, {
        state: 'REJECTION_NOTICE_SENT',
        clock: 'AWAITING_OBSERVATIONS',
        missing: true,
      });
      await act(kase, 'RECORD_OBSERVATIONS');
      // art. 10-bis L. 241/1990: the term restarts 10 days after the observations (12 March), a day not counted:
      // it counts again from 13 March (decision 047)
      await expectWording(kase, {
        state: 'UNDER_REVIEW',
        clock: 'STOPPED',
        date: '2026-03-13',
        missing: false,
      });
      await act(kase, 'REQUEST_OPINIONS');
      await expectWording(kase, {
        state: 'AWAITING_OPINIONS',
        clock: 'STOPPED',
        date: '2026-03-13',
        missing: false,
      });
    });

    it('says a withdrawn case is closed, with no time limit running', async () => {
      const kase = await office.newCase(503);
      await act(kase, 'WITHDRAW');
      await expectWording(kase, { state: 'WITHDRAWN', clock: 'CLOSED', missing: false });
    });
  });
}
