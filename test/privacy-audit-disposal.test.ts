import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditCommand } from '../src/cli/audit.ts';
import {
  type AuditContext,
  REDACTED_VALUE,
  sealAuditTrail,
  verifyAuditTrail,
  writeAudit,
} from '../src/kernel/audit.ts';
import type { Database } from '../src/kernel/db.ts';
import { newId } from '../src/kernel/ids.ts';
import { privacyModule } from '../src/modules/privacy/index.ts';
import { disposeDueRecords } from '../src/modules/privacy/retention/service.ts';
import { stopTestApp, TEST_NOW, type TestApp } from './support/app.ts';
import { workPermitApplication } from './support/cases.ts';
import type { TestDatabase } from './support/database.ts';
import { BACKENDS } from './support/database.ts';
import { type Session, signIn } from './support/identity.ts';
import { openIntakeDesk } from './support/intake.ts';

/** After the five years of a withdrawn case, before the ten of the audit trail. */
const CASES_DUE = '2031-06-01T12:00:00+02:00';
/** After the ten years of the audit trail. */
const TRAIL_DUE = '2037-06-01T12:00:00+02:00';

// Two cases with appointments, an event, and a disposal run: longer than a hook's default on a busy machine.
const SET_UP_MS = 180_000;

type Person = { id: string; surname: string; givenName: string; email: string; phone: string };

/** Runs statements as the database owner with every trigger and foreign key switched off. */
async function asOwnerBypassingTriggers(db: Kysely<Database>, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

/** The entries whose stored text holds any of `values`. */
async function entriesHolding(db: Kysely<Database>, values: readonly string[]) {
  const { rows } = await sql<{ seq: number; action: string; data: string }>`
    select seq, action, data::text as data from audit_entry
    where ${sql.join(
      values.map((value) => sql`data::text like ${`%${value}%`}`),
      sql` or `,
    )}
    order by seq`.execute(db);
  return rows;
}

const valuesOf = (person: Person) => [
  person.surname,
  person.givenName,
  person.email,
  person.phone,
  `${person.surname} ${person.givenName}`,
];

for (const backend of BACKENDS) {
  describe(`audit entries about records disposed of, and under legal hold, on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let manager: Session;
    let managerEmail: string;
    let deskId: string;
    const cases = {} as Record<'disposed' | 'held', { id: string; number: string; person: Person }>;
    const appointments = {} as Record<'disposed' | 'held', string>;
    let registration: { id: string; name: string; email: string; phone: string };

    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: manager.headers, ...(payload ? { payload } : {}) });
    const moveClockTo = async (instant: string) => {
      t.clock.set(instant);
      manager = await signIn(t.app, managerEmail);
    };
    const context = (): AuditContext => ({
      at: t.clock.now(),
      actorUserId: manager.view.user.id,
      actorLabel: managerEmail,
      organisationId: null,
      requestId: null,
      clientAddress: '192.0.2.10',
    });
    /** A case whose worker gets a phone of their own (the applications share one) through a rectification. */
    const submit = async (n: number, phone: string) => {
      const created = await call('POST', '/api/cases', workPermitApplication(n));
      expect(created.statusCode, created.body).toBe(201);
      const { id, number } = created.json() as { id: string; number: string };
      const detail = (await call('GET', `/api/cases/${id}`)).json();
      const person = detail.parties.find((party: { role: string }) => party.role === 'WORKER').person;
      const rectified = await call('POST', `/api/cases/persons/${person.id}/rectifications`, {
        changes: { phone },
        reason: 'Numero comunicato dall’interessato allo sportello',
      });
      expect(rectified.statusCode, rectified.body).toBe(201);
      return { id, number, person: { ...person, phone } as Person };
    };
    const book = async (caseId: string, startsAt: string) => {
      const booked = await call('POST', `/api/cases/${caseId}/appointments`, {
        deskId,
        startsAt,
        purpose: 'DOCUMENTS',
      });
      expect(booked.statusCode, booked.body).toBe(201);
      return booked.json().id as string;
    };
    const withdraw = async (caseId: string) => {
      const { version } = (await call('GET', `/api/cases/${caseId}`)).json();
      const done = await call('POST', `/api/cases/${caseId}/actions`, {
        action: 'WITHDRAW',
        version,
        reason: 'Rinuncia del datore di lavoro',
      });
      expect(done.statusCode, done.body).toBe(200);
    };
    /** A correction of the person's contacts as a change entry records it: the values before and after. */
    const correctContacts = (person: Person) =>
      writeAudit(database.db, context(), {
        kind: 'change',
        action: 'cases.person.correct',
        entityType: 'person',
        entityId: person.id,
        before: { email: 'vecchio.indirizzo@lovit.example', phone: null },
        after: { email: person.email, phone: person.phone, name: `${person.surname} ${person.givenName}` },
      });
    const entriesAbout = (records: readonly { type: string; id: string }[]) =>
      database.db
        .selectFrom('auditEntry')
        .select(['seq', 'action'])
        .where((eb) =>
          eb.or(records.map((r) => eb.and([eb('entityType', '=', r.type), eb('entityId', '=', r.id)]))),
        )
        .orderBy('seq')
        .execute();
    const heldRecords = () => [
      { type: 'case', id: cases.held.id },
      { type: 'appointment', id: appointments.held },
      { type: 'person', id: cases.held.person.id },
    ];

    beforeAll(async () => {
      ({ database, t, manager } = await openIntakeDesk(backend, 50));
      managerEmail = manager.view.user.email;
      await privacyModule.start?.({ database, clock: t.clock });
      const desk = await call('POST', '/api/desks', {
        name: 'Sportello 1',
        place: 'Prefettura, Corso Umberto I 40, piano terra',
        openings: [1, 2, 3, 4, 5].map((weekday) => ({
          weekday,
          opens: '09:00',
          closes: '12:00',
          slotMinutes: 30,
        })),
      });
      expect(desk.statusCode, desk.body).toBe(201);
      deskId = desk.json().id;

      cases.disposed = await submit(1, '+39 333 1111111');
      cases.held = await submit(2, '+39 333 2222222');
      appointments.disposed = await book(cases.disposed.id, '2026-03-04T09:00:00+01:00');
      appointments.held = await book(cases.held.id, '2026-03-04T09:30:00+01:00');
      await correctContacts(cases.disposed.person);
      await correctContacts(cases.held.person);
      await withdraw(cases.disposed.id);
      await withdraw(cases.held.id);
      const hold = await call('POST', `/api/cases/${cases.held.id}/legal-hold`, {
        reason: 'Ricorso al TAR n. 123/2026',
      });
      expect(hold.statusCode, hold.body).toBe(201);

      // A registration to an event held the day before, corrected by the press office.
      const eventId = newId();
      const sessionId = newId();
      const at = new Date(TEST_NOW);
      const dayBefore = new Date(at.getTime() - 86_400_000);
      await database.db
        .insertInto('outreachEvent')
        .values({
          id: eventId,
          kind: 'CONFERENCE',
          title: 'Conferenza di avvio',
          summary: 'Il progetto si presenta.',
          description: 'In Prefettura.',
          offerHours: 48,
          publishedAt: at,
          createdBy: manager.view.user.id,
          createdAt: at,
        })
        .execute();
      await database.db
        .insertInto('outreachSession')
        .values({
          id: sessionId,
          eventId,
          label: 'Mattina',
          startsAt: new Date(dayBefore.getTime() - 7_200_000),
          endsAt: dayBefore,
          venue: 'Prefettura',
          address: 'Corso Umberto I 40',
          accessibility: 'Ingresso senza gradini.',
          capacity: 50,
          registrationUntil: dayBefore,
          createdAt: at,
        })
        .execute();
      registration = {
        id: newId(),
        name: 'Nadia Benali',
        email: 'nadia.benali@example.org',
        phone: '+39 347 7654321',
      };
      await database.db
        .insertInto('outreachRegistration')
        .values({
          id: registration.id,
          sessionId,
          ticketCode: 'a1b2c3d4e5f60718',
          name: registration.name,
          email: registration.email,
          organisation: 'Associazione Mondo Aperto',
          organisationType: 'THIRD_SECTOR',
          language: 'it',
          accessibilityNeeds: null,
          interpretationLanguage: null,
          consentAt: at,
          status: 'CONFIRMED',
          createdAt: at,
          answers: '{}',
        })
        .execute();
      await writeAudit(database.db, context(), {
        kind: 'change',
        action: 'outreach.registration.correct',
        entityType: 'outreach_registration',
        entityId: registration.id,
        before: { name: 'Nadia Benalli', email: registration.email },
        after: { name: registration.name, email: registration.email, phone: registration.phone },
      });
      await sealAuditTrail(database.db, { all: true });
      // Written a moment before the disposal and not sealed yet: redacted before it enters the chain.
      await writeAudit(database.db, context(), {
        kind: 'change',
        action: 'cases.appointment.note',
        entityType: 'appointment',
        entityId: appointments.disposed,
        before: null,
        after: { notes: `Telefonare al ${cases.disposed.person.phone}` },
      });
    }, SET_UP_MS);

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
    });

    describe('when a case and a registration are disposed of', () => {
      beforeAll(async () => {
        const person = cases.disposed.person;
        expect(await entriesHolding(database.db, valuesOf(person))).not.toEqual([]);
        expect(await entriesHolding(database.db, [registration.name, registration.email])).not.toEqual([]);
        await moveClockTo(CASES_DUE);
        const result = await disposeDueRecords(t.platform, 'SCHEDULE');
        for (const key of ['cases.closed-withdrawn', 'outreach.registrations', 'cases.parties-unreferenced'])
          expect(result.find((run) => run.category === key)).toEqual({
            category: key,
            disposed: expect.any(Number),
            failure: null,
          });
        expect(result.find((run) => run.category === 'cases.closed-withdrawn')?.disposed).toBe(1);
      }, SET_UP_MS);

      it('leaves no audit entry holding the person’s name, e-mail or phone', async () => {
        expect(await entriesHolding(database.db, valuesOf(cases.disposed.person))).toEqual([]);
        expect(
          await entriesHolding(database.db, [registration.name, registration.email, registration.phone]),
        ).toEqual([]);
      });

      it('keeps who did what and when, and which fields changed, not to what', async () => {
        const { rows } = await sql<{ action: string; data: unknown }>`
          select action, data from audit_entry
          where entity_type = 'person' and entity_id = ${cases.disposed.person.id}
            and action = 'cases.person.correct'`.execute(database.db);
        expect(rows).toEqual([
          {
            action: 'cases.person.correct',
            data: {
              before: { email: REDACTED_VALUE, phone: null },
              after: { email: REDACTED_VALUE, phone: REDACTED_VALUE, name: REDACTED_VALUE },
            },
          },
        ]);
        const booking = await database.db
          .selectFrom('auditEntry')
          .select(['action', 'actorLabel', 'at'])
          .where('entityType', '=', 'appointment')
          .where('entityId', '=', appointments.disposed)
          .where('action', '=', 'cases.appointment.book')
          .executeTakeFirstOrThrow();
        expect(booking).toEqual({
          action: 'cases.appointment.book',
          actorLabel: managerEmail,
          at: new Date(TEST_NOW),
        });
      });

      it('leaves the records of the held case and their entries as they were', async () => {
        const held = await entriesHolding(database.db, [cases.held.person.email, cases.held.person.phone]);
        expect(held.map((row) => row.action)).toEqual(expect.arrayContaining(['cases.person.correct']));
      });

      it('still verifies the whole chain, the redacted entries against the hash kept for them', async () => {
        await sealAuditTrail(database.db, { all: true });
        const verification = await verifyAuditTrail(database.db);
        expect(verification).toEqual({ sealed: expect.any(Number), unsealed: 0, broken: null });
        expect(await verifyAuditCommand(database.db)).toMatchObject({ isIntact: true });
        const redactions = await database.db
          .selectFrom('auditRedaction')
          .select(['entrySeq', 'position', 'hash'])
          .execute();
        // the entry written after the last seal was redacted before the chain reached it
        expect(redactions.filter((row) => row.position === null && row.hash === null)).toHaveLength(1);
        expect(redactions.filter((row) => row.position !== null && row.hash !== null).length).toBeGreaterThan(
          2,
        );
      });

      it('finds a redacted entry changed afterwards, and refuses to change one in the database', async () => {
        const { db } = database;
        const target = await db
          .selectFrom('auditRedaction as r')
          .innerJoin('auditEntry as e', 'e.seq', 'r.entrySeq')
          .select(['r.position', 'e.seq', 'e.id'])
          .where('r.position', 'is not', null)
          .orderBy('r.position')
          .limit(1)
          .executeTakeFirstOrThrow();
        const { rows } = await sql<{ data: string }>`
          select data::text as data from audit_entry where seq = ${target.seq}`.execute(db);
        const data = rows[0]?.data as string;
        await asOwnerBypassingTriggers(
          db,
          sql`update audit_entry set data = ${JSON.stringify({ before: null, after: { email: 'x@y.z' } })}::jsonb
            where seq = ${target.seq}`,
        );
        expect((await verifyAuditTrail(db)).broken).toEqual({
          position: target.position,
          entryId: target.id,
          entrySeq: target.seq,
          reason: 'entry altered after redaction',
        });
        await asOwnerBypassingTriggers(
          db,
          sql`update audit_entry set data = ${data}::jsonb where seq = ${target.seq}`,
        );
        expect((await verifyAuditTrail(db)).broken).toBeNull();

        // the redaction's own switch lets only the data of an entry written down as redacted change
        const plain = await db
          .selectFrom('auditEntry')
          .select('seq')
          .where('action', '=', 'cases.quota.set')
          .executeTakeFirstOrThrow();
        const asRedaction = (statement: ReturnType<typeof sql>) =>
          db.transaction().execute(async (trx) => {
            await sql`set local lovit.audit_redaction = 'on'`.execute(trx);
            await statement.execute(trx);
          });
        await expect(
          asRedaction(sql`update audit_entry set data = '{}'::jsonb where seq = ${plain.seq}`),
        ).rejects.toThrow(/append-only/);
        await expect(
          asRedaction(sql`update audit_entry set action = 'altro' where seq = ${target.seq}`),
        ).rejects.toThrow(/append-only/);
        await expect(sql`delete from audit_redaction`.execute(db)).rejects.toThrow(/append-only/);
      });
    });

    describe('when the audit trail’s own time runs out', () => {
      let heldEntries: number[];

      beforeAll(async () => {
        heldEntries = (await entriesAbout(heldRecords())).map((row) => row.seq);
        expect(heldEntries.length).toBeGreaterThan(4);
        await moveClockTo(TRAIL_DUE);
        const result = await disposeDueRecords(t.platform, 'SCHEDULE');
        expect(result.find((run) => run.category === 'audit.entries')).toEqual({
          category: 'audit.entries',
          disposed: expect.any(Number),
          failure: null,
        });
        await sealAuditTrail(database.db, { all: true });
      }, SET_UP_MS);

      it('keeps the entries about the held case, its appointment and its person, and disposes of the rest', async () => {
        const kept = await entriesAbout(heldRecords());
        expect(kept.map((row) => row.seq)).toEqual(heldEntries);
        const left = await entriesAbout([
          { type: 'case', id: cases.disposed.id },
          { type: 'appointment', id: appointments.disposed },
          { type: 'person', id: cases.disposed.person.id },
        ]);
        expect(left).toEqual([]);
        const overview = await disposeDueRecords(t.platform, 'SCHEDULE');
        expect(overview.find((run) => run.category === 'audit.entries')?.disposed).toBe(0);
      });

      it('verifies the chain from the checkpoint and the kept entries one by one', async () => {
        await sealAuditTrail(database.db, { all: true });
        const verification = await verifyAuditTrail(database.db);
        expect(verification).toEqual({
          sealed: expect.any(Number),
          unsealed: 0,
          broken: null,
          disposed: expect.any(Number),
          retained: heldEntries.length,
        });
        expect((await verifyAuditCommand(database.db)).message).toMatch(
          new RegExp(`, ${heldEntries.length} entries kept under legal hold \\(checked in`),
        );
      });

      it('finds a kept entry changed, and a kept one removed, by the checkpoint’s hash of them', async () => {
        const { db } = database;
        const target = await db
          .selectFrom('auditSeal as s')
          .innerJoin('auditEntry as e', 'e.seq', 's.entrySeq')
          .select(['s.position', 'e.seq', 'e.id', 'e.action'])
          .where('e.seq', '=', heldEntries[0] as number)
          .executeTakeFirstOrThrow();
        await asOwnerBypassingTriggers(
          db,
          sql`update audit_entry set action = 'altro' where seq = ${target.seq}`,
        );
        expect((await verifyAuditTrail(db)).broken).toEqual({
          position: target.position,
          entryId: target.id,
          entrySeq: target.seq,
          reason: 'entry kept under legal hold altered after sealing',
        });
        await asOwnerBypassingTriggers(
          db,
          sql`update audit_entry set action = ${target.action} where seq = ${target.seq}`,
        );
        expect((await verifyAuditTrail(db)).broken).toBeNull();

        const { rows } = await sql<{ seal: string; entry: string }>`
          select to_jsonb(s)::text as seal, to_jsonb(e)::text as entry
          from audit_seal s join audit_entry e on e.seq = s.entry_seq where s.position = ${target.position}`.execute(
          db,
        );
        const saved = rows[0] as { seal: string; entry: string };
        await asOwnerBypassingTriggers(
          db,
          sql`with gone as (delete from audit_seal where position = ${target.position} returning entry_seq)
            delete from audit_entry where seq in (select entry_seq from gone)`,
        );
        expect((await verifyAuditTrail(db)).broken).toMatchObject({
          reason: 'seals kept under legal hold do not match the checkpoint',
        });
        await asOwnerBypassingTriggers(
          db,
          sql`insert into audit_entry overriding system value
            select * from jsonb_populate_record(null::audit_entry, ${saved.entry}::jsonb)`,
        );
        await asOwnerBypassingTriggers(
          db,
          sql`insert into audit_seal select * from jsonb_populate_record(null::audit_seal, ${saved.seal}::jsonb)`,
        );
        expect((await verifyAuditTrail(db)).broken).toBeNull();
      });

      it('disposes of them once the hold is lifted, and the chain still verifies', async () => {
        expect((await call('DELETE', `/api/cases/${cases.held.id}/legal-hold`)).statusCode).toBe(204);
        const result = await disposeDueRecords(t.platform, 'SCHEDULE');
        expect(result.find((run) => run.category === 'audit.entries')).toEqual({
          category: 'audit.entries',
          disposed: heldEntries.length,
          failure: null,
        });
        const left = await entriesAbout(heldRecords());
        expect(left.filter((row) => heldEntries.includes(row.seq))).toEqual([]);
        await sealAuditTrail(database.db, { all: true });
        const verification = await verifyAuditTrail(database.db);
        expect(verification).toEqual({
          sealed: expect.any(Number),
          unsealed: 0,
          broken: null,
          disposed: expect.any(Number),
        });
        expect(await entriesHolding(database.db, valuesOf(cases.held.person))).toEqual([]);
      });
    });
  });
}
