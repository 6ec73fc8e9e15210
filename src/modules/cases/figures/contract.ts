/** The API of the SUI's process figures: how long opinions and the states of a case take. */
import { z } from 'zod';
import { legalDay } from '../../../kernel/contract.ts';

export const dashboardQuery = z.object({
  /** The day that splits the trend: before and after it. */
  since: legalDay.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});
const durations = z.object({
  count: z.number().int(),
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
});
export const dashboardView = z.object({
  today: legalDay,
  since: legalDay,
  bodies: z.array(
    z.object({
      body: z.string(),
      bodyName: z.string(),
      caseType: z.string(),
      caseTypeName: z.string(),
      answer: durations,
      before: durations,
      after: durations,
      overdueNow: z.number().int(),
      openNow: z.number().int(),
      silentConsents: z.number().int(),
    }),
  ),
  stages: z.array(
    z
      .object({ caseType: z.string(), caseTypeName: z.string(), stage: z.string(), stageName: z.string() })
      .extend(durations.shape),
  ),
  weekly: z.array(z.object({ week: legalDay, body: z.string(), answered: z.number().int() })),
  problems: z.array(
    z.object({
      category: z.string(),
      categoryName: z.string(),
      open: z.number().int(),
      resolved: z.number().int(),
    }),
  ),
});
export type DashboardView = z.infer<typeof dashboardView>;
