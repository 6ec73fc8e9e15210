/**
 * Use cases of the multidisciplinary team: the languages mediators cover, and questions an operator asks
 * the legal expert on a case, answered by a due date and kept with the case.
 */
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf } from '../appointments/desks.ts';
import { nextWorkingDay } from '../law/calendar.ts';
import { calendarOf } from '../service.ts';
import * as store from '../store.ts';
import type { answerInput, mediatorLanguagesInput, QuestionView, questionInput } from './contract.ts';
import { caseReachOf, readsWholeCase } from './rules.ts';
import * as teamStore from './store.ts';

/** Working days the legal expert has to answer when the operator sets no due date (office practice). */
const ANSWER_WORKING_DAYS = 5;

// ---- mediators

/** The languages a mediator works in, which are those they may review the portal's translations in. */
export const mediatorLanguages = (db: Db, userId: string): Promise<string[]> =>
  teamStore.languagesOf(db, userId);

export async function listMediators(platform: Platform, caller: Caller, language?: string) {
  const actor = actorOf(caller);
  const rows = await teamStore.mediators(
    platform.database.db,
    actor.organisationId,
    platform.clock.now(),
    language,
  );
  return rows.map(({ id, name, email, languages, upcomingBookings }) => ({
    id,
    name,
    email,
    languages,
    upcomingBookings,
  }));
}

export async function setMediatorLanguages(
  platform: Platform,
  caller: Caller,
  userId: string,
  input: z.infer<typeof mediatorLanguagesInput>,
) {
  const actor = actorOf(caller);
  const languages = [...new Set(input.languages)].sort();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await teamStore.isMediatorOf(db, actor.organisationId, userId)))
      throw new NotFound('Il mediatore non esiste o non appartiene a questo ufficio.');
    const before = await teamStore.languagesOf(db, userId);
    await teamStore.replaceLanguages(db, userId, languages);
    await audit({
      kind: 'change',
      action: 'cases.mediator.languages',
      entityType: 'user',
      entityId: userId,
      before: { languages: before },
      after: { languages },
    });
  });
  const [mediator] = (await listMediators(platform, caller)).filter((m) => m.id === userId);
  if (!mediator) throw new NotFound('Il mediatore non esiste o non appartiene a questo ufficio.');
  return mediator;
}

// ---- questions to the legal expert

function questionView(row: teamStore.QuestionRow, today: Temporal.PlainDate): QuestionView {
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    question: row.question,
    askedBy: row.askedByName,
    askedAt: row.askedAt.toISOString(),
    dueOn: row.dueOn,
    isOverdue:
      row.answeredAt === null && Temporal.PlainDate.compare(Temporal.PlainDate.from(row.dueOn), today) < 0,
    answer: row.answer,
    answeredBy: row.answeredByName,
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}

async function findQuestion(platform: Platform, organisationId: string, id: string) {
  const [row] = await teamStore.questions(platform.database.db, { organisationId, id });
  if (!row) throw new NotFound('Il quesito non esiste o non è accessibile.');
  return questionView(row, platform.clock.today());
}

/** The due date of an answer: as asked, or `ANSWER_WORKING_DAYS` working days from today. */
function answerDueOn(platform: Platform, asked: string | undefined): Temporal.PlainDate {
  const today = platform.clock.today();
  if (asked) {
    const dueOn = Temporal.PlainDate.from(asked);
    if (Temporal.PlainDate.compare(dueOn, today) < 0)
      throw new Invalid([{ path: 'body.dueOn', message: 'la scadenza non può essere nel passato' }]);
    return dueOn;
  }
  let dueOn = today;
  for (let n = 0; n < ANSWER_WORKING_DAYS; n++) dueOn = nextWorkingDay(dueOn, calendarOf(platform.config));
  return dueOn;
}

export async function askLegalQuestion(
  platform: Platform,
  caller: Caller,
  caseId: string,
  input: z.infer<typeof questionInput>,
): Promise<QuestionView> {
  const actor = actorOf(caller);
  const dueOn = answerDueOn(platform, input.dueOn).toString();
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const kase = await store.findCase(db, actor.organisationId, caseId);
    if (!kase) throw new NotFound('La pratica non esiste o non è accessibile.');
    const now = platform.clock.now();
    await teamStore.insertQuestion(db, {
      id,
      organisationId: actor.organisationId,
      caseId,
      askedBy: actor.userId,
      askedAt: now,
      question: input.question,
      dueOn,
    });
    await store.insertEvent(db, {
      id: newId(),
      caseId,
      at: now,
      onDay: platform.clock.today().toString(),
      kind: 'LEGAL_QUESTION_ASKED',
      actorUserId: actor.userId,
      actorLabel: actor.email,
      reason: input.question,
      data: JSON.stringify({ questionId: id, dueOn }),
    });
    await audit({
      kind: 'change',
      action: 'cases.legal_question.ask',
      entityType: 'legal_question',
      entityId: id,
      before: null,
      after: { caseId, dueOn, question: input.question },
    });
  });
  return findQuestion(platform, actor.organisationId, id);
}

export async function answerLegalQuestion(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof answerInput>,
): Promise<QuestionView> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const question = await teamStore.lockQuestion(db, actor.organisationId, id);
    if (!question) throw new NotFound('Il quesito non esiste o non è accessibile.');
    if (question.answeredAt) throw new Conflict('Il quesito ha già una risposta.');
    const now = platform.clock.now();
    await teamStore.answerQuestion(db, id, {
      answer: input.answer,
      answeredBy: actor.userId,
      answeredAt: now,
    });
    await store.insertEvent(db, {
      id: newId(),
      caseId: question.caseId,
      at: now,
      onDay: platform.clock.today().toString(),
      kind: 'LEGAL_QUESTION_ANSWERED',
      actorUserId: actor.userId,
      actorLabel: actor.email,
      reason: input.answer,
      data: JSON.stringify({ questionId: id }),
    });
    await audit({
      kind: 'change',
      action: 'cases.legal_question.answer',
      entityType: 'legal_question',
      entityId: id,
      before: { answer: null },
      after: { answer: input.answer },
    });
  });
  return findQuestion(platform, actor.organisationId, id);
}

export async function caseQuestions(platform: Platform, caller: Caller, caseId: string) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  if (!(await store.findCase(db, actor.organisationId, caseId)))
    throw new NotFound('La pratica non esiste o non è accessibile.');
  const rows = await teamStore.questions(db, { organisationId: actor.organisationId, caseId });
  await auditRead(db, platform.clock, caller, 'case', caseId, { legalQuestions: rows.length });
  const today = platform.clock.today();
  return rows.map((row) => questionView(row, today));
}

/**
 * The legal expert's queue: questions of the office, the earliest due first; open ones only on request. A
 * mediator reads none: the questions are not theirs to see (decision 049).
 */
export async function legalQuestions(platform: Platform, caller: Caller, open: boolean | undefined) {
  const actor = actorOf(caller);
  if (!readsWholeCase(caseReachOf(actor))) return [];
  const rows = await teamStore.questions(platform.database.db, {
    organisationId: actor.organisationId,
    ...(open === undefined ? {} : { open }),
  });
  const today = platform.clock.today();
  return rows.map((row) => questionView(row, today));
}
