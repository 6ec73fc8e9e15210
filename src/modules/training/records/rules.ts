/** The rules of the training record: where a person stands in an edition, and how hours add up. */
import { isComplete } from '../rules.ts';
import type { CompletionState } from './contract.ts';

/**
 * Completed once the hours attended reach the course's share, whenever that happens; not completed when the
 * edition ended short of it; in progress before.
 */
export function completionStateOf(
  attended: { hoursAttended: number; totalHours: number; completionPercent: number },
  hasEnded: boolean,
): CompletionState {
  if (isComplete(attended.hoursAttended, attended.totalHours, attended.completionPercent)) return 'COMPLETED';
  return hasEnded ? 'NOT_COMPLETED' : 'IN_PROGRESS';
}

/** On-the-job hours are logged in quarters of an hour: minutes in the database, hours on screen. */
export const minutesOf = (hours: number) => Math.round(hours * 60);
export const hoursOf = (minutes: number) => minutes / 60;

/** A sum of hours in quarters, free of the float dust of adding 0.25s. */
export const sumHours = (values: readonly number[]) =>
  Math.round(values.reduce((sum, value) => sum + value, 0) * 4) / 4;
