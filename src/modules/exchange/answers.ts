/**
 * The body answers (favourable or unfavourable, final; a correction is a new linked answer), with files
 * attached, or asks the SUI, which replies; the SUI may also record an answer received outside LOVIT.
 */
import { readFile } from 'node:fs/promises';
import type { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { AuditRecord } from '../../kernel/audit.ts';
import type { Actor, Caller } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import { issueUploadToken, redeemUploadToken } from '../../kernel/upload-tokens.ts';
import { cleanFileName, type ReadUpload } from '../../kernel/uploads.ts';
import type { answerInput, bulkAnswerInput, questionInput, replyInput } from './contract.ts';
import { change, type Node, type Payload } from './messages.ts';
import { getOpinion } from './reading.ts';
import { checkAnswer, resumedDueOn } from './rules.ts';
import { actorOf, bodyName, nodeOf, type RequestRow, scopedRequest, scopeOf, sideOf } from './scope.ts';
import * as store from './store.ts';

const ANSWER_REFUSALS = {
  ALREADY_ANSWERED: 'Il parere è già stato reso: per modificarlo, registrare una rettifica.',
  QUESTION_OPEN: 'È aperta una richiesta di informazioni al SUI: il parere si rende dopo la risposta.',
  NOTHING_TO_CORRECT: 'Non c’è una risposta da rettificare.',
  NOT_LATEST: 'Si può rettificare solo l’ultima risposta data.',
} as const;

type AnswerAttachments = Payload<'opinion.answered'>['attachments'];
type AnswerFields = Pick<z.infer<typeof answerInput>, 'outcome' | 'reasons' | 'corrects'>;

/** What an opinion's answers are uploaded for: the token binds each file to its opinion. */
const purposeOf = (opinionId: string) => ({ recordKind: 'opinion', recordId: opinionId });

/**
 * The files an answer refers to, each by the token of an upload the same user made for this opinion, used
 * once; they travel with their content, so that the receiving end never trusts a hash alone.
 */
async function attachmentsOf(
  db: Db,
  node: Node,
  actor: Actor,
  opinionId: string,
  references: z.infer<typeof answerInput>['attachments'],
  now: Date,
): Promise<AnswerAttachments> {
  const out: AnswerAttachments = [];
  const by = { uploadedBy: actor.userId, purpose: purposeOf(opinionId), now };
  for (const [index, reference] of references.entries()) {
    const upload = await redeemUploadToken(db, reference.token, by);
    if (!upload)
      throw new Invalid([
        {
          path: `body.attachments.${index}.token`,
          message: 'allegato non caricato per questo parere, già usato o scaduto: caricarlo di nuovo',
        },
      ]);
    const content = await readFile(node.files.path(upload.sha256));
    out.push({
      sha256: upload.sha256,
      filename: upload.fileName,
      mediaType: upload.mediaType,
      size: upload.size,
      content: content.toString('base64'),
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
    const attachments = await attachmentsOf(db, node, actor, id, input.attachments, now);
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
    const rows = await store.lockVisibleRequests(db, scopeOf(actor), ids);
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

/**
 * Stores a file the body will attach to its answer and gives its upload token, which only this user can use,
 * once, for this opinion; nothing refers to the file until the answer does.
 */
export async function uploadAttachment(platform: Platform, caller: Caller, id: string, upload: ReadUpload) {
  const actor = actorOf(caller);
  if (sideOf(actor) !== 'BODY') throw new NotFound('Il parere non esiste o non è accessibile.');
  const { file } = upload;
  const fileName = cleanFileName(upload.declaredName, file.extension);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    await scopedRequest(db, actor, id, false);
    const { token } = await issueUploadToken(db, {
      file,
      fileName,
      uploadedBy: actor.userId,
      purpose: purposeOf(id),
      now: platform.clock.now(),
    });
    await audit({
      kind: 'change',
      action: 'exchange.attachment.upload',
      entityType: 'opinion_request',
      entityId: id,
      before: null,
      after: { fileName, sha256: file.sha256, size: file.size },
    });
    await file.keep();
    return { token, filename: fileName, mediaType: file.mediaType, size: file.size };
  });
}

/** Among some stored files, those attached to an answer: the orphan sweeper keeps them. */
export const attachedFiles = store.storedAttachments;

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
