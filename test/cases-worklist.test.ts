import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKLIST_SORTS } from '../src/modules/cases/contract.ts';
import { stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, type TestDatabase } from './support/database.ts';
import type { Session } from './support/identity.ts';
import { openIntakeDesk } from './support/intake.ts';

type Item = { id: string; number: string; dueOn: string | null; deadlineStatus: string };

// Today is 2026-03-02 (TEST_NOW): due soon runs to 2026-03-09. Two cases share a due date, three are closed.
const DUE_DATES = ['2026-03-01', '2026-03-05', '2026-03-05', '2026-03-09', '2026-03-10', '2026-04-30'];
const CLOSED = 3;

for (const backend of BACKENDS) {
  describe(`the SUI worklist on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let operator: Session;
    const dueOnOf = new Map<string, string | null>();

    const list = async (query: string): Promise<{ items: Item[]; next: string | null }> => {
      const res = await t.app.inject({ url: `/api/cases?${query}`, headers: operator.headers });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const allPages = async (query: string) => {
      const seen: Item[] = [];
      let after: string | null = null;
      do {
        const page = await list(`${query}&pageSize=2${after ? `&after=${after}` : ''}`);
        seen.push(...page.items);
        after = page.next;
      } while (after);
      return seen;
    };

    beforeAll(async () => {
      ({ database, t, manager: operator } = await openIntakeDesk(backend, 50));
      for (let n = 0; n < DUE_DATES.length + CLOSED; n++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/cases',
          headers: operator.headers,
          payload: workPermitApplication(n),
        });
        expect(res.statusCode).toBe(201);
        const dueOn = DUE_DATES[n] ?? null;
        await database.db
          .updateTable('caseFile')
          .set({ dueOn, closed: dueOn === null })
          .where('id', '=', res.json().id)
          .execute();
        dueOnOf.set(res.json().id, dueOn);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('reads each open case as overdue, due soon or on time, and filters by that', async () => {
      const { items } = await list('pageSize=50');
      expect(items.map((item) => [item.dueOn, item.deadlineStatus])).toEqual([
        ['2026-03-01', 'OVERDUE'],
        ['2026-03-05', 'DUE_SOON'],
        ['2026-03-05', 'DUE_SOON'],
        ['2026-03-09', 'DUE_SOON'],
        ['2026-03-10', 'ON_TIME'],
        ['2026-04-30', 'ON_TIME'],
      ]);
      expect((await list('deadline=OVERDUE')).items.map((item) => item.dueOn)).toEqual(['2026-03-01']);
      expect((await list('deadline=DUE_SOON')).items.map((item) => item.dueOn)).toEqual([
        '2026-03-05',
        '2026-03-05',
        '2026-03-09',
      ]);
      const closed = await list('closed=true');
      expect(closed.items.map((item) => item.deadlineStatus)).toEqual(['CLOSED', 'CLOSED', 'CLOSED']);
    });

    for (const sort of WORKLIST_SORTS) {
      for (const closed of ['false', 'true', 'all']) {
        it(`pages by ${sort} through ${closed === 'all' ? 'all' : closed === 'true' ? 'closed' : 'open'} cases, each once, in order`, async () => {
          const paged = await allPages(`sort=${sort}&closed=${closed}`);
          const whole = (await list(`sort=${sort}&closed=${closed}&pageSize=100`)).items;
          expect(paged.map((item) => item.id)).toEqual(whole.map((item) => item.id));
          const expected = [...dueOnOf].filter(
            ([, dueOn]) => closed === 'all' || (dueOn === null) === (closed === 'true'),
          );
          expect(new Set(paged.map((item) => item.id))).toEqual(new Set(expected.map(([id]) => id)));
        });
      }
    }

    it('puts closed cases last by due date in either direction, by id', async () => {
      const byId = (a: string, b: string) => (a < b ? -1 : 1);
      const closed = [...dueOnOf].filter(([, dueOn]) => dueOn === null).map(([id]) => id);
      const latestFirst = await allPages('sort=-dueOn&closed=all');
      expect(latestFirst.map((item) => item.dueOn)).toEqual([...[...DUE_DATES].reverse(), null, null, null]);
      expect(latestFirst.slice(-CLOSED).map((item) => item.id)).toEqual([...closed].sort(byId).reverse());
      const earliestFirst = await allPages('sort=dueOn&closed=all');
      expect(earliestFirst.map((item) => item.dueOn)).toEqual([...DUE_DATES, null, null, null]);
      expect(earliestFirst.slice(-CLOSED).map((item) => item.id)).toEqual([...closed].sort(byId));
    });
  });
}
