import type {
  CaseNotice,
  CaseTypeOption,
  ReadersView,
  UpdateInput,
  UpdateSummary,
  UpdateView,
} from '../../../src/modules/updates/contract.ts';
import { api } from '../../app/api.ts';

export type { CaseNotice, CaseTypeOption, ReadersView, UpdateInput, UpdateSummary, UpdateView };

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export const PAGE_SIZE = 20;

/** What the list is searched by: words, part of an article, a case type. */
export type UpdateSearch = { q?: string; article?: string; caseType?: string };

export const keys = {
  all: ['updates'] as const,
  list: (page: number, search: UpdateSearch) => ['updates', 'list', page, search] as const,
  unread: ['updates', 'unread'] as const,
  pending: ['updates', 'pending'] as const,
  update: (id: string) => ['updates', 'update', id] as const,
  readers: (id: string) => ['updates', 'readers', id] as const,
  caseTypes: ['updates', 'case-types'] as const,
  unreadCaseTypes: ['updates', 'unread-case-types'] as const,
  forCase: (caseId: string) => ['updates', 'for-case', caseId] as const,
};

export const updates = {
  list: (page: number, search: UpdateSearch) =>
    api.get<Paged<UpdateSummary>>('/api/legal-updates', { ...search, page, pageSize: PAGE_SIZE }),
  unread: () => api.get<Paged<UpdateSummary>>('/api/legal-updates', { unread: true, pageSize: 100 }),
  pending: () => api.get<Paged<UpdateSummary>>('/api/legal-updates', { pendingChange: true, pageSize: 100 }),
  get: (id: string) => api.get<UpdateView>(`/api/legal-updates/${id}`),
  create: (input: UpdateInput) => api.post<UpdateView>('/api/legal-updates', input),
  change: (id: string, input: UpdateInput) => api.put<UpdateView>(`/api/legal-updates/${id}`, input),
  publish: (id: string) => api.post<UpdateView>(`/api/legal-updates/${id}/publish`),
  proposeTopic: (id: string) => api.post<UpdateView>(`/api/legal-updates/${id}/training-topic`),
  withdrawTopic: (id: string) => api.delete<UpdateView>(`/api/legal-updates/${id}/training-topic`),
  attach: (id: string, file: File) => api.upload<unknown>(`/api/legal-updates/${id}/act`, { file }),
  actUrl: (id: string) => `/api/legal-updates/${id}/act`,
  markRead: (id: string) => api.post<{ readAt: string }>(`/api/legal-updates/${id}/read`),
  readers: (id: string) => api.get<ReadersView>(`/api/legal-updates/${id}/readers`),
  markApplied: (id: string, validFrom: string) =>
    api.post(`/api/legal-updates/${id}/change-applied`, { validFrom }),
  caseTypes: () => api.get<CaseTypeOption[]>('/api/legal-updates/case-types'),
  unreadCaseTypes: () => api.get<string[]>('/api/legal-updates/unread-case-types'),
  forCase: (caseId: string) => api.get<CaseNotice[]>(`/api/legal-updates/for-case/${caseId}`),
};
