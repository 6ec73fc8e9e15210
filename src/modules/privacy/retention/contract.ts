import { z } from 'zod';

/** One kind of record with its retention, as the administrator's page shows it. */
export const retentionCategory = z.object({
  key: z.string(),
  label: z.string(),
  runsFrom: z.string(),
  months: z.number().int(),
  /** The shortest retention the administrator may set for this kind. */
  minMonths: z.number().int(),
  legalBasis: z.string(),
  /** Deleted outright, or kept with the personal fields removed. */
  action: z.enum(['delete', 'anonymise']),
  /** Records whose time has run out now; null when they could not be counted (`dueProblem` says why). */
  dueNow: z.number().int().min(0).nullable(),
  dueProblem: z.string().nullable(),
  /** The last run of the disposal job for this kind: when, how many went, and why it stopped if it did. */
  lastDisposal: z
    .object({ at: z.iso.datetime(), disposed: z.number().int().min(0), failure: z.string().nullable() })
    .nullable(),
});
export type RetentionCategoryView = z.infer<typeof retentionCategory>;

export const retentionOverview = z.object({
  categories: z.array(retentionCategory),
  /** When the disposal job runs every day (Europe/Rome), `HH:MM`. */
  dailyAt: z.string(),
  /** Whether this process runs background work, so that "Esegui ora" can be taken. */
  canRunNow: z.boolean(),
});
export type RetentionOverview = z.infer<typeof retentionOverview>;

/** The administrator's correction; its limits are checked by the service, which names the field at fault. */
export const retentionUpdate = z.object({ months: z.number(), legalBasis: z.string() });
export type RetentionUpdate = z.infer<typeof retentionUpdate>;

export const retentionCategoryKey = z.object({ category: z.string().max(100) });

export const disposalRequested = z.object({ queued: z.literal(true) });
