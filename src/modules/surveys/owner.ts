/**
 * What a module does with the questionnaires of its own records (a training edition's evaluation) on its own
 * authority: it has checked who may act, and the questionnaire is launched, closed and read inside its use cases.
 * Such a questionnaire names its owner record (`ownerId`); the generic pages show it only to those invited to
 * answer it (`access.ts`), so its results reach no one but through the owner's pages (decision 058).
 */
import { Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { UnitOfWork } from '../../kernel/transaction.ts';
import { QUESTIONNAIRE_NOT_FOUND, questionsOf } from './access.ts';
import type { AnswerValue, OwnerKind, QuestionnaireInput, ResultsView, SurveyOwner } from './contract.ts';
import { queueInvitations } from './letters.ts';
import { questionnaireProblems, summarise, withheldReason } from './rules.ts';
import * as surveysStore from './store.ts';

type Answers = Record<string, AnswerValue>;

/**
 * Opens a questionnaire of a record of the owner straight away, with these people invited (by e-mail through the
 * outbox), in the owner's transaction. Returns its id.
 */
export async function launchOwnedSurvey(
  unit: UnitOfWork,
  platform: Pick<Platform, 'clock' | 'config'>,
  owner: SurveyOwner & { id: string },
  settings: QuestionnaireInput & { anonymous: boolean; reminderDays: number | null },
  userIds: readonly string[],
): Promise<string> {
  const problems = questionnaireProblems(settings.questions);
  if (problems.length) throw new Invalid(problems);
  const id = newId();
  const now = platform.clock.now();
  const row = {
    id,
    title: settings.title,
    intro: settings.intro,
    status: 'OPEN' as const,
    questions: JSON.stringify(settings.questions),
    createdAt: now,
    ownerKind: owner.kind,
    ownerId: owner.id,
    ownerLabel: owner.label ?? null,
    answeredBy: 'PERSON' as const,
    anonymous: settings.anonymous,
    reminderDays: settings.reminderDays,
  };
  await surveysStore.insertQuestionnaire(unit.db, row);
  const people = userIds.length ? await surveysStore.usersToInvite(unit.db, { userIds }) : [];
  await surveysStore.insertInvitations(
    unit.db,
    id,
    people.map((person) => person.id),
    now,
  );
  await unit.audit({
    kind: 'change',
    action: 'surveys.questionnaire.launch',
    entityType: 'survey_questionnaire',
    entityId: id,
    before: null,
    after: { ...row, questions: settings.questions, invited: people.map((person) => person.id) },
  });
  await queueInvitations(unit, row, people, platform.config.publicUrl);
  return id;
}

/** Closes an open questionnaire of the owner, releasing its anonymous answers shuffled; false if it was not open. */
export async function closeOwnedSurvey(unit: UnitOfWork, id: string): Promise<boolean> {
  const row = await surveysStore.lockQuestionnaire(unit.db, id);
  if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  if (row.status !== 'OPEN') return false;
  await surveysStore.updateQuestionnaire(unit.db, id, { status: 'CLOSED' });
  if (row.anonymous) await surveysStore.releaseHeldAnswers(unit.db, id);
  await unit.audit({
    kind: 'change',
    action: 'surveys.questionnaire.close',
    entityType: 'survey_questionnaire',
    entityId: id,
    before: { status: row.status },
    after: { status: 'CLOSED' },
  });
  return true;
}

/**
 * The answers of a questionnaire that may be shown: the named ones (of a type of organisation, if asked), the
 * anonymous ones once it is closed; `withheld` says why none are shown below the minimum.
 */
export async function releasedAnswers(
  platform: Pick<Platform, 'database'>,
  row: surveysStore.QuestionnaireRow,
  filter: { organisationType?: string } = {},
): Promise<{ answers: Answers[]; withheld: string | null }> {
  const { db } = platform.database;
  const answers = row.anonymous
    ? row.status === 'CLOSED'
      ? (await surveysStore.anonymousAnswers(db, row.id)).map((r) => r.answers as Answers)
      : []
    : (await surveysStore.responses(db, { questionnaireId: row.id, ...filter })).map(
        (r) => r.answers as Answers,
      );
  const withheld = withheldReason(row, answers.length);
  return { answers: withheld ? [] : answers, withheld };
}

/** A questionnaire as its owner reads it: questions, status, answers that may be shown. */
export async function ownedSurvey(platform: Pick<Platform, 'database'>, id: string) {
  const [row] = await surveysStore.questionnaires(platform.database.db, { id });
  if (!row) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  const released = await releasedAnswers(platform, row);
  return {
    id: row.id,
    title: row.title,
    intro: row.intro,
    status: row.status,
    anonymous: row.anonymous,
    ownerKind: row.ownerKind,
    ownerId: row.ownerId,
    questions: questionsOf(row),
    responses: Number(row.responses ?? 0),
    invited: Number(row.invited ?? 0),
    ...released,
  };
}

/** The results of an owner's questionnaire, for the owner's pages (which have checked who reads them). */
export async function ownedResults(platform: Pick<Platform, 'database'>, id: string): Promise<ResultsView> {
  const survey = await ownedSurvey(platform, id);
  return {
    id,
    title: survey.title,
    anonymous: survey.anonymous,
    answers: survey.withheld ? survey.responses : survey.answers.length,
    invited: survey.invited,
    withheld: survey.withheld,
    questions: survey.withheld ? [] : summarise(survey.questions, survey.answers),
  };
}

/** How many answers the published questionnaires of an owner context have had, for its figures. */
export async function answersOfKind(platform: Pick<Platform, 'database'>, kind: OwnerKind): Promise<number> {
  const rows = await surveysStore.questionnaires(platform.database.db, { ownerKind: kind, published: true });
  return rows.reduce((sum, row) => sum + Number(row.responses ?? 0), 0);
}
