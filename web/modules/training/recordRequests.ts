import type { z } from 'zod';
import type {
  MentoringEntry,
  mentoringInput,
  OrganisationSummary,
  PersonRecord,
  TeamMember,
} from '../../../src/modules/training/records/contract.ts';
import { api } from '../../app/api.ts';

export type { MentoringEntry, OrganisationSummary, PersonRecord, TeamMember };
export type MentoringInput = z.input<typeof mentoringInput>;

export const recordKeys = {
  mine: ['training', 'record', 'mine'] as const,
  organisations: ['training', 'record', 'organisations'] as const,
  mentoring: ['training', 'mentoring'] as const,
  team: ['training', 'mentoring', 'team'] as const,
};

export const records = {
  mine: () => api.get<PersonRecord>('/api/training/records/mine'),
  mineXlsx: '/api/training/records/mine.xlsx',
  organisations: () => api.get<OrganisationSummary[]>('/api/training/records/organisations'),
  organisationXlsx: (id: string) => `/api/training/records/organisations/${id}/export.xlsx`,
  mentoring: () => api.get<MentoringEntry[]>('/api/training/mentoring'),
  team: () => api.get<TeamMember[]>('/api/training/mentoring/team'),
  record: (input: MentoringInput) => api.post<MentoringEntry>('/api/training/mentoring', input),
  remove: (id: string) => api.delete(`/api/training/mentoring/${id}`),
};

/** Hours as an Italian reader writes them: `1,5`, `0,75`. */
export const hours = (value: number) => new Intl.NumberFormat('it-IT').format(value);
