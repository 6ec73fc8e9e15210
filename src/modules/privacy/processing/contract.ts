/** The API of the register of processing activities (GDPR art. 30): the controller and every activity. */
import { z } from 'zod';

export const appliedRetention = z.object({
  key: z.string(),
  label: z.string(),
  runsFrom: z.string(),
  months: z.number().int(),
  legalBasis: z.string(),
  action: z.enum(['delete', 'anonymise']),
  isScheduled: z.boolean(),
  /** The whole line in words, as the PDF prints it. */
  description: z.string(),
});

export const processingActivity = z.object({
  module: z.string(),
  name: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  dataSubjects: z.array(z.string()),
  dataCategories: z.array(z.string()),
  recipients: z.array(z.string()),
  retention: z.array(appliedRetention),
});

export const processingRegister = z.object({
  controller: z.object({
    name: z.string(),
    address: z.string().nullable(),
    email: z.string().nullable(),
    dataProtectionOfficer: z.string(),
  }),
  /** When the register was put together, and the day in words ("7 dicembre 2026"). */
  generatedAt: z.iso.datetime(),
  generatedOn: z.string(),
  activities: z.array(processingActivity),
});
export type ProcessingRegister = z.infer<typeof processingRegister>;
