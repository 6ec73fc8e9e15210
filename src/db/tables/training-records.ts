/** The table of on-the-job training (WP3): the SUI team's mentoring hours, per person and topic. */
import type { Instant, LegalDay } from '../columns.ts';

export type TrainingMentoringTable = {
  id: string;
  /** The office the mentoring took place in (the SUI's Prefettura). */
  organisationId: string;
  day: LegalDay;
  menteeId: string;
  mentorId: string;
  topic: string;
  /** In quarters of an hour, at most 12 hours a row. */
  minutes: number;
  note: string | null;
  recordedBy: string;
  recordedAt: Instant;
};

export type TrainingRecordTables = { trainingMentoring: TrainingMentoringTable };
