import type { z } from 'zod';
import type {
  ConcertationView,
  concertationInput,
} from '../../../src/modules/council/concertation/contract.ts';
import type {
  AssignmentView,
  ConsultantView,
  FacilitationView,
  needsEntryInput,
  ProposalView,
  questionnaireProposalInput,
  TableQuestionnaireView,
} from '../../../src/modules/council/facilitation/contract.ts';
import type { ResultsView } from '../../../src/modules/surveys/contract.ts';
import { api, type Query } from '../../app/api.ts';
import type { MeetingInput, Paged } from './requests.ts';

export type { ConcertationView, ConsultantView, FacilitationView, ProposalView, TableQuestionnaireView };
export type ConcertationInput = z.input<typeof concertationInput>;
export type NeedsEntryInput = z.input<typeof needsEntryInput>;
export type QuestionnaireProposalInput = z.input<typeof questionnaireProposalInput>;
export type ConcertationFilter = {
  from?: string;
  to?: string;
  kind?: string;
  organisationId?: string;
};

export const consultantKeys = {
  all: ['council', 'consultant'] as const,
  desk: ['council', 'consultant', 'desk'] as const,
  consultants: ['council', 'consultant', 'consultants'] as const,
  proposals: (status: string, page: number, kind = '') =>
    ['council', 'consultant', 'proposals', status, kind, page] as const,
  questionnaire: (id: string) => ['council', 'consultant', 'questionnaire', id] as const,
  results: (id: string) => ['council', 'consultant', 'questionnaire', id, 'results'] as const,
  log: (filter: ConcertationFilter, page: number) => ['council', 'consultant', 'log', filter, page] as const,
};

const LOG_PAGE_SIZE = 20;

export const consultant = {
  desk: () => api.get<FacilitationView>('/api/council/facilitation'),
  consultants: () => api.get<ConsultantView[]>('/api/council/consultants'),
  assign: (tableId: string, userId: string) =>
    api.post<AssignmentView>(`/api/council/tables/${tableId}/consultants`, { userId }),
  endAssignment: (tableId: string, assignmentId: string) =>
    api.post<void>(`/api/council/tables/${tableId}/consultants/${assignmentId}/end`),
  proposeConvocation: (tableId: string, input: MeetingInput) =>
    api.post<ProposalView>(`/api/council/tables/${tableId}/proposals/convocation`, input),
  proposeMinutes: (meetingId: string, text: string) =>
    api.post<ProposalView>(`/api/council/meetings/${meetingId}/proposals/minutes`, { text }),
  proposeNeeds: (tableId: string, input: NeedsEntryInput) =>
    api.post<ProposalView>(`/api/council/tables/${tableId}/proposals/needs`, input),
  proposeQuestionnaire: (tableId: string, input: QuestionnaireProposalInput) =>
    api.post<ProposalView>(`/api/council/tables/${tableId}/proposals/questionnaire`, input),
  proposals: (status: string, page: number, kind = '') =>
    api.get<Paged<ProposalView>>('/api/council/proposals', {
      ...(status ? { status } : {}),
      ...(kind ? { kind } : {}),
      page,
      pageSize: LOG_PAGE_SIZE,
    }),
  questionnaire: (id: string) => api.get<TableQuestionnaireView>(`/api/council/table-questionnaires/${id}`),
  results: (id: string) => api.get<ResultsView>(`/api/council/table-questionnaires/${id}/results`),
  closeQuestionnaire: (id: string) =>
    api.post<TableQuestionnaireView>(`/api/council/table-questionnaires/${id}/close`),
  approve: (id: string) => api.post<ProposalView>(`/api/council/proposals/${id}/approve`),
  giveBack: (id: string, reason: string) =>
    api.post<ProposalView>(`/api/council/proposals/${id}/return`, { reason }),
  log: (filter: ConcertationFilter, page: number) =>
    api.get<Paged<ConcertationView>>('/api/council/concertation', {
      ...filterQuery(filter),
      page,
      pageSize: LOG_PAGE_SIZE,
    }),
  logExportUrl: (filter: ConcertationFilter) =>
    `/api/council/concertation.xlsx?${new URLSearchParams(filterQuery(filter) as Record<string, string>)}`,
  record: (input: ConcertationInput) => api.post<ConcertationView>('/api/council/concertation', input),
  correct: (id: string, input: ConcertationInput) =>
    api.put<ConcertationView>(`/api/council/concertation/${id}`, input),
  remove: (id: string) => api.delete(`/api/council/concertation/${id}`),
};

function filterQuery(filter: ConcertationFilter): Query {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => Boolean(value)));
}
