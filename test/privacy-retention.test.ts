import { type Kysely, sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditCommand } from '../src/cli/audit.ts';
import {
  type AuditContext,
  type AuditRecord,
  sealAuditTrail,
  verifyAuditTrail,
  writeAuditBatch,
} from '../src/kernel/audit.ts';
import type { Database } from '../src/kernel/db.ts';
import { startJobs } from '../src/kernel/jobs.ts';
import type { Role } from '../src/kernel/permissions.ts';
import { registerPersonalData } from '../src/kernel/personal-data.ts';
import { AUDIT_ENTRIES } from '../src/modules/audit/personal-data.ts';
import { privacyModule } from '../src/modules/privacy/index.ts';
import type { RetentionCategoryView, RetentionOverview } from '../src/modules/privacy/retention/contract.ts';
import { DISPOSAL_QUEUE, disposeDueRecords } from '../src/modules/privacy/retention/service.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './support/identity.ts';

// A kind of record whose disposal always fails: the others must go on, and the page must say why.
const BROKEN = 'prova.guasta';
registerPersonalData({
  module: 'prova',
  categories: [
    {
      key: BROKEN,
      label: 'Registrazioni di prova',
      runsFrom: 'dalla registrazione',
      legalBasis: 'Art. 6, par. 1, lett. e) GDPR',
      defaultMonths: 24,
      action: 'anonymise',
      countDue: async () => 7,
      dispose: async () => {
        throw new Error('archivio non raggiungibile');
      },
    },
  ],
  activities: [],
  findSubject: async () => [],
});

const INTERNAL_FAILURE =
  'Eliminazione non riuscita per un errore interno: i dettagli sono nel registro del server.';

const PERSON = 'Amina Diallo';
// Ten years on from the test's "now": the entries written at the start are past the default retention.
const LATER = '2036-06-01T12:00:00+02:00';
const CUTOFF = new Date('2026-06-01T12:00:00+02:00');

const contextAt = (at: Date): AuditContext => ({
  at,
  actorUserId: null,
  actorLabel: 'operatore.sui@lovit.example',
  organisationId: null,
  requestId: null,
  clientAddress: '192.0.2.10',
});

/** `count` reads of a person's case, as the offices write them, at `at`. */
async function writeReads(db: Kysely<Database>, at: Date, count: number): Promise<void> {
  const record = (i: number): AuditRecord => ({
    kind: 'access',
    action: 'cases.case.read',
    entityType: 'case',
    entityId: `LO-2026-${String(i).padStart(6, '0')}`,
    details: { person: PERSON },
  });
  for (let start = 0; start < count; start += 250) {
    const size = Math.min(250, count - start);
    await writeAuditBatch(
      db,
      Array.from({ length: size }, (_, i) => ({ context: contextAt(at), record: record(start + i) })),
    );
  }
}

async function entriesOf(db: Kysely<Database>, action: string) {
  const rows = await db
    .selectFrom('auditEntry')
    .select(['entityType', 'entityId', sql<string>`data::text`.as('data'), 'kind'])
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({ ...row, data: JSON.parse(row.data) }));
}

/** Runs statements as the database owner with every trigger and foreign key switched off. */
async function asOwnerBypassingTriggers(db: Kysely<Database>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

for (const backend of BACKENDS) {
  describe(`retention and disposal on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    const sessions = {} as Record<'admin' | 'manager', Session>;

    const api = (
      who: 'admin' | 'manager' | null,
      method: 'GET' | 'PUT' | 'POST',
      url: string,
      payload?: object,
    ) =>
      t.app.inject({
        method,
        url,
        headers: who ? sessions[who].headers : {},
        ...(payload ? { payload } : {}),
      });
    const overview = async () => {
      const res = await api('admin', 'GET', '/api/privacy/retention');
      expect(res.statusCode).toBe(200);
      return res.json() as RetentionOverview;
    };
    const category = async (key: string) =>
      (await overview()).categories.find((view) => view.key === key) as RetentionCategoryView;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      t = await startTestApp(database, { jobs: true });
      await privacyModule.start?.({ database, clock: t.clock });
      const prefettura = await makeOrganisation(t.platform, {
        name: 'Prefettura di Lodi',
        type: 'PREFECTURE',
      });
      const people: ['admin' | 'manager', Role][] = [
        ['admin', 'admin'],
        ['manager', 'sui_manager'],
      ];
      for (const [who, role] of people) {
        const user = await makeUser(t.platform, [{ organisationId: prefettura.id, role }]);
        sessions[who] = await signIn(t.app, user.email);
      }
    });

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    it('writes down every registered kind with its defaults at start, and keeps what the administrator set', async () => {
      const audit = await category(AUDIT_ENTRIES);
      expect(audit).toMatchObject({
        label: expect.stringContaining('Registro delle operazioni'),
        runsFrom: 'dalla registrazione dell’operazione',
        months: 120,
        legalBasis: expect.stringContaining('art. 2946 c.c.'),
        action: 'delete',
        lastDisposal: null,
      });
      expect(await category(BROKEN)).toMatchObject({ months: 24, action: 'anonymise', dueNow: 7 });

      const changed = await api('admin', 'PUT', `/api/privacy/retention/${BROKEN}`, {
        months: 18,
        legalBasis: '  Art. 6, par. 1, lett. e) GDPR; regolamento interno  ',
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({
        key: BROKEN,
        months: 18,
        legalBasis: 'Art. 6, par. 1, lett. e) GDPR; regolamento interno',
      });
      await privacyModule.start?.({ database, clock: t.clock });
      expect(await category(BROKEN)).toMatchObject({ months: 18 });
      const kept = await database.db.selectFrom('retentionSchedule').selectAll().execute();
      expect(kept.map((row) => row.category).sort()).toEqual(expect.arrayContaining([AUDIT_ENTRIES, BROKEN]));

      expect(await entriesOf(database.db, 'privacy.retention.update')).toEqual([
        {
          kind: 'change',
          entityType: 'retention_category',
          entityId: BROKEN,
          data: {
            before: { months: 24, legalBasis: 'Art. 6, par. 1, lett. e) GDPR' },
            after: { months: 18, legalBasis: 'Art. 6, par. 1, lett. e) GDPR; regolamento interno' },
          },
        },
      ]);
    });

    it('refuses months and legal bases out of bounds by field, in Italian, and unknown kinds', async () => {
      const wrong = await api('admin', 'PUT', `/api/privacy/retention/${AUDIT_ENTRIES}`, {
        months: 1201,
        legalBasis: 'no',
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      expect(wrong.json().errors).toEqual([
        { path: 'body.months', message: 'indicare un numero intero di mesi tra 1 e 1200 (100 anni)' },
        { path: 'body.legalBasis', message: 'indicare la base giuridica in un testo tra 3 e 2000 caratteri' },
      ]);
      const fraction = await api('admin', 'PUT', `/api/privacy/retention/${AUDIT_ENTRIES}`, {
        months: 0,
        legalBasis: 'x'.repeat(2001),
      });
      expect(fraction.statusCode).toBe(422);
      expect(fraction.json().errors.map((error: { path: string }) => error.path)).toEqual([
        'body.months',
        'body.legalBasis',
      ]);

      const unknown = await api('admin', 'PUT', '/api/privacy/retention/cases.inesistente', {
        months: 12,
        legalBasis: 'Art. 6 GDPR',
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toBe('Questa categoria di dati non è conosciuta da LOVIT.');
      expect((await category(AUDIT_ENTRIES)).months).toBe(120);
    });

    it('refuses a retention shorter than the minimum of the kind, naming it in words', async () => {
      expect(await category(AUDIT_ENTRIES)).toMatchObject({ months: 120, minMonths: 120 });
      expect((await category(BROKEN)).minMonths).toBe(1);
      for (const months of [1, 119]) {
        const shorter = await api('admin', 'PUT', `/api/privacy/retention/${AUDIT_ENTRIES}`, {
          months,
          legalBasis: 'Art. 6 GDPR',
        });
        expect(shorter.statusCode).toBe(422);
        expect(shorter.json().errors).toEqual([
          {
            path: 'body.months',
            message: 'Per questo tipo di dati la conservazione non può essere inferiore a 10 anni',
          },
        ]);
      }
      expect(await entriesOf(database.db, 'privacy.retention.update')).not.toContainEqual(
        expect.objectContaining({ entityId: AUDIT_ENTRIES }),
      );
      const longer = await api('admin', 'PUT', `/api/privacy/retention/${AUDIT_ENTRIES}`, {
        months: 132,
        legalBasis: 'Art. 2946 c.c.',
      });
      expect(longer.statusCode).toBe(200);
      expect(longer.json()).toMatchObject({ months: 132, minMonths: 120 });

      // A schedule written down shorter before the minimum was known: the minimum applies all the same.
      await database.db
        .updateTable('retentionSchedule')
        .set({ months: 1 })
        .where('category', '=', AUDIT_ENTRIES)
        .execute();
      expect((await category(AUDIT_ENTRIES)).months).toBe(120);
      const restored = await api('admin', 'PUT', `/api/privacy/retention/${AUDIT_ENTRIES}`, {
        months: 120,
        legalBasis: (await category(AUDIT_ENTRIES)).legalBasis,
      });
      expect(restored.statusCode).toBe(200);
    });

    it('lets only the administrator read, change and run the retention', async () => {
      const body = { months: 12, legalBasis: 'Art. 6 GDPR' };
      for (const [who, status] of [
        ['manager', 403],
        [null, 401],
      ] as const) {
        expect((await api(who, 'GET', '/api/privacy/retention')).statusCode).toBe(status);
        expect((await api(who, 'PUT', `/api/privacy/retention/${BROKEN}`, body)).statusCode).toBe(status);
        expect((await api(who, 'POST', '/api/privacy/retention/run')).statusCode).toBe(status);
      }
      expect((await category(BROKEN)).months).toBe(18);
    });

    describe('when the time of the audit entries has run out', () => {
      let due: number;
      let kept: string[];

      beforeAll(async () => {
        const { db } = database;
        await writeReads(db, t.clock.now(), 1100);
        t.clock.set(LATER);
        await writeReads(db, t.clock.now(), 5);
        for (const who of ['admin', 'manager'] as const)
          sessions[who] = await signIn(t.app, sessions[who].view.user.email);
        await sealAuditTrail(db, { all: true });
        // Written before the cutoff but not sealed yet: outside the chain, never disposed of.
        await writeReads(db, new Date('2020-01-15T10:00:00Z'), 3);
        const { count } = await db
          .selectFrom('auditSeal as s')
          .innerJoin('auditEntry as e', 'e.seq', 's.entrySeq')
          .select((eb) => eb.fn.countAll().as('count'))
          .where('e.at', '<', CUTOFF)
          .executeTakeFirstOrThrow();
        due = Number(count);
        const rows = await db.selectFrom('auditEntry').select('id').where('at', '>=', CUTOFF).execute();
        kept = rows.map((row) => row.id);
      });

      it('counts as due the sealed entries older than the retention, and only those', async () => {
        expect(due).toBeGreaterThan(1100);
        expect(await category(AUDIT_ENTRIES)).toMatchObject({ dueNow: due, dueProblem: null });
      });

      it('disposes of them in batches, one audit entry per batch with kind and count and nothing else', async () => {
        const heard: [string, string][] = [];
        const result = await disposeDueRecords(t.platform, 'ADMIN', {
          onFailure: (key, error) => heard.push([key, (error as Error).message]),
        });
        // The page says only that the log has the detail; the job hands the detail to the log with the kind.
        expect(heard).toEqual([[BROKEN, 'archivio non raggiungibile']]);
        expect(JSON.stringify(result)).not.toContain('archivio non raggiungibile');
        expect(result).toEqual(
          expect.arrayContaining([
            { category: AUDIT_ENTRIES, disposed: due, failure: null },
            {
              category: BROKEN,
              disposed: 0,
              failure: INTERNAL_FAILURE,
            },
          ]),
        );
        const batches = (await entriesOf(database.db, 'privacy.retention.dispose')).filter(
          (entry) => entry.entityId === AUDIT_ENTRIES,
        );
        expect(batches).toHaveLength(Math.ceil(due / 500));
        for (const [i, batch] of batches.entries()) {
          expect(batch).toEqual({
            kind: 'security',
            entityType: 'retention_category',
            entityId: AUDIT_ENTRIES,
            data: {
              count: i < batches.length - 1 ? 500 : due - 500 * (batches.length - 1),
              action: 'delete',
            },
          });
        }
        expect(JSON.stringify(batches)).not.toContain(PERSON);

        const { db } = database;
        const old = await db.selectFrom('auditEntry').select(['at']).where('at', '<', CUTOFF).execute();
        expect(old.map((row) => row.at.toISOString())).toEqual(Array(3).fill('2020-01-15T10:00:00.000Z'));
        const remaining = await db.selectFrom('auditEntry').select('id').where('at', '>=', CUTOFF).execute();
        expect(remaining.map((row) => row.id)).toEqual(expect.arrayContaining(kept));
      });

      it('shows on the page what went, when, and why a kind could not be disposed of', async () => {
        const audit = await category(AUDIT_ENTRIES);
        expect(audit).toMatchObject({
          dueNow: 0,
          lastDisposal: { at: new Date(LATER).toISOString(), disposed: due, failure: null },
        });
        expect((await category(BROKEN)).lastDisposal).toEqual({
          at: new Date(LATER).toISOString(),
          disposed: 0,
          failure: INTERNAL_FAILURE,
        });
        const again = await disposeDueRecords(t.platform, 'SCHEDULE');
        expect(again.find((run) => run.category === AUDIT_ENTRIES)).toEqual({
          category: AUDIT_ENTRIES,
          disposed: 0,
          failure: null,
        });
      });

      it('still verifies the hash chain, from the checkpoint, saying how many were disposed of', async () => {
        await sealAuditTrail(database.db, { all: true });
        const verification = await verifyAuditTrail(database.db);
        expect(verification).toEqual({
          sealed: expect.any(Number),
          unsealed: 0,
          broken: null,
          disposed: due,
        });
        const { count } = await database.db
          .selectFrom('auditEntry')
          .select((eb) => eb.fn.countAll().as('count'))
          .executeTakeFirstOrThrow();
        expect(verification.sealed).toBe(Number(count));
        expect(await verifyAuditCommand(database.db)).toEqual({
          message: expect.stringMatching(
            new RegExp(
              `^Audit trail intact: [\\d,]+ entries sealed, 0 not yet sealed; the ${due.toLocaleString('en-US')} entries before them were disposed of at the end of their retention \\(checked in`,
            ),
          ),
          isIntact: true,
        });
      });

      it('still refuses in the database to delete an entry kept, even in the disposal’s own transaction', async () => {
        const { db } = database;
        const entry = await db
          .selectFrom('auditEntry')
          .select('seq')
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        await expect(
          db.transaction().execute(async (trx) => {
            await sql`set local lovit.audit_disposal = 'on'`.execute(trx);
            await sql`set constraints audit_seal_entry_seq_fkey deferred`.execute(trx);
            await sql`delete from audit_entry where seq = ${entry.seq}`.execute(trx);
          }),
        ).rejects.toThrow(/append-only/);
        await expect(sql`delete from audit_checkpoint`.execute(db)).rejects.toThrow(/append-only/);
        await expect(
          sql`update audit_entry set action = 'x' where seq = ${entry.seq}`.execute(db),
        ).rejects.toThrow(/append-only/);
      });

      it('queues the disposal when the administrator presses "Esegui ora", and the job records its run', async () => {
        const res = await api('admin', 'POST', '/api/privacy/retention/run');
        expect(res.statusCode).toBe(202);
        expect(res.json()).toEqual({ queued: true });
        await expect
          .poll(
            async () =>
              (
                await database.db
                  .selectFrom('retentionDisposal')
                  .select('category')
                  .where('trigger', '=', 'ADMIN')
                  .where('category', '=', AUDIT_ENTRIES)
                  .execute()
              ).length,
            { timeout: 20_000, interval: 200 },
          )
          .toBe(2);
        expect(await entriesOf(database.db, 'privacy.retention.request')).toHaveLength(1);
      });

      it('runs one disposal at a time across processes: a run asked for while one waits is merged into it', async () => {
        expect((await t.platform.jobs?.boss.getQueue(DISPOSAL_QUEUE))?.policy).toBe('stately');
        // A second process that only queues, on a queue of the same policy nobody works on.
        const other = await startJobs(
          database,
          [{ queue: 'prova.una-alla-volta', policy: 'stately', handle: async () => {} }],
          { work: false, logger: pino({ level: 'silent' }) },
        );
        try {
          const sent = [];
          for (let i = 0; i < 3; i++)
            sent.push(await other.send('prova.una-alla-volta', { trigger: 'ADMIN' }));
          expect(sent).toEqual([expect.any(String), null, null]);
        } finally {
          await other.stop();
        }
      });

      describe('after tampering by the database owner', () => {
        const breakOf = async () => (await verifyAuditTrail(database.db)).broken;

        it('names a kept entry whose content was changed', async () => {
          const { db } = database;
          const target = await db
            .selectFrom('auditSeal as s')
            .innerJoin('auditEntry as e', 'e.seq', 's.entrySeq')
            .select(['s.position', 'e.seq', 'e.id', 'e.action'])
            .orderBy('s.position', 'desc')
            .offset(3)
            .limit(1)
            .executeTakeFirstOrThrow();
          await asOwnerBypassingTriggers(
            db,
            sql`update audit_entry set action = 'cases.case.update' where seq = ${target.seq}`,
          );
          expect(await breakOf()).toEqual({
            position: target.position,
            entryId: target.id,
            entrySeq: target.seq,
            reason: 'entry altered after sealing',
          });
          await asOwnerBypassingTriggers(
            db,
            sql`update audit_entry set action = ${target.action} where seq = ${target.seq}`,
          );
          expect(await breakOf()).toBeNull();
        });

        it('notices the checkpoint removed: the chain no longer starts where it says', async () => {
          const { db } = database;
          const { rows } = await sql<{ row: string }>`
            select to_jsonb(c)::text as row from audit_checkpoint c order by position desc limit 1`.execute(
            db,
          );
          const checkpoint = rows[0]?.row as string;
          await asOwnerBypassingTriggers(db, sql`delete from audit_checkpoint`);
          expect(await breakOf()).toMatchObject({ reason: `gap in chain: seals 1-${due} missing` });
          await asOwnerBypassingTriggers(
            db,
            sql`insert into audit_checkpoint select * from jsonb_populate_record(null::audit_checkpoint, ${checkpoint}::jsonb)`,
          );
          expect(await breakOf()).toBeNull();
        });

        it('notices an entry deleted in the middle of what is kept', async () => {
          const { db } = database;
          const target = await db
            .selectFrom('auditSeal')
            .select(['position', 'entrySeq'])
            .orderBy('position', 'desc')
            .offset(2)
            .limit(1)
            .executeTakeFirstOrThrow();
          await asOwnerBypassingTriggers(
            db,
            sql`with gone as (delete from audit_seal where position = ${target.position} returning entry_seq)
              delete from audit_entry where seq in (select entry_seq from gone)`,
          );
          expect(await breakOf()).toMatchObject({
            position: target.position + 1,
            reason: `gap in chain: seal ${target.position} missing`,
          });
        });

        it('disposes of nothing whose part of the chain does not verify, keeping the evidence', async () => {
          const before = await verifyAuditTrail(database.db);
          t.clock.set('2060-01-01T12:00:00+01:00');
          const result = await disposeDueRecords(t.platform, 'SCHEDULE');
          expect(result.find((run) => run.category === AUDIT_ENTRIES)).toEqual({
            category: AUDIT_ENTRIES,
            disposed: 0,
            failure: expect.stringMatching(
              /^Il registro delle operazioni non risulta integro alla posizione \d+: nessuna operazione è stata eliminata/,
            ),
          });
          const after = await verifyAuditTrail(database.db);
          expect({ ...after, unsealed: before.unsealed }).toEqual(before);
        });
      });
    });
  });
}
