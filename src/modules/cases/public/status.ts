/**
 * The case-status look-up of the portal. Every attempt is in the audit trail; wrong data gets one answer
 * whatever field is wrong; a case number that collects too many wrong attempts is closed to look-ups for a
 * while, whoever asks (the per-address limit is the route's).
 */
import { z } from 'zod';
import { writeAudit } from '../../../kernel/audit.ts';
import type { Caller } from '../../../kernel/auth.ts';
import { auditContextOf } from '../../../kernel/auth.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { countCaseNumberLookups, findPublicCaseStatus, type PublicCaseStatus } from './store.ts';

/** Wrong attempts on one case number allowed within the window, from any address. */
export const CASE_LOOKUP_LIMIT = { failures: 5, windowMinutes: 60 };

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
  | { kind: 'too-many' };

const NO_MATCH = 'portal.case_status.no_match';

async function recentFailures(platform: Platform, number: string): Promise<number> {
  const since = new Date(platform.clock.now().getTime() - CASE_LOOKUP_LIMIT.windowMinutes * 60_000);
  return countCaseNumberLookups(platform.database.db, number, NO_MATCH, since);
}

export async function lookUpCaseStatus(
  platform: Platform,
  caller: Caller,
  query: StatusQuery,
): Promise<StatusAnswer> {
  const { db } = platform.database;
  const context = auditContextOf(caller, platform.clock);
  if ((await recentFailures(platform, query.number)) >= CASE_LOOKUP_LIMIT.failures) {
    await writeAudit(db, context, {
      kind: 'security',
      action: 'portal.case_status.refused',
      entityType: 'case_number',
      entityId: query.number,
      details: { reason: 'too many wrong attempts' },
    });
    return { kind: 'too-many' };
  }
  const status = await findPublicCaseStatus(platform, query);
  if (!status) {
    await writeAudit(db, context, {
      kind: 'access',
      action: NO_MATCH,
      entityType: 'case_number',
      entityId: query.number,
    });
    return { kind: 'no-match' };
  }
  await writeAudit(db, context, {
    kind: 'access',
    action: 'portal.case_status.read',
    entityType: 'case',
    entityId: status.caseId,
    details: { number: status.number, channel: 'portal' },
  });
  return { kind: 'found', status };
}
