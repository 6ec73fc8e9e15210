import { spawn } from 'node:child_process';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditContext,
  type AuditVerification,
  GENESIS_HASH,
  sealAuditTrail,
  verifyAuditTrail,
  writeAudit,
} from '../src/kernel/audit.ts';
import { SettableClock } from '../src/kernel/clock.ts';
import type { Database } from '../src/kernel/db.ts';
import { newId } from '../src/kernel/ids.ts';
import { auditRead } from '../src/kernel/transaction.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';

const CONTEXT: AuditContext = {
  at: new Date('2026-03-02T08:00:00.000Z'),
  actorUserId: '0192f3a0-0000-7000-8000-0000000000bb',
  actorLabel: 'operatore.sui@lovit.example',
  organisationId: '0192f3a0-0000-7000-8000-0000000000cc',
  requestId: 'req-audit-1',
  clientAddress: '192.0.2.10',
};

const ACTIONS = ['cases.case.update', 'cases.case.read', 'identity.session.login'] as const;

/** Writes `count` entries of every kind, a few per transaction as services do. */
async function writeEntries(db: Kysely<Database>, count: number): Promise<void> {
  for (let start = 0; start < count; start += 10) {
    await db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(count, start + 10); i++) {
        const action = ACTIONS[i % ACTIONS.length] as (typeof ACTIONS)[number];
        const entityId = `LO-2026-${String(i).padStart(6, '0')}`;
        if (action === 'cases.case.update') {
          await writeAudit(trx, CONTEXT, {
            kind: 'change',
            action,
            entityType: 'case',
            entityId,
            before: { status: 'submitted', notes: i },
            after: { status: 'in_review', notes: i },
          });
        } else if (action === 'cases.case.read') {
          await writeAudit(trx, CONTEXT, { kind: 'access', action, entityType: 'case', entityId });
        } else {
          await writeAudit(trx, CONTEXT, {
            kind: 'security',
            action,
            entityType: 'session',
            entityId: null,
            details: { method: 'password' },
          });
        }
      }
    });
  }
}

async function countEntries(db: Kysely<Database>): Promise<number> {
  const { count } = await db
    .selectFrom('auditEntry')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

async function expectIntact(db: Kysely<Database>): Promise<AuditVerification> {
  const result = await verifyAuditTrail(db);
  expect(result).toEqual({ sealed: expect.any(Number), unsealed: 0, broken: null });
  return result;
}

/** Runs a statement as the database owner with every trigger and foreign key switched off. */
async function asOwnerBypassingTriggers(
  db: Kysely<Database>,
  statement: ReturnType<typeof sql>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

type SealedEntry = { position: number; seq: number; id: string };

/** The entry sealed a few places before the head of the chain. */
async function sealedEntryNearHead(db: Kysely<Database>): Promise<SealedEntry> {
  return db
    .selectFrom('auditSeal as s')
    .innerJoin('auditEntry as e', 'e.seq', 's.entrySeq')
    .select(['s.position', 'e.seq', 'e.id'])
    .orderBy('s.position', 'desc')
    .offset(5)
    .limit(1)
    .executeTakeFirstOrThrow();
}

/** A row as stored, to put it back exactly after tampering with it. */
async function snapshotRow(
  db: Kysely<Database>,
  table: 'audit_entry' | 'audit_seal',
  where: ReturnType<typeof sql>,
) {
  const { rows } = await sql<{ row: string }>`
    select to_jsonb(t)::text as row from ${sql.table(table)} t where ${where}`.execute(db);
  const row = rows[0]?.row;
  if (!row) throw new Error(`no row in ${table}`);
  return sql`insert into ${sql.table(table)} overriding system value
    select * from jsonb_populate_record(null::${sql.table(table)}, ${row}::jsonb)`;
}

type Run = { code: number | null; stdout: string; stderr: string };

function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => {
    run.stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    run.stderr += chunk;
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}

for (const backend of BACKENDS) {
  describe(`audit trail on ${backend}`, () => {
    let database: TestDatabase;
    let db: Kysely<Database>;

    beforeAll(async () => {
      database = await openTestDatabase(backend);
      db = database.db;
    });

    afterAll(() => database.dispose());

    it('stores a change with only the fields that changed, and the context of the request', async () => {
      const entityId = newId();
      await db.transaction().execute((trx) =>
        writeAudit(trx, CONTEXT, {
          kind: 'change',
          action: 'identity.user.update',
          entityType: 'user',
          entityId,
          before: { given_name: 'Mario', email: 'mario@old.example', lockedUntil: null },
          after: {
            given_name: 'Mario',
            email: 'mario@new.example',
            lockedUntil: new Date('2026-03-02T09:00:00Z'),
          },
        }),
      );
      const rows = await db
        .selectFrom('auditEntry')
        .select(['kind', 'actorLabel', 'at', sql<string>`data::text`.as('data')])
        .where('entityId', '=', entityId)
        .execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        kind: 'change',
        actorLabel: 'operatore.sui@lovit.example',
        at: CONTEXT.at,
      });
      expect(JSON.parse(rows[0]?.data ?? '')).toEqual({
        before: { email: 'mario@old.example', lockedUntil: null },
        after: { email: 'mario@new.example', lockedUntil: '2026-03-02T09:00:00.000Z' },
      });
    });

    it('keeps the details of a change that records no values, such as which fields were rectified and why', async () => {
      const entityId = newId();
      await writeAudit(db, CONTEXT, {
        kind: 'change',
        action: 'cases.person.rectify',
        entityType: 'person',
        entityId,
        details: { fields: ['surname'], reason: 'Errore di trascrizione' },
      });
      const row = await db
        .selectFrom('auditEntry')
        .select(sql<string>`data::text`.as('data'))
        .where('entityId', '=', entityId)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.data)).toEqual({
        before: null,
        after: null,
        details: { fields: ['surname'], reason: 'Errore di trascrizione' },
      });
    });

    it('stores the details of an access or a security event as they are', async () => {
      const entityId = newId();
      await writeAudit(db, CONTEXT, {
        kind: 'security',
        action: 'identity.session.login_failed',
        entityType: 'user',
        entityId,
        details: { reason: 'wrong_password', attempt: 3 },
      });
      await writeAudit(db, CONTEXT, {
        kind: 'access',
        action: 'identity.user.read',
        entityType: 'user',
        entityId,
      });
      const rows = await db
        .selectFrom('auditEntry')
        .select(['kind', sql<string | null>`data::text`.as('data')])
        .where('entityId', '=', entityId)
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => [r.kind, r.data === null ? null : JSON.parse(r.data)])).toEqual([
        ['security', { reason: 'wrong_password', attempt: 3 }],
        ['access', null],
      ]);
    });

    it('stores the entry of every one of many reads made at once, each once and before the read answers', async () => {
      const clock = new SettableClock(CONTEXT.at);
      const readers = Array.from({ length: 120 }, (_, n) => ({ n, entityId: newId() }));
      const caller = (n: number) => ({ actor: null, requestId: `req-read-${n}`, clientAddress: null });
      const stored = await Promise.all(
        readers.map(async ({ n, entityId }) => {
          await auditRead(db, clock, caller(n), 'case', entityId, { n });
          const row = await db
            .selectFrom('auditEntry')
            .select(['requestId', 'action'])
            .where('entityId', '=', entityId)
            .executeTakeFirst();
          return row;
        }),
      );
      expect(stored).toEqual(readers.map(({ n }) => ({ requestId: `req-read-${n}`, action: 'case.read' })));
      const { entries, transactions } = await db
        .selectFrom('auditEntry')
        .select([
          sql<number>`count(*)::int`.as('entries'),
          sql<number>`count(distinct xmin::text)::int`.as('transactions'),
        ])
        .where(
          'entityId',
          'in',
          readers.map((r) => r.entityId),
        )
        .executeTakeFirstOrThrow();
      expect(entries).toBe(readers.length);
      // Reads made together share a statement: far fewer commits than reads.
      expect(transactions).toBeLessThan(readers.length / 10);
    });

    it('stores the other reads of a group when one entry cannot be stored, and fails only that read', async () => {
      const clock = new SettableClock(CONTEXT.at);
      const caller = { actor: null, requestId: 'req-read-group', clientAddress: null };
      const good = [newId(), newId(), newId()];
      const results = await Promise.allSettled([
        auditRead(db, clock, caller, 'case', good[0] as string),
        // entity_type is required: the database refuses this entry.
        auditRead(db, clock, caller, null as unknown as string, newId()),
        auditRead(db, clock, caller, 'case', good[1] as string),
        auditRead(db, clock, caller, 'case', good[2] as string),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const rows = await db
        .selectFrom('auditEntry')
        .select('entityId')
        .where('entityId', 'in', good)
        .execute();
      expect(rows).toHaveLength(3);
    });

    it('leaves nothing behind when the transaction rolls back', async () => {
      const before = await countEntries(db);
      await expect(
        db.transaction().execute(async (trx) => {
          await writeAudit(trx, CONTEXT, {
            kind: 'access',
            action: 'cases.case.read',
            entityType: 'case',
            entityId: '1',
          });
          throw new Error('the use case failed');
        }),
      ).rejects.toThrow('the use case failed');
      expect(await countEntries(db)).toBe(before);
    });

    it('refuses in the database to change, delete or empty entries and seals', async () => {
      await writeEntries(db, 3);
      await sealAuditTrail(db, { all: true });
      const entriesBefore = await countEntries(db);
      const refused = [
        sql`update audit_entry set action = 'x'`,
        sql`delete from audit_entry`,
        sql`update audit_seal set hash = 'x'`,
        sql`delete from audit_seal`,
        sql`truncate audit_seal`,
        sql`truncate audit_entry, audit_seal`,
        sql`truncate audit_entry cascade`,
      ];
      for (const statement of refused) {
        await expect(statement.execute(db)).rejects.toThrow('audit trail is append-only');
      }
      expect(await countEntries(db)).toBe(entriesBefore);
      await expectIntact(db);
    });

    it('reports its progress page by page', async () => {
      await writeEntries(db, 25);
      await sealAuditTrail(db, { all: true });
      const progress: { checked: number; total: number }[] = [];
      const result = await verifyAuditTrail(db, { pageSize: 10, onProgress: (p) => progress.push(p) });
      const total = result.sealed;
      expect(progress.map((p) => p.checked)).toEqual(
        Array.from({ length: Math.ceil(total / 10) }, (_, i) => Math.min(total, (i + 1) * 10)),
      );
      expect(progress.every((p) => p.total === total)).toBe(true);
    });

    it('seals a few hundred entries into an unbroken chain and verifies it', async () => {
      await writeEntries(db, 300);
      const total = await countEntries(db);
      const sealedBefore = (await verifyAuditTrail(db)).sealed;
      expect(await sealAuditTrail(db, { all: true, batchSize: 64 })).toBe(total - sealedBefore);

      const result = await expectIntact(db);
      expect(result.sealed).toBe(total);
      const seals = await db.selectFrom('auditSeal').selectAll().orderBy('position').execute();
      expect(seals.map((s) => s.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(seals[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < seals.length; i++) expect(seals[i]?.prevHash).toBe(seals[i - 1]?.hash);
    });

    it('reports entries written after the last seal as not yet sealed, until the next seal', async () => {
      await sealAuditTrail(db, { all: true });
      const { sealed } = await expectIntact(db);
      await writeEntries(db, 7);
      expect(await verifyAuditTrail(db)).toEqual({ sealed, unsealed: 7, broken: null });
      expect(await sealAuditTrail(db, { batchSize: 5 })).toBe(5);
      expect(await verifyAuditTrail(db)).toEqual({ sealed: sealed + 5, unsealed: 2, broken: null });
      expect(await sealAuditTrail(db)).toBe(2);
      expect(await verifyAuditTrail(db)).toEqual({ sealed: sealed + 7, unsealed: 0, broken: null });
      expect(await sealAuditTrail(db)).toBe(0);
    });

    it('seals an entry committed after later ones were sealed at the end of the chain', async () => {
      let lateSeq = 0;
      await db
        .transaction()
        .execute(async (trx) => {
          await writeAudit(trx, CONTEXT, {
            kind: 'access',
            action: 'cases.case.read',
            entityType: 'case',
            entityId: 'L',
          });
          const row = await trx
            .selectFrom('auditEntry')
            .select('seq')
            .orderBy('seq', 'desc')
            .executeTakeFirstOrThrow();
          lateSeq = row.seq;
          throw new Error('held back');
        })
        .catch(() => undefined);
      await writeEntries(db, 4);
      await sealAuditTrail(db, { all: true });

      // What a transaction that took its seq first and committed last looks like once committed.
      await sql`
        insert into audit_entry (seq, id, at, kind, action, entity_type, entity_id) overriding system value
        values (${lateSeq}, ${newId()}, now(), 'access', 'cases.case.read', 'case', 'L')`.execute(db);
      expect((await verifyAuditTrail(db)).unsealed).toBe(1);
      expect(await sealAuditTrail(db, { all: true })).toBe(1);
      const head = await db
        .selectFrom('auditSeal')
        .select('entrySeq')
        .orderBy('position', 'desc')
        .executeTakeFirstOrThrow();
      expect(head.entrySeq).toBe(lateSeq);
      await expectIntact(db);
    });

    it('lets sealers run at the same time without forking the chain', async () => {
      await writeEntries(db, 120);
      const counts = await Promise.all([
        sealAuditTrail(db, { all: true, batchSize: 16 }),
        sealAuditTrail(db, { all: true, batchSize: 16 }),
        sealAuditTrail(db, { all: true, batchSize: 16 }),
      ]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(120);
      expect((await expectIntact(db)).sealed).toBe(await countEntries(db));
    });

    describe('after tampering by the database owner', () => {
      beforeAll(async () => {
        await writeEntries(db, 30);
        await sealAuditTrail(db, { all: true });
      });

      it('names the entry whose content was changed after sealing', async () => {
        const target = await sealedEntryNearHead(db);
        const { action } = await db
          .selectFrom('auditEntry')
          .select('action')
          .where('seq', '=', target.seq)
          .executeTakeFirstOrThrow();
        await asOwnerBypassingTriggers(
          db,
          sql`update audit_entry set action = 'x.y.z' where seq = ${target.seq}`,
        );
        for (const pageSize of [1, 7, 10_000]) {
          expect(await verifyAuditTrail(db, { pageSize })).toMatchObject({
            sealed: target.position - 1,
            broken: {
              position: target.position,
              entryId: target.id,
              entrySeq: target.seq,
              reason: 'entry altered after sealing',
            },
          });
        }
        await asOwnerBypassingTriggers(
          db,
          sql`update audit_entry set action = ${action} where seq = ${target.seq}`,
        );
        await expectIntact(db);
      });

      it('notices an instant moved by one microsecond', async () => {
        const target = await sealedEntryNearHead(db);
        const shift = (step: string) =>
          asOwnerBypassingTriggers(
            db,
            sql`update audit_entry set at = at + ${step}::interval where seq = ${target.seq}`,
          );
        await shift('1 microsecond');
        expect((await verifyAuditTrail(db)).broken).toMatchObject({
          position: target.position,
          reason: 'entry altered after sealing',
        });
        await shift('-1 microsecond');
        await expectIntact(db);
      });

      it('names the seal whose hash was rewritten', async () => {
        const target = await sealedEntryNearHead(db);
        const restore = await snapshotRow(db, 'audit_seal', sql`position = ${target.position}`);
        await asOwnerBypassingTriggers(
          db,
          sql`update audit_seal set hash = repeat('f', 64) where position = ${target.position}`,
        );
        expect((await verifyAuditTrail(db)).broken).toEqual({
          position: target.position,
          entryId: target.id,
          entrySeq: target.seq,
          reason: 'seal altered',
        });
        await asOwnerBypassingTriggers(db, sql`delete from audit_seal where position = ${target.position}`);
        await asOwnerBypassingTriggers(db, restore);
        await expectIntact(db);
      });

      it('names the sealed entry that was deleted', async () => {
        const target = await sealedEntryNearHead(db);
        const restore = await snapshotRow(db, 'audit_entry', sql`seq = ${target.seq}`);
        await asOwnerBypassingTriggers(db, sql`delete from audit_entry where seq = ${target.seq}`);
        expect((await verifyAuditTrail(db)).broken).toEqual({
          position: target.position,
          entryId: null,
          entrySeq: target.seq,
          reason: 'entry missing',
        });
        await asOwnerBypassingTriggers(db, restore);
        await expectIntact(db);
      });

      it('names the seal after one that was deleted', async () => {
        const target = await sealedEntryNearHead(db);
        const restore = await snapshotRow(db, 'audit_seal', sql`position = ${target.position}`);
        await asOwnerBypassingTriggers(db, sql`delete from audit_seal where position = ${target.position}`);
        expect((await verifyAuditTrail(db)).broken).toMatchObject({
          position: target.position + 1,
          reason: `gap in chain: seal ${target.position} missing`,
        });
        await asOwnerBypassingTriggers(db, restore);
        await expectIntact(db);
      });

      // Only on PostgreSQL: the CLI is another process, and a PGlite in memory cannot be opened by another process.
      it.runIf(backend === 'postgres')(
        'makes `lovit audit:verify` exit with 2 naming the entry, and 0 once it is restored',
        async () => {
          const env = { DATABASE_URL: database.url as string };
          const target = await sealedEntryNearHead(db);
          const restore = await snapshotRow(db, 'audit_entry', sql`seq = ${target.seq}`);
          await asOwnerBypassingTriggers(
            db,
            sql`update audit_entry set entity_id = 'LO-2026-999999' where seq = ${target.seq}`,
          );

          const broken = await runCli(['audit:verify'], env);
          expect(broken.code).toBe(2);
          expect(broken.stdout).toBe(
            `Audit trail BROKEN at position ${target.position} (entry ${target.id}): ` +
              'entry altered after sealing.\n',
          );

          await asOwnerBypassingTriggers(db, sql`delete from audit_entry where seq = ${target.seq}`);
          await asOwnerBypassingTriggers(db, restore);
          await writeEntries(db, 2);
          const intact = await runCli(['audit:verify'], env);
          expect(intact.code).toBe(0);
          expect(intact.stdout.trim()).toMatch(
            /^Audit trail intact: [\d,]+ entries sealed, 2 not yet sealed \(checked in \d+\.\d s\)\.$/,
          );

          const sealing = await runCli(['audit:seal'], env);
          expect(sealing).toMatchObject({
            code: 0,
            stdout: "Sealed 2 entries into the audit trail's hash chain.\n",
          });
          await expectIntact(db);
        },
        60_000,
      );
    });
  });
}
