/**
 * What the public site shows of training: the courses with an edition still taking enrolments, described as
 * their trainers wrote them, with the trainers' names (public professional information, decision 059) and no
 * other personal data: no contacts, no participants, no online meeting links.
 */
import type { Platform } from '../../../kernel/platform.ts';
import type { Track } from '../contract.ts';
import { sessionHours } from '../rules.ts';
import * as trainingStore from '../store.ts';
import { type OpenEditionRow, openEditions } from './store.ts';

export type PublicSession = {
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  isOnline: boolean;
  hours: number;
};
export type PublicEdition = {
  id: string;
  name: string;
  placesLeft: number;
  cancelUntil: string;
  /** The day to cancel without a reason has passed. */
  cancelPassed: boolean;
  /** Enrolments are taken until the last session ends. */
  enrolUntil: Date;
  hasStarted: boolean;
  sessions: PublicSession[];
};
export type PublicCourse = {
  id: string;
  title: string;
  track: Track;
  objectives: string;
  topics: string[];
  hours: number;
  targetRoles: string;
  prerequisites: string | null;
  trainers: string[];
  editions: PublicEdition[];
};

async function coursesOf(platform: Platform, rows: OpenEditionRow[]): Promise<PublicCourse[]> {
  const db = platform.database.db;
  const now = platform.clock.now();
  const today = platform.clock.today().toString();
  const sessions = await trainingStore.sessionsOf(
    db,
    rows.map((row) => row.id),
  );
  const courseIds = [...new Set(rows.map((row) => row.courseId))];
  const trainers = await trainingStore.trainersOf(db, courseIds);
  const courses = new Map<string, PublicCourse>();
  for (const row of rows) {
    const own = sessions.filter((session) => session.editionId === row.id);
    const course = courses.get(row.courseId) ?? {
      id: row.courseId,
      title: row.title,
      track: row.track,
      objectives: row.objectives,
      topics: row.topics,
      hours: row.hours,
      targetRoles: row.targetRoles,
      prerequisites: row.prerequisites,
      trainers: trainers
        .filter((trainer) => trainer.courseId === row.courseId)
        .map((trainer) => trainer.name),
      editions: [],
    };
    course.editions.push({
      id: row.id,
      name: row.name,
      placesLeft: Math.max(0, row.capacity - row.enrolled),
      cancelUntil: row.cancelUntil,
      cancelPassed: row.cancelUntil < today,
      enrolUntil: new Date(row.lastSessionEndsAt),
      hasStarted: own.some((session) => session.startsAt <= now),
      sessions: own.map((session) => ({
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        place: session.place,
        isOnline: session.onlineUrl !== null,
        hours: sessionHours(session),
      })),
    });
    courses.set(row.courseId, course);
  }
  return [...courses.values()];
}

/** The courses with an edition taking enrolments, the one starting soonest first. */
export async function openCourses(platform: Platform): Promise<PublicCourse[]> {
  return coursesOf(platform, await openEditions(platform.database.db, platform.clock.now()));
}

/** A course with its editions taking enrolments; undefined when it has none (its page is then not found). */
export async function openCourse(platform: Platform, courseId: string): Promise<PublicCourse | undefined> {
  const [course] = await coursesOf(
    platform,
    await openEditions(platform.database.db, platform.clock.now(), courseId),
  );
  return course;
}
