/** The tables of the legal updates (WP3): the legal expert's notes, their articles, case types and readings. */
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

export type LegalUpdateTable = {
  id: string;
  kind: 'LEGISLATION' | 'CIRCULAR' | 'JUDGMENT';
  authority: string;
  number: string;
  issuedOn: LegalDay;
  title: string;
  summary: string;
  fullText: string | null;
  validFrom: LegalDay;
  status: 'DRAFT' | 'PUBLISHED';
  attachmentSha256: string | null;
  attachmentSize: number | null;
  attachmentFileName: string | null;
  /** The case type whose definition the update requires to change, with what the change is. */
  changeCaseType: string | null;
  changeNote: string | null;
  /** The valid-from date of the case-type version that applied the change, once the SUI manager says so. */
  changeAppliedFrom: LegalDay | null;
  changeAppliedBy: string | null;
  changeAppliedAt: NullableInstant;
  writtenBy: string;
  createdAt: Instant;
  updatedAt: Instant;
  publishedAt: NullableInstant;
};

/** An article the update concerns, e.g. D.Lgs. 286/1998 art. 22 c.5, in the order the legal expert gave. */
export type LegalUpdateArticleTable = {
  updateId: string;
  position: number;
  act: string;
  article: string;
  paragraph: string | null;
};

export type LegalUpdateCaseTypeTable = { updateId: string; caseType: string };

export type LegalUpdateReadingTable = { updateId: string; userId: string; readAt: Instant };

export type UpdatesTables = {
  legalUpdate: LegalUpdateTable;
  legalUpdateArticle: LegalUpdateArticleTable;
  legalUpdateCaseType: LegalUpdateCaseTypeTable;
  legalUpdateReading: LegalUpdateReadingTable;
};
