/**
 * Use cases of questionnaires, for the back-office and for the modules that own them (the council's needs
 * analysis, training's needs survey and course evaluations, events' follow-ups): a module creates a questionnaire
 * for its owner context, opens and closes it, invites people (`invitations.ts`) and reads the results.
 * An anonymous answer is stored with nothing that links it to the person who gave it (decision 053).
 */
import { randomUUID } from 'node:crypto';
import type { Actor, Caller } from '../../kernel/auth.ts';
import { type Clock, startOfDayInRome } from '../../kernel/clock.ts';
import type { Db } from '../../kernel/db.ts';
import { Conflict, Forbidden, Invalid, NotFound, Unavailable } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import {
  actorOf,
  buildsOnGenericPages,
  QUESTIONNAIRE_NOT_FOUND,
  questionsOf,
  type Reach,
  view,
  visibleRow,
} from './access.ts';
import type { AnswerValue, OwnerKind, QuestionnaireInput, ResultsView, SurveyOwner } from './contract.ts';
import { queueInvitations } from './letters.ts';
import { releasedAnswers } from './owner.ts';
import { buildableKinds, canBuild, checkAnswers, questionnaireProblems, summarise } from './rules.ts';
import * as surveysStore from './store.ts';

export { actorOf, QUESTIONNAIRE_NOT_FOUND, type Reach } from './access.ts';
export { answersCsv, answersXlsx, type LeadColumns, organisationColumns } from './exports.ts';
export { findInvitees, inviteToSurvey, listInvitations, remindInvitees } from './invitations.ts';
export { answersOfKind, closeOwnedSurvey, launchOwnedSurvey, ownedResults, ownedSurvey } from './owner.ts';
export { MIN_ANONYMOUS_ANSWERS, questionnaireProblems, summarise } from './rules.ts';

export type SurveySettings = QuestionnaireInput & {
  anonymous: boolean;
  answeredBy: 'ORGANISATION' | 'PERSON';
  reminderDays?: number | null;
};

export async function getSurvey(platform: Platform, caller: Caller, id: string, reach: Reach = 'invited') {
  const actor = actorOf(caller);
  const { row, standing } = await visibleRow(platform, actor, id, reach);
  return view(row, actor, standing);
}

/** The questionnaires of an owner context reached through the owner's pages: drafts only for its builders. */
export async function listOwnerSurveys(
  platform: Platform,
  caller: Caller,
  owner: { kind: OwnerKind; id?: string; answeredBy?: 'ORGANISATION' | 'PERSON' },
) {
  const actor = actorOf(caller);
  const rows = await surveysStore.questionnaires(platform.database.db, {
    ownerKind: owner.kind,
    ...(owner.id ? { ownerId: owner.id } : {}),
    ...(owner.answeredBy ? { answeredBy: owner.answeredBy } : {}),
    published: !canBuild(actor.roles, owner.kind),
  });
  return Promise.all(
    rows.map(async (row) =>
      view(row, actor, await surveysStore.standing(platform.database.db, row.id, actor.userId)),
    ),
  );
}

/** The questionnaires a person meets on the questionnaires page: those they build, and those they are invited to. */
export async function listSurveys(
  platform: Platform,
  caller: Caller,
  query: { ownerKind?: OwnerKind; page: number; pageSize: number },
) {
  const actor = actorOf(caller);
  const { page, pageSize, ownerKind } = query;
  const { rows, total } = await surveysStore.questionnairesPage(
    platform.database.db,
    {
      ...(ownerKind ? { ownerKind } : {}),
      visibleTo: { kinds: buildableKinds(actor.roles), userId: actor.userId },
    },
    { page, pageSize },
  );
  const items = await Promise.all(
    rows.map(async (row) =>
      view(row, actor, await surveysStore.standing(platform.database.db, row.id, actor.userId)),
    ),
  );
  return { items, total, page, pageSize };
}

/** Creates a draft questionnaire for an owner context; only a builder of that context may. */
export async function createSurvey(
  platform: Platform,
  caller: Caller,
  owner: SurveyOwner,
  settings: SurveySettings,
) {
  const actor = actorOf(caller);
  if (!canBuild(actor.roles, owner.kind))
    throw new Forbidden('Non puoi preparare questionari per questo ambito.');
  const problems = questionnaireProblems(settings.questions);
  if (problems.length) throw new Invalid(problems);
  if (settings.anonymous && settings.answeredBy !== 'PERSON')
    throw new Invalid([
      { path: 'body.anonymous', message: 'solo un questionario per persona può essere anonimo' },
    ]);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = {
      id,
      title: settings.title,
      intro: settings.intro,
      status: 'DRAFT' as const,
      questions: JSON.stringify(settings.questions),
      createdAt: platform.clock.now(),
      ownerKind: owner.kind,
      ownerId: owner.id ?? null,
      ownerLabel: owner.label ?? null,
      answeredBy: settings.answeredBy,
      anonymous: settings.anonymous,
      reminderDays: settings.reminderDays ?? null,
    };
    await surveysStore.insertQuestionnaire(db, row);
    await audit({
      kind: 'change',
      action: 'surveys.questionnaire.create',
      entityType: 'survey_questionnaire',
      entityId: id,
      before: null,
      after: { ...row, questions: settings.questions },
    });
  });
  return getSurvey(platform, caller, id, 'owner');
}

/** Opens a draft to the answers (inviting by e-mail those on its list), or closes an open questionnaire. */
export async function moveSurvey(platform: Platform, caller: Caller, id: string, to: 'OPEN' | 'CLOSED') {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const row = await surveysStore.lockQuestionnaire(unit.db, id);
    if (!row || !buildsOnGenericPages(actor, row)) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
    if ((to === 'OPEN' && row.status !== 'DRAFT') || (to === 'CLOSED' && row.status !== 'OPEN'))
      throw new Conflict(
        to === 'OPEN' ? 'Solo una bozza si apre alle risposte.' : 'Solo un questionario aperto si chiude.',
      );
    await surveysStore.updateQuestionnaire(unit.db, id, { status: to });
    if (to === 'CLOSED' && row.anonymous) await surveysStore.releaseHeldAnswers(unit.db, id);
    await unit.audit({
      kind: 'change',
      action: `surveys.questionnaire.${to === 'OPEN' ? 'open' : 'close'}`,
      entityType: 'survey_questionnaire',
      entityId: id,
      before: { status: row.status },
      after: { status: to },
    });
    if (to === 'OPEN') {
      const people = await surveysStore.restartInvitations(unit.db, id, platform.clock.now());
      await queueInvitations(unit, row, people, platform.config.publicUrl);
    }
  });
  return getSurvey(platform, caller, id, 'owner');
}

/** The clock an anonymous answer is recorded with: the day only, so its audit entry says no more than that. */
function dayClock(clock: Clock): Clock {
  return {
    now: () => startOfDayInRome(clock.today().toString()),
    today: () => clock.today(),
    monotonic: () => clock.monotonic(),
  };
}

/** Whom the audit trail names for an anonymous answer: nobody. */
const ANONYMOUS_ANSWER: Caller = {
  actor: null,
  requestId: null,
  clientAddress: null,
  system: 'risposta anonima',
};

/**
 * The caller answers. Per organisation (the council's), for a municipality the owner has checked: answering again
 * replaces the organisation's answer. Per person: the invited (or, through the owner's pages, those it admits)
 * answer once, and the answer is final (an anonymous one could not be replaced anyway, as nothing says whose it is).
 */
export async function submitAnswer(
  platform: Platform,
  caller: Caller,
  id: string,
  input: { answers: Record<string, AnswerValue>; municipalityIstatCode?: string },
  reach: Reach = 'invited',
) {
  const actor = actorOf(caller);
  const { row, standing } = await visibleRow(platform, actor, id, reach);
  if (row.status !== 'OPEN') throw new Conflict('Il questionario non accetta risposte.');
  if (reach === 'invited' && !standing.isInvited)
    throw new Forbidden('Rispondono a questo questionario solo le persone invitate.');
  const { kept, errors } = checkAnswers(questionsOf(row), input.answers);
  if (errors.length) throw new Invalid(errors);
  if (row.anonymous) return submitAnonymous(platform, actor, row.id, kept);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const values = {
      id: newId(),
      questionnaireId: id,
      organisationId: actor.organisationId,
      answers: JSON.stringify(kept),
      submittedAt: platform.clock.now(),
      submittedBy: actor.userId,
    };
    if (row.answeredBy === 'ORGANISATION') {
      if (!input.municipalityIstatCode)
        throw new Invalid([{ path: 'body.municipalityIstatCode', message: 'Campo obbligatorio' }]);
      await surveysStore.upsertOrganisationResponse(db, {
        ...values,
        municipalityIstatCode: input.municipalityIstatCode,
      });
    } else if (!(await surveysStore.insertPersonResponse(db, values)))
      throw new Conflict('Hai già risposto a questo questionario: la risposta non si modifica.');
    await audit({
      kind: 'change',
      action: 'surveys.response.submit',
      entityType: 'survey_questionnaire',
      entityId: id,
      before: null,
      after: {
        organisationId: actor.organisationId,
        ...(input.municipalityIstatCode ? { municipalityIstatCode: input.municipalityIstatCode } : {}),
        answers: kept,
      },
    });
  });
  return getSurvey(platform, caller, id, reach);
}

async function submitAnonymous(
  platform: Platform,
  actor: Actor,
  questionnaireId: string,
  answers: Record<string, AnswerValue>,
) {
  await keepAnonymousAnswer(platform, questionnaireId, answers, {
    mark: (db) => surveysStore.markParticipation(db, questionnaireId, actor.userId),
    unmark: (db) => surveysStore.unmarkParticipation(db, questionnaireId, actor.userId),
  });
  return getSurvey(platform, { actor, requestId: null, clientAddress: null }, questionnaireId, 'owner');
}

/** Who answered an anonymous questionnaire: marked before the answer is kept, unmarked if it is not. */
export type Participation = { mark(db: Db): Promise<boolean>; unmark(db: Db): Promise<void> };

/**
 * An answer from someone without an account whom the owner's pages admit (an event's participant, reached by a
 * signed link): only to an anonymous questionnaire, with the owner keeping who answered (`participation`).
 */
export async function submitGuestAnswer(
  platform: Platform,
  id: string,
  answers: Record<string, AnswerValue>,
  participation: Participation,
): Promise<void> {
  const [row] = await surveysStore.questionnaires(platform.database.db, { id });
  if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  if (!row.anonymous) throw new Conflict('Senza un account si risponde solo a un questionario anonimo.');
  if (row.status !== 'OPEN') throw new Conflict('Il questionario non accetta risposte.');
  const { kept, errors } = checkAnswers(questionsOf(row), answers);
  if (errors.length) throw new Invalid(errors);
  await keepAnonymousAnswer(platform, id, kept, participation);
}

async function keepAnonymousAnswer(
  platform: Platform,
  questionnaireId: string,
  answers: Record<string, AnswerValue>,
  participation: Participation,
) {
  const clock = dayClock(platform.clock);
  const { db: database } = platform.database;
  // Who answered and what are written in two transactions: rows of one transaction share its id (xmin), which
  // would join the person to the answer. The participation comes first, so that nobody answers twice.
  const participationEntry = (action: string) => ({
    kind: 'change' as const,
    action,
    entityType: 'survey_questionnaire',
    entityId: questionnaireId,
  });
  await writeTransaction(database, clock, ANONYMOUS_ANSWER, async ({ db, audit }) => {
    if ((await surveysStore.shareQuestionnaireStatus(db, questionnaireId)) !== 'OPEN')
      throw new Conflict('Il questionario non accetta risposte.');
    if (!(await participation.mark(db)))
      throw new Conflict(
        'Hai già risposto a questo questionario: è anonimo, quindi la risposta non si modifica.',
      );
    await audit(participationEntry('surveys.participation.mark'));
  });
  try {
    await writeTransaction(database, clock, ANONYMOUS_ANSWER, async ({ db, audit }) => {
      // An answer given while the questionnaire closes must not stay held after it: closing waits for it, or it waits.
      if ((await surveysStore.shareQuestionnaireStatus(db, questionnaireId)) !== 'OPEN')
        throw new Conflict(
          'Il questionario si è chiuso mentre rispondevi: la risposta non è stata registrata.',
        );
      // Held until the questionnaire closes, which moves it among the others in random order with a new id.
      await surveysStore.insertHeldAnswer(db, {
        id: randomUUID(),
        questionnaireId,
        answers: JSON.stringify(answers),
        answeredOn: clock.today().toString(),
      });
      await audit({
        kind: 'change',
        action: 'surveys.answer.anonymous',
        entityType: 'survey_questionnaire',
        entityId: questionnaireId,
      });
    });
  } catch (error) {
    // The answer was not kept: the person may answer again.
    await writeTransaction(database, clock, ANONYMOUS_ANSWER, async ({ db, audit }) => {
      await participation.unmark(db);
      await audit(participationEntry('surveys.participation.unmark'));
    });
    if (error instanceof Conflict) throw error;
    throw new Unavailable(5, 'La risposta non è stata registrata: riprova tra qualche secondo.');
  }
}

/** The named answers of a questionnaire: all of them for its builders, the organisation's own for the others. */
export async function organisationResponses(
  platform: Platform,
  caller: Caller,
  id: string,
  reach: Reach = 'invited',
) {
  const actor = actorOf(caller);
  const { isBuilder } = await visibleRow(platform, actor, id, reach);
  return surveysStore.responses(platform.database.db, {
    questionnaireId: id,
    ...(isBuilder ? {} : { organisationId: actor.organisationId }),
  });
}

/** Every published named answer of an owner context, with its questionnaire's questions: what the owner aggregates. */
export async function ownerAnswers(platform: Platform, kind: OwnerKind) {
  const { db } = platform.database;
  const questionnaires = (await surveysStore.questionnaires(db, { ownerKind: kind, published: true })).map(
    (row) => ({ id: row.id, questions: questionsOf(row) }),
  );
  const responses = (await surveysStore.responses(db, { ownerKind: kind })).map((row) => ({
    questionnaireId: row.questionnaireId,
    municipalityIstatCode: row.municipalityIstatCode,
    answers: row.answers as Record<string, AnswerValue>,
  }));
  return { questionnaires, responses };
}

/**
 * The results of a questionnaire for its builders: per question, counts, mean and range; a named one may be
 * narrowed to one type of organisation; an anonymous one shows nothing below the minimum number of answers.
 */
export async function surveyResults(
  platform: Platform,
  caller: Caller,
  id: string,
  filter: { organisationType?: string },
): Promise<ResultsView> {
  const actor = actorOf(caller);
  const { row, isBuilder } = await visibleRow(platform, actor, id, 'invited');
  if (!isBuilder) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  if (row.anonymous && filter.organisationType)
    throw new Invalid([
      {
        path: 'querystring.organisationType',
        message:
          'Un questionario anonimo non si filtra per tipo di ente: renderebbe riconoscibili le persone',
      },
    ]);
  const { answers: answerSets, withheld } = await releasedAnswers(platform, row, filter);
  // A named questionnaire's free texts may say who wrote them: reading them is on the record.
  if (!row.anonymous)
    await auditRead(platform.database.db, platform.clock, caller, 'survey_results', id, { ...filter });
  return {
    id,
    title: row.title,
    anonymous: row.anonymous,
    answers: withheld ? Number(row.responses ?? 0) : answerSets.length,
    invited: Number(row.invited ?? 0),
    withheld,
    questions: withheld ? [] : summarise(questionsOf(row), answerSets),
  };
}
