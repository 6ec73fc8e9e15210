import type { z } from 'zod';
import type {
  AssignmentChange,
  AssignmentInput,
  interpretersView,
  interpretingView,
} from '../../../src/modules/outreach/events/interpreters/contract.ts';
import { api } from '../../app/api.ts';
import type { Wire } from './requests.ts';

export { choosableMediators } from '../../../src/modules/outreach/events/interpreters/contract.ts';
export type { AssignmentChange, AssignmentInput };
export type Interpreters = Wire<z.infer<typeof interpretersView>>;
export type Assignment = Interpreters['assignments'][number];
export type OfficeMediator = Interpreters['mediators'][number];
export type Interpreting = Wire<z.infer<typeof interpretingView>>;

export const interpreterKeys = {
  event: (eventId: string) => ['outreach', 'interpreters', eventId] as const,
  mine: ['outreach', 'my-interpreting'] as const,
};

export const interpreters = {
  ofEvent: (eventId: string) => api.get<Interpreters>(`/api/outreach/events/${eventId}/interpreters`),
  assign: (sessionId: string, input: AssignmentInput) =>
    api.post<Interpreters>(`/api/outreach/sessions/${sessionId}/interpreters`, input),
  change: (id: string, input: AssignmentChange) =>
    api.put<Interpreters>(`/api/outreach/interpreters/${id}`, input),
  remove: (id: string) => api.delete<Interpreters>(`/api/outreach/interpreters/${id}`),
  mine: () => api.get<Interpreting[]>('/api/outreach/my-interpreting'),
};
