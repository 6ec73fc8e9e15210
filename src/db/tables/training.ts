/** The tables of training (WP3): courses, their trainers, editions, sessions, enrolments and attendance. */
import type { ColumnType } from 'kysely';
import type { Instant, NullableInstant } from '../columns.ts';

export type TrainingCourseTable = {
  id: string;
  title: string;
  track: 'PUBLIC' | 'PRIVATE' | 'BOTH';
  objectives: string;
  /** The topics as a JSON array of strings. */
  topics: ColumnType<string[], string, string>;
  hours: number;
  targetRoles: string;
  prerequisites: string | null;
  /** The share of the edition's hours a participant attends to complete the course. */
  completionPercent: number;
  /** Shown on the public site while an edition takes enrolments. */
  onPublicSite: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Instant;
};

export type TrainingCourseTrainerTable = { courseId: string; userId: string };

/** A file of a course (slides, handouts), stored by content. */
export type TrainingMaterialTable = {
  id: string;
  courseId: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  uploadedAt: Instant;
  uploadedBy: string;
};

export type TrainingEditionTable = {
  id: string;
  courseId: string;
  name: string;
  capacity: number;
  /** The last day a participant may withdraw by themselves. */
  cancelUntil: string;
  createdAt: Instant;
};

export type TrainingSessionTable = {
  id: string;
  editionId: string;
  startsAt: Instant;
  endsAt: Instant;
  place: string | null;
  onlineUrl: string | null;
  checkInSecret: string;
  remindedAt: NullableInstant;
};

export type EnrolmentStatus = 'ENROLLED' | 'WAITLISTED' | 'CANCELLED';

export type TrainingEnrolmentTable = {
  id: string;
  editionId: string;
  userId: string;
  organisationId: string;
  status: EnrolmentStatus;
  enrolledBy: string;
  requestedAt: Instant;
  promotedAt: NullableInstant;
  cancelledAt: NullableInstant;
};

export type TrainingAttendanceTable = {
  sessionId: string;
  userId: string;
  method: 'REGISTER' | 'CHECK_IN';
  recordedBy: string;
  recordedAt: Instant;
};

export type TrainingTables = {
  trainingCourse: TrainingCourseTable;
  trainingCourseTrainer: TrainingCourseTrainerTable;
  trainingMaterial: TrainingMaterialTable;
  trainingEdition: TrainingEditionTable;
  trainingSession: TrainingSessionTable;
  trainingEnrolment: TrainingEnrolmentTable;
  trainingAttendance: TrainingAttendanceTable;
};
