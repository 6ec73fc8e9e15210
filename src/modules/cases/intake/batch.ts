/**
 * The write of one intake batch, in one transaction: idempotency keys, quota places, protocol numbers,
 * parties, cases, first events and audit entries, a statement per kind of row. It runs on the intake writer's
 * thread (see `service.ts`), so it imports nothing that a worker thread cannot load as plain TypeScript.
 */
import { type AuditContext, auditRow } from '../../../kernel/audit.ts';
import { newVerificationCode } from '../../../kernel/codes.ts';
import type { Db } from '../../../kernel/db.ts';
import { newId } from '../../../kernel/ids.ts';
import type { IntakeInput, IntakeResult, PersonInput } from '../contract.ts';
import type { CaseTypeVersion } from '../law/definitions.ts';

export type IntakeTypeFacts = Pick<
  CaseTypeVersion,
  'code' | 'validFrom' | 'initialState' | 'quotaExhaustedState'
> & {
  quota: { sectors: string[] } | null;
};

import type { CheckedSubmission } from './rules.ts';
import * as store from './store.ts';

/** A checked submission waiting for its batch. */
export type QueuedSubmission = {
  organisationId: string;
  provinceCode: string;
  /** What the writer needs of the case type (the whole definition would be copied to its thread each time). */
  definition: IntakeTypeFacts;
  /** What the writer needs of the input besides the checked parties (which already carry the parties' data). */
  input: Pick<IntakeInput, 'quotaSector' | 'externalReference' | 'details'>;
  checked: CheckedSubmission;
  channel: 'DESK' | 'API' | 'IMPORT';
  idempotencyKey: string | null;
  bodyHash: string;
  receivedAt: Date;
  submittedOn: string;
  /** The day the request was imputed to the quota, if the type has one (an import may carry an earlier day). */
  quotaImputedOn: string | null;
  /** The legal due date if admitted, from the term alone (no event has happened yet). */
  dueOn: string;
  /** Whether the patron day counted as a holiday for that due date (office setting). */
  patronDayInTerms: boolean;
  highRiskCountry: boolean;
  audit: AuditContext;
};

/** What became of one submission: plain data, so that it crosses from the writer's thread. */
export type BatchOutcome =
  | { kind: 'written'; result: IntakeResult; replayed: boolean }
  | { kind: 'conflict'; detail: string; errors: { path: string; message: string }[] }
  | { kind: 'invalid'; errors: { path: string; message: string }[] }
  /** The database refused the submission even alone: its SQLSTATE code, so a unique violation answers 409. */
  | { kind: 'failed'; message: string; code?: string }
  /** The database went out of reach: the submission may be sent again. */
  | { kind: 'unavailable' };

/** The key that makes two registrations the same person: passport of a country, else fiscal code. */
export function personKey(person: Pick<PersonInput, 'citizenship' | 'passport' | 'fiscalCode'>): string {
  return person.passport ? `P:${person.citizenship}:${person.passport.number}` : `F:${person.fiscalCode}`;
}

/** The year of a legal day in Europe/Rome: protocol numbers and quotas restart on 1 January there. */
const yearOf = (legalDay: string) => Number(legalDay.slice(0, 4));

const protocolNumber = (province: string, year: number, sequence: number) =>
  `${province}-${year}-${String(sequence).padStart(6, '0')}`;

function replayOf(
  submission: QueuedSubmission,
  stored: { bodyHash: string; response: unknown },
): BatchOutcome {
  if (stored.bodyHash !== submission.bodyHash)
    return {
      kind: 'conflict',
      detail: 'Questa chiave di idempotenza è già stata usata per una domanda diversa.',
      errors: [{ path: 'headers.idempotency-key', message: 'chiave già usata con un contenuto diverso' }],
    };
  return { kind: 'written', result: stored.response as IntakeResult, replayed: true };
}

/** A batch after its first phase: what the second phase needs, inside the same transaction. */
export type PreparedBatch = {
  batch: QueuedSubmission[];
  organisationId: string;
  outcomes: Map<QueuedSubmission, BatchOutcome>;
  /** Submissions whose key came earlier in the same batch: they answer as that one does. */
  followers: [QueuedSubmission, QueuedSubmission][];
  /** Submissions to write, in arrival order: new keys, with a quota for their year and sector if they need one. */
  writable: QueuedSubmission[];
  /** Submissions that need a quota place, by `year|sector`. */
  quotaGroups: Map<string, QueuedSubmission[]>;
  partyIds: Map<object, string>;
};

const quotaGroupOf = (pending: QueuedSubmission) =>
  `${yearOf(pending.submittedOn)}|${pending.input.quotaSector}`;

/**
 * The first phase of a batch: idempotency keys looked up, submissions without a quota for their sector refused,
 * parties found or registered. It takes no lock that the next batch waits for, so the intake writer runs it
 * while the previous batch is still committing.
 */
export async function prepareBatch(
  trx: store.BatchTransaction,
  batch: QueuedSubmission[],
): Promise<PreparedBatch> {
  const outcomes = new Map<QueuedSubmission, BatchOutcome>();
  const followers: [QueuedSubmission, QueuedSubmission][] = [];
  const organisationId = batch[0]?.organisationId ?? '';
  const quotaGroups = new Map<string, QueuedSubmission[]>();
  for (const pending of batch) {
    if (!pending.definition.quota) continue;
    const group = quotaGroupOf(pending);
    quotaGroups.set(group, [...(quotaGroups.get(group) ?? []), pending]);
  }
  const found = await store.lookUpBatch(trx, organisationId, {
    keys: batch.flatMap((s) => (s.idempotencyKey ? [s.idempotencyKey] : [])),
    quotas: [...quotaGroups.keys()].map((group) => {
      const [year, sector] = group.split('|') as [string, string];
      return { year: Number(year), sector };
    }),
  });
  // Idempotency: a key seen before answers the first answer; a key twice in the batch follows the first.
  const stored = new Map(found.requests.map((row) => [row.idempotencyKey, row]));
  const firstByKey = new Map<string, QueuedSubmission>();
  const fresh: QueuedSubmission[] = [];
  for (const pending of batch) {
    const key = pending.idempotencyKey;
    const previous = key ? stored.get(key) : undefined;
    if (key && previous) {
      outcomes.set(pending, replayOf(pending, previous));
    } else if (key && firstByKey.has(key)) {
      followers.push([pending, firstByKey.get(key) as QueuedSubmission]);
    } else {
      if (key) firstByKey.set(key, pending);
      fresh.push(pending);
    }
  }

  // Only first submissions of new keys take places; those without a quota for their sector are refused.
  const firstOfKey = new Set(fresh);
  for (const [group, members] of quotaGroups) {
    const firsts = members.filter((pending) => firstOfKey.has(pending));
    if (firsts.length) quotaGroups.set(group, firsts);
    else quotaGroups.delete(group);
  }
  const existing = new Set(found.quotas.map((row) => `${row.year}|${row.sector}`));
  for (const [group, members] of quotaGroups) {
    if (existing.has(group)) continue;
    const [year, sector] = group.split('|') as [string, string];
    for (const pending of members)
      outcomes.set(pending, {
        kind: 'invalid',
        errors: [
          {
            path: 'body.quotaSector',
            message: `nessuna quota assegnata alla provincia per ${sector} nel ${year}`,
          },
        ],
      });
    quotaGroups.delete(group);
  }
  const writable = fresh.filter((pending) => !outcomes.has(pending));
  const partyIds = writable.length ? await registerParties(trx, organisationId, writable) : new Map();
  return { batch, organisationId, outcomes, followers, writable, quotaGroups, partyIds };
}

/**
 * The second phase of a batch: quota places and protocol numbers taken in arrival order with one locked
 * statement, then the cases with their parties, first events, keys and audit entries. The locks it takes are
 * held until the transaction commits, so batches pass this phase one at a time, in order.
 */
export async function finishBatch(trx: store.BatchTransaction, prepared: PreparedBatch): Promise<void> {
  const { organisationId, outcomes, writable, quotaGroups, partyIds } = prepared;
  if (writable.length === 0) return;
  const byYear = new Map<number, number>();
  for (const pending of writable) {
    const year = yearOf(pending.submittedOn);
    byYear.set(year, (byYear.get(year) ?? 0) + 1);
  }
  const taken = await store.takePlacesAndNumbers(
    trx,
    organisationId,
    [...quotaGroups].map(([group, members]) => {
      const [year, sector] = group.split('|') as [string, string];
      return { year: Number(year), sector, wanted: members.length };
    }),
    [...byYear].map(([year, count]) => ({ year, count })),
  );

  // Quota places in arrival order.
  const admitted = new Set<QueuedSubmission>();
  const ranks = new Map<QueuedSubmission, number>();
  for (const [group, members] of quotaGroups) {
    const places = taken.quotas.get(group);
    if (!places) throw new Error(`the quota ${group} is gone`);
    members.forEach((pending, index) => {
      if (index < places.after - places.before) {
        admitted.add(pending);
        ranks.set(pending, places.before + index + 1);
      }
    });
  }
  // Protocol numbers, gap-free: allocated in this transaction, for every submission written.
  const nextNumber = new Map(
    [...taken.lastNumbers].map(([year, last]) => [year, last - (byYear.get(year) ?? 0) + 1]),
  );

  const rows = {
    cases: [] as store.NewCaseFile[],
    parties: [] as store.NewCaseParty[],
    events: [] as Record<string, unknown>[],
    requests: [] as Record<string, unknown>[],
  };
  const audit: Record<string, unknown>[] = [];
  for (const s of writable) {
    const year = yearOf(s.submittedOn);
    const sequence = nextNumber.get(year) as number;
    nextNumber.set(year, sequence + 1);
    const inQuota = s.definition.quota !== null;
    const isAdmitted = !inQuota || admitted.has(s);
    const state = isAdmitted ? s.definition.initialState : (s.definition.quotaExhaustedState as string);
    const id = newId();
    const number = protocolNumber(s.provinceCode, year, sequence);
    const result: IntakeResult = {
      id,
      number,
      state,
      admitted: isAdmitted,
      quotaRank: ranks.get(s) ?? null,
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
      quotaImputedOn: inQuota && isAdmitted ? s.quotaImputedOn : null,
      dueOn: result.dueOn,
      patronDayInTerms: s.patronDayInTerms,
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
      data: { channel: s.channel, details: s.input.details, quotaRank: result.quotaRank },
    });
    if (s.idempotencyKey)
      rows.requests.push({
        organisationId,
        idempotencyKey: s.idempotencyKey,
        bodyHash: s.bodyHash,
        caseId: id,
        createdAt: s.receivedAt,
        response: result,
      });
    audit.push(
      auditRow(s.audit, {
        kind: 'change',
        action: 'cases.case.submit',
        entityType: 'case',
        entityId: id,
        before: null,
        after: { number, type: s.definition.code, state, channel: s.channel, quotaRank: result.quotaRank },
      }),
    );
    outcomes.set(s, { kind: 'written', result, replayed: false });
  }
  await store.insertCaseRows(trx, { ...rows, audit });
}

/** What became of each submission of a batch, once its transaction has committed. */
export function outcomesOf(prepared: PreparedBatch): BatchOutcome[] {
  const { outcomes, followers, batch } = prepared;
  for (const [follower, first] of followers) {
    const outcome = outcomes.get(first);
    outcomes.set(
      follower,
      outcome?.kind === 'written'
        ? replayOf(follower, { bodyHash: first.bodyHash, response: outcome.result })
        : (outcome ?? { kind: 'conflict', detail: 'Domanda non registrata.', errors: [] }),
    );
  }
  return batch.map(
    (submission) =>
      outcomes.get(submission) ?? { kind: 'conflict', detail: 'Domanda non registrata.', errors: [] },
  );
}

/** Writes one batch of one office in one transaction, both phases; answers each submission's outcome. */
export async function writeBatch(db: Db, batch: QueuedSubmission[]): Promise<BatchOutcome[]> {
  const prepared = await db.transaction().execute(async (trx) => {
    const first = await prepareBatch(trx, batch);
    await finishBatch(trx, first);
    return first;
  });
  return outcomesOf(prepared);
}

/** Finds or registers the parties of a batch: one person per passport or fiscal code, one employer per code. */
async function registerParties(
  trx: Parameters<typeof store.findPersons>[0],
  organisationId: string,
  accepted: QueuedSubmission[],
): Promise<Map<object, string>> {
  const ids = new Map<object, string>();
  const parties = accepted.flatMap((pending) => pending.checked.parties);
  const persons = parties.flatMap((party) => (party.person ? [{ party, person: party.person }] : []));
  const employers = parties.flatMap((party) => (party.employer ? [{ party, employer: party.employer }] : []));
  const now = accepted[0]?.receivedAt ?? new Date();
  // Every person is proposed as new: the registry's unique passport and fiscal code refuse those it knows.
  const proposed = new Map<string, { id: string; person: (typeof persons)[number]['person'] }>();
  for (const { person } of persons)
    if (!proposed.has(personKey(person))) proposed.set(personKey(person), { id: newId(), person });
  const unique = new Map(employers.map(({ employer }) => [employer.fiscalCode, employer]));
  const rows = await store.registerParties(
    trx,
    organisationId,
    [...proposed.values()],
    [...unique.values()],
    now,
  );
  const inserted = new Set(rows.filter((row) => row.kind === 'person').map((row) => row.id));
  const employerIds = new Map(
    rows.filter((row) => row.kind === 'employer').map((row) => [row.fiscalCode, row.id]),
  );
  // The persons registered before (or by another process meanwhile): found by passport or fiscal code.
  const known = persons.filter(({ person }) => !inserted.has(proposed.get(personKey(person))?.id ?? ''));
  const found = new Map<string, string>();
  if (known.length)
    for (const row of await store.findPersons(
      trx,
      organisationId,
      known.flatMap(({ person }) => (person.passport ? [person.passport.number] : [])),
      known.flatMap(({ person }) => (person.fiscalCode ? [person.fiscalCode] : [])),
    )) {
      if (row.passportNumber) found.set(`P:${row.citizenship}:${row.passportNumber}`, row.id);
      if (row.fiscalCode) found.set(`F:${row.fiscalCode}`, row.id);
    }
  for (const { party, person } of persons) {
    const mine = proposed.get(personKey(person));
    const id =
      mine && inserted.has(mine.id)
        ? mine.id
        : (found.get(personKey(person)) ??
          (person.fiscalCode ? found.get(`F:${person.fiscalCode}`) : undefined));
    if (!id) throw new Error('a party of the batch could not be registered');
    ids.set(party, id);
  }
  for (const { party, employer } of employers) ids.set(party, employerIds.get(employer.fiscalCode) as string);
  return ids;
}
