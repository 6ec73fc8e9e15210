/**
 * The training indicators of WP3 (fami-reporting.md §6), computed from the records: operators trained per track
 * and organisation type, hours delivered, completion rate, certificates issued. The project module reads them through the service.
 */
import type { Platform } from '../../kernel/platform.ts';
import { answersOfKind } from '../surveys/service.ts';
import { validCertificates } from './certificates/store.ts';
import type { Track } from './contract.ts';
import { evaluationFigures } from './evaluation-figures.ts';
import { mentoringMinutes } from './records/store.ts';
import { isComplete } from './rules.ts';
import * as store from './store.ts';

export type TrainingIndicators = {
  /** People who completed at least one course, per track and organisation type. */
  operatorsTrained: { track: Track; organisationType: string; operators: number }[];
  /** Hours of the sessions held (ended, with someone present), per track and in all. */
  hoursDelivered: { track: Track; hours: number }[];
  /** Hours of on-the-job training of the SUI team logged up to today (mentoring, decision 059). */
  onTheJobHours: number;
  /** The sessions' hours and the on-the-job hours. */
  totalHoursDelivered: number;
  /** Of the places in editions that have ended, the share completed (0 to 1); null before any ended. */
  completionRate: number | null;
  placesInEndedEditions: number;
  completedPlaces: number;
  /** Answers to the training needs surveys, and the mean overall satisfaction (1–5) of the evaluations shown. */
  needsSurveyAnswers: number;
  evaluationAnswers: number;
  meanSatisfaction: number | null;
  /** Certificates issued and still valid (not revoked). */
  certificatesIssued: number;
};

export async function trainingIndicators(platform: Platform): Promise<TrainingIndicators> {
  const now = platform.clock.now();
  const db = platform.database.db;
  const participations = await store.finishedParticipations(db, now);
  const completed = participations.filter((row) =>
    isComplete(row.attendedMinutes / 60, row.totalMinutes / 60, row.completionPercent),
  );
  const trained = new Map<string, Set<string>>();
  for (const row of completed) {
    const key = `${row.track}|${row.organisationType}`;
    trained.set(key, (trained.get(key) ?? new Set()).add(row.userId));
  }
  const hours = await store.hoursDelivered(db, now);
  const onTheJobHours = (await mentoringMinutes(db, platform.clock.today().toString())) / 60;
  return {
    operatorsTrained: [...trained.entries()]
      .map(([key, people]) => {
        const [track, organisationType] = key.split('|') as [Track, string];
        return { track, organisationType, operators: people.size };
      })
      .sort((a, b) => a.track.localeCompare(b.track) || a.organisationType.localeCompare(b.organisationType)),
    hoursDelivered: hours.map((row) => ({ track: row.track, hours: row.minutes / 60 })),
    onTheJobHours,
    totalHoursDelivered: hours.reduce((sum, row) => sum + row.minutes / 60, onTheJobHours),
    completionRate: participations.length === 0 ? null : completed.length / participations.length,
    placesInEndedEditions: participations.length,
    completedPlaces: completed.length,
    needsSurveyAnswers: await answersOfKind(platform, 'TRAINING_NEEDS'),
    ...(await evaluationFigures(platform)),
    certificatesIssued: await validCertificates(db),
  };
}
