/**
 * Intake of case files at click-day scale. A submission is checked alone (`intake-rules.ts`), then queued;
 * one writer per process commits the queue in batches, in arrival order: quota places and protocol numbers
 * are taken for the whole batch with one locked update each, so the order of admission is the order of
 * arrival and the quota is never exceeded. While a batch commits, the next one gathers (group commit).
 * A batch that fails is retried one submission at a time, so one bad submission never sinks the others.
 */
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { CaseEventTable, CaseFileTable, CasePartyTable, IntakeRequestTable } from '../../db/schema.ts';
import type { AuditContext } from '../../kernel/audit.ts';
import { writeAuditBatch } from '../../kernel/audit.ts';
import type { DatabaseHandle } from '../../kernel/db.ts';
import { AppError, Conflict, Invalid } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { newVerificationCode } from '../../kernel/pdf.ts';
import type { IntakeInput, IntakeResult } from './contract.ts';
import type { CaseTypeVersion } from './definitions.ts';
import { type CheckedSubmission, personKey } from './intake-rules.ts';
import * as store from './intake-store.ts';

/** A checked submission waiting for its batch. */
export type QueuedSubmission = {
  organisationId: string;
  provinceCode: string;
  definition: CaseTypeVersion;
  input: IntakeInput;
  checked: CheckedSubmission;
  channel: 'DESK' | 'API' | 'IMPORT';
  idempotencyKey: string | null;
  bodyHash: string;
  receivedAt: Date;
  submittedOn: string;
  /** The legal due date if admitted, from the term alone (no event has happened yet). */
  dueOn: string;
  highRiskCountry: boolean;
  audit: AuditContext;
};

export type IntakeOutcome = { result: IntakeResult; replayed: boolean };

type Pending = {
  submission: QueuedSubmission;
  resolve(outcome: IntakeOutcome): void;
  reject(error: unknown): void;
};

const MAX_BATCH = 400;

export function bodyHashOf(input: IntakeInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url');
}

/** The year of a legal day in Europe/Rome: protocol numbers and quotas restart on 1 January there. */
const yearOf = (legalDay: string) => Number(legalDay.slice(0, 4));

const protocolNumber = (province: string, year: number, sequence: number) =>
  `${province}-${year}-${String(sequence).padStart(6, '0')}`;

function replayOf(
  first: Pending['submission'],
  stored: { bodyHash: string; response: unknown },
): IntakeOutcome {
  if (stored.bodyHash !== first.bodyHash)
    throw new Conflict(
      'Questa chiave di idempotenza è già stata usata per una domanda diversa.',
      { idempotencyKey: first.idempotencyKey },
      [{ path: 'headers.idempotency-key', message: 'chiave già usata con un contenuto diverso' }],
    );
  return { result: stored.response as IntakeResult, replayed: true };
}

type Written = Map<Pending, IntakeOutcome | AppError>;

/** Writes one batch of one office in one transaction; answers each submission's outcome. */
async function writeBatch(database: DatabaseHandle, batch: Pending[]): Promise<Written> {
  const outcomes: Written = new Map();
  const followers: [Pending, Pending][] = [];
  await database.db.transaction().execute(async (trx) => {
    const organisationId = batch[0]?.submission.organisationId ?? '';
    // Idempotency: a key seen before answers the first answer; a key twice in the batch follows the first.
    const keys = batch.flatMap((p) => (p.submission.idempotencyKey ? [p.submission.idempotencyKey] : []));
    const stored = new Map(
      (await store.findIntakeRequests(trx, organisationId, keys)).map((row) => [row.idempotencyKey, row]),
    );
    const firstByKey = new Map<string, Pending>();
    const fresh: Pending[] = [];
    for (const pending of batch) {
      const key = pending.submission.idempotencyKey;
      const previous = key ? stored.get(key) : undefined;
      if (key && previous) {
        try {
          outcomes.set(pending, replayOf(pending.submission, previous));
        } catch (error) {
          outcomes.set(pending, error as AppError);
        }
      } else if (key && firstByKey.has(key)) {
        followers.push([pending, firstByKey.get(key) as Pending]);
      } else {
        if (key) firstByKey.set(key, pending);
        fresh.push(pending);
      }
    }

    // Quota: one locked update per year and sector, places given in arrival order.
    const admitted = new Set<Pending>();
    const ranks = new Map<Pending, number>();
    const groups = new Map<string, Pending[]>();
    for (const pending of fresh) {
      const { definition, input, submittedOn } = pending.submission;
      if (!definition.quota) continue;
      const group = `${yearOf(submittedOn)}|${input.quotaSector}`;
      groups.set(group, [...(groups.get(group) ?? []), pending]);
    }
    const accepted: Pending[] = fresh.filter((pending) => !pending.submission.definition.quota);
    for (const [group, members] of groups) {
      const [year, sector] = group.split('|') as [string, string];
      const taken = await store.takeQuota(
        trx,
        { organisationId, year: Number(year), sector },
        members.length,
      );
      if (!taken) {
        for (const pending of members)
          outcomes.set(
            pending,
            new Invalid([
              {
                path: 'quotaSector',
                message: `nessuna quota assegnata alla provincia per ${sector} nel ${year}`,
              },
            ]),
          );
        continue;
      }
      members.forEach((pending, index) => {
        if (index < taken.after - taken.before) {
          admitted.add(pending);
          ranks.set(pending, taken.before + index + 1);
        }
        accepted.push(pending);
      });
    }
    accepted.sort((a, b) => batch.indexOf(a) - batch.indexOf(b));
    if (accepted.length === 0) return;

    // Protocol numbers, gap-free: allocated in this transaction, for every accepted submission.
    const byYear = new Map<number, Pending[]>();
    for (const pending of accepted) {
      const year = yearOf(pending.submission.submittedOn);
      byYear.set(year, [...(byYear.get(year) ?? []), pending]);
    }
    const sequences = new Map<Pending, { year: number; sequence: number }>();
    for (const [year, members] of byYear) {
      const first = await store.allocateProtocolNumbers(trx, organisationId, year, members.length);
      members.forEach((pending, index) => {
        sequences.set(pending, { year, sequence: first + index });
      });
    }

    const partyIds = await registerParties(trx, organisationId, accepted);
    const rows = {
      cases: [] as Insertable<CaseFileTable>[],
      parties: [] as Insertable<CasePartyTable>[],
      events: [] as Insertable<CaseEventTable>[],
      requests: [] as Insertable<IntakeRequestTable>[],
    };
    const auditEntries: Parameters<typeof writeAuditBatch>[1][number][] = [];
    for (const pending of accepted) {
      const s = pending.submission;
      const { year, sequence } = sequences.get(pending) as { year: number; sequence: number };
      const inQuota = s.definition.quota !== null;
      const isAdmitted = !inQuota || admitted.has(pending);
      const state = isAdmitted ? s.definition.initialState : (s.definition.quotaExhaustedState as string);
      const id = newId();
      const number = protocolNumber(s.provinceCode, year, sequence);
      const result: IntakeResult = {
        id,
        number,
        state,
        admitted: isAdmitted,
        quotaRank: ranks.get(pending) ?? null,
        receivedAt: s.receivedAt.toISOString(),
        dueOn: isAdmitted ? s.dueOn : null,
        receiptUrl: `/api/cases/${id}/receipt`,
      };
      rows.cases.push({
        id,
        organisationId,
        number,
        year,
        sequence,
        typeCode: s.definition.code,
        typeValidFrom: s.definition.validFrom,
        state,
        closed: !isAdmitted,
        channel: s.channel,
        externalReference: s.input.externalReference ?? null,
        quotaYear: inQuota ? year : null,
        quotaSector: inQuota ? (s.input.quotaSector ?? null) : null,
        quotaRank: result.quotaRank,
        receivedAt: s.receivedAt,
        submittedOn: s.submittedOn,
        dueOn: result.dueOn,
        highRiskCountry: s.highRiskCountry,
        title: s.checked.title,
        language: s.checked.language,
        receiptCode: newVerificationCode(),
        updatedAt: s.receivedAt,
      });
      for (const party of s.checked.parties) {
        const partyId = partyIds.get(party) as string;
        rows.parties.push({
          caseId: id,
          role: party.role,
          personId: party.person ? partyId : null,
          employerId: party.employer ? partyId : null,
        });
      }
      rows.events.push({
        id: newId(),
        caseId: id,
        at: s.receivedAt,
        onDay: s.submittedOn,
        kind: isAdmitted ? 'SUBMITTED' : 'QUOTA_EXHAUSTED',
        toState: state,
        actorUserId: s.audit.actorUserId,
        actorLabel: s.audit.actorLabel ?? 'sistema',
        data: JSON.stringify({ channel: s.channel, details: s.input.details, quotaRank: result.quotaRank }),
      });
      if (s.idempotencyKey)
        rows.requests.push({
          organisationId,
          idempotencyKey: s.idempotencyKey,
          bodyHash: s.bodyHash,
          caseId: id,
          createdAt: s.receivedAt,
          response: JSON.stringify(result),
        });
      auditEntries.push({
        context: s.audit,
        record: {
          kind: 'change',
          action: 'cases.case.submit',
          entityType: 'case',
          entityId: id,
          before: null,
          after: { number, type: s.definition.code, state, channel: s.channel, quotaRank: result.quotaRank },
        },
      });
      outcomes.set(pending, { result, replayed: false });
    }
    await store.insertCaseRows(trx, rows);
    await writeAuditBatch(trx, auditEntries);
  });
  for (const [follower, first] of followers) {
    const outcome = outcomes.get(first);
    if (outcome === undefined || outcome instanceof AppError)
      outcomes.set(follower, outcome ?? new Conflict('Domanda non registrata.'));
    else
      try {
        outcomes.set(
          follower,
          replayOf(follower.submission, { bodyHash: first.submission.bodyHash, response: outcome.result }),
        );
      } catch (error) {
        outcomes.set(follower, error as AppError);
      }
  }
  return outcomes;
}

/** Finds or registers the parties of a batch: one person per passport or fiscal code, one employer per code. */
async function registerParties(
  trx: Parameters<typeof store.findPersons>[0],
  organisationId: string,
  accepted: Pending[],
): Promise<Map<object, string>> {
  const ids = new Map<object, string>();
  const parties = accepted.flatMap((pending) => pending.submission.checked.parties);
  const persons = parties.flatMap((party) => (party.person ? [{ party, person: party.person }] : []));
  const now = accepted[0]?.submission.receivedAt ?? new Date();
  const lookUp = async () => {
    const found = await store.findPersons(
      trx,
      organisationId,
      persons.flatMap(({ person }) => (person.passport ? [person.passport.number] : [])),
      persons.flatMap(({ person }) => (person.fiscalCode ? [person.fiscalCode] : [])),
    );
    const byKey = new Map<string, string>();
    for (const row of found) {
      if (row.passportNumber) byKey.set(`P:${row.citizenship}:${row.passportNumber}`, row.id);
      if (row.fiscalCode) byKey.set(`F:${row.fiscalCode}`, row.id);
    }
    return byKey;
  };
  const known = persons.length ? await lookUp() : new Map<string, string>();
  const match = (person: (typeof persons)[number]['person']) =>
    known.get(personKey(person)) ?? (person.fiscalCode ? known.get(`F:${person.fiscalCode}`) : undefined);
  const toInsert = new Map<string, { id: string; person: (typeof persons)[number]['person'] }>();
  for (const { person } of persons)
    if (!match(person) && !toInsert.has(personKey(person)))
      toInsert.set(personKey(person), { id: newId(), person });
  const inserted = new Set(
    (await store.insertPersons(trx, organisationId, [...toInsert.values()], now)).map((r) => r.id),
  );
  const raced = [...toInsert.values()].some(({ id }) => !inserted.has(id));
  const again = raced ? await lookUp() : known;
  for (const { party, person } of persons) {
    const id =
      again.get(personKey(person)) ??
      (person.fiscalCode ? again.get(`F:${person.fiscalCode}`) : undefined) ??
      toInsert.get(personKey(person))?.id;
    ids.set(party, id as string);
  }

  const employers = parties.flatMap((party) => (party.employer ? [{ party, employer: party.employer }] : []));
  const unique = new Map(employers.map(({ employer }) => [employer.fiscalCode, employer]));
  const rows = await store.upsertEmployers(trx, organisationId, [...unique.values()], now);
  const byCode = new Map(rows.map((row) => [row.fiscalCode, row.id]));
  for (const { party, employer } of employers) ids.set(party, byCode.get(employer.fiscalCode) as string);
  return ids;
}

/**
 * How long a submission that arrived earlier may hold back later ones while it is still being read and
 * checked. A request stalled longer (a client that sends its body slowly) loses its place, not the others.
 */
const ARRIVAL_WAIT_MS = 250;

/**
 * The single writer of a process: batches submissions while the previous batch commits, in the order the
 * requests arrived. Each request takes a ticket the moment it arrives, before authentication and checks; a
 * submission waits in the queue until every earlier ticket has been queued or has ended without a submission.
 */
class IntakeWriter {
  readonly #queue: (Pending & { ticket: number })[] = [];
  /** Tickets of requests still being authenticated or checked, with their arrival time. */
  readonly #outstanding = new Map<number, number>();
  #nextTicket = 0;
  #running = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(readonly database: DatabaseHandle) {}

  ticket(): number {
    const ticket = this.#nextTicket++;
    this.#outstanding.set(ticket, Date.now());
    return ticket;
  }

  /** The request of a ticket ended without a submission (refused input, an error): it holds nobody back. */
  release(ticket: number): void {
    if (this.#outstanding.delete(ticket)) this.#kick();
  }

  submit(submission: QueuedSubmission, ticket: number): Promise<IntakeOutcome> {
    return new Promise((resolve, reject) => {
      this.#outstanding.delete(ticket);
      let at = this.#queue.length;
      while (at > 0 && (this.#queue[at - 1]?.ticket ?? -1) > ticket) at--;
      this.#queue.splice(at, 0, { submission, resolve, reject, ticket });
      this.#kick();
    });
  }

  #kick(): void {
    if (!this.#running) void this.#drain();
  }

  /** The first ticket that still holds the queue back, forgetting those that waited too long. */
  #barrier(): number {
    const now = Date.now();
    let lowest = Number.POSITIVE_INFINITY;
    for (const [ticket, arrivedAt] of this.#outstanding) {
      if (now - arrivedAt > ARRIVAL_WAIT_MS) this.#outstanding.delete(ticket);
      else if (ticket < lowest) lowest = ticket;
    }
    return lowest;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    try {
      for (;;) {
        const barrier = this.#barrier();
        const ready = this.#queue.findIndex((pending) => pending.ticket > barrier);
        const count = Math.min(ready === -1 ? this.#queue.length : ready, MAX_BATCH);
        if (count === 0) break;
        const organisationId = this.#queue[0]?.submission.organisationId;
        const batch: Pending[] = [];
        for (let i = 0; i < count && batch.length < MAX_BATCH; ) {
          const pending = this.#queue[i] as Pending;
          if (pending.submission.organisationId !== organisationId) break;
          batch.push(pending);
          i++;
        }
        this.#queue.splice(0, batch.length);
        await this.#commit(batch);
      }
    } finally {
      this.#running = false;
    }
    if (this.#queue.length && !this.#timer)
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#kick();
      }, ARRIVAL_WAIT_MS / 5);
  }

  async #commit(batch: Pending[]): Promise<void> {
    try {
      const outcomes = await writeBatch(this.database, batch);
      for (const pending of batch) settle(pending, outcomes.get(pending));
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One submission broke the batch (a race on a unique key, a value the database refused): retry alone.
      for (const pending of batch) await this.#commit([pending]);
    }
  }
}

function settle(pending: Pending, outcome: IntakeOutcome | AppError | undefined): void {
  if (outcome === undefined) pending.reject(new Error('submission left without an outcome'));
  else if (outcome instanceof AppError) pending.reject(outcome);
  else pending.resolve(outcome);
}

const writers = new WeakMap<DatabaseHandle, IntakeWriter>();

function writerOf(database: DatabaseHandle): IntakeWriter {
  let writer = writers.get(database);
  if (!writer) {
    writer = new IntakeWriter(database);
    writers.set(database, writer);
  }
  return writer;
}

/** Takes the arrival ticket of a submission request: call it as the request arrives, before any wait. */
export function takeArrivalTicket(database: DatabaseHandle): number {
  return writerOf(database).ticket();
}

/** Gives back the ticket of a request that ended without queuing a submission. */
export function releaseArrivalTicket(database: DatabaseHandle, ticket: number): void {
  writerOf(database).release(ticket);
}

/** Queues a checked submission for the process's writer, in its arrival place, and waits for its outcome. */
export function enqueueSubmission(
  database: DatabaseHandle,
  submission: QueuedSubmission,
  ticket: number,
): Promise<IntakeOutcome> {
  return writerOf(database).submit(submission, ticket);
}
