/** The API of the imputation of a click-day application to the quota, recorded after its import. */
import { z } from 'zod';
import { legalDay, multilineText } from '../../../kernel/contract.ts';

/** The day the application was imputed to the quota; a correction says why. */
export const quotaImputationInput = z.object({
  imputedOn: legalDay,
  reason: multilineText(1000).nullish(),
  version: z.number().int(),
});
export type QuotaImputationInput = z.infer<typeof quotaImputationInput>;

/** The events of the case timeline that record the imputation, with the words the timeline shows. */
export const IMPUTATION_EVENT_LABELS = {
  QUOTA_IMPUTATION_RECORDED: 'Imputazione alla quota registrata',
  QUOTA_IMPUTATION_CORRECTED: 'Imputazione alla quota corretta',
} as const;
