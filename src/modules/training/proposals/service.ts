/**
 * Topics proposed from legal updates: the legal consultant turns a published update into a training topic with
 * one click; it waits in the list the trainers plan from (and in the topics a new needs survey offers) until a
 * trainer puts it in a course they run, where it joins the course's topics.
 */
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { TopicProposalView } from '../contract.ts';
import { actorOf, mustRunCourse } from '../service.ts';
import * as store from './store.ts';

const PROPOSAL_NOT_FOUND = 'L’argomento proposto non esiste.';
/** A course's topics are typed in a box of this many characters: a topic added by planning stays within it. */
const MAX_TOPICS_TEXT = 4000;

function viewOf(row: NonNullable<Awaited<ReturnType<typeof store.findProposal>>>): TopicProposalView {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    legalUpdateId: row.legalUpdateId,
    proposedBy: row.proposedBy,
    proposedAt: row.proposedAt.toISOString(),
    course: row.courseId && row.courseTitle ? { id: row.courseId, title: row.courseTitle } : null,
    plannedAt: row.plannedAt?.toISOString() ?? null,
  };
}

/** The training topic a legal update became, if it did. */
export async function topicOfLegalUpdate(db: Db, legalUpdateId: string) {
  const row = await store.proposalOfUpdate(db, legalUpdateId);
  return row ? viewOf(row) : null;
}

/**
 * Proposes a published legal update as a training topic; a second click finds the topic already there and
 * changes nothing. The caller (the updates module) has checked that the update is published.
 */
export async function proposeFromLegalUpdate(
  platform: Platform,
  caller: Caller,
  update: { id: string; title: string; summary: string },
): Promise<{ created: boolean; topic: TopicProposalView }> {
  const existing = await topicOfLegalUpdate(platform.database.db, update.id);
  if (existing) return { created: false, topic: existing };
  const id = newId();
  try {
    await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
      const row = {
        id,
        title: update.title,
        summary: update.summary,
        legalUpdateId: update.id,
        proposedBy: actorOf(caller).userId,
        proposedAt: platform.clock.now(),
      };
      await store.insertProposal(db, row);
      await audit({
        kind: 'change',
        action: 'training.topic.propose',
        entityType: 'training_topic_proposal',
        entityId: id,
        before: null,
        after: row,
      });
    });
  } catch (error) {
    // A second click that crossed the first one finds the topic the first one stored.
    if ((error as { code?: unknown }).code !== '23505') throw error;
    const stored = await topicOfLegalUpdate(platform.database.db, update.id);
    if (!stored) throw error;
    return { created: false, topic: stored };
  }
  return { created: true, topic: await proposalView(platform, id) };
}

export async function listProposals(platform: Platform, page: { page: number; pageSize: number }) {
  const { rows, total } = await store.proposalPage(platform.database.db, page);
  return { items: rows.map(viewOf), total, ...page };
}

/** The topics waiting for a course, oldest first: a new needs survey offers them. */
export function waitingTopics(platform: Pick<Platform, 'database'>): Promise<string[]> {
  return store.waitingTitles(platform.database.db);
}

async function proposalView(platform: Platform, id: string) {
  const row = await store.findProposal(platform.database.db, id);
  if (!row) throw new NotFound(PROPOSAL_NOT_FOUND);
  return viewOf(row);
}

const sameTopic = (a: string, b: string) => a.toLocaleLowerCase('it') === b.toLocaleLowerCase('it');

/** Raised inside the transaction when a crossing request already did what this one asks: nothing to write. */
class AlreadyDone extends Error {}

/** A trainer puts the topic in a course they run (the project staff, in any course): it joins the course's topics. */
export async function planProposal(platform: Platform, caller: Caller, id: string, courseId: string) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  if (!(await store.findProposal(db, id))) throw new NotFound(PROPOSAL_NOT_FOUND);
  if (!(await store.lockCourseTopics(db, courseId)))
    throw new Invalid([{ path: 'body.courseId', message: 'Scegliere un corso dall’elenco' }]);
  await mustRunCourse(db, actor, courseId);
  try {
    await writeTransaction(db, platform.clock, caller, async ({ db, audit }) => {
      const proposal = await store.lockProposal(db, id);
      const course = await store.lockCourseTopics(db, courseId);
      if (!proposal || !course) throw new NotFound(PROPOSAL_NOT_FOUND);
      if (proposal.courseId === courseId) throw new AlreadyDone();
      if (proposal.courseId)
        throw new Conflict('L’argomento è già in programma in un altro corso: toglierlo prima da quello.');
      const listed = course.topics.some((topic) => sameTopic(topic, proposal.title));
      const topics = listed ? course.topics : [...course.topics, proposal.title];
      if (topics.join('\n').length > MAX_TOPICS_TEXT)
        throw new Invalid([
          { path: 'body.courseId', message: 'Il corso ha già troppi argomenti per aggiungerne un altro.' },
        ]);
      if (!listed) await store.setCourseTopics(db, courseId, topics);
      await store.setCourse(db, id, {
        courseId,
        addedToCourse: !listed,
        plannedBy: actor.userId,
        plannedAt: platform.clock.now(),
      });
      await audit({
        kind: 'change',
        action: 'training.topic.proposal.plan',
        entityType: 'training_topic_proposal',
        entityId: id,
        before: { courseId: null, courseTopics: course.topics },
        after: { courseId, courseTopics: topics },
      });
    });
  } catch (error) {
    if (!(error instanceof AlreadyDone)) throw error;
  }
  return proposalView(platform, id);
}

/**
 * The topic leaves its course, back to the list waiting for one; it leaves the course's topics only if planning
 * put it there (a topic the trainer had written stays).
 */
export async function unplanProposal(platform: Platform, caller: Caller, id: string) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const proposal = await store.lockProposal(db, id);
    if (!proposal) throw new NotFound(PROPOSAL_NOT_FOUND);
    if (!proposal.courseId) throw new Conflict('L’argomento non è in programma in nessun corso.');
    const courseId = proposal.courseId;
    await mustRunCourse(db, actorOf(caller), courseId);
    const course = await store.lockCourseTopics(db, courseId);
    const before = course?.topics ?? [];
    const topics = proposal.addedToCourse
      ? before.filter((topic) => !sameTopic(topic, proposal.title))
      : before;
    if (topics !== before) await store.setCourseTopics(db, courseId, topics);
    await store.setCourse(db, id, null);
    await audit({
      kind: 'change',
      action: 'training.topic.proposal.unplan',
      entityType: 'training_topic_proposal',
      entityId: id,
      before: { courseId, courseTopics: before },
      after: { courseId: null, courseTopics: topics },
    });
  });
  return proposalView(platform, id);
}

/**
 * The one who proposed topics withdraws a proposal no course has taken up yet (made by mistake, or no longer
 * needed): it leaves the list and the next needs surveys, and the update may be proposed again.
 */
export async function withdrawFromLegalUpdate(platform: Platform, caller: Caller, legalUpdateId: string) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const withdrawn = await store.deleteWaiting(db, legalUpdateId);
    if (!withdrawn) {
      const planned = await store.proposalOfUpdate(db, legalUpdateId);
      if (planned)
        throw new Conflict(
          'L’argomento è già in programma in un corso: prima chi tiene il corso deve toglierlo dal programma.',
        );
      throw new NotFound(PROPOSAL_NOT_FOUND);
    }
    await audit({
      kind: 'change',
      action: 'training.topic.withdraw',
      entityType: 'training_topic_proposal',
      entityId: withdrawn.id,
      before: { ...withdrawn, legalUpdateId },
      after: null,
    });
  });
}
