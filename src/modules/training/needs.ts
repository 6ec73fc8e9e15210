/**
 * The training needs survey (WP3): the training staff launch a questionnaire of the surveys module from a template,
 * invite the operators on its pages, and read here the demand by topic, track and type of organisation; the topics
 * most asked for are the list they plan from, each marked "in programma" with the course that answers it.
 */
import type { Caller } from '../../kernel/auth.ts';
import { Invalid, NotFound } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import * as surveys from '../surveys/service.ts';
import type { NeedsResultsView, NeedsSurveyInput } from './contract.ts';
import * as feedbackStore from './feedback/store.ts';
import {
  demandByGroup,
  NEEDS_KEYS,
  NEEDS_TEMPLATE,
  needsQuestions,
  topicDemand,
  topicLines,
  topicQuestions,
} from './needs-rules.ts';
import { waitingTopics } from './proposals/service.ts';
import { actorOf, mustRunCourse } from './service.ts';

const NEEDS = 'TRAINING_NEEDS';
/** The template leaves room for this many topics within a questionnaire's 60 questions. */
const MAX_TOPICS = 40;
/** The topics' box holds this many characters. */
const MAX_TOPICS_TEXT = 4000;
const TOPIC_NOT_FOUND = 'L’argomento non fa parte di questa rilevazione.';

/** The template, its topics followed by those proposed from legal updates still waiting for a course. */
export async function needsTemplate(platform: Pick<Platform, 'database'>) {
  const topics = topicLines([...NEEDS_TEMPLATE.topics, ...(await waitingTopics(platform))].join('\n'));
  const kept: string[] = [];
  for (const topic of topics) {
    if (kept.length === MAX_TOPICS || [...kept, topic].join('\n').length > MAX_TOPICS_TEXT) break;
    kept.push(topic);
  }
  return { title: NEEDS_TEMPLATE.title, intro: NEEDS_TEMPLATE.intro, topics: kept.join('\n') };
}

export async function listNeedsSurveys(platform: Platform, caller: Caller) {
  const rows = await surveys.listOwnerSurveys(platform, caller, { kind: NEEDS });
  return rows.map(({ id, title, status, anonymous, responses, invited }) => ({
    id,
    title,
    status,
    anonymous,
    responses,
    invited,
  }));
}

/** A draft needs survey on the topics given, built from the template: the survey's page invites and opens it. */
export async function launchNeedsSurvey(platform: Platform, caller: Caller, input: NeedsSurveyInput) {
  const topics = topicLines(input.topics);
  if (topics.length === 0)
    throw new Invalid([{ path: 'body.topics', message: 'indicare almeno un argomento' }]);
  if (topics.length > MAX_TOPICS)
    throw new Invalid([{ path: 'body.topics', message: `al più ${MAX_TOPICS} argomenti` }]);
  return surveys.createSurvey(
    platform,
    caller,
    { kind: NEEDS },
    {
      title: input.title,
      intro: input.intro,
      questions: needsQuestions(topics),
      anonymous: input.anonymous,
      answeredBy: 'PERSON',
      reminderDays: input.reminderDays ?? null,
    },
  );
}

async function needsSurvey(platform: Platform, id: string) {
  const survey = await surveys.ownedSurvey(platform, id);
  if (survey.ownerKind !== NEEDS) throw new NotFound(surveys.QUESTIONNAIRE_NOT_FOUND);
  return survey;
}

/**
 * The demand a needs survey shows, under the surveys module's rules (an anonymous one only once closed, from 5
 * answers); in an anonymous one, groups of fewer than 5 answers are shown pooled.
 */
export async function needsResults(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<NeedsResultsView> {
  const survey = await needsSurvey(platform, id);
  const { answers, questions } = survey;
  // Named answers may say who gave them: reading them is on the record.
  if (!survey.anonymous && !survey.withheld)
    await auditRead(platform.database.db, platform.clock, caller, 'training_needs_results', id);
  const min = survey.anonymous ? surveys.MIN_ANONYMOUS_ANSWERS : 1;
  const plans = new Map(
    (await feedbackStore.topicPlans(platform.database.db, id)).map((plan) => [
      plan.topicKey,
      { id: plan.courseId, title: plan.courseTitle },
    ]),
  );
  return {
    id,
    title: survey.title,
    status: survey.status,
    anonymous: survey.anonymous,
    answers: survey.withheld ? survey.responses : answers.length,
    invited: survey.invited,
    withheld: survey.withheld,
    topics: survey.withheld
      ? []
      : topicDemand(questions, answers).map((demand) => ({
          ...demand,
          course: plans.get(demand.key) ?? null,
        })),
    byTrack: survey.withheld ? [] : demandByGroup(questions, answers, NEEDS_KEYS.track, min),
    byOrganisationType: survey.withheld
      ? []
      : demandByGroup(questions, answers, NEEDS_KEYS.organisationType, min),
  };
}

async function topicOf(platform: Platform, id: string, key: string) {
  const survey = await needsSurvey(platform, id);
  if (!topicQuestions(survey.questions).some((q) => q.key === key)) throw new NotFound(TOPIC_NOT_FOUND);
}

/**
 * A trainer puts a topic in the programme, with the course that answers it (or moves it to another course): a
 * course they run; the project staff plan onto any course.
 */
export async function planTopic(
  platform: Platform,
  caller: Caller,
  id: string,
  key: string,
  courseId: string,
) {
  await topicOf(platform, id, key);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const course = await feedbackStore.courseTitle(db, courseId);
    if (!course) throw new Invalid([{ path: 'body.courseId', message: 'Scegliere un corso dall’elenco' }]);
    await mustRunCourse(db, actorOf(caller), courseId);
    const row = {
      questionnaireId: id,
      topicKey: key,
      courseId,
      plannedBy: actorOf(caller).userId,
      plannedAt: platform.clock.now(),
    };
    await feedbackStore.upsertTopicPlan(db, row);
    await audit({
      kind: 'change',
      action: 'training.topic.plan',
      entityType: 'survey_questionnaire',
      entityId: id,
      before: null,
      after: { topicKey: key, courseId },
    });
  });
  return needsResults(platform, caller, id);
}

/** A topic leaves the programme, by the hand of one who runs its course or of the project staff. */
export async function unplanTopic(platform: Platform, caller: Caller, id: string, key: string) {
  await topicOf(platform, id, key);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const courseId = await feedbackStore.deleteTopicPlan(db, id, key);
    if (!courseId) throw new NotFound('L’argomento non è in programma.');
    await mustRunCourse(db, actorOf(caller), courseId);
    await audit({
      kind: 'change',
      action: 'training.topic.unplan',
      entityType: 'survey_questionnaire',
      entityId: id,
      before: { topicKey: key, courseId },
      after: null,
    });
  });
  return needsResults(platform, caller, id);
}
