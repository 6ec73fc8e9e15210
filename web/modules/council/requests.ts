import type { z } from 'zod';
import type {
  ActionView,
  actionInput,
  actionUpdateInput,
  answerInput,
  InitiativeView,
  initiativeInput,
  MeetingView,
  meetingInput,
  memberInput,
  PublicSummaryView,
  progressInput,
  registerInput,
  rescheduleInput,
  TableView,
  tableInput,
  tableSummary,
} from '../../../src/modules/council/contract.ts';
import type {
  MapView,
  QuestionnaireInput,
  QuestionnaireView,
  ResponseView,
  responseInput,
  ServiceInput,
  ServiceView,
} from '../../../src/modules/council/needs/contract.ts';
import type { Organisation } from '../../../src/modules/identity/contract.ts';
import { api } from '../../app/api.ts';

export type {
  ActionView,
  InitiativeView,
  MapView,
  MeetingView,
  PublicSummaryView,
  QuestionnaireInput,
  QuestionnaireView,
  ResponseView,
  ServiceInput,
  ServiceView,
  TableView,
};
export type ResponseInput = z.input<typeof responseInput>;
export type TableSummary = z.infer<typeof tableSummary>;
export type TableInput = z.input<typeof tableInput>;
export type MemberInput = z.input<typeof memberInput>;
export type MeetingInput = z.input<typeof meetingInput>;
export type AnswerInput = z.input<typeof answerInput>;
export type RegisterInput = z.input<typeof registerInput>;
export type RescheduleInput = z.input<typeof rescheduleInput>;
export type ActionInput = z.input<typeof actionInput>;
export type ActionUpdateInput = z.input<typeof actionUpdateInput>;
export type InitiativeInput = z.input<typeof initiativeInput>;
export type ProgressInput = z.input<typeof progressInput>;

/** A page of a council list, as the server sends it. */
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
/** How many items a page of the council's lists shows. */
export const PAGE_SIZE = 20;

export const keys = {
  all: ['council'] as const,
  tables: ['council', 'tables'] as const,
  table: (id: string) => ['council', 'table', id] as const,
  meeting: (id: string) => ['council', 'meeting', id] as const,
  summary: (id: string) => ['council', 'meeting', id, 'summary'] as const,
  actions: (overdue: boolean, page: number) => ['council', 'actions', overdue, page] as const,
  meetingActions: (meetingId: string, page: number) =>
    ['council', 'actions', 'meeting', meetingId, page] as const,
  initiatives: ['council', 'initiatives'] as const,
  organisations: ['council', 'organisations'] as const,
};

const meeting = (id: string) => `/api/council/meetings/${id}`;

export const council = {
  tables: () => api.get<TableSummary[]>('/api/council/tables'),
  table: (id: string) => api.get<TableView>(`/api/council/tables/${id}`),
  createTable: (input: TableInput) => api.post<TableView>('/api/council/tables', input),
  appoint: (tableId: string, input: MemberInput) =>
    api.post<TableView>(`/api/council/tables/${tableId}/members`, input),
  convene: (tableId: string, input: MeetingInput) =>
    api.post<MeetingView>(`/api/council/tables/${tableId}/meetings`, input),
  meeting: (id: string) => api.get<MeetingView>(meeting(id)),
  reschedule: (id: string, input: RescheduleInput) =>
    api.post<MeetingView>(`${meeting(id)}/reschedule`, input),
  cancel: (id: string, input: { reason: string }) => api.post<MeetingView>(`${meeting(id)}/cancel`, input),
  answer: (id: string, input: AnswerInput) => api.post<MeetingView>(`${meeting(id)}/answer`, input),
  register: (id: string, input: RegisterInput) => api.post<MeetingView>(`${meeting(id)}/register`, input),
  saveMinutes: (id: string, text: string) => api.post<MeetingView>(`${meeting(id)}/minutes`, { text }),
  circulate: (id: string) => api.post<MeetingView>(`${meeting(id)}/minutes/circulate`),
  approve: (id: string) => api.post<MeetingView>(`${meeting(id)}/minutes/approve`),
  comment: (id: string, text: string) => api.post<MeetingView>(`${meeting(id)}/minutes/comments`, { text }),
  summary: (id: string) => api.get<PublicSummaryView>(`${meeting(id)}/public-summary`),
  saveSummary: (id: string, text: string) =>
    api.put<PublicSummaryView>(`${meeting(id)}/public-summary`, { text }),
  clearWarning: (id: string, input: { key: string; reason: string }) =>
    api.post<PublicSummaryView>(`${meeting(id)}/public-summary/clearances`, input),
  publishSummary: (id: string) => api.post<PublicSummaryView>(`${meeting(id)}/public-summary/publish`),
  decide: (id: string, input: { agendaItemId: string; text: string }) =>
    api.post<MeetingView>(`${meeting(id)}/decisions`, input),
  attach: (id: string, itemId: string, file: File) =>
    api.upload<unknown>(`${meeting(id)}/agenda/${itemId}/documents`, { file }),
  documentUrl: (id: string, documentId: string) => `${meeting(id)}/documents/${documentId}`,
  assign: (id: string, input: ActionInput) => api.post<ActionView>(`${meeting(id)}/actions`, input),
  actions: (overdue: boolean, page: number) =>
    api.get<Paged<ActionView>>('/api/council/actions', {
      ...(overdue ? { overdue: 'true' } : {}),
      page,
      pageSize: PAGE_SIZE,
    }),
  meetingActions: (meetingId: string, page: number) =>
    api.get<Paged<ActionView>>('/api/council/actions', { meetingId, page, pageSize: PAGE_SIZE }),
  updateAction: (id: string, input: ActionUpdateInput) =>
    api.post<ActionView>(`/api/council/actions/${id}`, input),
  initiatives: () => api.get<InitiativeView[]>('/api/council/initiatives'),
  planInitiative: (input: InitiativeInput) => api.post<InitiativeView>('/api/council/initiatives', input),
  progress: (id: string, input: ProgressInput) =>
    api.post<InitiativeView>(`/api/council/initiatives/${id}/progress`, input),
  organisations: () => api.get<{ items: Organisation[] }>('/api/organisations', { pageSize: 100 }),
};

export const needs = {
  map: (theme: string) => api.get<MapView>('/api/council/map', { theme }),
  services: (query: { theme?: string; page: number; pageSize: number }) =>
    api.get<Paged<ServiceView>>('/api/council/services', query),
  createService: (input: ServiceInput) => api.post<ServiceView>('/api/council/services', input),
  updateService: (id: string, input: ServiceInput) =>
    api.put<ServiceView>(`/api/council/services/${id}`, input),
  questionnaires: () => api.get<QuestionnaireView[]>('/api/council/questionnaires'),
  createQuestionnaire: (input: QuestionnaireInput) =>
    api.post<QuestionnaireView>('/api/council/questionnaires', input),
  move: (id: string, verb: 'open' | 'close') =>
    api.post<QuestionnaireView>(`/api/council/questionnaires/${id}/${verb}`),
  responses: (id: string) => api.get<ResponseView[]>(`/api/council/questionnaires/${id}/responses`),
  respond: (id: string, input: ResponseInput) =>
    api.post<ResponseView[]>(`/api/council/questionnaires/${id}/responses`, input),
};

export const needsKeys = {
  map: (theme: string) => ['council', 'map', theme] as const,
  services: (theme: string, page: number) => ['council', 'services', theme, page] as const,
  questionnaires: ['council', 'questionnaires'] as const,
  responses: (id: string) => ['council', 'responses', id] as const,
};
