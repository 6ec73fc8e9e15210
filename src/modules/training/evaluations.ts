/**
 * The anonymous end-of-course evaluation of an edition: a questionnaire of the surveys module, owned by the edition,
 * sent to those who held a place when the last session ends (by the hourly job, or earlier by the trainer's
 * button), closed after `EVALUATION_OPEN_DAYS`. Its results, per edition and per trainer across their editions,
 * reach the course's trainers and the project's staff only, and never name anyone (decisions 053, 058).
 */
import { type Caller, SYSTEM_CALLER } from '../../kernel/auth.ts';
import { Conflict, NotFound } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import * as surveys from '../surveys/service.ts';
import type { EvaluationView, TrainerEvaluationsView } from './contract.ts';
import { EVALUATION_QUESTIONS } from './evaluation-figures.ts';
import * as feedbackStore from './feedback/store.ts';
import { actorOf, EDITION_NOT_FOUND, mustRunCourse, oversees, runsCourse } from './service.ts';
import * as store from './store.ts';

/** Days an evaluation stays open before it closes by itself and its results (from 5 answers) show. */
export const EVALUATION_OPEN_DAYS = 14;
/** The job sends the evaluation of editions ended in the last days only, never of old ones. */
const SEND_WINDOW_DAYS = 7;
const HOUR = 3_600_000;
const NOT_SENT = 'La valutazione di questa edizione non è stata inviata.';

const EVALUATION_INTRO =
  'Il questionario è anonimo: LOVIT registra solo che ha risposto, mai che cosa. Dia un voto da 1 (per niente ' +
  'soddisfatto/a) a 5 (molto soddisfatto/a). I risultati si leggono alla chiusura, e solo con almeno 5 risposte.';

/** Sends the evaluation of an ended edition to those who held a place, in one transaction with its record. */
async function send(platform: Platform, caller: Caller, editionId: string) {
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const locked = await store.lockEdition(unit.db, editionId);
    const edition = locked && (await store.findEdition(unit.db, editionId));
    if (!edition) throw new NotFound(EDITION_NOT_FOUND);
    if (caller.actor) await mustRunCourse(unit.db, caller.actor, edition.courseId);
    if (await feedbackStore.findEvaluation(unit.db, editionId))
      throw new Conflict('La valutazione di questa edizione è già stata inviata.');
    const now = platform.clock.now();
    if (!edition.lastSessionAt || new Date(edition.lastSessionAt) > now)
      throw new Conflict('L’edizione non è ancora conclusa: la valutazione si invia dopo l’ultima sessione.');
    const people = await feedbackStore.placeHolders(unit.db, editionId);
    if (people.length === 0)
      throw new Conflict('Nessuno ha avuto un posto in questa edizione: non c’è chi valuti.');
    const questionnaireId = await surveys.launchOwnedSurvey(
      unit,
      platform,
      { kind: 'COURSE_EVALUATION', id: editionId, label: `${edition.courseTitle} – ${edition.name}` },
      {
        title: `Valutazione del corso «${edition.courseTitle}»`,
        intro: EVALUATION_INTRO,
        questions: EVALUATION_QUESTIONS,
        anonymous: true,
        reminderDays: 3,
      },
      people,
    );
    const row = {
      editionId,
      questionnaireId,
      sentAt: now,
      closesOn: platform.clock.today().add({ days: EVALUATION_OPEN_DAYS }).toString(),
    };
    await feedbackStore.insertEvaluation(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'training.evaluation.send',
      entityType: 'training_edition',
      entityId: editionId,
      before: null,
      after: { ...row, invited: people.length },
    });
  });
}

/** The trainer (or the project's staff) sends the evaluation as soon as the edition has ended. */
export async function sendEvaluation(platform: Platform, caller: Caller, editionId: string) {
  actorOf(caller);
  await send(platform, caller, editionId);
  return editionEvaluation(platform, caller, editionId);
}

/** Closes an open evaluation, releasing its answers shuffled; false when it was closed already. */
async function close(platform: Platform, caller: Caller, editionId: string, questionnaireId: string) {
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const marked = await feedbackStore.markEvaluationClosed(unit.db, editionId, platform.clock.now());
    if (Number(marked.numUpdatedRows) === 0) throw new Conflict('La valutazione è già chiusa.');
    await surveys.closeOwnedSurvey(unit, questionnaireId);
    await unit.audit({
      kind: 'change',
      action: 'training.evaluation.close',
      entityType: 'training_edition',
      entityId: editionId,
      before: { closedAt: null },
      after: { closedAt: platform.clock.now().toISOString() },
    });
  });
}

/** The trainer closes the evaluation before its day: its results show, if it has at least 5 answers. */
export async function closeEvaluation(platform: Platform, caller: Caller, editionId: string) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const edition = await store.findEdition(db, editionId);
  if (!edition) throw new NotFound(EDITION_NOT_FOUND);
  await mustRunCourse(db, actor, edition.courseId);
  const evaluation = await feedbackStore.findEvaluation(db, editionId);
  if (!evaluation) throw new NotFound(NOT_SENT);
  await close(platform, caller, editionId, evaluation.questionnaireId);
  return editionEvaluation(platform, caller, editionId);
}

/** What the hourly job did: the evaluations sent and closed, and the editions it could not handle, with why. */
export type EvaluationRun = { sent: number; closed: number; failed: number; errors: unknown[] };

/**
 * The hourly job: sends the evaluations of editions just ended, closes those whose day has come. Each edition is
 * handled on its own: one that fails (a trainer sending it at the same moment, a lock) is counted and kept in
 * `errors`, and the others go on; the next run tries it again.
 */
export async function runEvaluations(platform: Platform): Promise<EvaluationRun> {
  const { db } = platform.database;
  const now = platform.clock.now();
  const ended = await feedbackStore.editionsEndedWithoutEvaluation(
    db,
    new Date(now.getTime() - SEND_WINDOW_DAYS * 24 * HOUR),
    now,
  );
  const run: EvaluationRun = { sent: 0, closed: 0, failed: 0, errors: [] };
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
      return true;
    } catch (error) {
      run.failed += 1;
      run.errors.push(error);
      return false;
    }
  };
  for (const { id } of ended) {
    const people = await feedbackStore.placeHolders(db, id);
    if (people.length === 0) continue;
    if (await attempt(() => send(platform, SYSTEM_CALLER, id))) run.sent += 1;
  }
  const due = await feedbackStore.evaluationsClosingBy(db, platform.clock.today().toString());
  for (const evaluation of due)
    if (await attempt(() => close(platform, SYSTEM_CALLER, evaluation.editionId, evaluation.questionnaireId)))
      run.closed += 1;
  return run;
}

/**
 * The evaluation of an edition: its results for those who run the course, the link to answer for those invited;
 * anyone else finds none.
 */
/** An edition's evaluation for the edition page: null while it has not been sent. */
export async function evaluationIfSent(
  platform: Platform,
  caller: Caller,
  editionId: string,
): Promise<EvaluationView | null> {
  const { db } = platform.database;
  if (!(await store.findEdition(db, editionId))) throw new NotFound(EDITION_NOT_FOUND);
  if (!(await feedbackStore.findEvaluation(db, editionId))) return null;
  return editionEvaluation(platform, caller, editionId);
}

export async function editionEvaluation(
  platform: Platform,
  caller: Caller,
  editionId: string,
): Promise<EvaluationView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const edition = await store.findEdition(db, editionId);
  if (!edition) throw new NotFound(EDITION_NOT_FOUND);
  const evaluation = await feedbackStore.findEvaluation(db, editionId);
  if (!evaluation) throw new NotFound(NOT_SENT);
  const isRunner = await runsCourse(db, actor, edition.courseId);
  const base = {
    editionId,
    questionnaireId: evaluation.questionnaireId,
    sentAt: evaluation.sentAt.toISOString(),
    closesOn: evaluation.closesOn,
  };
  if (isRunner) {
    const results = await surveys.ownedResults(platform, evaluation.questionnaireId);
    const survey = await surveys.ownedSurvey(platform, evaluation.questionnaireId);
    return {
      ...base,
      status: survey.status,
      invited: survey.invited,
      responses: survey.responses,
      results,
      hasAnswered: false,
    };
  }
  // Those invited see it on the questionnaires' pages; for anyone else it does not exist.
  const invited = await surveys.getSurvey(platform, caller, evaluation.questionnaireId, 'invited');
  if (!invited.isInvited) throw new NotFound(surveys.QUESTIONNAIRE_NOT_FOUND);
  return {
    ...base,
    status: invited.status,
    invited: invited.invited,
    responses: invited.responses,
    results: null,
    hasAnswered: invited.hasAnswered,
  };
}

/**
 * A trainer's evaluations across the editions of the courses they teach: only those released (closed, with at least
 * 5 answers) are counted, so that no total is made from fewer than 5 people; for the trainer and the project's staff.
 */
export async function trainerEvaluations(
  platform: Platform,
  caller: Caller,
  trainerId: string,
): Promise<TrainerEvaluationsView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  // A trainer reads their own; the project's staff everyone's; to anyone else they do not exist.
  const trainer =
    actor.userId === trainerId || oversees(actor) ? await feedbackStore.personName(db, trainerId) : null;
  if (!trainer) throw new NotFound('Le valutazioni di questo formatore non esistono o non sono accessibili.');
  const rows = await feedbackStore.evaluationsOfTrainer(db, trainerId);
  const editions = [];
  const released = [];
  for (const row of rows) {
    const survey = await surveys.ownedSurvey(platform, row.questionnaireId);
    const isReleased = !survey.withheld;
    if (isReleased) released.push(...survey.answers);
    const [satisfaction] = isReleased
      ? surveys.summarise(EVALUATION_QUESTIONS.slice(0, 1), survey.answers)
      : [];
    editions.push({
      editionId: row.editionId,
      courseTitle: row.courseTitle,
      editionName: row.editionName,
      status: survey.status,
      responses: survey.responses,
      isReleased,
      satisfaction: satisfaction?.mean ?? null,
    });
  }
  return {
    trainer: { id: trainer.id, name: `${trainer.givenName} ${trainer.familyName}` },
    editions,
    answers: released.length,
    questions: released.length ? surveys.summarise(EVALUATION_QUESTIONS, released) : [],
  };
}
