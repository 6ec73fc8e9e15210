import type {
  ItemInput,
  ItemView,
  NoteInput,
  NoteView,
  PartnerInput,
  ProjectInput,
  ProjectSummary,
  ProjectView,
  WorkPackageInput,
  WorkPackageView,
} from '../../../src/modules/project/contract.ts';
import { api } from '../../app/api.ts';

export {
  ITEM_KINDS,
  ITEM_STATUSES,
  PARTNER_ROLES,
  PROGRAMMES,
  PROGRESS_STATES,
} from '../../../src/modules/project/contract.ts';
export type { ItemInput, ItemView, NoteInput, NoteView, ProjectSummary, ProjectView, WorkPackageView };

export const keys = {
  all: ['project'] as const,
  projects: ['project', 'projects'] as const,
  project: (id: string) => ['project', 'projects', id] as const,
};

export const projects = {
  list: () => api.get<ProjectSummary[]>('/api/project/projects'),
  get: (id: string) => api.get<ProjectView>(`/api/project/projects/${id}`),
  create: (input: ProjectInput) => api.post<ProjectView>('/api/project/projects', input),
  update: (id: string, input: ProjectInput) => api.put<ProjectView>(`/api/project/projects/${id}`, input),
  timelineUrl: (id: string) => `/api/project/projects/${id}/timeline.svg`,
  setPartner: (id: string, input: PartnerInput) =>
    api.put<ProjectView>(`/api/project/projects/${id}/partners`, input),
  removePartner: (id: string, organisationId: string) =>
    api.delete<ProjectView>(`/api/project/projects/${id}/partners/${organisationId}`),
  addWorkPackage: (id: string, input: WorkPackageInput) =>
    api.post<ProjectView>(`/api/project/projects/${id}/work-packages`, input),
  addItem: (workPackageId: string, input: ItemInput) =>
    api.post<ProjectView>(`/api/project/work-packages/${workPackageId}/items`, input),
  updateItem: (id: string, input: ItemInput) => api.put<ProjectView>(`/api/project/items/${id}`, input),
  deleteItem: (id: string) => api.delete<ProjectView>(`/api/project/items/${id}`),
  writeNote: (workPackageId: string, input: NoteInput) =>
    api.put<ProjectView>(`/api/project/work-packages/${workPackageId}/notes`, input),
  attachNoteFile: (noteId: string, file: File) =>
    api.upload<unknown>(`/api/project/notes/${noteId}/attachments`, { file }),
  removeNoteFile: (noteId: string, attachmentId: string) =>
    api.delete<null>(`/api/project/notes/${noteId}/attachments/${attachmentId}`),
  noteFileUrl: (noteId: string, attachmentId: string) =>
    `/api/project/notes/${noteId}/attachments/${attachmentId}`,
};
