/** The API of needs and resources: the directory of territorial services, questionnaires and answers, the map. */
import { z } from 'zod';
import {
  answerValue,
  questionKey,
  questionnaireInput as surveyQuestionnaireInput,
} from '../../surveys/contract.ts';
import { multilineText, text, themeCode } from '../contract.ts';

const istatCode = z.string().regex(/^\d{6}$/, 'scegliere un comune dall’elenco');
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

/**
 * The questionnaires of the needs analysis are the surveys module's, answered per organisation and municipality;
 * a scale question may measure the need of one of the council's themes, for the map.
 */
export const questionnaireInput = surveyQuestionnaireInput.extend({
  questions: surveyQuestionnaireInput.shape.questions.superRefine((questions, context) => {
    questions.forEach((q, index) => {
      if (q.theme && !themeCode.safeParse(q.theme).success)
        context.addIssue({ code: 'custom', path: [index, 'theme'], message: 'tema non previsto' });
    });
  }),
});
export type { AnswerValue, Question, QuestionnaireInput, QuestionnaireView } from '../../surveys/contract.ts';
export { answerValue, QUESTION_KINDS, question, questionnaireView } from '../../surveys/contract.ts';

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
