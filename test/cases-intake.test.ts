import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealAuditTrail, verifyAuditTrail } from '../src/kernel/audit.ts';
import type { IntakeInput } from '../src/modules/cases/contract.ts';
import { computeCheckCharacter } from '../src/modules/cases/intake/fiscal-codes.ts';
import { RELOAD_MS as CASE_TYPES_RELOAD_MS } from '../src/modules/cases/law/registry.ts';
import { stopTestApp, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import { BACKENDS, type TestDatabase } from './support/database.ts';
import type { Session } from './support/identity.ts';
import { openIntakeDesk } from './support/intake.ts';

for (const backend of BACKENDS) {
  describe(`intake of case files on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let bearer: Record<string, string>;

    const submit = (payload: unknown, headers: Record<string, string> = manager.headers) =>
      t.app.inject({ method: 'POST', url: '/api/cases', headers, payload: payload as object });

    beforeAll(async () => {
      ({ database, t, manager, bearer } = await openIntakeDesk(backend, 5));
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('admits in arrival order until the quota is used up, then closes as quota esaurita, numbering without gaps', async () => {
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, n) =>
          submit(workPermitApplication(n), { ...bearer, 'idempotency-key': `click-day-${n}` }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(201));
      const results = answers.map((a) => a.json());
      const numbers = results.map((r) => r.number).sort();
      expect(numbers).toEqual(
        Array.from({ length: 12 }, (_, i) => `LO-2026-${String(i + 1).padStart(6, '0')}`),
      );
      const byNumber = [...results].sort((a, b) => a.number.localeCompare(b.number));
      expect(byNumber.map((r) => r.admitted)).toEqual([...Array(5).fill(true), ...Array(7).fill(false)]);
      expect(byNumber.map((r) => r.quotaRank)).toEqual([1, 2, 3, 4, 5, ...Array(7).fill(null)]);
      expect(byNumber.slice(5).every((r) => r.state === 'QUOTA_EXHAUSTED' && r.dueOn === null)).toBe(true);
      // Arrival order: the requests were sent in the order n = 0..11
      expect(byNumber.map((r) => r.id)).toEqual(results.map((r) => r.id));
      const quota = await t.app.inject({ url: '/api/quotas?year=2026', headers: manager.headers });
      expect(quota.json()).toEqual([expect.objectContaining({ sector: 'NON_SEASONAL', total: 5, used: 5 })]);
      // Every submission is on the audit trail, and the batched entries seal into a chain that verifies.
      const audited = await database.db
        .selectFrom('auditEntry')
        .select(['entityId', 'data'])
        .where('action', '=', 'cases.case.submit')
        .execute();
      expect(new Set(audited.map((entry) => entry.entityId))).toEqual(new Set(results.map((r) => r.id)));
      expect(audited[0]?.data).toMatchObject({ after: { channel: 'API' } });
      await sealAuditTrail(database.db, { all: true });
      expect((await verifyAuditTrail(database.db)).broken).toBeNull();
    });

    it('answers the first answer again for the same key and body, and 409 for the same key with another body', async () => {
      const first = await submit(workPermitApplication(100), { ...bearer, 'idempotency-key': 'again-100' });
      const again = await submit(workPermitApplication(100), { ...bearer, 'idempotency-key': 'again-100' });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      const other = await submit(workPermitApplication(101), { ...bearer, 'idempotency-key': 'again-100' });
      expect(other.statusCode).toBe(409);
      expect(other.headers['content-type']).toContain('application/problem+json');
      expect(other.json().errors).toEqual([expect.objectContaining({ path: 'headers.idempotency-key' })]);
    });

    it('requires an idempotency key from a system, not at the desk', async () => {
      expect((await submit(workPermitApplication(200), bearer)).statusCode).toBe(422);
      expect((await submit(workPermitApplication(201))).statusCode).toBe(201);
    });

    it('links the same worker to one person and the same employer to one employer', async () => {
      const a = await submit(workPermitApplication(300));
      const b = await submit(workPermitApplication(300, { externalReference: 'ALI-SECOND' }));
      const open = (r: typeof a) =>
        t.app.inject({ url: `/api/cases/${r.json().id}`, headers: manager.headers });
      const [ca, cb] = [await open(a), await open(b)];
      const worker = (c: typeof ca) =>
        c.json().parties.find((p: { role: string }) => p.role === 'WORKER').person.id;
      const employer = (c: typeof ca) =>
        c.json().parties.find((p: { role: string }) => p.role === 'EMPLOYER').employer.id;
      expect(worker(ca)).toBe(worker(cb));
      expect(employer(ca)).toBe(employer(cb));
    });

    it('links to one person a worker sent twice at once, and one who comes back with a new passport and the same fiscal code', async () => {
      const fiscalCode = (body: string) => `${body}${computeCheckCharacter(body)}`;
      const worker = (n: number, code: string): IntakeInput => {
        const application = workPermitApplication(600, { externalReference: `ALI-LINK-${n}` });
        const passport = { number: `PL${n}`, expiry: '2031-06-30' };
        return {
          ...application,
          parties: application.parties.map((party) =>
            'person' in party && party.person
              ? { ...party, person: { ...party.person, passport, fiscalCode: code } }
              : party,
          ),
        };
      };
      const code = fiscalCode('HSSRHM80A01Z222');
      const send = (n: number, passport: number) =>
        submit(worker(passport, code), { ...bearer, 'idempotency-key': `link-worker-${n}` });
      const answers = [...(await Promise.all([send(1, 700), send(2, 700), send(3, 701)]))];
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
      answers.push(await send(4, 702));
      expect(answers[3]?.statusCode).toBe(201);
      const workers = await Promise.all(
        answers.map(async (a) => {
          const page = await t.app.inject({ url: `/api/cases/${a.json().id}`, headers: manager.headers });
          return page.json().parties.find((p: { role: string }) => p.role === 'WORKER').person.id;
        }),
      );
      expect(new Set(workers).size).toBe(1);
      const registered = await database.db
        .selectFrom('person')
        .select('passportNumber')
        .where('fiscalCode', '=', code)
        .execute();
      expect(registered).toEqual([{ passportNumber: 'PL700' }]);
    });

    it('names the field at fault and writes nothing for bad input', async () => {
      const before = await database.db
        .selectFrom('caseFile')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const application = workPermitApplication(400);
      const cases: [unknown, number, string][] = [
        [{ ...application, type: 'PASSPORT_RENEWAL' }, 422, 'body.type'],
        [{ ...application, quotaSector: 'FISHING' }, 422, 'body.quotaSector'],
        [{ ...application, parties: application.parties.slice(0, 1) }, 422, 'body.parties'],
        [
          {
            ...application,
            parties: [
              application.parties[0],
              {
                role: 'WORKER',
                person: {
                  ...(application.parties[1] as { person: object }).person,
                  passport: { number: 'P1234567', expiry: '2025-01-31' },
                },
              },
            ],
          },
          422,
          'body.parties.1.person.passport.expiry',
        ],
        [
          {
            ...application,
            parties: [
              application.parties[0],
              {
                role: 'WORKER',
                person: {
                  ...(application.parties[1] as { person: object }).person,
                  fiscalCode: 'RSSMRA80A01F205Z',
                },
              },
            ],
          },
          422,
          'body.parties.1.person.fiscalCode',
        ],
        [
          {
            ...application,
            parties: [
              {
                role: 'EMPLOYER',
                employer: {
                  ...(application.parties[0] as { employer: object }).employer,
                  vatNumber: '12345678901',
                },
              },
              application.parties[1],
            ],
          },
          422,
          'body.parties.0.employer.vatNumber',
        ],
      ];
      for (const [payload, status, path] of cases) {
        const res = await submit(payload);
        expect(res.statusCode, path).toBe(status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      const after = await database.db
        .selectFrom('caseFile')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(after.n).toBe(before.n);
    });

    it('gives a PDF receipt whose code verifies on the public page, and nothing for a wrong code', async () => {
      const created = (await submit(workPermitApplication(500))).json();
      const receipt = await t.app.inject({ url: created.receiptUrl, headers: manager.headers });
      expect(receipt.statusCode).toBe(200);
      expect(receipt.headers['content-type']).toBe('application/pdf');
      expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const row = await database.db
        .selectFrom('caseFile')
        .select('receiptCode')
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      const verified = await t.app.inject({ url: `/api/verify/${row.receiptCode.toLowerCase()}` });
      expect(verified.json()).toMatchObject({ valid: true, number: created.number, issuedOn: '2026-03-02' });
      expect(JSON.stringify(verified.json())).not.toContain('HOSSAIN');
      expect((await t.app.inject({ url: '/api/verify/AAAA-BBBB-CCCC-DDDD' })).json()).toEqual({
        valid: false,
      });
    });

    it('sees a case type written by another process once the registry is a minute old', async () => {
      const known = async () => {
        const refused = await submit({ ...workPermitApplication(600), type: 'PASSPORT_RENEWAL' });
        expect(refused.statusCode).toBe(422);
        return refused.json().errors[0].message as string;
      };
      t.clock.advance(CASE_TYPES_RELOAD_MS);
      expect(await known()).not.toContain('SEASONAL_TEST');
      // Written straight into the table, as `lovit case-types:import` run elsewhere would.
      const source = await database.db
        .selectFrom('caseTypeVersion')
        .selectAll()
        .where('code', '=', 'WORK_CLEARANCE')
        .executeTakeFirstOrThrow();
      const definition = source.definition as Record<string, unknown>;
      await database.db
        .insertInto('caseTypeVersion')
        .values({
          ...source,
          code: 'SEASONAL_TEST',
          definition: JSON.stringify({ ...definition, code: 'SEASONAL_TEST' }),
        })
        .execute();
      t.clock.advance(CASE_TYPES_RELOAD_MS - 1);
      expect(await known()).not.toContain('SEASONAL_TEST');
      t.clock.advance(1);
      // read again behind the registry in use: the next requests see it
      await expect.poll(known).toContain('SEASONAL_TEST');
    });
  });
}
