/**
 * The API of the consultant for territorial concertation as facilitator of the thematic tables assigned to them:
 * the assignments, the proposals (convocation, minutes draft, needs analysis entry, questionnaire) waiting for
 * the secretariat, and the questionnaires of the tables.
 */
import { z } from 'zod';
import { question, questionnaireView, surveyInput } from '../../surveys/contract.ts';
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

export const proposalKind = z.enum(['CONVOCATION', 'MINUTES', 'NEEDS', 'QUESTIONNAIRE']);
export type ProposalKind = z.infer<typeof proposalKind>;
export const proposalStatus = z.enum(['PENDING', 'APPROVED', 'RETURNED']);

export const convocationProposalInput = meetingInput;
export const minutesProposalInput = minutesInput;
export const needsEntryInput = z.object({ title: text(300), text: multilineText(8000) });
/** A questionnaire of the table, as the surveys module builds one: questions, anonymity, reminder. */
export const questionnaireProposalInput = surveyInput.pick({
  title: true,
  intro: true,
  questions: true,
  anonymous: true,
  reminderDays: true,
});
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
  questionnaire: questionnaireProposalInput.nullable(),
  /** The questionnaire opened once the proposal was approved. */
  questionnaireId: z.uuid().nullable(),
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

/** A questionnaire of a table as listed: what it asks, how far the answers have come. */
export const tableQuestionnaireSummary = questionnaireView.pick({
  id: true,
  title: true,
  status: true,
  anonymous: true,
  responses: true,
  invited: true,
});
export type TableQuestionnaireSummary = z.infer<typeof tableQuestionnaireSummary>;

/** A questionnaire of a table, for the table's consultant and the secretariat. */
export const tableQuestionnaireView = tableQuestionnaireSummary.extend({
  tableId: z.uuid(),
  tableName: z.string(),
  intro: z.string(),
  questions: z.array(question),
  reminderDays: z.number().int().nullable(),
});
export type TableQuestionnaireView = z.infer<typeof tableQuestionnaireView>;

/** The consultant's desk: the tables assigned to them with their meetings and questionnaires. */
export const facilitationView = z.object({
  tables: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      assignedAt: z.string(),
      meetings: z.array(meetingSummary),
      questionnaires: z.array(tableQuestionnaireSummary),
    }),
  ),
});
export type FacilitationView = z.infer<typeof facilitationView>;
