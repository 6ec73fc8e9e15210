/** The funded projects and their plan (project management for the funder). */
import type { Instant, LegalDay } from '../columns.ts';

export type ProjectTable = {
  id: string;
  code: string;
  acronym: string;
  title: string;
  programme: 'FAMI_2014_2020' | 'FAMI_2021_2027';
  objective: string;
  cup: string | null;
  startsOn: LegalDay;
  endsOn: LegalDay;
  createdAt: Instant;
  updatedAt: Instant;
};

export type ProjectPartnerTable = {
  projectId: string;
  organisationId: string;
  role: 'LEAD' | 'PARTNER';
  tasks: string | null;
};

export type ProjectWorkPackageTable = {
  id: string;
  projectId: string;
  code: string;
  title: string;
  description: string | null;
  leadOrganisationId: string | null;
  createdAt: Instant;
};

export type ProjectItemTable = {
  id: string;
  workPackageId: string;
  kind: 'ACTIVITY' | 'DELIVERABLE' | 'MILESTONE';
  code: string;
  title: string;
  owner: string | null;
  plannedStart: LegalDay;
  plannedEnd: LegalDay;
  actualStart: LegalDay | null;
  actualEnd: LegalDay | null;
  status: 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';
  risks: string | null;
  mitigation: string | null;
  updatedAt: Instant;
};

export type ProjectProgressNoteTable = {
  id: string;
  workPackageId: string;
  /** The first day of the month the note is about. */
  month: LegalDay;
  text: string;
  authorId: string;
  authorName: string;
  updatedAt: Instant;
};

/** A file attached to a monthly progress note. */
export type ProjectNoteAttachmentTable = {
  id: string;
  noteId: string;
  sha256: string;
  size: number;
  mediaType: string;
  fileName: string;
  uploadedAt: Instant;
  uploadedBy: string;
};

export type ProjectTables = {
  project: ProjectTable;
  projectPartner: ProjectPartnerTable;
  projectWorkPackage: ProjectWorkPackageTable;
  projectItem: ProjectItemTable;
  projectProgressNote: ProjectProgressNoteTable;
  projectNoteAttachment: ProjectNoteAttachmentTable;
};
