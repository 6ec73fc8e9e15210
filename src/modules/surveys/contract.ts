/**
 * The API of questionnaires: questions of five kinds with conditions, the context that owns a questionnaire
 * (council, training, events), answers named or anonymous, invitations and results.
 */
import { z } from 'zod';
import { multilineText, text } from '../../kernel/contract.ts';
import { organisationType, type Role, role } from '../identity/contract.ts';

export const questionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'chiave in minuscolo, senza spazi');

const questionBase = {
  key: questionKey,
  label: text(300),
  required: z.boolean(),
  /** The theme a scale question measures the need of (1 no need … 5 very high), for the owner's own use. */
  theme: z
    .string()
    .regex(/^[A-Z][A-Z_]{1,39}$/, 'tema non previsto')
    .nullable()
    .optional(),
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

/**
 * The keys of questions, derived from their texts so that nobody types them: lower case without accents, words
 * joined by `_`, at most 40 characters, starting with a letter, and made unique by a number where two texts meet.
 */
export function questionKeys(labels: readonly string[]): string[] {
  const taken = new Set<string>();
  return labels.map((label) => {
    const words = label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '');
    const base = (/^[a-z]/.test(words) ? words : `domanda_${words}`).slice(0, 34).replace(/_+$/, '');
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    return key;
  });
}
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

/** The contexts a questionnaire belongs to, each given by the module that asks for it. */
export const OWNER_KINDS = {
  COUNCIL_NEEDS: 'Analisi dei bisogni del Consiglio territoriale',
  COUNCIL_TABLE: 'Analisi dei bisogni di un tavolo tematico del Consiglio territoriale',
  TRAINING_NEEDS: 'Rilevazione dei fabbisogni formativi',
  COURSE_EVALUATION: 'Valutazione di un’edizione di un corso',
  EVENT_FOLLOW_UP: 'Questionario dopo un evento',
} as const;
export type OwnerKind = keyof typeof OWNER_KINDS;
/** Who builds the questionnaires of each context, opens and closes them, invites and reads the results. */
export const OWNER_BUILDERS: Record<OwnerKind, readonly Role[]> = {
  COUNCIL_NEEDS: ['council_secretariat'],
  /** Proposed by the table's consultant and opened by the secretariat's approval, from the council's pages. */
  COUNCIL_TABLE: [],
  TRAINING_NEEDS: ['trainer', 'project_manager'],
  COURSE_EVALUATION: ['trainer', 'project_manager'],
  EVENT_FOLLOW_UP: ['communications'],
};
export const ownerKind = z.enum(Object.keys(OWNER_KINDS) as [OwnerKind, ...OwnerKind[]]);

/** The owner as the calling module gives it: a kind, its own record (an edition, an event), a name for people. */
export const surveyOwner = z.object({
  kind: ownerKind,
  id: z.uuid().nullable().optional(),
  label: text(200).nullable().optional(),
});
export type SurveyOwner = z.infer<typeof surveyOwner>;

/** A questionnaire answered person by person, built from the back-office's questionnaire pages. */
export const surveyInput = questionnaireInput.extend({
  /** The council builds its needs questionnaires from its own pages, answered per organisation. */
  ownerKind: z.enum(['TRAINING_NEEDS', 'COURSE_EVALUATION', 'EVENT_FOLLOW_UP'], 'Scegliere a cosa serve'),
  ownerLabel: text(200).nullable().optional(),
  anonymous: z.boolean(),
  reminderDays: z.number().int().min(1, 'almeno 1 giorno').max(60, 'al più 60 giorni').nullable().optional(),
});
export type SurveyInput = z.infer<typeof surveyInput>;

export const questionnaireView = questionnaireInput.extend({
  id: z.uuid(),
  status: z.enum(['DRAFT', 'OPEN', 'CLOSED']),
  responses: z.number().int(),
  ownerKind,
  ownerId: z.uuid().nullable(),
  ownerLabel: z.string().nullable(),
  answeredBy: z.enum(['ORGANISATION', 'PERSON']),
  anonymous: z.boolean(),
  reminderDays: z.number().int().nullable(),
  invited: z.number().int(),
  /** Whether the caller is invited, has answered, may build it and read its results. */
  isInvited: z.boolean(),
  hasAnswered: z.boolean(),
  canBuild: z.boolean(),
});
export type QuestionnaireView = z.infer<typeof questionnaireView>;

export const surveysQuery = z.object({
  ownerKind: ownerKind.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const answerValue = z.union([z.string().max(4000), z.number(), z.array(z.string().max(200)).max(30)]);
export type AnswerValue = z.infer<typeof answerValue>;
export const answersInput = z.object({ answers: z.record(questionKey, answerValue) });

export const invitationInput = z
  .object({
    userIds: z.array(z.uuid()).max(500).default([]),
    organisationId: z.uuid().nullable().optional(),
    role: role.nullable().optional(),
  })
  .refine((input) => input.userIds.length > 0 || input.organisationId || input.role, {
    message: 'Indicare le persone, oppure un ente o un ruolo',
    path: ['userIds'],
  });
export type InvitationInput = z.infer<typeof invitationInput>;

export const invitationView = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  organisations: z.string(),
  invitedAt: z.string(),
  remindedAt: z.string().nullable(),
  hasAnswered: z.boolean(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const invitationsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** People who could be invited: by name, e-mail, organisation. */
export const inviteeQuery = z.object({ search: text(100).optional() });
export const inviteeView = z.object({ id: z.uuid(), name: z.string(), organisations: z.string() });

export const resultsQuery = z.object({ organisationType: organisationType.optional() });

export const questionResult = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['CHOICE', 'MULTI_CHOICE', 'SCALE', 'NUMBER', 'TEXT']),
  /** How many answered this question. */
  answered: z.number().int(),
  /** Counts per option (choices) or per level (scale 1–5). */
  /** `share`: the percentage of those who answered the question (several options may be ticked, so over 100 in all). */
  counts: z.array(z.object({ label: z.string(), count: z.number().int(), share: z.number().int() })),
  mean: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  /** Free-text answers, in alphabetical order (never in the order given). */
  texts: z.array(z.string()),
});
export type QuestionResult = z.infer<typeof questionResult>;

export const resultsView = z.object({
  id: z.uuid(),
  title: z.string(),
  anonymous: z.boolean(),
  answers: z.number().int(),
  invited: z.number().int(),
  /** For an anonymous questionnaire with too few answers: why nothing is shown, in words. */
  withheld: z.string().nullable(),
  questions: z.array(questionResult),
});
export type ResultsView = z.infer<typeof resultsView>;
