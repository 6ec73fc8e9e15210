import type {
  CandidateList,
  ClaimInput,
  ClaimList,
  ClaimView,
  CorrectionInput,
  OutcomeInput,
} from '../../../../src/modules/project/claims/contract.ts';
import { api } from '../../../app/api.ts';

export type {
  ChecklistItem,
  ClaimInput,
  ClaimList,
  ClaimView,
  Outcome,
} from '../../../../src/modules/project/claims/contract.ts';
export {
  CHECKLIST,
  CLAIM_KINDS,
  CLAIM_STATUSES,
  OUTCOMES,
} from '../../../../src/modules/project/claims/contract.ts';

export const claimKeys = {
  list: (projectId: string) => ['project', 'claims', projectId] as const,
  claim: (id: string) => ['project', 'claim', id] as const,
};

export const claims = {
  list: (projectId: string) => api.get<ClaimList>(`/api/project/projects/${projectId}/claims`),
  candidates: (projectId: string, periodStart: string, periodEnd: string) =>
    api.get<CandidateList>(`/api/project/projects/${projectId}/claims/candidates`, {
      periodStart,
      periodEnd,
    }),
  create: (projectId: string, input: ClaimInput) =>
    api.post<ClaimView>(`/api/project/projects/${projectId}/claims`, input),
  get: (id: string) => api.get<ClaimView>(`/api/project/claims/${id}`),
  submit: (id: string) => api.post<ClaimView>(`/api/project/claims/${id}/submit`),
  delete: (id: string) => api.delete(`/api/project/claims/${id}`),
  correct: (id: string, input: CorrectionInput) =>
    api.post<ClaimView>(`/api/project/claims/${id}/corrections`, input),
  recordOutcome: (id: string, expenseId: string, input: OutcomeInput) =>
    api.put<ClaimView>(`/api/project/claims/${id}/outcomes/${expenseId}`, input),
  close: (id: string) => api.post<ClaimView>(`/api/project/claims/${id}/verification/close`),
  sign: (id: string, file: File) =>
    api.upload<ClaimView>(`/api/project/claims/${id}/verbale/signed`, { file }),
  xlsxUrl: (id: string) => `/api/project/claims/${id}/export.xlsx`,
  summaryUrl: (id: string) => `/api/project/claims/${id}/summary.pdf`,
  verbaleUrl: (id: string) => `/api/project/claims/${id}/verbale.pdf`,
  signedUrl: (id: string) => `/api/project/claims/${id}/verbale/signed`,
};
