/**
 * The tables of training's questionnaires: topics of a needs survey in the programme, topics proposed from legal
 * updates, editions' evaluations.
 */
import type { ColumnType } from 'kysely';
import type { Instant, LegalDay, NullableInstant } from '../columns.ts';

/** A topic of a needs survey (its scale question) that the trainers answer with a course. */
export type TrainingTopicPlanTable = {
  questionnaireId: string;
  topicKey: string;
  courseId: string;
  plannedBy: string;
  plannedAt: Instant;
};

/** The anonymous end-of-course questionnaire of an edition, and the day it closes by itself. */
export type TrainingEvaluationTable = {
  editionId: string;
  questionnaireId: string;
  sentAt: Instant;
  closesOn: LegalDay;
  /** When the trainer or the job closed it. */
  closedAt: NullableInstant;
};

/** A topic proposed from a legal update, waiting for a course or answered by one (whose topics it joined). */
export type TrainingTopicProposalTable = {
  id: string;
  title: string;
  summary: string;
  legalUpdateId: string;
  proposedBy: string;
  proposedAt: Instant;
  courseId: string | null;
  /** Whether planning added the title to the course's topics, which then listed no such topic. */
  addedToCourse: ColumnType<boolean, boolean | undefined, boolean>;
  plannedBy: string | null;
  plannedAt: NullableInstant;
};

export type TrainingFeedbackTables = {
  trainingTopicProposal: TrainingTopicProposalTable;
  trainingTopicPlan: TrainingTopicPlanTable;
  trainingEvaluation: TrainingEvaluationTable;
};
