/** The training API (WP3): courses of a track, editions with sessions, enrolments with a waitlist, attendance. */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../kernel/contract.ts';
import { questionResult, resultsView } from '../surveys/contract.ts';

/** The two tracks of WP3, and the courses open to both, with their Italian names. */
export const TRACKS = {
  PUBLIC: 'Operatori degli enti pubblici',
  PRIVATE: 'Operatori del privato sociale (Terzo Settore)',
  BOTH: 'Operatori pubblici e del privato sociale',
} as const;
export type Track = keyof typeof TRACKS;
export const track = z.enum(Object.keys(TRACKS) as [Track, ...Track[]], 'Scegliere un percorso dall’elenco');

/** Where a person stands in an edition, with its Italian name. */
export const ENROLMENT_STATUSES = {
  ENROLLED: 'Iscrizione confermata',
  WAITLISTED: 'In lista d’attesa',
  CANCELLED: 'Iscrizione annullata',
} as const;
export const enrolmentStatus = z.enum(['ENROLLED', 'WAITLISTED', 'CANCELLED']);
export type EnrolmentStatus = z.infer<typeof enrolmentStatus>;

const id = z.uuid();
const optionalText = (max: number) => text(max).nullable().optional();
const optionalMultilineText = (max: number) => multilineText(max).nullable().optional();
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'indicare l’ora come 09:30');

export const courseInput = z.object({
  title: text(200),
  track,
  objectives: multilineText(4000),
  /** One topic a line. */
  topics: multilineText(4000),
  hours: z.number('indicare le ore').int('indicare un numero intero di ore').min(1, 'almeno 1 ora').max(500),
  trainerIds: z.array(id).min(1, 'indicare almeno un formatore').max(10),
  targetRoles: text(500),
  prerequisites: optionalMultilineText(2000),
  completionPercent: z
    .number('indicare la percentuale')
    .int('indicare un numero intero')
    .min(1, 'almeno 1%')
    .max(100, 'al massimo 100%'),
  /** Shown on the public site while an edition takes enrolments (a course for one office's staff is not). */
  onPublicSite: z.boolean().default(true),
});
export type CourseInput = z.input<typeof courseInput>;
export const publicSiteInput = z.object({ onPublicSite: z.boolean('indicare sì o no') });

export const sessionInput = z
  .object({
    day: legalDay,
    startTime: clockTime,
    endTime: clockTime,
    place: optionalText(300),
    onlineUrl: z
      .url({ protocol: /^https?$/, message: 'indirizzo web non valido' })
      .max(500)
      .nullable()
      .optional(),
  })
  .refine((session) => session.endTime > session.startTime, {
    path: ['endTime'],
    message: 'la fine deve venire dopo l’inizio',
  })
  .refine((session) => Boolean(session.place || session.onlineUrl), {
    path: ['place'],
    message: 'indicare il luogo o il collegamento online',
  });
export type SessionInput = z.infer<typeof sessionInput>;

export const editionInput = z.object({
  name: text(200),
  capacity: z.number('indicare i posti').int('indicare un numero intero').min(1, 'almeno 1 posto').max(1000),
  cancelUntil: legalDay,
  sessions: z.array(sessionInput).min(1, 'almeno una sessione').max(50),
});
export type EditionInput = z.infer<typeof editionInput>;

export const capacityInput = z.object({
  capacity: z.number('indicare i posti').int('indicare un numero intero').min(1, 'almeno 1 posto').max(1000),
});
export const staffEnrolmentInput = z.object({ userId: z.uuid('Scegliere una persona dall’elenco') });
/** Why the course's staff withdraw a participant, told to them and kept in the audit trail. */
export const withdrawalInput = z.object({ reason: multilineText(1000) });
export const attendanceInput = z.object({ userId: id, present: z.boolean() });
export const checkInInput = z.object({
  sessionId: id.optional(),
  code: z.string().trim().min(1, 'Campo obbligatorio').max(20, 'il codice ha 6 caratteri'),
});
export const coursesQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const person = z.object({ id, name: z.string() });

export const sessionView = z.object({
  id,
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  hours: z.number(),
});
export type SessionView = z.infer<typeof sessionView>;

export const editionSummary = z.object({
  id,
  name: z.string(),
  capacity: z.number().int(),
  enrolled: z.number().int(),
  waitlisted: z.number().int(),
  cancelUntil: z.string(),
  firstSessionAt: z.string().nullable(),
  lastSessionAt: z.string().nullable(),
});
export type EditionSummary = z.infer<typeof editionSummary>;

export const courseSummary = z.object({
  id,
  title: z.string(),
  track,
  hours: z.number().int(),
  trainers: z.array(person),
  editions: z.number().int(),
  nextSessionAt: z.string().nullable(),
});
export type CourseSummary = z.infer<typeof courseSummary>;

export const materialView = z.object({
  id,
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  uploadedAt: z.string(),
});
export type MaterialView = z.infer<typeof materialView>;

export const courseView = courseSummary.extend({
  objectives: z.string(),
  topics: z.array(z.string()),
  targetRoles: z.string(),
  prerequisites: z.string().nullable(),
  completionPercent: z.number().int(),
  onPublicSite: z.boolean(),
  /** Whether the user is one of its trainers or oversees training, and so changes it. */
  runsCourse: z.boolean(),
  /** Whether the user's organisation may enrol its people in this course's track. */
  isOpenToMe: z.boolean(),
  editionList: z.array(editionSummary),
  materials: z.array(materialView),
});
export type CourseView = z.infer<typeof courseView>;

export const participantView = z.object({
  enrolmentId: id,
  userId: id,
  name: z.string(),
  organisationName: z.string(),
  status: enrolmentStatus,
  /** 1 for the first in the waitlist; null when not waiting. */
  position: z.number().int().nullable(),
  hoursAttended: z.number(),
  isComplete: z.boolean(),
});
export type ParticipantView = z.infer<typeof participantView>;

export const ownEnrolment = z.object({
  enrolmentId: id,
  status: enrolmentStatus,
  position: z.number().int().nullable(),
  mayCancel: z.boolean(),
});

export const editionView = editionSummary.extend({
  courseId: id,
  courseTitle: z.string(),
  track,
  totalHours: z.number(),
  isOpenToMe: z.boolean(),
  sessions: z.array(sessionView),
  mine: ownEnrolment.nullable(),
  /** Everyone enrolled or waiting (for the course's trainers and the training managers), else the own staff. */
  participants: z.array(participantView),
  /** Whether the user runs the register of this edition's sessions. */
  isTrainer: z.boolean(),
  /** Whether the user may withdraw participants, even after the deadline (the course's trainers, the project). */
  mayWithdraw: z.boolean(),
});
export type EditionView = z.infer<typeof editionView>;

export const enrolmentResult = z.object({
  enrolmentId: id,
  status: enrolmentStatus,
  position: z.number().int().nullable(),
  message: z.string(),
});
export type EnrolmentResult = z.infer<typeof enrolmentResult>;

export const myEnrolment = z.object({
  enrolmentId: id,
  editionId: id,
  courseTitle: z.string(),
  editionName: z.string(),
  status: enrolmentStatus,
  position: z.number().int().nullable(),
  firstSessionAt: z.string().nullable(),
  hoursAttended: z.number(),
  totalHours: z.number(),
  isComplete: z.boolean(),
});
export type MyEnrolment = z.infer<typeof myEnrolment>;

export const registerView = z.object({
  session: sessionView,
  editionId: id,
  editionName: z.string(),
  courseTitle: z.string(),
  people: z.array(
    z.object({ userId: id, name: z.string(), organisationName: z.string(), isPresent: z.boolean() }),
  ),
});
export type RegisterView = z.infer<typeof registerView>;

export const checkInCodeView = z.object({
  code: z.string(),
  url: z.string(),
  qrSvg: z.string(),
  /** When the code on screen gives way to the next one. */
  changesAt: z.string(),
});
export type CheckInCodeView = z.infer<typeof checkInCodeView>;

export const checkInResult = z.object({
  courseTitle: z.string(),
  editionName: z.string(),
  sessionStartsAt: z.string(),
  message: z.string(),
});
export type CheckInResult = z.infer<typeof checkInResult>;

export const staffMember = z.object({ userId: id, name: z.string() });
export type StaffMember = z.infer<typeof staffMember>;
export const trainerOption = person;

// ---- the needs survey and the evaluations of editions (decision 058)

export const needsSurveyInput = z.object({
  title: text(200),
  intro: multilineText(4000),
  /** One topic a line: each becomes a question on the need for training on it, from 1 to 5. */
  topics: multilineText(4000),
  anonymous: z.boolean(),
  reminderDays: z.number().int().min(1, 'almeno 1 giorno').max(60, 'al più 60 giorni').nullable().optional(),
});
export type NeedsSurveyInput = z.infer<typeof needsSurveyInput>;

export const needsTemplateView = z.object({ title: z.string(), intro: z.string(), topics: z.string() });

export const needsSurveySummary = z.object({
  id,
  title: z.string(),
  status: z.enum(['DRAFT', 'OPEN', 'CLOSED']),
  anonymous: z.boolean(),
  responses: z.number().int(),
  invited: z.number().int(),
});

/** How much a topic is asked for: answers, mean need (1–5), answers of high need (4 or 5). */
export const topicDemand = z.object({
  key: z.string(),
  topic: z.string(),
  answered: z.number().int(),
  mean: z.number().nullable(),
  high: z.number().int(),
  /** The share of those who answered it who rated it 4 or 5, in per cent. */
  highShare: z.number().int(),
  course: z.object({ id, title: z.string() }).nullable(),
});
export type TopicDemand = z.infer<typeof topicDemand>;

/** The answers of a group (a track, a type of organisation) and the mean need of each topic among them. */
export const groupDemand = z.object({
  label: z.string(),
  answers: z.number().int(),
  means: z.array(z.object({ key: z.string(), mean: z.number().nullable() })),
});
export type GroupDemand = z.infer<typeof groupDemand>;

export const needsResultsView = z.object({
  id,
  title: z.string(),
  status: z.enum(['DRAFT', 'OPEN', 'CLOSED']),
  anonymous: z.boolean(),
  answers: z.number().int(),
  invited: z.number().int(),
  withheld: z.string().nullable(),
  /** Most asked for first: the list the trainers plan from. */
  topics: z.array(topicDemand),
  byTrack: z.array(groupDemand),
  byOrganisationType: z.array(groupDemand),
});
export type NeedsResultsView = z.infer<typeof needsResultsView>;

export const topicPlanInput = z.object({ courseId: z.uuid('Scegliere un corso dall’elenco') });

/** A topic proposed from a legal update: waiting for a course, or in the one that now lists it among its topics. */
export const topicProposalView = z.object({
  id,
  title: z.string(),
  summary: z.string(),
  legalUpdateId: id,
  proposedBy: z.string(),
  proposedAt: z.string(),
  course: z.object({ id, title: z.string() }).nullable(),
  plannedAt: z.string().nullable(),
});
export type TopicProposalView = z.infer<typeof topicProposalView>;

export const evaluationView = z.object({
  editionId: id,
  questionnaireId: id,
  status: z.enum(['DRAFT', 'OPEN', 'CLOSED']),
  sentAt: z.string(),
  closesOn: z.string(),
  invited: z.number().int(),
  responses: z.number().int(),
  /** For the course's trainers and the project's staff; null for a participant. */
  results: resultsView.nullable(),
  /** For a participant: whether they have answered. */
  hasAnswered: z.boolean(),
});
export type EvaluationView = z.infer<typeof evaluationView>;

export const trainerEvaluationsView = z.object({
  trainer: person,
  editions: z.array(
    z.object({
      editionId: id,
      courseTitle: z.string(),
      editionName: z.string(),
      status: z.enum(['DRAFT', 'OPEN', 'CLOSED']),
      responses: z.number().int(),
      /** Whether its answers are shown and counted here: closed, with at least 5 answers. */
      isReleased: z.boolean(),
      satisfaction: z.number().nullable(),
    }),
  ),
  answers: z.number().int(),
  questions: z.array(questionResult),
});
export type TrainerEvaluationsView = z.infer<typeof trainerEvaluationsView>;
