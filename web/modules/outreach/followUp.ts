import type { z } from 'zod';
import type {
  EventCertificateView,
  FollowUpSurveyInput,
  FollowUpView,
  followUpSurveyView,
} from '../../../src/modules/outreach/events/after/contract.ts';
import type { ResultsView } from '../../../src/modules/surveys/contract.ts';
import { api } from '../../app/api.ts';
import type { Wire } from './requests.ts';

export { FOLLOW_UP_AUDIENCES } from '../../../src/modules/outreach/events/after/contract.ts';
export type { FollowUpSurveyInput };
export type FollowUp = Wire<FollowUpView>;
export type EventCertificate = Wire<EventCertificateView>;
export type FollowUpSurvey = Wire<z.infer<typeof followUpSurveyView>>;

export const followUpKeys = {
  event: (eventId: string) => ['outreach', 'follow-up', eventId] as const,
  results: (eventId: string) => ['outreach', 'follow-up', eventId, 'results'] as const,
};

export const followUp = {
  ofEvent: (eventId: string) => api.get<FollowUp>(`/api/outreach/events/${eventId}/follow-up`),
  openCertificates: (sessionId: string) =>
    api.post<FollowUp>(`/api/outreach/sessions/${sessionId}/certificates`),
  revoke: (id: string, reason: string) =>
    api.post<EventCertificate>(`/api/outreach/event-certificates/${id}/revocation`, { reason }),
  launch: (eventId: string, input: FollowUpSurveyInput) =>
    api.post<FollowUpSurvey>(`/api/outreach/events/${eventId}/follow-up/survey`, input),
  close: (eventId: string) =>
    api.post<FollowUpSurvey>(`/api/outreach/events/${eventId}/follow-up/survey/closing`),
  results: (eventId: string) => api.get<ResultsView>(`/api/outreach/events/${eventId}/follow-up/results`),
};
