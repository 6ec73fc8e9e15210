/**
 * The messages of the exchange and how each end applies them. Every change to an opinion is one message,
 * applied by the same function at both ends: at the end that makes the change, in the change's transaction;
 * at the other end, when the signed delivery arrives (or, with one node for every body, not at all, because
 * both ends share the row). The requesting SUI's end also moves the case.
 */
import { z } from 'zod';
import type { Peer } from '../../config.ts';
import type { OpinionSubject } from '../../db/tables/exchange.ts';
import type { AuditRecord } from '../../kernel/audit.ts';
import type { Db } from '../../kernel/db.ts';
import type { FileStore } from '../../kernel/files.ts';
import { newId } from '../../kernel/ids.ts';
import { opinionChanges } from './events.ts';
import * as federation from './federation/store.ts';
import { messageRefusal, requestRefusal, SENDER_REFUSAL_TEXT, type SenderRefusal } from './rules.ts';
import * as store from './store.ts';

const isoDay = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

const subject = z.object({
  persons: z
    .array(
      z.object({
        role: text(40),
        surname: text(200),
        givenName: text(200),
        sex: z.string().max(1).optional(),
        birthDate: isoDay.optional(),
        birthPlace: z.string().max(200).optional(),
        citizenship: z.string().max(2),
        passportNumber: z.string().max(30).nullable().optional(),
        fiscalCode: z.string().max(16).nullable().optional(),
      }),
    )
    .max(20),
  employers: z
    .array(
      z.object({
        role: text(40),
        kind: text(20),
        name: text(300),
        fiscalCode: text(16),
        vatNumber: z.string().max(11).nullable().optional(),
        address: z.string().max(300).optional(),
      }),
    )
    .max(5),
  quota: z.object({ year: z.number().int(), sector: text(40) }).nullable(),
  submittedOn: isoDay,
  highRiskCountry: z.boolean(),
});

const attachment = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  filename: text(200),
  mediaType: text(100),
  size: z.number().int().min(0),
  /** The file itself, base64, when the message travels to another node. */
  content: z.base64().optional(),
});

export const PAYLOADS = {
  'opinion.requested': z.object({
    id: z.uuid(),
    requesterOrganisationId: z.uuid().nullable(),
    requesterName: text(300),
    body: z.enum(['POLICE_HQ', 'LABOUR_INSPECTORATE']),
    caseNumber: text(40),
    caseTypeCode: text(60),
    caseTypeName: text(300),
    label: text(300),
    subject,
    requestedAt: instant,
    requestedOn: isoDay,
    responseDays: z.number().int().min(1).max(365),
    dueOn: isoDay,
    silenceRule: z.string().max(500).nullable(),
  }),
  'opinion.question': z.object({
    id: z.uuid(),
    opinionId: z.uuid(),
    question: text(4000),
    askedBy: text(300),
    askedAt: instant,
    askedOn: isoDay,
  }),
  'opinion.reply': z.object({
    questionId: z.uuid(),
    opinionId: z.uuid(),
    reply: text(4000),
    repliedBy: text(300),
    repliedAt: instant,
    repliedOn: isoDay,
    dueOn: isoDay,
  }),
  'opinion.answered': z.object({
    id: z.uuid(),
    opinionId: z.uuid(),
    outcome: z.enum(['FAVOURABLE', 'UNFAVOURABLE']),
    reasons: z.string().max(4000).nullable(),
    answeredBy: text(300),
    answeredAt: instant,
    answeredOn: isoDay,
    correctsId: z.uuid().nullable(),
    attachments: z.array(attachment).max(10),
  }),
  'opinion.lapsed': z.object({
    opinionId: z.uuid(),
    rule: text(500),
    lapsedOn: isoDay,
    at: instant,
  }),
} as const;

export type MessageKind = keyof typeof PAYLOADS;
export const MESSAGE_KINDS = Object.keys(PAYLOADS) as [MessageKind, ...MessageKind[]];
export type Payload<K extends MessageKind> = z.infer<(typeof PAYLOADS)[K]>;

/** This node, the nodes it talks to, and where it keeps files (attachments that arrive with answers). */
export type Node = { id: string; peers: readonly Peer[]; files: FileStore };

/** The node that answers for a body: the peer configured for it, or this node. */
export function answererOf(node: Node, body: string): string {
  return node.peers.find((peer) => peer.bodies.includes(body as Peer['bodies'][number]))?.id ?? node.id;
}

/** A message this end cannot apply (unknown opinion, answer out of turn): acknowledged and logged. */
export class NotApplicable extends Error {
  override name = 'NotApplicable';
}

/** A message from a node that is not the end of the opinion entitled to send it: refused and logged. */
export class NotFromItsEnd extends NotApplicable {
  override name = 'NotFromItsEnd';
  constructor(readonly reason: SenderRefusal) {
    super(SENDER_REFUSAL_TEXT[reason]);
  }
}

/** Why a request from `sender` for `body` is not accepted here, or null when it is. */
export function refusalOfRequest(node: Node, sender: string, body: string): SenderRefusal | null {
  return requestRefusal({
    sender,
    self: node.id,
    senderMayRequest: node.peers.some((peer) => peer.id === sender && peer.mayRequest),
    answersForBody: answererOf(node, body) === node.id,
  });
}

function searchTextOf(caseNumber: string, subjectOf: OpinionSubject): string {
  const words = [
    caseNumber,
    ...subjectOf.persons.flatMap((p) => [p.surname, p.givenName, p.passportNumber ?? '', p.fiscalCode ?? '']),
    ...subjectOf.employers.flatMap((e) => [e.name, e.fiscalCode]),
  ];
  return words.join(' ').toLowerCase();
}

type Applied = { audit: AuditRecord };

/**
 * Opinion requests from one sender, applied together (a delivery carries many): one statement for the rows,
 * the answering office looked up once per body.
 */
export async function applyRequests(
  db: Db,
  node: Node,
  origin: string,
  payloads: readonly Payload<'opinion.requested'>[],
  now: Date,
): Promise<AuditRecord[]> {
  const offices = new Map<string, string | null>();
  const rows = [];
  for (const p of payloads) {
    const answerer = origin === node.id ? answererOf(node, p.body) : node.id;
    if (answerer === node.id && !offices.has(p.body))
      offices.set(p.body, await store.answeringOrganisation(db, p.body));
    rows.push({
      id: p.id,
      originNode: origin,
      requesterOrganisationId: origin === node.id ? p.requesterOrganisationId : null,
      requesterName: p.requesterName,
      body: p.body,
      answererNode: answerer,
      organisationId: answerer === node.id ? (offices.get(p.body) ?? null) : null,
      caseNumber: p.caseNumber,
      caseTypeCode: p.caseTypeCode,
      caseTypeName: p.caseTypeName,
      label: p.label,
      subject: JSON.stringify(p.subject),
      searchText: searchTextOf(p.caseNumber, p.subject),
      requestedAt: p.requestedAt,
      requestedOn: p.requestedOn,
      responseDays: p.responseDays,
      dueOn: p.dueOn,
      silenceRule: p.silenceRule,
      state: 'PENDING' as const,
      updatedAt: now,
    });
  }
  await store.insertRequests(db, rows);
  return rows.map((row) => ({
    kind: 'change',
    action: 'exchange.opinion.request',
    entityType: 'opinion_request',
    entityId: row.id,
    before: null,
    after: {
      body: row.body,
      caseNumber: row.caseNumber,
      dueOn: row.dueOn,
      origin,
      answerer: row.answererNode,
    },
  }));
}

/** The opinion a message is about, locked, once the sender is known to be the end that may send it. */
async function requestFrom(
  db: Db,
  sender: string,
  kind: Exclude<MessageKind, 'opinion.requested'>,
  id: string,
) {
  const row = await store.lockRequest(db, id);
  if (!row) throw new NotApplicable(`richiesta di parere ${id} sconosciuta`);
  const refusal = messageRefusal(kind, sender, row);
  if (refusal) throw new NotFromItsEnd(refusal);
  return row;
}

async function applyQuestion(db: Db, node: Node, sender: string, p: Payload<'opinion.question'>, now: Date) {
  const row = await requestFrom(db, sender, 'opinion.question', p.opinionId);
  if (row.state === 'ANSWERED')
    throw new NotApplicable('il parere è già stato reso: nessuna domanda possibile');
  await store.insertQuestion(db, { ...p, reply: null, repliedBy: null, repliedAt: null, repliedOn: null });
  // A question that crossed a lapse on the way is kept, but the lapse stands at both ends.
  if (row.state === 'PENDING')
    await store.updateRequest(db, p.opinionId, { state: 'QUESTION', pausedSince: p.askedOn, updatedAt: now });
  if (row.originNode === node.id)
    await opinionChanges.publish(db, now, {
      opinionId: p.opinionId,
      event: { kind: 'OPINION_QUESTION', onDay: p.askedOn, actorLabel: p.askedBy, reason: p.question },
    });
  return {
    audit: {
      kind: 'change',
      action: 'exchange.opinion.ask',
      entityType: 'opinion_request',
      entityId: p.opinionId,
      before: { state: row.state },
      after: { state: 'QUESTION', question: p.id },
    },
  } satisfies Applied;
}

async function applyReply(db: Db, node: Node, sender: string, p: Payload<'opinion.reply'>, now: Date) {
  const row = await requestFrom(db, sender, 'opinion.reply', p.opinionId);
  const replied = await store.replyQuestion(db, p.opinionId, p.questionId, {
    reply: p.reply,
    repliedBy: p.repliedBy,
    repliedAt: p.repliedAt,
    repliedOn: p.repliedOn,
  });
  if (!replied) throw new NotApplicable('la domanda non è aperta su questo parere');
  if (row.state === 'QUESTION')
    await store.updateRequest(db, p.opinionId, {
      state: 'PENDING',
      pausedSince: null,
      dueOn: p.dueOn,
      updatedAt: now,
    });
  if (row.originNode === node.id)
    await opinionChanges.publish(db, now, {
      opinionId: p.opinionId,
      dueOn: p.dueOn,
      event: {
        kind: 'OPINION_QUESTION_ANSWERED',
        onDay: p.repliedOn,
        actorLabel: p.repliedBy,
        reason: p.reply,
      },
    });
  return {
    audit: {
      kind: 'change',
      action: 'exchange.opinion.reply',
      entityType: 'opinion_request',
      entityId: p.opinionId,
      before: { state: row.state, dueOn: row.dueOn },
      after: { state: 'PENDING', dueOn: p.dueOn, question: p.questionId },
    },
  } satisfies Applied;
}

/**
 * Stores the files an answer carries, checking each against the SHA-256 it claims; keeps the references. A
 * file always comes with its content: a hash alone would let the sender name a file it never had.
 */
async function receiveAttachments(node: Node, attachments: Payload<'opinion.answered'>['attachments']) {
  const kept = [];
  for (const { content, ...reference } of attachments) {
    if (content === undefined) throw new NotApplicable(`l’allegato «${reference.filename}» manca`);
    const stored = await node.files.put(Buffer.from(content, 'base64'), reference.filename);
    if (stored.sha256 !== reference.sha256)
      throw new NotApplicable(`l’allegato «${reference.filename}» non corrisponde alla sua impronta`);
    // the size and type served to users are the ones measured here: the sender's could truncate a download
    kept.push({ ...reference, size: stored.size, mediaType: stored.mediaType });
  }
  return kept;
}

async function applyAnswered(db: Db, node: Node, sender: string, p: Payload<'opinion.answered'>, now: Date) {
  const row = await requestFrom(db, sender, 'opinion.answered', p.opinionId);
  const latest = await store.latestAnswerId(db, p.opinionId);
  if (p.correctsId === null ? latest !== null : p.correctsId !== latest)
    throw new NotApplicable('la risposta non segue l’ultima risposta registrata');
  const attachments = await receiveAttachments(node, p.attachments);
  await store.insertAnswer(db, { ...p, attachments: JSON.stringify(attachments) });
  await store.updateRequest(db, p.opinionId, {
    state: 'ANSWERED',
    outcome: p.outcome,
    pausedSince: null,
    closedAt: row.closedAt ?? p.answeredAt,
    updatedAt: now,
  });
  if (row.originNode === node.id)
    await opinionChanges.publish(db, now, {
      opinionId: p.opinionId,
      outcome: p.outcome,
      answeredAt: p.answeredAt,
      notes: p.reasons,
      event: {
        kind: p.correctsId ? 'OPINION_CORRECTED' : 'OPINION_RECEIVED',
        onDay: p.answeredOn,
        actorLabel: p.answeredBy,
        reason: p.reasons,
        data: { outcome: p.outcome, late: row.state === 'SILENT_CONSENT' },
      },
    });
  return {
    audit: {
      kind: 'change',
      action: p.correctsId ? 'exchange.opinion.correct' : 'exchange.opinion.answer',
      entityType: 'opinion_request',
      entityId: p.opinionId,
      before: { state: row.state, outcome: row.outcome },
      after: { state: 'ANSWERED', outcome: p.outcome, answer: p.id },
    },
  } satisfies Applied;
}

async function applyLapsed(db: Db, node: Node, sender: string, p: Payload<'opinion.lapsed'>, now: Date) {
  const row = await requestFrom(db, sender, 'opinion.lapsed', p.opinionId);
  // An answer that crossed the lapse on the way wins at both ends: the opinion stays answered.
  if (row.state === 'ANSWERED' || row.state === 'SILENT_CONSENT')
    return {
      audit: {
        kind: 'change',
        action: 'exchange.opinion.lapse-ignored',
        entityType: 'opinion_request',
        entityId: p.opinionId,
        before: { state: row.state },
        after: { state: row.state },
      },
    } satisfies Applied;
  await store.updateRequest(db, p.opinionId, {
    state: 'SILENT_CONSENT',
    outcome: 'SILENT_CONSENT',
    pausedSince: null,
    closedAt: p.at,
    updatedAt: now,
  });
  if (row.originNode === node.id)
    await opinionChanges.publish(db, now, {
      opinionId: p.opinionId,
      outcome: 'SILENT_CONSENT',
      answeredAt: p.at,
      notes: p.rule,
      event: { kind: 'OPINION_SILENT_CONSENT', onDay: p.lapsedOn, actorLabel: 'sistema', reason: p.rule },
    });
  return {
    audit: {
      kind: 'change',
      action: 'exchange.opinion.silent-consent',
      entityType: 'opinion_request',
      entityId: p.opinionId,
      before: { state: row.state },
      after: { state: 'SILENT_CONSENT', rule: p.rule, lapsedOn: p.lapsedOn },
    },
  } satisfies Applied;
}

/** Applies one message at this end; `sender` is the node it came from (this node for its own changes). */
export async function applyMessage(
  db: Db,
  node: Node,
  sender: string,
  kind: MessageKind,
  payload: unknown,
  now: Date,
): Promise<Applied> {
  switch (kind) {
    case 'opinion.requested': {
      const request = PAYLOADS[kind].parse(payload);
      const refusal = refusalOfRequest(node, sender, request.body);
      if (refusal) throw new NotFromItsEnd(refusal);
      const [audit] = await applyRequests(db, node, sender, [request], now);
      return { audit: audit as AuditRecord };
    }
    case 'opinion.question':
      return applyQuestion(db, node, sender, PAYLOADS[kind].parse(payload), now);
    case 'opinion.reply':
      return applyReply(db, node, sender, PAYLOADS[kind].parse(payload), now);
    case 'opinion.answered':
      return applyAnswered(db, node, sender, PAYLOADS[kind].parse(payload), now);
    case 'opinion.lapsed':
      return applyLapsed(db, node, sender, PAYLOADS[kind].parse(payload), now);
  }
}

function toOutbox(node: Node, otherEnd: string, kind: MessageKind, payloads: readonly object[], now: Date) {
  if (otherEnd === node.id) return [];
  return payloads.map((payload) => ({
    id: newId(),
    peer: otherEnd,
    kind,
    payload: JSON.stringify(payload),
    createdAt: now,
    nextAttemptAt: now,
  }));
}

/**
 * Makes a change at this end and, when the other end of the opinion is another node, writes the message to
 * the outbox in the same transaction. Returns the audit record of the change.
 */
export async function change<K extends MessageKind>(
  db: Db,
  node: Node,
  otherEnd: string,
  kind: K,
  payload: Payload<K>,
  now: Date,
): Promise<Applied> {
  const applied = await applyMessage(db, node, node.id, kind, payload, now);
  await federation.enqueue(db, toOutbox(node, otherEnd, kind, [payload], now));
  return applied;
}

/** Many opinion requests answered at the same end, with their messages, in the caller's transaction. */
export async function requestAll(
  db: Db,
  node: Node,
  otherEnd: string,
  payloads: readonly Payload<'opinion.requested'>[],
  now: Date,
): Promise<AuditRecord[]> {
  const records = await applyRequests(db, node, node.id, payloads, now);
  await federation.enqueue(db, toOutbox(node, otherEnd, 'opinion.requested', payloads, now));
  return records;
}
