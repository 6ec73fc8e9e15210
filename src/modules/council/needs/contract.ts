/** The API of needs and resources: the directory of territorial services, questionnaires and answers, the map. */
import { z } from 'zod';
import { multilineText, text, themeCode } from '../contract.ts';

const istatCode = z.string().regex(/^098\d{3}$/, 'codice ISTAT di un comune della provincia di Lodi');
const optionalText = (max: number) => text(max).nullable().optional();
const language = z.string().regex(/^[a-z]{2,3}$/, 'Scegliere una lingua dall’elenco');

/** A territorial service, after the Open Referral HSDS model (organization, service, location, contact). */
export const serviceInput = z.object({
  name: text(200),
  description: multilineText(4000),
  municipalityIstatCode: istatCode,
  address: optionalText(300),
  themes: z.array(themeCode).min(1, 'almeno un tema').max(10),
  targetGroups: z.array(text(100)).max(20),
  languages: z.array(language).max(30),
  eligibility: optionalText(2000),
  hours: optionalText(500),
  phone: optionalText(50),
  email: z.email('indirizzo e-mail non valido').max(254).nullable().optional(),
  url: z
    .url({ protocol: /^https?$/, message: 'indirizzo web non valido' })
    .max(500)
    .nullable()
    .optional(),
});
export type ServiceInput = z.infer<typeof serviceInput>;

export const serviceView = serviceInput.extend({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  municipalityName: z.string(),
  address: z.string().nullable(),
  eligibility: z.string().nullable(),
  hours: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  url: z.string().nullable(),
  canEdit: z.boolean(),
});
export type ServiceView = z.infer<typeof serviceView>;

export const servicesQuery = z.object({
  theme: themeCode.optional(),
  municipality: istatCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const questionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'chiave in minuscolo, senza spazi');

const questionBase = {
  key: questionKey,
  label: text(300),
  required: z.boolean(),
  /** The theme a scale question measures the need of (1 no need … 5 very high), for the map. */
  theme: themeCode.nullable().optional(),
  /** Shown only when an earlier choice question has one of these answers. */
  showIf: z
    .object({ key: questionKey, anyOf: z.array(text(200)).min(1) })
    .nullable()
    .optional(),
};

export const question = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('CHOICE'), ...questionBase, options: z.array(text(200)).min(2).max(30) }),
  z.object({ kind: z.literal('MULTI_CHOICE'), ...questionBase, options: z.array(text(200)).min(2).max(30) }),
  z.object({ kind: z.literal('SCALE'), ...questionBase }),
  z.object({
    kind: z.literal('NUMBER'),
    ...questionBase,
    min: z.number().nullable().optional(),
    max: z.number().nullable().optional(),
  }),
  z.object({ kind: z.literal('TEXT'), ...questionBase }),
]);
export type Question = z.infer<typeof question>;
export const QUESTION_KINDS = {
  CHOICE: 'Scelta singola',
  MULTI_CHOICE: 'Scelta multipla',
  SCALE: 'Scala da 1 a 5',
  NUMBER: 'Numero',
  TEXT: 'Testo libero',
} as const;

export const questionnaireInput = z.object({
  title: text(200),
  intro: multilineText(4000),
  questions: z.array(question).min(1, 'almeno una domanda').max(60),
});
export type QuestionnaireInput = z.infer<typeof questionnaireInput>;

export const questionnaireView = questionnaireInput.extend({
  id: z.uuid(),
  status: z.enum(['DRAFT', 'OPEN', 'CLOSED']),
  responses: z.number().int(),
});
export type QuestionnaireView = z.infer<typeof questionnaireView>;

export const answerValue = z.union([z.string().max(4000), z.number(), z.array(z.string().max(200)).max(30)]);
export type AnswerValue = z.infer<typeof answerValue>;

export const responseInput = z.object({
  municipalityIstatCode: istatCode,
  answers: z.record(questionKey, answerValue),
});

export const responseView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  municipalityIstatCode: z.string(),
  municipalityName: z.string(),
  answers: z.record(z.string(), answerValue),
  submittedAt: z.string(),
});
export type ResponseView = z.infer<typeof responseView>;

export const mapQuery = z.object({ theme: themeCode });

export const mapView = z.object({
  theme: themeCode,
  viewBox: z.string(),
  /** The province's outer border. */
  outline: z.string(),
  /** The source of the boundaries, shown under the map as its licence asks. */
  attribution: z.string(),
  municipalities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      path: z.string(),
      centre: z.object({ x: z.number(), y: z.number() }),
      /** Mean need reported for the theme (1–5), null when nobody reported on it. */
      need: z.number().nullable(),
      reports: z.number().int(),
      services: z.number().int(),
      isGap: z.boolean(),
    }),
  ),
});
export type MapView = z.infer<typeof mapView>;

/** The municipalities of the province, for pickers and the map. */
export { MUNICIPALITIES } from './municipalities.ts';
