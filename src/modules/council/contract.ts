/** The API of the territorial council: tables and members, meetings, minutes, decisions, actions, initiatives. */
import { z } from 'zod';
import { legalDay, mailStatus, multilineText, text } from '../../kernel/contract.ts';

export { legalDay, multilineText, text };

const email = z.email('indirizzo e-mail non valido').max(254);
const instant = z.iso.datetime({
  offset: true,
  message: 'Indicare data e ora',
});
const optionalText = (max: number) => text(max).nullable().optional();
const optionalMultilineText = (max: number) => multilineText(max).nullable().optional();

/** The themes of the thematic tables, after the tables other CTIs have set up (cti.md §4). */
export const THEMES = {
  GENERAL: 'Generale (seduta plenaria)',
  WORK: 'Lavoro e formazione professionale',
  HOUSING: 'Casa e abitare',
  HEALTH: 'Salute e vulnerabilità socio-sanitarie',
  SCHOOL: 'Scuola, istruzione e lingua italiana',
  MINORS: 'Minori stranieri non accompagnati',
  PROTECTION: 'Protezione internazionale e accoglienza',
} as const;
export type Theme = keyof typeof THEMES;
export const themeCode = z.enum(Object.keys(THEMES) as [Theme, ...Theme[]]);

export const tableInput = z.object({
  kind: z.enum(['PLENARY', 'THEMATIC']),
  name: text(200),
  theme: themeCode,
  mandate: multilineText(4000),
  startsOn: legalDay,
  endsOn: legalDay.nullable().optional(),
  coordinatorOrganisationId: z.uuid(),
});

export const memberInput = z.object({
  organisationId: z.uuid(),
  representativeName: text(200),
  representativeEmail: email,
  deputyName: optionalText(200),
  deputyEmail: email.nullable().optional(),
  fromOn: legalDay,
});

export const memberEndInput = z.object({ toOn: legalDay });

export const memberView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  representativeName: z.string(),
  representativeEmail: z.string(),
  deputyName: z.string().nullable(),
  deputyEmail: z.string().nullable(),
  fromOn: legalDay,
  toOn: legalDay.nullable(),
});

export const tableSummary = z.object({
  id: z.uuid(),
  kind: z.enum(['PLENARY', 'THEMATIC']),
  name: z.string(),
  theme: themeCode,
  mandate: z.string(),
  startsOn: legalDay,
  endsOn: legalDay.nullable(),
  coordinatorOrganisationId: z.uuid(),
  coordinatorName: z.string(),
  /** Organisations sitting at the table today. */
  memberCount: z.number().int(),
});

export const meetingSummary = z.object({
  id: z.uuid(),
  tableId: z.uuid(),
  tableName: z.string(),
  title: z.string(),
  startsAt: z.string(),
  status: z.enum(['CONVENED', 'HELD', 'CANCELLED']),
  minutesStatus: z.enum(['NONE', 'DRAFT', 'CIRCULATED', 'REVISED', 'APPROVED']),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;

export const tableView = tableSummary.extend({
  members: z.array(memberView),
  meetings: z.array(meetingSummary),
});
export type TableView = z.infer<typeof tableView>;

export const agendaItemInput = z.object({
  title: text(300),
  presenter: optionalText(200),
  durationMinutes: z.number().int().min(1).max(480),
});

const meetingWhen = {
  startsAt: instant,
  place: optionalText(300),
  onlineUrl: z
    .url({ protocol: /^https?$/, message: 'indirizzo web non valido' })
    .max(500)
    .nullable()
    .optional(),
};
const hasPlace = (meeting: { place?: string | null; onlineUrl?: string | null }) =>
  Boolean(meeting.place || meeting.onlineUrl);
const placeMissing = { path: ['place'], message: 'indicare il luogo o il collegamento online' };

export const meetingInput = z
  .object({
    title: text(200),
    ...meetingWhen,
    agenda: z.array(agendaItemInput).min(1, 'almeno un punto all’ordine del giorno').max(30),
  })
  .refine(hasPlace, placeMissing);

/** A new date or place for a convened meeting, and why: the invitations go out again. */
export const rescheduleInput = z
  .object({ ...meetingWhen, reason: multilineText(2000) })
  .refine(hasPlace, placeMissing);
export const cancelInput = z.object({ reason: multilineText(2000) });

export const attendanceAnswer = z.enum(['PRESENT', 'DELEGATE', 'ABSENT']);

export const answerInput = z
  .object({ answer: attendanceAnswer, delegateName: optionalText(200) })
  .refine((input) => input.answer !== 'DELEGATE' || Boolean(input.delegateName), {
    path: ['delegateName'],
    message: 'indicare il nome del delegato',
  });

export const registerInput = z.object({
  entries: z
    .array(z.object({ organisationId: z.uuid(), attended: z.boolean(), attendeeName: optionalText(200) }))
    .min(1)
    .max(200),
});

export const attendanceView = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  invitedEmail: z.string(),
  answer: attendanceAnswer.nullable(),
  delegateName: z.string().nullable(),
  attended: z.boolean().nullable(),
  attendeeName: z.string().nullable(),
  /** The last e-mail of the convocation (or its change) to the representative, and where it is. */
  convocation: z.object({ status: mailStatus, sentAt: z.iso.datetime().nullable() }).nullable(),
});

export const decisionInput = z.object({ agendaItemId: z.uuid(), text: multilineText(4000) });

export const decisionView = z.object({
  id: z.uuid(),
  agendaItemId: z.uuid(),
  text: z.string(),
  recordedAt: z.string(),
});

export const councilDocumentView = z.object({
  id: z.uuid(),
  agendaItemId: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  uploadedAt: z.string(),
});
export type CouncilDocumentView = z.infer<typeof councilDocumentView>;

export const agendaItemView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  presenter: z.string().nullable(),
  durationMinutes: z.number().int(),
  actionItemId: z.uuid().nullable(),
  /** The documents attached to the point, oldest first. */
  documents: z.array(councilDocumentView),
});

export const minutesInput = z.object({ text: multilineText(100_000) });
export const commentInput = z.object({ text: multilineText(4000) });

export const minutesVersionView = z.object({
  version: z.number().int(),
  text: z.string(),
  savedAt: z.string(),
  savedBy: z.string(),
});

export const commentView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  organisationName: z.string(),
  author: z.string(),
  text: z.string(),
  at: z.string(),
});

export const meetingView = meetingSummary.extend({
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  agenda: z.array(agendaItemView),
  attendance: z.array(attendanceView),
  decisions: z.array(decisionView),
  /** Every version the reader may see: all for the secretariat, none of the drafts for members. */
  minutes: z.array(minutesVersionView),
  comments: z.array(commentView),
  /** The reader's organisation's invitation, when it was invited. */
  ownOrganisationId: z.uuid(),
  canManage: z.boolean(),
  /** Why the meeting was cancelled, when it was. */
  cancelReason: z.string().nullable(),
});
export type MeetingView = z.infer<typeof meetingView>;

/** What a meeting's public summary may hold that is a person's data, as the secretariat reads it. */
export const PERSONAL_DATA_KINDS = {
  FISCAL_CODE: 'codice fiscale',
  PASSPORT: 'numero di passaporto',
  PHONE: 'numero di telefono',
  EMAIL: 'indirizzo e-mail',
  BIRTH_DATE: 'data di nascita',
  NAME: 'nome di una persona',
} as const;
export type PersonalDataKind = keyof typeof PERSONAL_DATA_KINDS;

export const publicSummaryInput = z.object({ text: multilineText(20_000) });
/** A warning marked as not personal data, and why. */
export const clearanceInput = z.object({ key: z.string().min(1).max(500), reason: text(500) });

export const personalDataWarningView = z.object({
  kind: z.enum(Object.keys(PERSONAL_DATA_KINDS) as [PersonalDataKind, ...PersonalDataKind[]]),
  excerpt: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  key: z.string(),
  /** Why it is not personal data, when the secretariat said so. */
  clearedReason: z.string().nullable(),
  clearedBy: z.string().nullable(),
});

export const publicSummaryView = z.object({
  meetingId: z.uuid(),
  /** The approved minutes, beside the summary in the preview. */
  minutes: z.string(),
  /** The summary as saved, or the approved minutes as the draft to start from. */
  text: z.string(),
  isSaved: z.boolean(),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
  publishedText: z.string().nullable(),
  publishedAt: z.string().nullable(),
  warnings: z.array(personalDataWarningView),
  /** Saved, every warning resolved, and not already what the public reads. */
  canPublish: z.boolean(),
});
export type PublicSummaryView = z.infer<typeof publicSummaryView>;

export const actionStatus = z.enum(['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED']);

export const actionInput = z.object({
  title: text(300),
  agendaItemId: z.uuid().nullable().optional(),
  decisionId: z.uuid().nullable().optional(),
  ownerOrganisationId: z.uuid(),
  ownerName: text(200),
  ownerEmail: email,
  dueOn: legalDay,
});

export const actionUpdateInput = z.object({ status: actionStatus, note: optionalText(4000) });

export const actionsQuery = z.object({
  tableId: z.uuid().optional(),
  meetingId: z.uuid().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const actionNoteView = z.object({ author: z.string(), text: z.string(), at: z.string() });

export const actionView = z.object({
  id: z.uuid(),
  tableId: z.uuid(),
  tableName: z.string(),
  meetingId: z.uuid(),
  title: z.string(),
  ownerOrganisationId: z.uuid(),
  ownerOrganisationName: z.string(),
  ownerName: z.string(),
  dueOn: legalDay,
  status: actionStatus,
  doneOn: legalDay.nullable(),
  isOverdue: z.boolean(),
  remindedAt: z.string().nullable(),
  notes: z.array(actionNoteView),
});
export type ActionView = z.infer<typeof actionView>;

export const INITIATIVE_STATUSES = {
  PLANNED: 'Programmata',
  ACTIVE: 'In corso',
  COMPLETED: 'Conclusa',
  SUSPENDED: 'Sospesa',
} as const;
export const initiativeStatus = z.enum(['PLANNED', 'ACTIVE', 'COMPLETED', 'SUSPENDED']);

export const initiativeInput = z
  .object({
    tableId: z.uuid(),
    decisionId: z.uuid().nullable().optional(),
    title: text(300),
    objective: multilineText(4000),
    needs: multilineText(4000),
    actions: multilineText(8000),
    partners: z.array(text(200)).max(50),
    budgetCents: z.number().int().min(0).max(1e12).nullable().optional(),
    startsOn: legalDay,
    endsOn: legalDay,
    status: initiativeStatus,
    progress: z.number().int().min(0).max(100),
    results: optionalMultilineText(8000),
  })
  .refine((initiative) => initiative.startsOn <= initiative.endsOn, {
    path: ['endsOn'],
    message: 'la fine non può precedere l’inizio',
  });

export const progressInput = z.object({
  status: initiativeStatus,
  progress: z.number().int().min(0).max(100),
  results: optionalMultilineText(8000),
});

export const initiativeView = z.object({
  id: z.uuid(),
  tableId: z.uuid(),
  tableName: z.string(),
  decisionId: z.uuid().nullable(),
  title: z.string(),
  objective: z.string(),
  needs: z.string(),
  actions: z.string(),
  partners: z.array(z.string()),
  budgetCents: z.number().int().nullable(),
  startsOn: legalDay,
  endsOn: legalDay,
  status: initiativeStatus,
  progress: z.number().int(),
  results: z.string().nullable(),
});
export type InitiativeView = z.infer<typeof initiativeView>;
