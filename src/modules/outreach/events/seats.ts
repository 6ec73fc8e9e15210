/**
 * The seats of a session: registration from the public site, the waitlist in arrival order, offers of freed
 * seats that pass down the list when they lapse, and cancellation.
 *
 * Registrations are written in batches: while one transaction is at the database, those arriving meanwhile
 * wait for the next, which locks their sessions, numbers them in arrival order and decides their seats in
 * that order. The lock on the session row keeps the count exact across processes; the batch keeps a click
 * day from queueing one commit per person on that lock.
 */

import { type AuditContext, type AuditRecord, writeAuditBatch } from '../../../kernel/audit.ts';
import { auditContextOf, type Caller, SYSTEM_CALLER } from '../../../kernel/auth.ts';
import { batched } from '../../../kernel/batches.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { JobDefinition } from '../../../kernel/jobs.ts';
import type { Mail } from '../../../kernel/mail.ts';
import { announceQueuedMail, type MailAbout, queueMails } from '../../../kernel/mail-outbox.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { warmLinkSigning } from '../../../kernel/signed-links.ts';
import { type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import { REGISTRATION_STATUSES } from '../contract.ts';
import { type Letter, registrationLetter, registrationLetters } from './letters.ts';
import { signTicket, ticketUrl } from './links.ts';
import { HOLDS_SEAT, LIVE, mayOffer, offerExpiry, offersFor, seatsFor, takesRegistrations } from './rules.ts';
import * as store from './store.ts';
import { newTicketCode } from './ticket-codes.ts';

/** What the public form gives, checked. */
export type Registration = {
  sessionId: string;
  name: string;
  email: string;
  organisation: string | null;
  organisationType: string | null;
  language: string;
  accessibilityNeeds: string | null;
  interpretationLanguage: string | null;
  /** The answers to the event's own questions, by question id; none when it asks none. */
  answers?: Record<string, string>;
};

export type RegistrationOutcome =
  | {
      kind: 'registered';
      registrationId: string;
      status: 'CONFIRMED' | 'WAITLISTED' | 'PENDING';
      position: number | null;
      token: string;
      eventTitle: string;
      sessionLabel: string;
    }
  | { kind: 'refused'; reason: 'unknown' | 'closed' | 'duplicate' };

type Pending = { platform: Platform; input: Registration; caller: Caller };

const BATCH = 200;
const REGISTRATION_ACTIONS = {
  CONFIRMED: 'outreach.registration.confirm',
  WAITLISTED: 'outreach.registration.waitlist',
  PENDING: 'outreach.registration.request',
} as const;
const REGISTRATION_TOPICS = {
  CONFIRMED: 'outreach.registration.confirmed',
  WAITLISTED: 'outreach.registration.waitlisted',
  PENDING: 'outreach.registration.pending',
} as const;

/** Whether a session takes registrations now: its event published, and in time. */
export const isOpen = (
  session: Pick<store.LockedSession, 'publishedAt' | 'registrationUntil' | 'startsAt'>,
  now: Date,
) => session.publishedAt !== null && takesRegistrations(session, now);

/** The title of a session's event in a language: its translation, else the event's own (Italian) title. */
const titleIn = (session: store.LockedSession, language: string) => session.titles[language] ?? session.title;

async function letterFor(
  platform: Platform,
  registration: Pick<store.RegistrationRow, 'id' | 'email' | 'name' | 'language' | 'ticketCode'>,
  session: store.LockedSession,
  kind: Letter['kind'],
  extra: Pick<Letter, 'position' | 'offerExpiresAt' | 'previousSession'> = {},
): Promise<{ letter: Letter; token: string }> {
  const token = await signTicket(platform, registration.id, session.endsAt);
  return {
    token,
    letter: {
      kind,
      to: registration.email,
      name: registration.name,
      language: registration.language,
      eventTitle: titleIn(session, registration.language),
      session,
      ticketCode: registration.ticketCode,
      link: ticketUrl(platform.config.publicUrl, registration.language, token),
      ...extra,
    },
  };
}

/** Writes one batch in one transaction; what each registration became, in the batch's order. */
async function writeBatch(platform: Platform, batch: Pending[]): Promise<RegistrationOutcome[]> {
  const now = platform.clock.now();
  let queued = 0;
  const outcomes = await platform.database.db.transaction().execute(async (trx) => {
    const sessionIds = [...new Set(batch.map((item) => item.input.sessionId))];
    const sessions = new Map((await store.lockSessions(trx, sessionIds)).map((row) => [row.id, row]));
    // the addresses already registered are read with the counts, in one statement
    const counts = await store.seatCounts(
      trx,
      sessionIds,
      batch.map((item) => item.input.email),
    );
    // The answers checked before the transaction, against the questions as they stand now: one removed or
    // changed meanwhile by the staff keeps only what still answers it.
    const questions = batch.some((item) => Object.keys(item.input.answers ?? {}).length > 0)
      ? new Map(
          (await store.heldQuestions(trx, [...new Set([...sessions.values()].map((s) => s.eventId))])).map(
            (question) => [question.id, question],
          ),
        )
      : new Map<string, { kind: string; options: string[] }>();
    const stillAnswered = (answers: Record<string, string> = {}) =>
      Object.fromEntries(
        Object.entries(answers).filter(([id, answer]) => {
          const question = questions.get(id);
          return question !== undefined && (question.kind !== 'CHOICE' || question.options.includes(answer));
        }),
      );
    const taken = new Set(
      [...counts].flatMap(([sessionId, { taken }]) => taken.map((email) => `${sessionId} ${email}`)),
    );
    const results: (RegistrationOutcome | null)[] = batch.map((item) => {
      const session = sessions.get(item.input.sessionId);
      if (!session) return { kind: 'refused', reason: 'unknown' };
      if (!isOpen(session, now)) return { kind: 'refused', reason: 'closed' };
      const key = `${item.input.sessionId} ${item.input.email}`;
      if (taken.has(key)) return { kind: 'refused', reason: 'duplicate' };
      taken.add(key);
      return null;
    });
    const accepted = batch.flatMap((item, index) => (results[index] === null ? [{ item, index }] : []));
    if (accepted.length === 0) return results as RegistrationOutcome[];
    const statuses = new Map<number, 'CONFIRMED' | 'WAITLISTED' | 'PENDING'>();
    const positions = new Map<number, number>();
    for (const sessionId of sessionIds) {
      const mine = accepted.filter(({ item }) => item.input.sessionId === sessionId);
      const session = sessions.get(sessionId);
      if (!session || mine.length === 0) continue;
      // by invitation: each request waits for the staff, holding no seat and no place in the list
      if (session.requiresApproval) {
        for (const { index } of mine) statuses.set(index, 'PENDING');
        continue;
      }
      const { held, waiting } = counts.get(sessionId) ?? { held: 0, waiting: 0 };
      let position = waiting;
      seatsFor(mine.length, session.capacity, held, waiting).forEach((status, i) => {
        const index = mine[i]?.index as number;
        statuses.set(index, status);
        if (status !== 'WAITLISTED') return;
        position += 1;
        positions.set(index, position);
      });
    }
    const rows = accepted.map(({ item, index }) => ({
      id: newId(),
      sessionId: item.input.sessionId,
      ticketCode: newTicketCode(),
      name: item.input.name,
      email: item.input.email,
      organisation: item.input.organisation,
      organisationType: item.input.organisationType,
      language: item.input.language,
      accessibilityNeeds: item.input.accessibilityNeeds,
      interpretationLanguage: item.input.interpretationLanguage,
      answers: JSON.stringify(stillAnswered(item.input.answers)),
      consentAt: now,
      status: statuses.get(index) ?? 'WAITLISTED',
      createdAt: now,
      confirmedAt: statuses.get(index) === 'CONFIRMED' ? now : null,
    }));
    // One statement: the rows are numbered in the order given, which is the order of the decisions.
    await store.insertRegistrations(trx, rows);
    await writeAuditBatch(
      trx,
      accepted.map(({ item }, i) => {
        const row = rows[i] as (typeof rows)[number];
        return {
          context: auditContextOf(item.caller, platform.clock),
          record: {
            kind: 'change' as const,
            action: REGISTRATION_ACTIONS[row.status],
            entityType: 'outreach_registration',
            entityId: row.id,
            before: null,
            after: {
              sessionId: row.sessionId,
              status: row.status,
              ticketCode: row.ticketCode,
              language: row.language,
            },
          },
        };
      }),
    );
    const letters: Letter[] = [];
    for (const [i, { index }] of accepted.entries()) {
      const row = rows[i] as (typeof rows)[number];
      const session = sessions.get(row.sessionId) as store.LockedSession;
      const position = positions.get(index) ?? null;
      const { letter, token } = await letterFor(platform, row, session, row.status, { position });
      letters.push(letter);
      results[index] = {
        kind: 'registered',
        registrationId: row.id,
        status: row.status,
        position,
        token,
        eventTitle: letter.eventTitle,
        sessionLabel: session.label,
      };
    }
    const mails = registrationLetters(letters, now).map((mail, i) => {
      const row = rows[i] as (typeof rows)[number];
      return { mail, about: { topic: REGISTRATION_TOPICS[row.status], entityId: row.id } };
    });
    await queueMails(trx, now, mails);
    queued += mails.length;
    return results as RegistrationOutcome[];
  });
  if (queued > 0) announceQueuedMail();
  return outcomes;
}

// One registration the database refused (another process took the same address meanwhile) must not sink the
// others: each is tried again alone.
const registerInBatches = batched<object, Pending, RegistrationOutcome>(
  (_database, batch) => writeBatch((batch[0] as Pending).platform, batch),
  { max: BATCH, alone: true },
);

/** Registers a person for a session: a seat while one is free and nobody waits, else the waitlist. */
export async function register(
  platform: Platform,
  caller: Caller,
  input: Registration,
): Promise<RegistrationOutcome> {
  await warmLinkSigning(platform);
  return registerInBatches(platform.database, { platform, input, caller });
}

type Queued = { mail: Mail; about: MailAbout };

/**
 * Offers the free seats of a locked session to the first of its waitlist, each with the e-mail of its offer
 * and a deadline; a newcomer cannot take a seat while it is offered. Answers the audit records and e-mails
 * of the offers, for the transaction to write.
 */
async function offerFreedSeats(
  platform: Platform,
  db: Db,
  session: store.LockedSession,
): Promise<{ records: AuditRecord[]; mails: Queued[] }> {
  const { held, waiting } = await store.seatCountOf(db, session.id);
  const now = platform.clock.now();
  const count = mayOffer(now, session.startsAt) ? offersFor(session.capacity, held, waiting) : 0;
  if (count === 0) return { records: [], mails: [] };
  const expires = offerExpiry(now, session.startsAt, session.offerHours);
  const next = await store.firstWaiting(db, session.id, count);
  await store.updateRegistrations(
    db,
    next.map((row) => row.id),
    { status: 'OFFERED', offeredAt: now, offerExpiresAt: expires },
  );
  const letters: Letter[] = [];
  for (const row of next)
    letters.push((await letterFor(platform, row, session, 'OFFERED', { offerExpiresAt: expires })).letter);
  return {
    records: next.map((row) => ({
      kind: 'change' as const,
      action: 'outreach.registration.offer',
      entityType: 'outreach_registration',
      entityId: row.id,
      before: { status: 'WAITLISTED' },
      after: { status: 'OFFERED', offerExpiresAt: expires.toISOString() },
    })),
    mails: registrationLetters(letters, now).map((mail, i) => ({
      mail,
      about: { topic: 'outreach.registration.offer', entityId: (next[i] as store.RegistrationRow).id },
    })),
  };
}

/** Writes the offers of freed seats in a use case's transaction. */
async function offerInUnit(platform: Platform, unit: UnitOfWork, session: store.LockedSession) {
  const { records, mails } = await offerFreedSeats(platform, unit.db, session);
  if (records.length > 0) await unit.auditAll(records);
  for (const { mail, about } of mails) await unit.mail(mail, about);
}

async function lockedSession(unit: UnitOfWork, sessionId: string) {
  const [session] = await store.lockSessions(unit.db, [sessionId]);
  if (!session) throw new NotFound('La sessione non esiste.');
  return session;
}

/** A registration read again once its session is locked: as it stands for this transaction. */
async function lockedRegistration(unit: UnitOfWork, registrationId: string) {
  const { row, sessions } = await lockWithRegistration(unit, registrationId);
  return { session: sessions.get(row.sessionId) as store.LockedSession, row };
}

/**
 * Locks the session a registration is in (and the others named), then reads it again. A move committed
 * meanwhile may have put it in another session: that one is locked too, until the row read is in a locked one.
 */
async function lockWithRegistration(unit: UnitOfWork, registrationId: string, others: string[] = []) {
  let seen = await store.findRegistration(unit.db, registrationId);
  if (!seen) throw new NotFound('L’iscrizione non esiste.');
  const sessions = new Map<string, store.LockedSession>();
  for (;;) {
    const wanted = [seen.sessionId, ...others].filter((id) => !sessions.has(id));
    for (const session of await store.lockSessions(unit.db, wanted)) sessions.set(session.id, session);
    const row = (await store.findRegistration(unit.db, registrationId)) as store.RegistrationRow;
    if (sessions.has(row.sessionId)) return { row, sessions };
    seen = row;
  }
}

type PendingCancellation = { platform: Platform; registrationId: string; caller: Caller };

/**
 * Locks the sessions some registrations are in, then reads them again: a move committed meanwhile may have put
 * one in another session, which is locked too, until every row read is in a locked one.
 */
async function lockWithRegistrations(db: Db, ids: readonly string[]) {
  const sessions = new Map<string, store.LockedSession>();
  let rows = await store.findRegistrations(db, ids);
  for (;;) {
    const wanted = [...new Set(rows.map((row) => row.sessionId))].filter((id) => !sessions.has(id));
    if (wanted.length === 0) return { rows, sessions };
    for (const session of await store.lockSessions(db, wanted)) sessions.set(session.id, session);
    rows = await store.findRegistrations(db, ids);
  }
}

/**
 * Writes the cancellations of one batch in one transaction, each audited as its caller's; the seats they free
 * go, session by session, to the first of the waitlist. What each answers, in the batch's order: whether it
 * cancelled, or why it could not.
 */
async function writeCancellations(platform: Platform, batch: PendingCancellation[]) {
  const at = platform.clock.now();
  let queued = 0;
  const answers = await platform.database.db.transaction().execute(async (trx) => {
    const { rows, sessions } = await lockWithRegistrations(trx, [
      ...new Set(batch.map((item) => item.registrationId)),
    ]);
    const found = new Map(rows.map((row) => [row.id, row]));
    const audits: { context: AuditContext; record: AuditRecord }[] = [];
    const cancelled: { row: store.RegistrationRow; context: AuditContext }[] = [];
    const answers = batch.map((item): boolean | NotFound => {
      const row = found.get(item.registrationId);
      if (!row) return new NotFound('L’iscrizione non esiste.');
      const context = auditContextOf(item.caller, platform.clock);
      if (!(LIVE as readonly string[]).includes(row.status) || cancelled.some((done) => done.row === row)) {
        audits.push({
          context,
          record: {
            kind: 'access',
            action: 'outreach.registration.cancel-again',
            entityType: 'outreach_registration',
            entityId: row.id,
          },
        });
        return false;
      }
      audits.push({
        context,
        record: {
          kind: 'change',
          action: 'outreach.registration.cancel',
          entityType: 'outreach_registration',
          entityId: row.id,
          before: { status: row.status },
          after: { status: 'CANCELLED', cancelledAt: at.toISOString() },
        },
      });
      cancelled.push({ row, context });
      return true;
    });
    await store.updateRegistrations(
      trx,
      cancelled.map(({ row }) => row.id),
      { status: 'CANCELLED', cancelledAt: at },
    );
    const letters: Letter[] = [];
    for (const { row } of cancelled) {
      const session = sessions.get(row.sessionId) as store.LockedSession;
      letters.push((await letterFor(platform, row, session, 'CANCELLED')).letter);
    }
    const mails: Queued[] = registrationLetters(letters, at).map((mail, i) => ({
      mail,
      about: {
        topic: 'outreach.registration.cancel',
        entityId: (cancelled[i] as (typeof cancelled)[number]).row.id,
      },
    }));
    // the offers of a session's freed seats are recorded as made by the last cancellation that freed one
    const freed = new Map<string, AuditContext>();
    for (const { row, context } of cancelled)
      if ((HOLDS_SEAT as readonly string[]).includes(row.status)) freed.set(row.sessionId, context);
    for (const [sessionId, context] of [...freed].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const offers = await offerFreedSeats(platform, trx, sessions.get(sessionId) as store.LockedSession);
      for (const record of offers.records) audits.push({ context, record });
      mails.push(...offers.mails);
    }
    await writeAuditBatch(trx, audits);
    await queueMails(trx, at, mails);
    queued += mails.length;
    return answers;
  });
  if (queued > 0) announceQueuedMail();
  return answers;
}

const cancelInBatches = batched<object, PendingCancellation, boolean>(
  (_database, batch) => writeCancellations((batch[0] as PendingCancellation).platform, batch),
  { max: BATCH },
);

/**
 * Cancels a registration (by its ticket's link, or by the staff): a seat it held goes at once to the first of
 * the waitlist as an offer. Answers false when it was no longer alive. The cancellations that come while a
 * batch is at the database are written together in the next, as registrations are.
 */
export async function cancelRegistration(
  platform: Platform,
  caller: Caller,
  registrationId: string,
): Promise<boolean> {
  await warmLinkSigning(platform);
  return cancelInBatches(platform.database, { platform, registrationId, caller });
}

export type SessionChange =
  | { kind: 'moved'; token: string }
  | {
      kind: 'refused';
      reason:
        | 'unknown'
        | 'same'
        | 'gone'
        | 'pending'
        | 'started'
        | 'closed'
        | 'invitation'
        | 'full'
        | 'duplicate';
    };

/**
 * Moves a registration to another date of its event that has a seat free and nobody waiting, as a newcomer
 * would get it: the ticket keeps its code, the seat it left goes at once to the first of its waitlist. Who
 * waits or holds an offer may move too; nobody jumps a list by moving.
 */
export async function changeSession(
  platform: Platform,
  caller: Caller,
  registrationId: string,
  toSessionId: string,
): Promise<SessionChange> {
  await warmLinkSigning(platform);
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { row, sessions } = await lockWithRegistration(unit, registrationId, [toSessionId]);
    const from = sessions.get(row.sessionId) as store.LockedSession;
    const to = sessions.get(toSessionId);
    const now = platform.clock.now();
    const refuse = async (reason: Exclude<SessionChange, { kind: 'moved' }>['reason']) => {
      await unit.audit({
        kind: 'access',
        action: 'outreach.registration.move-refused',
        entityType: 'outreach_registration',
        entityId: row.id,
        details: { reason, toSessionId },
      });
      return { kind: 'refused', reason } as const;
    };
    if (!to || to.eventId !== from.eventId) return refuse('unknown');
    if (to.id === from.id) return refuse('same');
    if (!(LIVE as readonly string[]).includes(row.status)) return refuse('gone');
    // a request waits for the staff's answer on its own date
    if (row.status === 'PENDING') return refuse('pending');
    if (from.startsAt <= now || (await store.hasEntered(unit.db, row.id))) return refuse('started');
    if (!isOpen(to, now)) return refuse('closed');
    if (to.requiresApproval) return refuse('invitation');
    const { held, waiting } = await store.seatCountOf(unit.db, to.id);
    if (seatsFor(1, to.capacity, held, waiting)[0] !== 'CONFIRMED') return refuse('full');
    if ((await store.liveAddresses(unit.db, [{ sessionId: to.id, email: row.email }])).size > 0)
      return refuse('duplicate');
    await store.updateRegistration(unit.db, row.id, {
      sessionId: to.id,
      status: 'CONFIRMED',
      confirmedAt: now,
      offeredAt: null,
      offerExpiresAt: null,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.registration.move',
      entityType: 'outreach_registration',
      entityId: row.id,
      before: { sessionId: from.id, status: row.status },
      after: { sessionId: to.id, status: 'CONFIRMED', confirmedAt: now.toISOString() },
    });
    const { letter, token } = await letterFor(platform, row, to, 'MOVED', { previousSession: from });
    await unit.mail(registrationLetter(letter, now), {
      topic: 'outreach.registration.move',
      entityId: row.id,
    });
    if ((HOLDS_SEAT as readonly string[]).includes(row.status)) await offerInUnit(platform, unit, from);
    return { kind: 'moved', token } as const;
  });
}

/**
 * Decides a request for a session by invitation. Approved, it takes a seat, or the end of the waitlist, as a
 * newcomer of this moment would: approving early never puts anyone before those already waiting. Declined,
 * it ends. Either way the person is told by e-mail.
 */
export async function decideRequest(
  platform: Platform,
  caller: Caller,
  registrationId: string,
  approve: boolean,
): Promise<'CONFIRMED' | 'WAITLISTED' | 'DECLINED'> {
  await warmLinkSigning(platform);
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { session, row } = await lockedRegistration(unit, registrationId);
    if (row.status !== 'PENDING')
      throw new Conflict(
        `La richiesta è già stata decisa: ${REGISTRATION_STATUSES[row.status].toLowerCase()}.`,
      );
    const now = platform.clock.now();
    if (approve && session.startsAt <= now)
      throw new Conflict('La data è già iniziata: la richiesta non può più essere accolta.');
    const decided = { decidedAt: now, decidedBy: caller.actor?.userId ?? null };
    if (!approve) {
      await store.updateRegistration(unit.db, row.id, { status: 'DECLINED', ...decided });
      await unit.audit({
        kind: 'change',
        action: 'outreach.registration.decline',
        entityType: 'outreach_registration',
        entityId: row.id,
        before: { status: 'PENDING' },
        after: { status: 'DECLINED' },
      });
      const { letter } = await letterFor(platform, row, session, 'DECLINED');
      await unit.mail(registrationLetter(letter, now), {
        topic: 'outreach.registration.decline',
        entityId: row.id,
      });
      return 'DECLINED';
    }
    const { held, waiting } = await store.seatCountOf(unit.db, session.id);
    const status = seatsFor(1, session.capacity, held, waiting)[0] ?? 'WAITLISTED';
    await store.renumberArrival(unit.db, row.id);
    await store.updateRegistration(unit.db, row.id, {
      status,
      confirmedAt: status === 'CONFIRMED' ? now : null,
      ...decided,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.registration.approve',
      entityType: 'outreach_registration',
      entityId: row.id,
      before: { status: 'PENDING' },
      after: { status },
    });
    const { letter } = await letterFor(platform, row, session, status, {
      position: status === 'WAITLISTED' ? waiting + 1 : null,
    });
    await unit.mail(registrationLetter(letter, now), {
      topic: REGISTRATION_TOPICS[status],
      entityId: row.id,
    });
    return status;
  });
}

/** Confirms an offered seat before its deadline; a lapsed offer has already passed down the list. */
export async function confirmOffer(platform: Platform, caller: Caller, registrationId: string) {
  await warmLinkSigning(platform);
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { session, row } = await lockedRegistration(unit, registrationId);
    const at = platform.clock.now();
    if (row.status === 'CONFIRMED') {
      await unit.audit({
        kind: 'access',
        action: 'outreach.registration.confirm-again',
        entityType: 'outreach_registration',
        entityId: row.id,
      });
      return 'CONFIRMED' as const;
    }
    if (row.status !== 'OFFERED' || !row.offerExpiresAt || row.offerExpiresAt <= at)
      throw new Conflict('Il tempo per confermare il posto è scaduto.');
    await store.updateRegistration(unit.db, row.id, { status: 'CONFIRMED', confirmedAt: at });
    await unit.audit({
      kind: 'change',
      action: 'outreach.registration.accept-offer',
      entityType: 'outreach_registration',
      entityId: row.id,
      before: { status: 'OFFERED' },
      after: { status: 'CONFIRMED', confirmedAt: at.toISOString() },
    });
    const { letter } = await letterFor(platform, row, session, 'CONFIRMED');
    await unit.mail(registrationLetter(letter, at), {
      topic: 'outreach.registration.confirmed',
      entityId: row.id,
    });
    return 'CONFIRMED' as const;
  });
}

/** Passes the offers not confirmed in time to the next in each list; answers how many lapsed. */
export async function lapseOffers(platform: Platform): Promise<number> {
  const due = await store.lapsedOffers(platform.database.db, platform.clock.now(), 500);
  if (due.length === 0) return 0;
  await warmLinkSigning(platform);
  let lapsed = 0;
  for (const sessionId of new Set(due.map((offer) => offer.sessionId)))
    lapsed += await writeTransaction(platform.database.db, platform.clock, SYSTEM_CALLER, async (unit) => {
      const session = await lockedSession(unit, sessionId);
      const now = platform.clock.now();
      const still = (await store.lapsedOffers(unit.db, now, 500)).filter(
        (offer) => offer.sessionId === sessionId,
      );
      for (const offer of still) {
        const row = (await store.findRegistration(unit.db, offer.id)) as store.RegistrationRow;
        await store.updateRegistration(unit.db, row.id, { status: 'EXPIRED' });
        await unit.audit({
          kind: 'change',
          action: 'outreach.registration.lapse',
          entityType: 'outreach_registration',
          entityId: row.id,
          before: { status: 'OFFERED' },
          after: { status: 'EXPIRED' },
        });
        const { letter } = await letterFor(platform, row, session, 'EXPIRED');
        await unit.mail(registrationLetter(letter, now), {
          topic: 'outreach.registration.lapse',
          entityId: row.id,
        });
      }
      await offerInUnit(platform, unit, session);
      // another process lapsed them first: the transaction still says it looked
      if (still.length === 0)
        await unit.audit({
          kind: 'access',
          action: 'outreach.offers.checked',
          entityType: 'outreach_session',
          entityId: sessionId,
        });
      return still.length;
    });
  return lapsed;
}

export function offerLapseJob(platform: Platform): JobDefinition {
  return {
    queue: 'outreach.offers',
    cron: '* * * * *',
    async handle() {
      await lapseOffers(platform);
    },
  };
}

/**
 * Changes the seats of a session: never below the seats held; new seats are offered at once to the first of
 * the waitlist.
 */
export async function changeCapacity(
  platform: Platform,
  caller: Caller,
  sessionId: string,
  capacity: number,
) {
  await warmLinkSigning(platform);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const session = await lockedSession(unit, sessionId);
    const { held } = await store.seatCountOf(unit.db, sessionId);
    if (capacity < held)
      throw new Invalid([
        {
          path: 'body.capacity',
          message: `${held} persone hanno già un posto (o l’offerta di uno): i posti non possono scendere sotto questo numero`,
        },
      ]);
    await unit.db.updateTable('outreachSession').set({ capacity }).where('id', '=', sessionId).execute();
    await unit.audit({
      kind: 'change',
      action: 'outreach.session.capacity',
      entityType: 'outreach_session',
      entityId: sessionId,
      before: { capacity: session.capacity },
      after: { capacity },
    });
    await offerInUnit(platform, unit, { ...session, capacity });
  });
}
