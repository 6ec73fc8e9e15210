import type { z } from 'zod';
import type {
  AnswerValue,
  InvitationInput,
  InvitationView,
  inviteeView,
  QuestionnaireView,
  ResultsView,
  SurveyInput,
} from '../../../src/modules/surveys/contract.ts';
import { api } from '../../app/api.ts';

export type { InvitationView, QuestionnaireView, ResultsView };
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export const PAGE_SIZE = 20;

export const surveys = {
  list: (page: number) => api.get<Paged<QuestionnaireView>>('/api/surveys', { page, pageSize: PAGE_SIZE }),
  get: (id: string) => api.get<QuestionnaireView>(`/api/surveys/${id}`),
  create: (input: SurveyInput) => api.post<QuestionnaireView>('/api/surveys', input),
  move: (id: string, verb: 'open' | 'close') => api.post<QuestionnaireView>(`/api/surveys/${id}/${verb}`),
  answer: (id: string, answers: Record<string, AnswerValue>) =>
    api.post<QuestionnaireView>(`/api/surveys/${id}/answers`, { answers }),
  results: (id: string, organisationType: string) =>
    api.get<ResultsView>(`/api/surveys/${id}/results`, organisationType ? { organisationType } : {}),
  invitations: (id: string, page: number) =>
    api.get<Paged<InvitationView>>(`/api/surveys/${id}/invitations`, { page, pageSize: PAGE_SIZE }),
  invite: (id: string, input: InvitationInput) =>
    api.post<{ added: number; already: number }>(`/api/surveys/${id}/invitations`, input),
  invitees: (search: string) =>
    api.get<z.infer<typeof inviteeView>[]>('/api/surveys/invitees', search ? { search } : {}),
};

export const surveysKeys = {
  all: ['surveys'] as const,
  list: (page: number) => ['surveys', 'list', page] as const,
  one: (id: string) => ['surveys', 'one', id] as const,
  results: (id: string, organisationType: string) => ['surveys', 'results', id, organisationType] as const,
  invitations: (id: string, page: number) => ['surveys', 'invitations', id, page] as const,
  invitees: (search: string) => ['surveys', 'invitees', search] as const,
};
