/** The tables of questionnaires (surveys): shared by the council, training and events. */
import type { Instant, Json, LegalDay, NullableInstant } from '../columns.ts';

export type SurveyQuestionnaireTable = {
  id: string;
  title: string;
  intro: string;
  status: 'DRAFT' | 'OPEN' | 'CLOSED';
  /** The questions, validated by `question` in `modules/surveys/contract.ts`. */
  questions: Json;
  createdAt: Instant;
  /** The context the questionnaire belongs to, given by the module that asks for it. */
  ownerKind: 'COUNCIL_NEEDS' | 'COUNCIL_TABLE' | 'TRAINING_NEEDS' | 'COURSE_EVALUATION' | 'EVENT_FOLLOW_UP';
  ownerId: string | null;
  ownerLabel: string | null;
  answeredBy: 'ORGANISATION' | 'PERSON';
  anonymous: boolean;
  /** Days after the invitation when those who have not answered get a reminder; none when null. */
  reminderDays: number | null;
};

/** A named answer: per organisation and municipality, or per person (no municipality). */
export type SurveyResponseTable = {
  id: string;
  questionnaireId: string;
  organisationId: string;
  municipalityIstatCode: string | null;
  answers: Json;
  submittedAt: Instant;
  submittedBy: string;
};

/** An anonymous answer: nothing says who gave it, and only the day when. */
export type SurveyAnonymousAnswerTable = {
  id: string;
  questionnaireId: string;
  answers: Json;
  answeredOn: LegalDay;
};

/** An anonymous answer held while its questionnaire is open; closing moves it, shuffled, to the answers. */
export type SurveyHeldAnswerTable = SurveyAnonymousAnswerTable;

/** Who has answered an anonymous questionnaire, without when or what. */
export type SurveyParticipationTable = { questionnaireId: string; userId: string };

export type SurveyInvitationTable = {
  questionnaireId: string;
  userId: string;
  invitedAt: Instant;
  remindedAt: NullableInstant;
};

export type SurveysTables = {
  surveyQuestionnaire: SurveyQuestionnaireTable;
  surveyResponse: SurveyResponseTable;
  surveyAnonymousAnswer: SurveyAnonymousAnswerTable;
  surveyHeldAnswer: SurveyHeldAnswerTable;
  surveyParticipation: SurveyParticipationTable;
  surveyInvitation: SurveyInvitationTable;
};
