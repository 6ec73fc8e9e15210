import { z } from 'zod';
import type {
  AppointmentView,
  BookingInput,
  ConvocationSample,
  cancelInput,
  DeskInput,
  DeskView,
  outcomeInput,
  rescheduleInput,
  slotsView,
} from '../../../src/modules/cases/appointments/contract.ts';
import type {
  CaseDetail,
  CaseSummary,
  caseTypeView,
  IntakeInput,
  IntakeResult,
  opinionInput,
  quotaInput,
  quotaView,
  riskCountryListInput,
  riskCountryLists,
  savedView,
  savedViewInput,
  worklistPage,
} from '../../../src/modules/cases/contract.ts';
import type { QuotaImputationInput } from '../../../src/modules/cases/intake/contract.ts';
import type {
  answerInput,
  MediatorProfileView,
  MediatorProposals,
  mediatorProfileInput,
  mediatorView,
  QuestionView,
  questionInput,
} from '../../../src/modules/cases/team/contract.ts';
import type { User } from '../../../src/modules/identity/contract.ts';
import { api, type Query } from '../../app/api.ts';

export type { AppointmentView, CaseDetail, CaseSummary, DeskInput, DeskView, QuestionView };
export type WorklistPage = z.infer<typeof worklistPage>;
export type CaseTypeView = z.infer<typeof caseTypeView>;
export type CaseTypeDefinition = CaseTypeView['definition'];
export type QuotaView = z.infer<typeof quotaView>;
export type QuotaInput = z.infer<typeof quotaInput>;
export type RiskCountryLists = z.infer<typeof riskCountryLists>;
export type RiskCountryListInput = z.infer<typeof riskCountryListInput>;
export type SavedView = z.infer<typeof savedView>;
export type SavedViewInput = z.input<typeof savedViewInput>;
export type OpinionInput = z.input<typeof opinionInput>;
export type ActionRequest = { action: string; reason: string | null; version: number };
export type Party = CaseDetail['parties'][number];
export type Person = NonNullable<Party['person']>;
export type Employer = NonNullable<Party['employer']>;
export type Opinion = CaseDetail['opinions'][number];
export type ActionOption = CaseDetail['actions'][number];
export type SlotsView = z.infer<typeof slotsView>;
export type Slot = SlotsView['slots'][number];
export type MediatorView = z.infer<typeof mediatorView>;
export type { MediatorProfileView, MediatorProposals };
export type MediatorProfileInput = z.input<typeof mediatorProfileInput>;

export const WORKLIST_PAGE_SIZE = 25;

export const keys = {
  worklist: (query: Query) => ['cases', 'worklist', query] as const,
  case: (id: string) => ['cases', 'case', id] as const,
  types: ['cases', 'types'] as const,
  views: ['cases', 'views'] as const,
  quotas: (year: number) => ['cases', 'quotas', year] as const,
  riskCountries: ['cases', 'risk-countries'] as const,
  officeStaff: (organisationId: string) => ['cases', 'staff', organisationId] as const,
  // under the case's key, so that what refreshes the case refreshes them too
  appointments: (caseId: string) => ['cases', 'case', caseId, 'appointments'] as const,
  questions: (caseId: string) => ['cases', 'case', caseId, 'questions'] as const,
  desks: ['cases', 'desks'] as const,
  slots: (deskId: string) => ['cases', 'desks', deskId, 'slots'] as const,
  mediators: ['cases', 'mediators'] as const,
  convocations: ['cases', 'convocations'] as const,
  mediatorProfile: (id: string) => ['cases', 'mediators', id] as const,
  mediatorProposals: (caseId: string, query: Query) =>
    ['cases', 'case', caseId, 'mediator-proposals', query] as const,
  legalQueue: ['cases', 'legal-questions', 'open'] as const,
};

const caseUrl = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export const cases = {
  worklist: (query: Query, signal?: AbortSignal) => api.get<WorklistPage>('/api/cases', query, signal),
  get: (id: string) => api.get<CaseDetail>(caseUrl(id)),
  /** With the form's key, so that sending it again after an uncertain answer never makes a second case. */
  submit: (body: IntakeInput, idempotencyKey: string) =>
    api.post<IntakeResult>('/api/cases', body, { idempotencyKey }),
  act: (id: string, body: ActionRequest) => api.post<CaseDetail>(`${caseUrl(id)}/actions`, body),
  recordOpinion: (id: string, opinionId: string, body: OpinionInput) =>
    api.post<CaseDetail>(`${caseUrl(id)}/opinions/${encodeURIComponent(opinionId)}`, body),
  assign: (caseIds: string[], assigneeId: string | null) =>
    api.post<{ assigned: number }>('/api/cases/assignments', { caseIds, assigneeId }),
  receiptUrl: (id: string) => `${caseUrl(id)}/receipt`,
  documentUrl: (id: string, documentId: string) =>
    `${caseUrl(id)}/documents/${encodeURIComponent(documentId)}`,
  outcomePdfUrl: (id: string, outcomeId: string) =>
    `${caseUrl(id)}/outcomes/${encodeURIComponent(outcomeId)}/pdf`,
  /** A file for a checklist item (or outside the checklist), as multipart: the JSON client sends no files. */
  uploadDocument: (id: string, checklistCode: string | null, file: File) =>
    api.upload(`${caseUrl(id)}/documents`, checklistCode ? { checklistCode, file } : { file }),
  /** The receipt of the preavviso di rigetto, with its evidence file. */
  recordNoticeReceipt: (
    id: string,
    fields: { receivedOn: string; channel: string; version: string; file: File },
  ) => api.upload<CaseDetail>(`${caseUrl(id)}/rejection-notice/receipt`, fields),
  /** The imputation to the quota of an imported application, or its correction with a reason. */
  recordQuotaImputation: (id: string, body: QuotaImputationInput) =>
    api.put<CaseDetail>(`${caseUrl(id)}/quota-imputation`, body),
};

export const caseTypes = {
  list: () => api.get<CaseTypeView[]>('/api/case-types'),
};

export const quotas = {
  list: (year: number) => api.get<QuotaView[]>('/api/quotas', { year }),
  set: (body: QuotaInput) => api.put<QuotaView>('/api/quotas', body),
};

export const riskCountries = {
  list: () => api.get<RiskCountryLists>('/api/risk-countries'),
  confirm: (body: RiskCountryListInput) => api.put<RiskCountryLists>('/api/risk-countries', body),
};

export const savedViews = {
  list: () => api.get<SavedView[]>('/api/case-views'),
  create: (body: SavedViewInput) => api.post<SavedView>('/api/case-views', body),
  remove: (id: string) => api.delete(`/api/case-views/${encodeURIComponent(id)}`),
};

const appointmentUrl = (id: string) => `/api/appointments/${encodeURIComponent(id)}`;

export const appointments = {
  /** The convocation in Italian and in each language it is translated into, on a made-up appointment. */
  convocationSamples: () => api.get<ConvocationSample[]>('/api/convocation-templates'),
  ofCase: (caseId: string) => api.get<AppointmentView[]>(`${caseUrl(caseId)}/appointments`),
  book: (caseId: string, body: BookingInput) =>
    api.post<AppointmentView>(`${caseUrl(caseId)}/appointments`, body),
  recordOutcome: (id: string, body: z.input<typeof outcomeInput>) =>
    api.post<AppointmentView>(`${appointmentUrl(id)}/outcome`, body),
  reschedule: (id: string, body: z.input<typeof rescheduleInput>) =>
    api.post<AppointmentView>(`${appointmentUrl(id)}/reschedule`, body),
  cancel: (id: string, body: z.input<typeof cancelInput>) =>
    api.post<AppointmentView>(`${appointmentUrl(id)}/cancel`, body),
  icsUrl: (id: string) => `${appointmentUrl(id)}/ics`,
};

/** Days after the server's first week of slots that make up the two weeks a booking chooses from. */
const SECOND_WEEK = { skip: 1, days: 6 };

export const desks = {
  list: () => api.get<DeskView[]>('/api/desks'),
  create: (body: DeskInput) => api.post<DeskView>('/api/desks', body),
  update: (id: string, body: DeskInput) => api.put<DeskView>(`/api/desks/${encodeURIComponent(id)}`, body),
  /**
   * The free slots of the next two weeks. The server's week starts on its own today, which the browser's
   * clock may not share: the second week is asked from where the first one ended.
   */
  async freeSlotsOfTwoWeeks(deskId: string): Promise<Slot[]> {
    const url = `/api/desks/${encodeURIComponent(deskId)}/slots`;
    const first = await api.get<SlotsView>(url);
    const from = addDays(first.to, SECOND_WEEK.skip);
    const second = await api.get<SlotsView>(url, { from, to: addDays(from, SECOND_WEEK.days) });
    return [...first.slots, ...second.slots];
  },
};

/** `2026-03-08` plus some days, as a legal day. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const mediators = {
  list: () => api.get<MediatorView[]>('/api/mediators'),
  profile: (id: string) => api.get<MediatorProfileView>(`/api/mediators/${encodeURIComponent(id)}/profile`),
  saveProfile: (id: string, body: MediatorProfileInput) =>
    api.put<MediatorProfileView>(`/api/mediators/${encodeURIComponent(id)}/profile`, body),
  /** Who speaks the language and is free at a desk's slot for an appointment of the case; the others and why. */
  proposals: (caseId: string, query: { deskId: string; startsAt: string; language: string }) =>
    api.get<MediatorProposals>(`${caseUrl(caseId)}/mediator-proposals`, query),
};

export const legalQuestions = {
  ofCase: (caseId: string) => api.get<QuestionView[]>(`${caseUrl(caseId)}/questions`),
  ask: (caseId: string, body: z.input<typeof questionInput>) =>
    api.post<QuestionView>(`${caseUrl(caseId)}/questions`, body),
  open: () => api.get<QuestionView[]>('/api/legal-questions', { open: 'true' }),
  answer: (id: string, body: z.input<typeof answerInput>) =>
    api.post<QuestionView>(`/api/legal-questions/${encodeURIComponent(id)}/answer`, body),
};

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
const SUI_ROLES = ['sui_operator', 'sui_manager'];

/** The SUI staff of the office a case can be assigned to: operators and managers of the organisation. */
export async function officeStaff(organisationId: string): Promise<User[]> {
  const staff: User[] = [];
  for (let page = 1; ; page++) {
    const result = await api.get<Paged<User>>('/api/users', { organisationId, page, pageSize: 100 });
    staff.push(
      ...result.items.filter(
        (user) =>
          user.isActive &&
          user.memberships.some(
            (membership) =>
              membership.organisationId === organisationId && SUI_ROLES.includes(membership.role),
          ),
      ),
    );
    if (result.items.length === 0 || page * result.pageSize >= result.total) return staff;
  }
}

// ---- documents and outcomes of the case page: read leniently, so that a page from before they existed, or
// one item the page cannot read, never breaks the rest

const caseDocument = z.object({
  id: z.string(),
  checklistCode: z.string().nullish(),
  version: z.number().nullish(),
  fileName: z.string(),
  mediaType: z.string().nullish(),
  size: z.number().nullish(),
  uploadedAt: z.string().nullish(),
  /** False once a later version of the same checklist item replaced it. */
  current: z.boolean().nullish(),
});
export type CaseDocument = z.infer<typeof caseDocument>;

const caseOutcome = z.object({
  id: z.string(),
  code: z.string().nullish(),
  label: z.string().nullish(),
  number: z.string().nullish(),
  verificationCode: z.string().nullish(),
  issuedOn: z.string().nullish(),
  validUntil: z.string().nullish(),
  pdfUrl: z.string().nullish(),
});
export type CaseOutcome = z.infer<typeof caseOutcome>;

function listOf<T>(value: unknown, schema: z.ZodType<T>): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The case's uploaded documents, or null while the server does not send them. */
export function documentsOf(detail: CaseDetail): CaseDocument[] | null {
  const value = (detail as Record<string, unknown>).documents;
  return Array.isArray(value) ? listOf(value, caseDocument) : null;
}

/** The case's outcome documents (nulla osta, decree), or null while the server does not send them. */
export function outcomesOf(detail: CaseDetail): CaseOutcome[] | null {
  const value = (detail as Record<string, unknown>).outcomes;
  return Array.isArray(value) ? listOf(value, caseOutcome) : null;
}
