/**
 * Use cases of training: courses of a track with their trainers, editions with their sessions, and what a
 * person sees of an edition (their own place, or the participants for those who run it).
 */
import type { Actor, Caller } from '../../kernel/auth.ts';
import { hasPermission } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import { newCheckInSecret } from './check-in.ts';
import type {
  CourseInput,
  CourseSummary,
  CourseView,
  EditionInput,
  EditionSummary,
  EditionView,
  MaterialView,
  ParticipantView,
  SessionView,
} from './contract.ts';
import {
  isComplete,
  isEligible,
  sessionHours,
  sessionInstants,
  skippedTimeFaults,
  waitlistOrder,
} from './rules.ts';
import * as store from './store.ts';

export { trainingIndicators } from './indicators.ts';

export const COURSE_NOT_FOUND = 'Il corso non esiste.';
export const EDITION_NOT_FOUND = 'L’edizione non esiste.';

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Unauthenticated();
  return caller.actor;
}

/** Whether the actor follows every course (the project's staff), not only those they teach. */
export const oversees = (actor: Actor) => hasPermission(actor, 'training.oversee');

/**
 * Whether the actor runs the course: one of its trainers, or someone who oversees training. A trainer who does
 * not teach a course reads it like everyone in training, but does not change it, its register or its people.
 */
export async function runsCourse(db: Db, actor: Actor, courseId: string): Promise<boolean> {
  return oversees(actor) || store.isTrainerOf(db, courseId, actor.userId);
}

/** Refuses a change to a course the actor does not run (see `runsCourse`). */
export async function mustRunCourse(db: Db, actor: Actor, courseId: string): Promise<void> {
  if (!(await runsCourse(db, actor, courseId)))
    throw new Forbidden('Solo i formatori del corso e lo staff del progetto possono modificarlo.');
}

type SessionRow = Awaited<ReturnType<typeof store.sessionsOf>>[number];

export function sessionView(row: SessionRow): SessionView {
  return {
    id: row.id,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    place: row.place,
    onlineUrl: row.onlineUrl,
    hours: sessionHours(row),
  };
}

export function materialView(row: store.MaterialRow): MaterialView {
  return {
    id: row.id,
    fileName: row.fileName,
    size: row.size,
    mediaType: row.mediaType as MaterialView['mediaType'],
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/** Each course's trainers, by course. */
async function trainersByCourse(platform: Platform, courseIds: string[]) {
  const rows = await store.trainersOf(platform.database.db, courseIds);
  return (courseId: string) =>
    rows.filter((row) => row.courseId === courseId).map((row) => ({ id: row.id, name: row.name }));
}

function courseSummary(row: store.CourseRow, trainers: CourseSummary['trainers']): CourseSummary {
  return {
    id: row.id,
    title: row.title,
    track: row.track,
    hours: row.hours,
    trainers,
    editions: row.editions,
    nextSessionAt: row.nextSessionAt ? new Date(row.nextSessionAt).toISOString() : null,
  };
}

export async function listCourses(platform: Platform, page: { page: number; pageSize: number }) {
  const { rows, total } = await store.coursesPage(platform.database.db, platform.clock.now(), page);
  const trainers = await trainersByCourse(
    platform,
    rows.map((row) => row.id),
  );
  return { items: rows.map((row) => courseSummary(row, trainers(row.id))), total, ...page };
}

function editionSummary(row: store.EditionRow): EditionSummary {
  return {
    id: row.id,
    name: row.name,
    capacity: row.capacity,
    enrolled: row.enrolled,
    waitlisted: row.waitlisted,
    cancelUntil: row.cancelUntil,
    firstSessionAt: row.firstSessionAt ? new Date(row.firstSessionAt).toISOString() : null,
    lastSessionAt: row.lastSessionAt ? new Date(row.lastSessionAt).toISOString() : null,
  };
}

export async function getCourse(platform: Platform, caller: Caller, id: string): Promise<CourseView> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const row = await store.findCourse(db, platform.clock.now(), id);
  if (!row) throw new NotFound(COURSE_NOT_FOUND);
  const trainers = await trainersByCourse(platform, [id]);
  const editions = await store.editionsOfCourse(db, id);
  return {
    ...courseSummary(row, trainers(id)),
    objectives: row.objectives,
    topics: row.topics,
    targetRoles: row.targetRoles,
    prerequisites: row.prerequisites,
    completionPercent: row.completionPercent,
    onPublicSite: row.onPublicSite,
    runsCourse: await runsCourse(db, actor, id),
    isOpenToMe: isEligible(row.track, actor.organisationType),
    editionList: editions.map(editionSummary),
    materials: (await store.materialsOf(db, id)).map(materialView),
  };
}

/** Shows the course on the public site while it takes enrolments, or takes it off: for those who run it. */
export async function changePublicSite(
  platform: Platform,
  caller: Caller,
  id: string,
  onPublicSite: boolean,
) {
  const current = await store.findCourse(platform.database.db, platform.clock.now(), id);
  if (!current) throw new NotFound(COURSE_NOT_FOUND);
  await mustRunCourse(platform.database.db, actorOf(caller), id);
  if (current.onPublicSite === onPublicSite) return getCourse(platform, caller, id);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.findCourse(db, platform.clock.now(), id);
    if (!row) throw new NotFound(COURSE_NOT_FOUND);
    await mustRunCourse(db, actorOf(caller), id);
    await store.setOnPublicSite(db, id, onPublicSite);
    await audit({
      kind: 'change',
      action: 'training.course.public_site',
      entityType: 'training_course',
      entityId: id,
      before: { onPublicSite: row.onPublicSite },
      after: { onPublicSite },
    });
  });
  return getCourse(platform, caller, id);
}

/** The topics typed one a line, without blank lines or repeats. */
const topicList = (topics: string) =>
  [...new Set(topics.split('\n').map((line) => line.trim()))].filter(Boolean);

export async function createCourse(platform: Platform, caller: Caller, input: CourseInput) {
  const id = newId();
  const trainerIds = [...new Set(input.trainerIds)];
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const trainers = await store.trainersAmong(db, trainerIds);
    if (trainers.length !== trainerIds.length)
      throw new Invalid([{ path: 'body.trainerIds', message: 'scegliere i formatori dall’elenco' }]);
    const row = {
      id,
      title: input.title,
      track: input.track,
      objectives: input.objectives,
      topics: JSON.stringify(topicList(input.topics)),
      hours: input.hours,
      targetRoles: input.targetRoles,
      prerequisites: input.prerequisites ?? null,
      completionPercent: input.completionPercent,
      onPublicSite: input.onPublicSite ?? true,
      createdAt: platform.clock.now(),
    };
    await store.insertCourse(db, row, trainerIds);
    await audit({
      kind: 'change',
      action: 'training.course.create',
      entityType: 'training_course',
      entityId: id,
      before: null,
      after: { ...row, trainerIds },
    });
  });
  return getCourse(platform, caller, id);
}

export async function createEdition(
  platform: Platform,
  caller: Caller,
  courseId: string,
  input: EditionInput,
) {
  const skipped = skippedTimeFaults(input.sessions);
  if (skipped.length > 0) throw new Invalid(skipped);
  const id = newId();
  const sessions = input.sessions.map((session) => ({
    id: newId(),
    editionId: id,
    ...sessionInstants(session.day, session.startTime, session.endTime),
    place: session.place ?? null,
    onlineUrl: session.onlineUrl ?? null,
    checkInSecret: newCheckInSecret(),
  }));
  const firstDay = [...input.sessions].map((session) => session.day).sort()[0] as string;
  if (input.cancelUntil > firstDay)
    throw new Invalid([
      { path: 'body.cancelUntil', message: 'il termine per annullare non può venire dopo la prima sessione' },
    ]);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await store.findCourse(db, platform.clock.now(), courseId))) throw new NotFound(COURSE_NOT_FOUND);
    await mustRunCourse(db, actorOf(caller), courseId);
    const row = {
      id,
      courseId,
      name: input.name,
      capacity: input.capacity,
      cancelUntil: input.cancelUntil,
      createdAt: platform.clock.now(),
    };
    await store.insertEdition(db, row, sessions);
    await audit({
      kind: 'change',
      action: 'training.edition.create',
      entityType: 'training_edition',
      entityId: id,
      before: null,
      after: { ...row, sessions: sessions.map(({ checkInSecret: _secret, ...session }) => session) },
    });
  });
  return getEdition(platform, caller, id);
}

/** The hours each person attended of an edition's sessions. */
export async function hoursAttended(platform: Platform, sessions: readonly SessionRow[], userId?: string) {
  const attendance = await store.attendanceOf(
    platform.database.db,
    sessions.map((session) => session.id),
    userId,
  );
  const hours = new Map<string, number>();
  for (const row of attendance) {
    const session = sessions.find((candidate) => candidate.id === row.sessionId);
    if (session) hours.set(row.userId, (hours.get(row.userId) ?? 0) + sessionHours(session));
  }
  return hours;
}

/** Who of the people enrolled or waiting the actor sees: all for trainers and managers, their staff for a head. */
function participantScope(actor: Actor, isTrainer: boolean): 'all' | 'staff' | 'none' {
  if (isTrainer || oversees(actor)) return 'all';
  return hasPermission(actor, 'training.staff') ? 'staff' : 'none';
}

export async function getEdition(platform: Platform, caller: Caller, id: string): Promise<EditionView> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const edition = await store.findEdition(db, id);
  if (!edition) throw new NotFound(EDITION_NOT_FOUND);
  const sessions = await store.sessionsOf(db, [id]);
  const totalHours = sessions.reduce((sum, session) => sum + sessionHours(session), 0);
  const isTrainer = await store.isTrainerOf(db, edition.courseId, actor.userId);
  const scope = participantScope(actor, isTrainer);
  const people =
    scope === 'none'
      ? []
      : await store.participants(db, id, scope === 'staff' ? actor.organisationId : undefined);
  const hours = await hoursAttended(platform, sessions);
  const positions = new Map(
    waitlistOrder(await store.waiting(db, id)).map((row, index) => [row.id, index + 1] as const),
  );
  const participants: ParticipantView[] = people.map((person) => {
    const attended = hours.get(person.userId) ?? 0;
    return {
      enrolmentId: person.id,
      userId: person.userId,
      name: person.name,
      organisationName: person.organisationName,
      status: person.status,
      position: positions.get(person.id) ?? null,
      hoursAttended: attended,
      isComplete: isComplete(attended, totalHours, edition.completionPercent),
    };
  });
  if (participants.length > 0)
    await auditRead(db, platform.clock, caller, 'training_edition', id, {
      participants: participants.length,
    });
  const own = await store.liveEnrolment(db, id, actor.userId);
  const today = platform.clock.today().toString();
  return {
    ...editionSummary(edition),
    courseId: edition.courseId,
    courseTitle: edition.courseTitle,
    track: edition.track,
    totalHours,
    isOpenToMe: isEligible(edition.track, actor.organisationType),
    sessions: sessions.map(sessionView),
    mine: own
      ? {
          enrolmentId: own.id,
          status: own.status,
          position: positions.get(own.id) ?? null,
          mayCancel: today <= edition.cancelUntil,
        }
      : null,
    participants,
    isTrainer,
    mayWithdraw:
      (isTrainer || oversees(actor)) &&
      edition.lastSessionAt !== null &&
      new Date(edition.lastSessionAt) > platform.clock.now(),
  };
}

export function listTrainers(platform: Platform) {
  return store.trainerOptions(platform.database.db);
}

/** The people of the manager's own organisation, whom they may enrol. */
export async function listStaff(platform: Platform, caller: Caller) {
  const { organisationId } = actorOf(caller);
  const staff = await store.staffOf(platform.database.db, organisationId);
  await auditRead(platform.database.db, platform.clock, caller, 'organisation_staff', organisationId, {
    people: staff.length,
  });
  return staff;
}
