/**
 * The API of the consultant for territorial concertation as facilitator of the thematic tables assigned to them:
 * the assignments, and the proposals (convocation, minutes draft, needs analysis entry) waiting for the secretariat.
 */
import { z } from 'zod';
import { meetingInput, meetingSummary, minutesInput, multilineText, text } from '../contract.ts';

export const assignmentInput = z.object({ userId: z.uuid() });

export const assignmentView = z.object({
  id: z.uuid(),
  tableId: z.uuid(),
  tableName: z.string(),
  userId: z.uuid(),
  consultantName: z.string(),
  assignedAt: z.string(),
});
export type AssignmentView = z.infer<typeof assignmentView>;

/** A user holding the consultant's role, with the tables assigned to them now. */
export const consultantView = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  organisationName: z.string(),
  assignments: z.array(assignmentView),
});
export type ConsultantView = z.infer<typeof consultantView>;

export const proposalKind = z.enum(['CONVOCATION', 'MINUTES', 'NEEDS']);
export type ProposalKind = z.infer<typeof proposalKind>;
export const proposalStatus = z.enum(['PENDING', 'APPROVED', 'RETURNED']);

export const convocationProposalInput = meetingInput;
export const minutesProposalInput = minutesInput;
export const needsEntryInput = z.object({ title: text(300), text: multilineText(8000) });
export const returnInput = z.object({ reason: multilineText(2000) });

export const proposalView = z.object({
  id: z.uuid(),
  tableId: z.uuid(),
  tableName: z.string(),
  kind: proposalKind,
  /** The meeting whose minutes are proposed, or the meeting convened once the convocation was approved. */
  meetingId: z.uuid().nullable(),
  meetingTitle: z.string().nullable(),
  /** What was proposed, as it was sent: a convocation, a minutes text, or a needs entry. */
  convocation: convocationProposalInput.nullable(),
  minutes: z.string().nullable(),
  needs: needsEntryInput.nullable(),
  status: proposalStatus,
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
});
export type ProposalView = z.infer<typeof proposalView>;

export const proposalsQuery = z.object({
  status: proposalStatus.optional(),
  kind: proposalKind.optional(),
  tableId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** The consultant's desk: the tables assigned to them with their meetings. */
export const facilitationView = z.object({
  tables: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      assignedAt: z.string(),
      meetings: z.array(meetingSummary),
    }),
  ),
});
export type FacilitationView = z.infer<typeof facilitationView>;
