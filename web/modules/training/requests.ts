import type { z } from 'zod';
import type {
  CheckInCodeView,
  CheckInResult,
  CourseSummary,
  CourseView,
  courseInput,
  EditionView,
  EnrolmentResult,
  editionInput,
  MyEnrolment,
  RegisterView,
  StaffMember,
} from '../../../src/modules/training/contract.ts';
import { api } from '../../app/api.ts';

export type {
  CheckInCodeView,
  CourseSummary,
  CourseView,
  EditionView,
  MyEnrolment,
  RegisterView,
  StaffMember,
};
export type CourseInput = z.input<typeof courseInput>;
export type EditionInput = z.input<typeof editionInput>;

/** A page of a training list, as the server sends it. */
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export const PAGE_SIZE = 20;

export const keys = {
  all: ['training'] as const,
  courses: (page: number) => ['training', 'courses', page] as const,
  course: (id: string) => ['training', 'course', id] as const,
  edition: (id: string) => ['training', 'edition', id] as const,
  mine: ['training', 'mine'] as const,
  trainers: ['training', 'trainers'] as const,
  staff: ['training', 'staff'] as const,
  register: (id: string) => ['training', 'register', id] as const,
  code: (id: string) => ['training', 'code', id] as const,
};

export const training = {
  courses: (page: number) =>
    api.get<Paged<CourseSummary>>('/api/training/courses', { page, pageSize: PAGE_SIZE }),
  course: (id: string) => api.get<CourseView>(`/api/training/courses/${id}`),
  createCourse: (input: CourseInput) => api.post<CourseView>('/api/training/courses', input),
  setPublicSite: (id: string, onPublicSite: boolean) =>
    api.put<CourseView>(`/api/training/courses/${id}/public-site`, { onPublicSite }),
  trainers: () => api.get<{ id: string; name: string }[]>('/api/training/trainers'),
  attach: (courseId: string, file: File) =>
    api.upload<unknown>(`/api/training/courses/${courseId}/materials`, { file }),
  materialUrl: (courseId: string, materialId: string) =>
    `/api/training/courses/${courseId}/materials/${materialId}`,
  createEdition: (courseId: string, input: EditionInput) =>
    api.post<EditionView>(`/api/training/courses/${courseId}/editions`, input),
  edition: (id: string) => api.get<EditionView>(`/api/training/editions/${id}`),
  changeCapacity: (editionId: string, capacity: number) =>
    api.post<EditionView>(`/api/training/editions/${editionId}/capacity`, { capacity }),
  enrol: (editionId: string) => api.post<EnrolmentResult>(`/api/training/editions/${editionId}/enrolment`),
  staff: () => api.get<StaffMember[]>('/api/training/staff'),
  enrolStaff: (editionId: string, userId: string) =>
    api.post<EnrolmentResult>(`/api/training/editions/${editionId}/staff-enrolments`, { userId }),
  cancel: (enrolmentId: string) => api.post(`/api/training/enrolments/${enrolmentId}/cancel`),
  withdraw: (enrolmentId: string, reason: string) =>
    api.post(`/api/training/enrolments/${enrolmentId}/withdrawal`, { reason }),
  mine: () => api.get<MyEnrolment[]>('/api/training/my-enrolments'),
  register: (sessionId: string) => api.get<RegisterView>(`/api/training/sessions/${sessionId}/register`),
  mark: (sessionId: string, userId: string, present: boolean) =>
    api.post<RegisterView>(`/api/training/sessions/${sessionId}/register`, { userId, present }),
  code: (sessionId: string) => api.get<CheckInCodeView>(`/api/training/sessions/${sessionId}/check-in-code`),
  checkIn: (input: { sessionId?: string; code: string }) =>
    api.post<CheckInResult>('/api/training/check-in', input),
};
