/**
 * Use cases of opinions between bodies: the SUI requests them (from the case workflow), the Questura and the
 * labour inspectorate answer or ask back, the SUI replies. Each change is a message applied at both ends.
 */

import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import type { OpinionSubject } from '../../db/schema-exchange.ts';
import type { AuditRecord } from '../../kernel/audit.ts';
import { type Actor, type Caller, hasPermission } from '../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import { cleanFileName, fileStoreOf, type ReadUpload } from '../../kernel/uploads.ts';
import { OPINION_BODIES } from '../cases/definitions.ts';
import type {
  answerInput,
  bulkAnswerInput,
  InboxQuery,
  OpinionDetail,
  questionInput,
  replyInput,
} from './contract.ts';
import { answererOf, change, type Node, type Payload, requestAll } from './messages.ts';
import {
  type CaseFactsForOpinion,
  checkAnswer,
  clockOf,
  firstDueOn,
  resumedDueOn,
  subjectFor,
} from './rules.ts';
import * as store from './store.ts';

type Db = Kysely<Database>;
type RequestRow = NonNullable<Awaited<ReturnType<typeof store.request>>>;

export function nodeOf(config: Config): Node {
  return { id: config.exchange.node, peers: config.exchange.peers, files: fileStoreOf(config) };
}

const BODY_TYPES = new Set(Object.keys(OPINION_BODIES));

/** The officers of the Questura and the inspectorate answer; everyone else sees their office's requests. */
function sideOf(actor: Actor): 'BODY' | 'SUI' {
  return BODY_TYPES.has(actor.organisationType) ? 'BODY' : 'SUI';
}

function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Error('an opinion use case needs a signed-in actor');
  return caller.actor;
}

const bodyName = (body: string) => OPINION_BODIES[body as keyof typeof OPINION_BODIES] ?? body;

export function titleOf(subject: OpinionSubject): string {
  const people = subject.persons.map((p) => `${p.surname} ${p.givenName}`);
  const employers = subject.employers.map((e) => e.name);
  return [...people, ...employers].join(' – ');
}

// ---- requested by the case workflow, in its transaction

export type RequiredOpinion = {
  id: string;
  body: string;
  label: string;
  responseDays: number;
  silenceConsentRule: string | null;
};

export async function requestOpinions(
  db: Db,
  config: Config,
  input: {
    requester: { organisationId: string; name: string };
    caseNumber: string;
    caseType: { code: string; name: string };
    facts: CaseFactsForOpinion;
    opinions: readonly RequiredOpinion[];
    now: Date;
    today: Temporal.PlainDate;
  },
): Promise<AuditRecord[]> {
  const node = nodeOf(config);
  const byAnswerer = new Map<string, Payload<'opinion.requested'>[]>();
  for (const opinion of input.opinions) {
    const answerer = answererOf(node, opinion.body);
    byAnswerer.set(answerer, [
      ...(byAnswerer.get(answerer) ?? []),
      {
        id: opinion.id,
        requesterOrganisationId: input.requester.organisationId,
        requesterName: input.requester.name,
        body: opinion.body as Payload<'opinion.requested'>['body'],
        caseNumber: input.caseNumber,
        caseTypeCode: input.caseType.code,
        caseTypeName: input.caseType.name,
        label: opinion.label,
        subject: subjectFor(opinion.body, input.facts),
        requestedAt: input.now.toISOString(),
        requestedOn: input.today.toString(),
        responseDays: opinion.responseDays,
        dueOn: firstDueOn(input.today.toString(), opinion.responseDays),
        silenceRule: opinion.silenceConsentRule,
      },
    ]);
  }
  const records: AuditRecord[] = [];
  for (const [answerer, payloads] of byAnswerer)
    records.push(...(await requestAll(db, node, answerer, payloads, input.now)));
  return records;
}

/** The state and clock of a case's opinions, for the case page. */
export async function opinionStates(db: Db, ids: readonly string[], today: Temporal.PlainDate) {
  if (ids.length === 0) return new Map<string, ReturnType<typeof stateOf>>();
  const rows = await db.selectFrom('opinionRequest').selectAll().where('id', 'in', ids).execute();
  const open = await db
    .selectFrom('opinionQuestion')
    .select(['id', 'opinionId', 'question', 'askedBy', 'askedOn'])
    .where('opinionId', 'in', ids)
    .where('reply', 'is', null)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      stateOf(
        row,
        today,
        open.filter((q) => q.opinionId === row.id),
      ),
    ]),
  );
}

function stateOf(
  row: RequestRow,
  today: Temporal.PlainDate,
  openQuestions: { id: string; question: string; askedBy: string; askedOn: string }[],
) {
  return { state: row.state, clock: clockOf(row, today), silenceRule: row.silenceRule, openQuestions };
}

// ---- reading

function scoped(db: Db, actor: Actor) {
  const query = db.selectFrom('opinionRequest').selectAll();
  return sideOf(actor) === 'BODY'
    ? query.where('organisationId', '=', actor.organisationId)
    : query.where('requesterOrganisationId', '=', actor.organisationId);
}

function summaryOf(row: RequestRow, today: Temporal.PlainDate, node: Node) {
  const subject = row.subject as OpinionSubject;
  return {
    id: row.id,
    body: row.body,
    bodyName: bodyName(row.body),
    caseNumber: row.caseNumber,
    caseTypeCode: row.caseTypeCode,
    caseTypeName: row.caseTypeName,
    label: row.label,
    requesterName: row.requesterName,
    title: titleOf(subject),
    requestedOn: row.requestedOn,
    state: row.state,
    outcome: row.outcome,
    clock: clockOf(row, today),
    remote: row.originNode !== node.id || row.answererNode !== node.id,
  };
}

const cursorOf = (row: { dueOn: string; id: string }) =>
  Buffer.from(`${row.dueOn}|${row.id}`).toString('base64url');

function parseCursor(after: string): { dueOn: string; id: string } {
  const [dueOn, id] = Buffer.from(after, 'base64url').toString().split('|');
  if (!dueOn || !id || !/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || !/^[0-9a-f-]{36}$/.test(id))
    throw new Invalid([{ path: 'querystring.after', message: 'posizione di pagina non valida' }]);
  return { dueOn, id };
}

/** The inbox of a body (or the requests of a SUI), soonest deadline first. */
export async function inbox(platform: Platform, caller: Caller, query: InboxQuery) {
  const actor = actorOf(caller);
  const today = platform.clock.today();
  const soon = today.add({ days: 3 }).toString();
  let select = scoped(platform.database.db, actor);
  if (query.state === 'open') select = select.where('state', 'in', ['PENDING', 'QUESTION']);
  else if (query.state === 'closed') select = select.where('state', 'in', ['ANSWERED', 'SILENT_CONSENT']);
  else if (query.state !== 'all') select = select.where('state', '=', query.state);
  if (query.clock === 'OVERDUE')
    select = select.where('state', '=', 'PENDING').where('dueOn', '<', today.toString());
  if (query.clock === 'DUE_SOON')
    select = select
      .where('state', '=', 'PENDING')
      .where('dueOn', '>=', today.toString())
      .where('dueOn', '<=', soon);
  if (query.caseType) select = select.where('caseTypeCode', '=', query.caseType);
  if (query.q)
    select = select.where('searchText', 'like', `%${query.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
  if (query.after) {
    const after = parseCursor(query.after);
    select = select.where((eb) =>
      eb.or([
        eb('dueOn', '>', after.dueOn),
        eb.and([eb('dueOn', '=', after.dueOn), eb('id', '>', after.id)]),
      ]),
    );
  }
  const rows = await select
    .orderBy('dueOn')
    .orderBy('id')
    .limit(query.pageSize + 1)
    .execute();
  const page = rows.slice(0, query.pageSize);
  const last = page.at(-1);
  const node = nodeOf(platform.config);
  return {
    items: page.map((row) => summaryOf(row, today, node)),
    next: rows.length > query.pageSize && last ? cursorOf(last) : null,
  };
}

async function scopedRequest(db: Db, actor: Actor, id: string, lock: boolean) {
  const row = lock
    ? await scoped(db, actor).where('id', '=', id).forUpdate().executeTakeFirst()
    : await scoped(db, actor).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Il parere non esiste o non è accessibile.');
  return row;
}

export async function getOpinion(platform: Platform, caller: Caller, id: string): Promise<OpinionDetail> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const row = await scopedRequest(db, actor, id, false);
  const [answers, questions] = await Promise.all([store.answers(db, id), store.questions(db, id)]);
  await auditRead(db, platform.clock, caller, 'opinion_request', id, { caseNumber: row.caseNumber });
  const today = platform.clock.today();
  const side = sideOf(actor);
  const latest = answers.filter((a) => !answers.some((b) => b.correctsId === a.id)).at(-1)?.id ?? null;
  const mayAnswer = side === 'BODY' && hasPermission(actor, 'exchange.answer');
  return {
    ...summaryOf(row, today, nodeOf(platform.config)),
    responseDays: row.responseDays,
    silenceRule: row.silenceRule,
    closedAt: row.closedAt?.toISOString() ?? null,
    subject: row.subject as OpinionDetail['subject'],
    answers: answers.map((a) => ({
      id: a.id,
      outcome: a.outcome,
      reasons: a.reasons,
      answeredBy: a.answeredBy,
      answeredAt: a.answeredAt.toISOString(),
      answeredOn: a.answeredOn,
      correctsId: a.correctsId,
      attachments: a.attachments,
    })),
    questions: questions.map((q) => ({
      id: q.id,
      question: q.question,
      askedBy: q.askedBy,
      askedOn: q.askedOn,
      reply: q.reply,
      repliedBy: q.repliedBy,
      repliedOn: q.repliedOn,
    })),
    can: {
      answer: mayAnswer && checkAnswer(row.state, latest, null).ok,
      correct: mayAnswer && latest !== null,
      ask: mayAnswer && row.state === 'PENDING',
      reply: side === 'SUI' && hasPermission(actor, 'cases.act') && questions.some((q) => q.reply === null),
    },
  };
}

// ---- answering, asking, replying

const ANSWER_REFUSALS = {
  ALREADY_ANSWERED: 'Il parere è già stato reso: per modificarlo, registrare una rettifica.',
  QUESTION_OPEN: 'È aperta una richiesta di informazioni al SUI: il parere si rende dopo la risposta.',
  NOTHING_TO_CORRECT: 'Non c’è una risposta da rettificare.',
  NOT_LATEST: 'Si può rettificare solo l’ultima risposta data.',
} as const;

type AnswerAttachments = Payload<'opinion.answered'>['attachments'];
type AnswerFields = Pick<z.infer<typeof answerInput>, 'outcome' | 'reasons' | 'corrects'>;

/**
 * The files an answer refers to, uploaded beforehand: their type and size as stored, and their content when
 * the answer travels to another node.
 */
async function attachmentsOf(
  node: Node,
  references: z.infer<typeof answerInput>['attachments'],
  withContent: boolean,
): Promise<AnswerAttachments> {
  const out: AnswerAttachments = [];
  for (const [index, reference] of references.entries()) {
    if (!(await node.files.exists(reference.sha256)))
      throw new Invalid([
        { path: `body.attachments.${index}`, message: 'allegato non trovato: caricarlo di nuovo' },
      ]);
    const content = await readFile(node.files.path(reference.sha256));
    const stored = await node.files.put(content, reference.filename);
    out.push({
      sha256: stored.sha256,
      filename: cleanFileName(reference.filename, stored.extension),
      mediaType: stored.mediaType,
      size: stored.size,
      ...(withContent ? { content: content.toString('base64') } : {}),
    });
  }
  return out;
}

function answerPayload(
  row: RequestRow,
  latest: string | null,
  input: AnswerFields,
  answeredBy: string,
  now: Date,
  today: Temporal.PlainDate,
  attachments: AnswerAttachments = [],
): Payload<'opinion.answered'> {
  const check = checkAnswer(row.state, latest, input.corrects ?? null);
  if (!check.ok) throw new Conflict(ANSWER_REFUSALS[check.code], { state: row.state });
  return {
    id: newId(),
    opinionId: row.id,
    outcome: input.outcome,
    reasons: input.reasons ?? null,
    answeredBy,
    answeredAt: now.toISOString(),
    answeredOn: today.toString(),
    correctsId: input.corrects ?? null,
    attachments,
  };
}

/** The body answers (or corrects its last answer). */
export async function answer(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof answerInput>,
) {
  const actor = actorOf(caller);
  if (sideOf(actor) !== 'BODY') throw new NotFound('Il parere non esiste o non è accessibile.');
  const node = nodeOf(platform.config);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await scopedRequest(db, actor, id, true);
    const latest = await store.latestAnswerId(db, id);
    const now = platform.clock.now();
    const attachments = await attachmentsOf(node, input.attachments, row.originNode !== node.id);
    const payload = answerPayload(
      row,
      latest,
      input,
      `${actor.email} (${actor.organisationName})`,
      now,
      platform.clock.today(),
      attachments,
    );
    await audit((await change(db, node, row.originNode, 'opinion.answered', payload, now)).audit);
  });
  return getOpinion(platform, caller, id);
}

/** Many favourable answers at once, after the officer confirmed how many. All or none. */
export async function answerFavourably(
  platform: Platform,
  caller: Caller,
  input: z.infer<typeof bulkAnswerInput>,
) {
  const actor = actorOf(caller);
  const ids = [...new Set(input.ids)];
  if (input.confirm !== ids.length)
    throw new Invalid([
      { path: 'body.confirm', message: `confermare il numero dei pareri selezionati (${ids.length})` },
    ]);
  if (sideOf(actor) !== 'BODY') throw new NotFound('Il parere non esiste o non è accessibile.');
  const node = nodeOf(platform.config);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const now = platform.clock.now();
    const today = platform.clock.today();
    const rows = await scoped(db, actor).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    if (rows.length !== ids.length)
      throw new NotFound(
        'Alcuni pareri selezionati non esistono o non sono accessibili: ricaricare l’elenco.',
      );
    for (const row of rows) {
      const latest = await store.latestAnswerId(db, row.id);
      const check = checkAnswer(row.state, latest, null);
      if (!check.ok)
        throw new Conflict(
          `Pratica ${row.caseNumber}: ${ANSWER_REFUSALS[check.code]} Nessun parere è stato registrato.`,
        );
      const payload = answerPayload(
        row,
        latest,
        { outcome: 'FAVOURABLE' },
        `${actor.email} (${actor.organisationName})`,
        now,
        today,
      );
      await audit((await change(db, node, row.originNode, 'opinion.answered', payload, now)).audit);
    }
    return { answered: rows.length };
  });
}

/** The body asks the SUI for more information: the opinion's clock pauses until the reply. */
export async function ask(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof questionInput>,
) {
  const actor = actorOf(caller);
  if (sideOf(actor) !== 'BODY') throw new NotFound('Il parere non esiste o non è accessibile.');
  const node = nodeOf(platform.config);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await scopedRequest(db, actor, id, true);
    if (row.state !== 'PENDING')
      throw new Conflict('Si possono chiedere informazioni solo su un parere in attesa di risposta.', {
        state: row.state,
      });
    const now = platform.clock.now();
    const payload: Payload<'opinion.question'> = {
      id: newId(),
      opinionId: id,
      question: input.question,
      askedBy: `${actor.email} (${actor.organisationName})`,
      askedAt: now.toISOString(),
      askedOn: platform.clock.today().toString(),
    };
    await audit((await change(db, node, row.originNode, 'opinion.question', payload, now)).audit);
  });
  return getOpinion(platform, caller, id);
}

/** The SUI replies to a body's question: the opinion's clock restarts, moved by the days it was paused. */
export async function reply(
  platform: Platform,
  caller: Caller,
  id: string,
  questionId: string,
  input: z.infer<typeof replyInput>,
) {
  const actor = actorOf(caller);
  if (sideOf(actor) !== 'SUI') throw new NotFound('Il parere non esiste o non è accessibile.');
  const node = nodeOf(platform.config);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await scopedRequest(db, actor, id, true);
    const question = (await store.questions(db, id)).find((q) => q.id === questionId);
    if (!question) throw new NotFound('La domanda non esiste su questo parere.');
    if (question.reply !== null) throw new Conflict('La domanda ha già avuto risposta.');
    const now = platform.clock.now();
    const today = platform.clock.today().toString();
    const payload: Payload<'opinion.reply'> = {
      questionId,
      opinionId: id,
      reply: input.reply,
      repliedBy: `${actor.email} (${actor.organisationName})`,
      repliedAt: now.toISOString(),
      repliedOn: today,
      dueOn:
        row.state === 'QUESTION'
          ? resumedDueOn(row.dueOn, row.pausedSince ?? question.askedOn, today)
          : row.dueOn,
    };
    await audit((await change(db, node, row.answererNode, 'opinion.reply', payload, now)).audit);
  });
  return getOpinion(platform, caller, id);
}

/**
 * The SUI records an opinion the body sent outside LOVIT (by PEC, on paper): it becomes the body's answer at
 * both ends, marked as recorded by the SUI.
 */
export async function recordOnBehalf(
  db: Db,
  config: Config,
  actor: Actor,
  id: string,
  input: { outcome: 'FAVOURABLE' | 'UNFAVOURABLE'; notes: string | null; answeredOn: Temporal.PlainDate },
  now: Date,
): Promise<AuditRecord> {
  const node = nodeOf(config);
  const row = await scopedRequest(db, actor, id, true);
  const latest = await store.latestAnswerId(db, id);
  const payload = answerPayload(
    row,
    latest,
    { outcome: input.outcome, reasons: input.notes },
    `${bodyName(row.body)}, registrato dal SUI (${actor.email})`,
    now,
    input.answeredOn,
  );
  return (await change(db, node, row.answererNode, 'opinion.answered', payload, now)).audit;
}

// ---- attachments of answers

/** Stores a file the body will attach to its answer; nothing refers to it until the answer does. */
export async function uploadAttachment(platform: Platform, caller: Caller, id: string, upload: ReadUpload) {
  const actor = actorOf(caller);
  if (sideOf(actor) !== 'BODY') throw new NotFound('Il parere non esiste o non è accessibile.');
  await scopedRequest(platform.database.db, actor, id, false);
  return {
    sha256: upload.file.sha256,
    filename: cleanFileName(upload.declaredName, upload.file.extension),
    mediaType: upload.file.mediaType,
    size: upload.file.size,
  };
}

/** A file attached to one of the opinion's answers, for either end; every download is in the audit trail. */
export async function openAttachment(platform: Platform, caller: Caller, id: string, sha256: string) {
  const actor = actorOf(caller);
  const db = platform.database.db;
  await scopedRequest(db, actor, id, false);
  const attached = (await store.answers(db, id))
    .flatMap((a) => a.attachments)
    .find((a) => a.sha256 === sha256);
  if (!attached) throw new NotFound('L’allegato non esiste su questo parere.');
  const stream = await nodeOf(platform.config).files.open(sha256);
  await auditRead(db, platform.clock, caller, 'opinion_attachment', id, {
    sha256,
    filename: attached.filename,
  });
  return { stream, mediaType: attached.mediaType, size: attached.size, fileName: attached.filename };
}
