import type { z } from 'zod';
import type { DashboardView } from '../../../src/modules/cases/figures/contract.ts';
import type {
  problemInput,
  problemQuery,
  problemUpdate,
  problemView,
} from '../../../src/modules/exchange/contract.ts';
import { api } from '../../app/api.ts';

export type { DashboardView };
export type ProblemView = z.infer<typeof problemView>;
export type ProblemInput = z.infer<typeof problemInput>;
export type ProblemUpdate = z.infer<typeof problemUpdate>;
export type ProblemQuery = z.input<typeof problemQuery>;

export const figureKeys = {
  dashboard: (since: string | null) => ['exchange', 'dashboard', since] as const,
  problems: (query: ProblemQuery) => ['exchange', 'problems', query] as const,
};

/** Where the figures can be downloaded: the same query, as CSV or XLSX. */
export function exportUrl(since: string | null, format: 'csv' | 'xlsx'): string {
  const query = new URLSearchParams({ format, ...(since ? { since } : {}) });
  return `/api/opinions/dashboard?${query}`;
}

export const figures = {
  dashboard: (since: string | null) =>
    api.get<DashboardView>('/api/opinions/dashboard', since ? { since } : {}),
};

export const problems = {
  list: (query: ProblemQuery) => api.get<ProblemView[]>('/api/opinions/problems', query),
  raise: (body: ProblemInput) => api.post<ProblemView>('/api/opinions/problems', body),
  update: (id: string, body: ProblemUpdate) =>
    api.patch<ProblemView>(`/api/opinions/problems/${encodeURIComponent(id)}`, body),
};
