/** The API of access requests (GDPR art. 15): how a person is named, what is found about them. */
import { z } from 'zod';

const typed = (max: number) => z.string().max(max, `al massimo ${max} caratteri`).optional();

/**
 * A person named one way only: a fiscal code, a passport number, surname with given name and birth date, or
 * an e-mail address. The fields are checked together by the service, so that each fault names its field.
 */
export const subjectCriterion = z.object({
  fiscalCode: typed(40),
  passportNumber: typed(40),
  surname: typed(100),
  givenName: typed(100),
  birthDate: typed(20),
  email: typed(254),
});
export type SubjectCriterion = z.input<typeof subjectCriterion>;

export const criterionKind = z.enum(['fiscalCode', 'passportNumber', 'person', 'email']);
export type CriterionKind = z.infer<typeof criterionKind>;

/** A heading of the answer with the lines under it, each a record in words. */
export const subjectSection = z.object({
  title: z.string(),
  count: z.number().int(),
  records: z.array(z.string()),
});

export const subjectSearchResult = z.object({
  criterion: criterionKind,
  /** How the person was named, in words: "codice fiscale". */
  criterionLabel: z.string(),
  /** Records found (the recorded reads not counted). */
  total: z.number().int(),
  sections: z.array(subjectSection),
  /** What to tell the clerk when nothing was found; null otherwise. */
  message: z.string().nullable(),
});
export type SubjectSearchResult = z.infer<typeof subjectSearchResult>;
