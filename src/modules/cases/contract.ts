/** The API of SUI case files: intake, parties, worklist, case page, actions. Shared by routes and web client. */
import { z } from 'zod';
import { text } from '../../kernel/contract.ts';
import { ACTION_NAMES, caseTypeVersion } from './law/definitions.ts';
import { rejectionNoticeView } from './outcomes/contract.ts';

export { OPINION_BODIES } from '../exchange/contract.ts';
export { ACTIONS, type Action, GUARDS } from './law/definitions.ts';

const optionalText = (max: number) => text(max).nullish();
const legalDay = z.iso.date();
const code = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'codice non valido');
const email = z.email('indirizzo e-mail non valido').max(254);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{5,25}$/, 'numero di telefono non valido');

/** ISO 639-1 language codes the office offers mediation or translations in. */
const language = z.string().regex(/^[a-z]{2}$/, 'Scegliere una lingua dall’elenco');

export const personInput = z.object({
  surname: text(100),
  givenName: text(100),
  sex: z.enum(['M', 'F']),
  birthDate: legalDay,
  birthPlace: text(100),
  citizenship: z.string().regex(/^[A-Z]{2}$/, 'Scegliere la cittadinanza dall’elenco'),
  citizenshipCadastralCode: z
    .string()
    .regex(/^Z\d{3}$/, 'codice catastale dello Stato estero (es. Z330)')
    .nullish(),
  passport: z
    .object({
      number: z.string().regex(/^[A-Z0-9]{5,20}$/, 'numero di passaporto non valido'),
      expiry: legalDay,
    })
    .nullish(),
  fiscalCode: z.string().trim().toUpperCase().nullish(),
  address: optionalText(300),
  email: email.nullish(),
  phone: phone.nullish(),
  preferredLanguage: language.nullish(),
});
export type PersonInput = z.infer<typeof personInput>;

export const employerInput = z.object({
  kind: z.enum(['COMPANY', 'PERSON']),
  name: text(200),
  fiscalCode: z.string().trim().toUpperCase(),
  vatNumber: z.string().trim().nullish(),
  address: text(300),
  pec: email.nullish(),
  email: email.nullish(),
  phone: phone.nullish(),
});
export type EmployerInput = z.infer<typeof employerInput>;

export const partyInput = z.union([
  z.object({ role: code, person: personInput }),
  z.object({ role: code, employer: employerInput }),
]);

/** What the application says about the job or the request; kept on the case's first event. */
export const applicationDetails = z.object({
  formCode: optionalText(20),
  jobTitle: optionalText(120),
  contractType: z.enum(['PERMANENT', 'FIXED_TERM', 'SEASONAL']).nullish(),
  weeklyHours: z.number().min(1).max(48).nullish(),
  monthlyGrossSalary: z.number().min(0).max(100_000).nullish(),
  collectiveAgreement: optionalText(120),
  workplace: optionalText(300),
  accommodation: optionalText(300),
  notes: optionalText(2000),
});

export const intakeInput = z.object({
  type: code,
  /** The quota sector, for types inside the decreto flussi. */
  quotaSector: code.nullish(),
  externalReference: optionalText(80),
  parties: z.array(partyInput).min(1).max(10),
  details: applicationDetails.default({}),
});
export type IntakeInput = z.infer<typeof intakeInput>;

export const DEADLINE_STATUSES = ['ON_TIME', 'DUE_SOON', 'OVERDUE', 'SUSPENDED', 'CLOSED'] as const;
const deadlineStatus = z.enum(DEADLINE_STATUSES);

export const intakeResult = z.object({
  id: z.uuid(),
  number: z.string(),
  state: z.string(),
  admitted: z.boolean(),
  quotaRank: z.number().int().nullable(),
  receivedAt: z.string(),
  dueOn: legalDay.nullable(),
  receiptUrl: z.string(),
});
export type IntakeResult = z.infer<typeof intakeResult>;

export const caseSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.string(),
  typeName: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  title: z.string(),
  language: z.string().nullable(),
  assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  receivedAt: z.string(),
  /** Null for a mediator, who does not see the office's term (decision 049). */
  dueOn: legalDay.nullable(),
  deadlineStatus: deadlineStatus.nullable(),
  awaitingOpinions: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const WORKLIST_SORTS = ['dueOn', '-dueOn', 'receivedAt', '-receivedAt'] as const;
export const worklistQuery = z.object({
  type: code.optional(),
  state: code.optional(),
  /** A user id, or `none` for unassigned cases, or `me`. */
  assignee: z.union([z.uuid(), z.enum(['none', 'me'])]).optional(),
  deadline: z.enum(['DUE_SOON', 'OVERDUE']).optional(),
  awaitingOpinions: z.enum(['true', 'false']).optional(),
  language: language.optional(),
  closed: z.enum(['true', 'false', 'all']).default('false'),
  q: text(100).optional(),
  sort: z.enum(WORKLIST_SORTS).default('dueOn'),
  /** Opaque position after the last item of the previous page. */
  after: z.string().max(200).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type WorklistQuery = z.infer<typeof worklistQuery>;
export const worklistPage = z.object({ items: z.array(caseSummary), next: z.string().nullable() });

export const personView = personInput.extend({
  id: z.uuid(),
  fiscalCodeWarnings: z.array(z.string()),
});
export const employerView = employerInput.extend({ id: z.uuid() });

export const actionOption = z.object({
  action: z.enum(ACTION_NAMES),
  label: z.string(),
  to: z.string(),
  reasonRequired: z.boolean(),
  blockedBy: z.array(z.object({ guard: z.string(), message: z.string() })),
});

export const caseEventView = z.object({
  id: z.uuid(),
  at: z.string(),
  onDay: legalDay,
  kind: z.string(),
  label: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actor: z.string(),
  reason: z.string().nullable(),
});

export const opinionView = z.object({
  id: z.uuid(),
  body: z.string(),
  bodyName: z.string(),
  requestedAt: z.string(),
  dueOn: legalDay,
  answeredAt: z.string().nullable(),
  outcome: z.enum(['FAVOURABLE', 'UNFAVOURABLE', 'SILENT_CONSENT']).nullable(),
  notes: z.string().nullable(),
  /** Where the opinion stands at the body, and its clock (paused while a question waits for the SUI). */
  state: z.enum(['PENDING', 'QUESTION', 'ANSWERED', 'SILENT_CONSENT']),
  clock: z.object({
    status: z.enum(['ON_TIME', 'DUE_SOON', 'OVERDUE', 'PAUSED', 'CLOSED']),
    dueOn: legalDay,
    daysLeft: z.number().int().nullable(),
  }),
  silenceRule: z.string().nullable(),
  openQuestions: z.array(
    z.object({ id: z.uuid(), question: z.string(), askedBy: z.string(), askedOn: legalDay }),
  ),
});

export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export const documentView = z.object({
  id: z.uuid(),
  checklistCode: z.string().nullable(),
  version: z.number().int(),
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.enum(MEDIA_TYPES),
  uploadedAt: z.string(),
  /** False once a later version of the same checklist item replaced it. */
  current: z.boolean(),
});
export type DocumentView = z.infer<typeof documentView>;

export const outcomeView = z.object({
  id: z.uuid(),
  code: z.string(),
  label: z.string(),
  number: z.string(),
  issuedOn: legalDay,
  validUntil: legalDay.nullable(),
  /** The code printed on the document, for the public check at /verifica/<code>. */
  verificationCode: z.string(),
  pdfUrl: z.string(),
});
export type OutcomeView = z.infer<typeof outcomeView>;

/** What each line of a due date's explanation is about. */
export const EXPLANATION_TOPICS = [
  'START',
  'TERM',
  'SUSPENSION',
  'ROLL_OVER',
  'PATRON_DAY',
  'IGNORED_EVENT',
  'DUE_DATE',
] as const;

/** How a due date was reached, so that an operator, a lawyer or a judge can check it line by line. */
export const dueDateExplanation = z.object({
  start: z.object({ event: z.enum(['SUBMISSION', 'QUOTA_IMPUTATION']), on: legalDay, recorded: z.boolean() }),
  term: z.object({ days: z.number().int(), legalBasis: z.string(), validFrom: legalDay }),
  baseDueDate: legalDay,
  rollOvers: z.array(
    z.object({
      from: legalDay,
      to: legalDay,
      skipped: z.array(z.object({ date: legalDay, reason: z.string() })),
    }),
  ),
  /** The office's patron day and whether it counted as a holiday for this due date. */
  patronDay: z.object({ name: z.string(), inLegalTerms: z.boolean() }),
  /** The same, in Italian sentences with Italian dates. */
  lines: z.array(z.object({ topic: z.enum(EXPLANATION_TOPICS), text: z.string() })),
});
export type DueDateExplanation = z.infer<typeof dueDateExplanation>;

export const caseDetail = caseSummary.extend({
  typeValidFrom: legalDay,
  legalReference: z.string(),
  channel: z.string(),
  externalReference: z.string().nullable(),
  quota: z.object({ year: z.number().int(), sector: z.string(), rank: z.number().int() }).nullable(),
  submittedOn: legalDay,
  version: z.number().int(),
  deadline: z
    .object({
      legalDueDate: legalDay,
      daysLeft: z.number().int(),
      status: z.string(),
      suspendedDays: z.number().int(),
      suspensions: z.array(
        z.object({
          kind: z.string(),
          from: legalDay,
          to: legalDay,
          days: z.number().int(),
          ongoing: z.boolean(),
          capped: z.boolean(),
        }),
      ),
      canIssueBySilence: z.boolean(),
      silenceReason: z.string(),
      legalBasis: z.string(),
      /** The due date line by line, in words: start, term, suspensions, roll-overs. */
      explanation: dueDateExplanation,
    })
    .nullable(),
  parties: z.array(
    z.object({
      role: z.string(),
      label: z.string(),
      person: personView.nullable(),
      employer: employerView.nullable(),
    }),
  ),
  checklist: z.array(
    z.object({ code: z.string(), label: z.string(), required: z.boolean(), present: z.boolean() }),
  ),
  opinions: z.array(opinionView),
  documents: z.array(documentView),
  outcomes: z.array(outcomeView),
  /** The latest preavviso di rigetto, while the case is open. */
  rejectionNotice: rejectionNoticeView.nullable(),
  timeline: z.array(caseEventView),
  actions: z.array(actionOption),
  details: z.record(z.string(), z.unknown()),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const actionInput = z.object({
  action: z.enum(ACTION_NAMES),
  reason: optionalText(4000),
  /** The case version the user saw: a stale page gets 409 instead of overwriting someone else's step. */
  version: z.number().int().min(1),
  /** The legal day of the event when it differs from today (e.g. documents received by post yesterday). */
  onDay: legalDay.optional(),
});

export const assignInput = z.object({
  caseIds: z.array(z.uuid()).min(1).max(500),
  assigneeId: z.uuid().nullable(),
});

export const opinionInput = z.object({
  outcome: z.enum(['FAVOURABLE', 'UNFAVOURABLE']),
  notes: optionalText(4000),
  answeredOn: legalDay.optional(),
});

export const caseTypeView = z.object({
  code: z.string(),
  validFrom: legalDay,
  definition: caseTypeVersion,
});

export const savedViewInput = z.object({ name: text(80), filters: worklistQuery.partial() });
export const savedView = savedViewInput.extend({ id: z.uuid() });

export const quotaInput = z.object({
  year: z.number().int().min(2000).max(2100),
  sector: code,
  total: z.number().int().min(0).max(1_000_000),
  legalBasis: text(300),
});
export const quotaView = quotaInput.extend({ used: z.number().int() });

export const riskCountryListInput = z.object({
  year: z
    .number({ error: 'Indicare l’anno' })
    .int()
    .min(2000, 'Anno non valido')
    .max(2100, 'Anno non valido'),
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'Paese non riconosciuto'), { error: 'Indicare i Paesi' })
    .min(1, 'Indicare almeno un Paese')
    .max(60),
  legalBasis: text(300),
});
export const riskCountryListView = riskCountryListInput.extend({
  confirmedAt: z.string(),
  /** Who confirmed the list; null for the lists set by law when LOVIT was installed. */
  confirmedBy: z.string().nullable(),
});
export const riskCountryLists = z.object({
  /** The current year, and whether its list is confirmed: without it, no clearance is issued by silence. */
  year: z.number().int(),
  confirmed: z.boolean(),
  lists: z.array(riskCountryListView),
});

export const verificationView = z.union([
  z.object({
    valid: z.literal(true),
    document: z.string(),
    number: z.string(),
    issuedOn: legalDay,
    issuer: z.string(),
    subject: z.string(),
    state: z.string(),
    validUntil: legalDay.nullable().optional(),
    subjectLabel: z.literal('course').optional(),
    revoked: z.boolean().optional(),
    hours: z.object({ attended: z.number(), total: z.number() }).optional(),
    period: z.object({ from: legalDay, to: legalDay }).optional(),
    holderInitials: z.string().optional(),
  }),
  z.object({ valid: z.literal(false) }),
]);
