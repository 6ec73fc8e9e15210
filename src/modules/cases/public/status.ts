/**
 * The case-status look-up of the portal. Every attempt is in the audit trail; wrong data gets one answer
 * whatever field is wrong. Case numbers are sequential, so wrong attempts never close one to its applicant:
 * an address that keeps failing on a case number waits longer and longer, and many addresses together slow
 * the others at most to a ceiling (the per-address limit on all look-ups is the route's).
 */
import { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { type AttemptPolicy, passAttempt } from '../../identity/service.ts';
import { findPublicCaseStatus, type PublicCaseStatus } from './store.ts';

/** Wrong look-ups of one case number; the longest wait is an hour, as the portal's message promises. */
export const CASE_STATUS_ATTEMPTS: AttemptPolicy = {
  freeFailures: 4,
  firstDelaySeconds: 60,
  maxDelaySeconds: 60 * 60,
  freeFailuresEverywhere: 20,
  ceilingSeconds: 5 * 60,
  forgetAfterMinutes: 24 * 60,
};
export const CASE_STATUS_DOOR = 'case-status';

export const statusQuery = z.object({
  number: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}-\d{4}-\d{6}$/),
  passport: z
    .string()
    .trim()
    .min(4)
    .max(20)
    .regex(/^[A-Za-z0-9 -]+$/),
  birthDate: z.iso.date(),
});
export type StatusQuery = z.infer<typeof statusQuery>;

export type StatusAnswer =
  | { kind: 'found'; status: PublicCaseStatus }
  | { kind: 'no-match' }
  | { kind: 'too-soon'; retryAfterSeconds: number };

export async function lookUpCaseStatus(
  platform: Platform,
  caller: Caller,
  query: StatusQuery,
): Promise<StatusAnswer> {
  // Read before the transaction: the case types' registry must not be loaded inside one.
  const status = await findPublicCaseStatus(platform, query);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const door = { door: CASE_STATUS_DOOR, subject: query.number };
    const wait = await passAttempt(
      db,
      platform.clock.now(),
      caller,
      door,
      CASE_STATUS_ATTEMPTS,
      status !== null,
    );
    if (wait > 0) {
      await audit({
        kind: 'security',
        action: 'portal.case_status.refused',
        entityType: 'case_number',
        entityId: query.number,
        details: { retryAfterSeconds: wait },
      });
      return { kind: 'too-soon', retryAfterSeconds: wait };
    }
    if (!status) {
      await audit({
        kind: 'access',
        action: 'portal.case_status.no_match',
        entityType: 'case_number',
        entityId: query.number,
      });
      return { kind: 'no-match' };
    }
    await audit({
      kind: 'access',
      action: 'portal.case_status.read',
      entityType: 'case',
      entityId: status.caseId,
      details: { number: status.number, channel: 'portal' },
    });
    return { kind: 'found', status };
  });
}
