import type { z } from 'zod';
import type {
  EvaluationView,
  NeedsResultsView,
  needsSurveyInput,
  needsSurveySummary,
  needsTemplateView,
  TopicProposalView,
  TrainerEvaluationsView,
} from '../../../src/modules/training/contract.ts';
import { api } from '../../app/api.ts';
import type { QuestionnaireView } from '../surveys/requests.ts';

export type { EvaluationView, NeedsResultsView, TopicProposalView, TrainerEvaluationsView };

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type NeedsSurveyInput = z.input<typeof needsSurveyInput>;

export const feedbackKeys = {
  needs: ['training', 'needs'] as const,
  template: ['training', 'needs', 'template'] as const,
  needsResults: (id: string) => ['training', 'needs', id] as const,
  proposalsAll: ['training', 'proposals'] as const,
  proposals: (page: number) => ['training', 'proposals', page] as const,
  evaluation: (editionId: string) => ['training', 'evaluation', editionId] as const,
  trainer: (id: string) => ['training', 'trainer-evaluations', id] as const,
};

export const feedback = {
  needsSurveys: () => api.get<z.infer<typeof needsSurveySummary>[]>('/api/training/needs-surveys'),
  template: () => api.get<z.infer<typeof needsTemplateView>>('/api/training/needs-surveys/template'),
  launch: (input: NeedsSurveyInput) => api.post<QuestionnaireView>('/api/training/needs-surveys', input),
  needsResults: (id: string) => api.get<NeedsResultsView>(`/api/training/needs-surveys/${id}/results`),
  plan: (id: string, key: string, courseId: string) =>
    api.put<NeedsResultsView>(`/api/training/needs-surveys/${id}/topics/${key}/plan`, { courseId }),
  unplan: (id: string, key: string) =>
    api.delete<NeedsResultsView>(`/api/training/needs-surveys/${id}/topics/${key}/plan`),
  proposals: (page: number) =>
    api.get<Paged<TopicProposalView>>('/api/training/topic-proposals', { page, pageSize: 20 }),
  planProposal: (id: string, courseId: string) =>
    api.put<TopicProposalView>(`/api/training/topic-proposals/${id}/plan`, { courseId }),
  unplanProposal: (id: string) => api.delete<TopicProposalView>(`/api/training/topic-proposals/${id}/plan`),
  evaluation: (editionId: string) =>
    api.get<EvaluationView | null>(`/api/training/editions/${editionId}/evaluation`),
  sendEvaluation: (editionId: string) =>
    api.post<EvaluationView>(`/api/training/editions/${editionId}/evaluation`),
  closeEvaluation: (editionId: string) =>
    api.post<EvaluationView>(`/api/training/editions/${editionId}/evaluation/close`),
  trainer: (id: string) => api.get<TrainerEvaluationsView>(`/api/training/trainers/${id}/evaluations`),
};
