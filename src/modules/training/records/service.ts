/**
 * The training record: a person's courses (hours attended, completed or not) and on-the-job hours, and an
 * organisation's people with their hours and completions by track. A person reads their own; the head of an
 * organisation reads what its staff did for it; whoever oversees training reads every record. Every read is
 * in the audit trail.
 */
import { type Actor, type Caller, hasPermission } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import { TRACKS, type Track } from '../contract.ts';
import { sessionHours } from '../rules.ts';
import { actorOf, oversees } from '../service.ts';
import * as trainingStore from '../store.ts';
import type {
  CourseLine,
  MentoringEntry,
  OrganisationRecord,
  OrganisationSummary,
  PersonRecord,
  PersonTotals,
} from './contract.ts';
import { completionStateOf, hoursOf, sumHours } from './rules.ts';
import * as store from './store.ts';

export const PERSON_NOT_FOUND =
  'La persona non esiste o il suo percorso formativo non è tra quelli che puoi vedere.';
export const ORGANISATION_NOT_FOUND = 'L’ente non esiste o non è tra quelli che puoi vedere.';

/** Whether the actor heads their organisation's training (enrols its staff): they read its staff's records. */
const headsTraining = (actor: Actor) => hasPermission(actor, 'training.staff');

export function mentoringEntry(row: store.MentoringRow): MentoringEntry {
  return {
    id: row.id,
    day: row.day,
    menteeId: row.menteeId,
    menteeName: row.menteeName,
    mentorId: row.mentorId,
    mentorName: row.mentorName,
    topic: row.topic,
    hours: hoursOf(row.minutes),
    note: row.note,
    organisationName: row.organisationName,
  };
}

/** Each place held, with the edition's hours, the hours the person attended and where they stand. */
async function courseLines(db: Db, now: Date, places: readonly store.PlaceRow[]) {
  const sessions = await trainingStore.sessionsOf(db, [...new Set(places.map((place) => place.editionId))]);
  const people = new Set(places.map((place) => place.userId));
  const attended = new Set(
    (
      await trainingStore.attendanceOf(
        db,
        sessions.map((session) => session.id),
        people.size === 1 ? [...people][0] : undefined,
      )
    )
      .filter((row) => people.has(row.userId))
      .map((row) => `${row.sessionId}|${row.userId}`),
  );
  return places.map((place) => {
    const own = sessions.filter((session) => session.editionId === place.editionId);
    const totalHours = sumHours(own.map(sessionHours));
    const hoursAttended = sumHours(
      own.filter((session) => attended.has(`${session.id}|${place.userId}`)).map(sessionHours),
    );
    const last = own.at(-1);
    const hasEnded = own.length > 0 && own.every((session) => session.endsAt <= now);
    const line: CourseLine = {
      enrolmentId: place.id,
      editionId: place.editionId,
      courseTitle: place.courseTitle,
      track: place.track,
      editionName: place.editionName,
      organisationName: place.organisationName,
      firstSessionAt: own[0]?.startsAt.toISOString() ?? null,
      lastSessionAt: last ? last.endsAt.toISOString() : null,
      totalHours,
      hoursAttended,
      state: completionStateOf(
        { hoursAttended, totalHours, completionPercent: place.completionPercent },
        hasEnded,
      ),
      certificate: place.certificateNumber
        ? { number: place.certificateNumber, isRevoked: place.certificateRevokedAt !== null }
        : null,
    };
    return { userId: place.userId, name: place.name, organisationId: place.organisationId, line };
  });
}

/**
 * What of a person's record the actor may read: all of it for the person and for whoever oversees training,
 * what they did for the organisation for its head; a person beyond reach is not found.
 */
async function personReach(db: Db, actor: Actor, userId: string) {
  if (userId === actor.userId || oversees(actor)) {
    const person = await store.findPerson(db, userId);
    if (person) return { person, organisation: null };
  } else if (headsTraining(actor)) {
    const person = await store.findPerson(db, userId, actor.organisationId);
    if (person) return { person, organisation: { id: actor.organisationId, name: actor.organisationName } };
  }
  throw new NotFound(PERSON_NOT_FOUND);
}

export async function personRecord(
  platform: Platform,
  caller: Caller,
  userId: string,
): Promise<PersonRecord> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const { person, organisation } = await personReach(db, actor, userId);
  const filter = { userId, ...(organisation ? { organisationId: organisation.id } : {}) };
  const courses = (await courseLines(db, platform.clock.now(), await store.placesHeld(db, filter))).map(
    ({ line }) => line,
  );
  const onTheJob = (await store.mentoringLog(db, filter)).map(mentoringEntry);
  const courseHours = sumHours(courses.map((course) => course.hoursAttended));
  const onTheJobHours = sumHours(onTheJob.map((entry) => entry.hours));
  await auditRead(db, platform.clock, caller, 'training_record', userId, {
    courses: courses.length,
    onTheJob: onTheJob.length,
    ...(organisation ? { organisationId: organisation.id } : {}),
  });
  return {
    userId,
    name: person.name,
    organisationName: organisation?.name ?? null,
    courses,
    onTheJob,
    courseHours,
    onTheJobHours,
    totalHours: sumHours([courseHours, onTheJobHours]),
    coursesCompleted: courses.filter((course) => course.state === 'COMPLETED').length,
  };
}

/** The organisation whose records the actor may read: any for whoever oversees training, else their own. */
async function organisationReach(db: Db, actor: Actor, organisationId: string) {
  const mayRead = oversees(actor) || (headsTraining(actor) && organisationId === actor.organisationId);
  const organisation = mayRead ? await store.findOrganisation(db, organisationId) : undefined;
  if (!organisation) throw new NotFound(ORGANISATION_NOT_FOUND);
  return organisation;
}

type Detailed = OrganisationRecord & {
  courses: (CourseLine & { name: string })[];
  onTheJob: MentoringEntry[];
};

type Place = Awaited<ReturnType<typeof courseLines>>[number];

/** The people of an organisation with their totals, by name, and its places by track. */
function totalsOf(places: Place[], onTheJob: MentoringEntry[]) {
  const people = new Map<string, PersonTotals>();
  const personOf = (userId: string, name: string) => {
    const known = people.get(userId);
    if (known) return known;
    const fresh = {
      userId,
      name,
      coursesFollowed: 0,
      coursesCompleted: 0,
      courseHours: 0,
      onTheJobHours: 0,
      totalHours: 0,
    };
    people.set(userId, fresh);
    return fresh;
  };
  for (const { userId, name, line } of places) {
    const totals = personOf(userId, name);
    totals.coursesFollowed += 1;
    if (line.state === 'COMPLETED') totals.coursesCompleted += 1;
    totals.courseHours = sumHours([totals.courseHours, line.hoursAttended]);
  }
  for (const entry of onTheJob) {
    const totals = personOf(entry.menteeId, entry.menteeName);
    totals.onTheJobHours = sumHours([totals.onTheJobHours, entry.hours]);
  }
  for (const totals of people.values())
    totals.totalHours = sumHours([totals.courseHours, totals.onTheJobHours]);
  const byTrack = (Object.keys(TRACKS) as Track[])
    .map((track) => {
      const lines = places.filter((place) => place.line.track === track);
      return {
        track,
        people: new Set(lines.map((place) => place.userId)).size,
        places: lines.length,
        completed: lines.filter((place) => place.line.state === 'COMPLETED').length,
        hours: sumHours(lines.map((place) => place.line.hoursAttended)),
      };
    })
    .filter((row) => row.places > 0);
  const list = [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'it'));
  return { list, byTrack };
}

/** An organisation's record with every line behind its totals (for the export). */
export async function organisationDetail(
  platform: Platform,
  caller: Caller,
  organisationId: string,
): Promise<Detailed> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const organisation = await organisationReach(db, actor, organisationId);
  const filter = { organisationId };
  const places = await courseLines(db, platform.clock.now(), await store.placesHeld(db, filter));
  const onTheJob = (await store.mentoringLog(db, filter)).map(mentoringEntry);
  const { list, byTrack } = totalsOf(places, onTheJob);
  await auditRead(db, platform.clock, caller, 'training_organisation_record', organisationId, {
    people: list.length,
  });
  const courseHours = sumHours(list.map((row) => row.courseHours));
  const onTheJobHours = sumHours(list.map((row) => row.onTheJobHours));
  return {
    organisationId,
    organisationName: organisation.name,
    people: list,
    byTrack,
    courseHours,
    onTheJobHours,
    totalHours: sumHours([courseHours, onTheJobHours]),
    completions: list.reduce((sum, row) => sum + row.coursesCompleted, 0),
    courses: places.map(({ name, line }) => ({ ...line, name })),
    onTheJob,
  };
}

export async function organisationRecord(
  platform: Platform,
  caller: Caller,
  organisationId: string,
): Promise<OrganisationRecord> {
  const {
    courses: _courses,
    onTheJob: _onTheJob,
    ...record
  } = await organisationDetail(platform, caller, organisationId);
  return record;
}

/** The organisations whose records the actor may read, with their totals: all for whoever oversees training. */
export async function organisationSummaries(
  platform: Platform,
  caller: Caller,
): Promise<OrganisationSummary[]> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const organisations = oversees(actor)
    ? await store.organisationsWithTraining(db)
    : headsTraining(actor)
      ? [{ id: actor.organisationId, name: actor.organisationName }]
      : [];
  // The places and the log of every organisation read at once, then told apart: no query per organisation.
  const filter = oversees(actor) ? {} : { organisationId: actor.organisationId };
  const [places, onTheJob] =
    organisations.length === 0
      ? [[], []]
      : await Promise.all([
          store.placesHeld(db, filter).then((rows) => courseLines(db, platform.clock.now(), rows)),
          store.mentoringLog(db, filter),
        ]);
  const summaries = organisations.map((organisation): OrganisationSummary => {
    const { list } = totalsOf(
      places.filter((place) => place.organisationId === organisation.id),
      onTheJob.filter((row) => row.organisationId === organisation.id).map(mentoringEntry),
    );
    const courseHours = sumHours(list.map((row) => row.courseHours));
    const onTheJobHours = sumHours(list.map((row) => row.onTheJobHours));
    return {
      organisationId: organisation.id,
      organisationName: organisation.name,
      people: list.length,
      totalHours: sumHours([courseHours, onTheJobHours]),
      completions: list.reduce((sum, row) => sum + row.coursesCompleted, 0),
    };
  });
  await auditRead(db, platform.clock, caller, 'training_organisation_records', 'list', {
    organisations: summaries.length,
  });
  return summaries;
}
