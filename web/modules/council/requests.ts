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
  progressInput,
  registerInput,
  TableView,
  tableInput,
  tableSummary,
} from '../../../src/modules/council/contract.ts';
import type { Organisation } from '../../../src/modules/identity/contract.ts';
import { api } from '../../app/api.ts';

export type { ActionView, InitiativeView, MeetingView, TableView };
export type TableSummary = z.infer<typeof tableSummary>;
export type TableInput = z.input<typeof tableInput>;
export type MemberInput = z.input<typeof memberInput>;
export type MeetingInput = z.input<typeof meetingInput>;
export type AnswerInput = z.input<typeof answerInput>;
export type RegisterInput = z.input<typeof registerInput>;
export type ActionInput = z.input<typeof actionInput>;
export type ActionUpdateInput = z.input<typeof actionUpdateInput>;
export type InitiativeInput = z.input<typeof initiativeInput>;
export type ProgressInput = z.input<typeof progressInput>;

export const keys = {
  all: ['council'] as const,
  tables: ['council', 'tables'] as const,
  table: (id: string) => ['council', 'table', id] as const,
  meeting: (id: string) => ['council', 'meeting', id] as const,
  actions: (overdue: boolean) => ['council', 'actions', overdue] as const,
  meetingActions: (meetingId: string) => ['council', 'actions', 'meeting', meetingId] as const,
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
  answer: (id: string, input: AnswerInput) => api.post<MeetingView>(`${meeting(id)}/answer`, input),
  register: (id: string, input: RegisterInput) => api.post<MeetingView>(`${meeting(id)}/register`, input),
  saveMinutes: (id: string, text: string) => api.post<MeetingView>(`${meeting(id)}/minutes`, { text }),
  circulate: (id: string) => api.post<MeetingView>(`${meeting(id)}/minutes/circulate`),
  approve: (id: string) => api.post<MeetingView>(`${meeting(id)}/minutes/approve`),
  comment: (id: string, text: string) => api.post<MeetingView>(`${meeting(id)}/minutes/comments`, { text }),
  decide: (id: string, input: { agendaItemId: string; text: string }) =>
    api.post<MeetingView>(`${meeting(id)}/decisions`, input),
  assign: (id: string, input: ActionInput) => api.post<ActionView>(`${meeting(id)}/actions`, input),
  actions: (overdue: boolean) =>
    api.get<ActionView[]>('/api/council/actions', overdue ? { overdue: 'true' } : {}),
  meetingActions: (meetingId: string) => api.get<ActionView[]>('/api/council/actions', { meetingId }),
  updateAction: (id: string, input: ActionUpdateInput) =>
    api.post<ActionView>(`/api/council/actions/${id}`, input),
  initiatives: () => api.get<InitiativeView[]>('/api/council/initiatives'),
  planInitiative: (input: InitiativeInput) => api.post<InitiativeView>('/api/council/initiatives', input),
  progress: (id: string, input: ProgressInput) =>
    api.post<InitiativeView>(`/api/council/initiatives/${id}/progress`, input),
  organisations: () => api.get<{ items: Organisation[] }>('/api/organisations', { pageSize: 100 }),
};
