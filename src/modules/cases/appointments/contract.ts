/** The API of desks and appointments: opening hours, free slots, bookings and their outcome. */
import { z } from 'zod';
import { language, legalDay, mailStatus, refuseUnsafeText, text } from '../../../kernel/contract.ts';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'orario nel formato HH:MM');
const instant = z.iso.datetime({
  offset: true,
  message: 'Indicare data e ora',
});

/** Why an applicant is convoked; the letter prints the label. */
export const APPOINTMENT_PURPOSES = {
  CONTRACT_SIGNATURE: 'Firma del contratto di soggiorno',
  DOCUMENTS: 'Consegna o integrazione di documenti',
  INTERVIEW: 'Colloquio',
  OUTCOME_DELIVERY: 'Consegna del provvedimento',
} as const;
export type AppointmentPurpose = keyof typeof APPOINTMENT_PURPOSES;
const purposeCodes = Object.keys(APPOINTMENT_PURPOSES) as [AppointmentPurpose, ...AppointmentPurpose[]];

export const APPOINTMENT_STATUSES = {
  SCHEDULED: 'Programmato',
  ATTENDED: 'Presentato',
  NO_SHOW: 'Non presentato',
  RESCHEDULED: 'Rinviato',
  CANCELLED: 'Annullato',
} as const;
export type AppointmentStatus = keyof typeof APPOINTMENT_STATUSES;
const statusCodes = Object.keys(APPOINTMENT_STATUSES) as [AppointmentStatus, ...AppointmentStatus[]];

export const openingInput = z.object({
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: z.number().int().min(1, 'da 1 (lunedì) a 7 (domenica)').max(7, 'da 1 (lunedì) a 7 (domenica)'),
  opens: clockTime,
  closes: clockTime,
  slotMinutes: z.number().int().min(5, 'almeno 5 minuti').max(240, 'al massimo 240 minuti'),
});

/** Yes, no, or not known (null): what the public offices page says of a desk's accessibility. */
const knownOrNot = z.boolean().nullable().default(null);

/** How a person with a disability reaches a desk, after the Designers Italia model of a public office. */
export const deskAccessibility = z.object({
  stepFreeAccess: knownOrNot,
  lift: knownOrNot,
  accessibleToilet: knownOrNot,
  /** What else a visitor should know: the entrance to use, a ramp on request, parking. */
  notes: refuseUnsafeText(z.string().trim().max(500, 'al massimo 500 caratteri')).default(''),
});
export type DeskAccessibility = z.infer<typeof deskAccessibility>;

/** A desk whose accessibility nobody has stated yet. */
export const NOT_STATED: DeskAccessibility = {
  stepFreeAccess: null,
  lift: null,
  accessibleToilet: null,
  notes: '',
};

export const deskInput = z.object({
  name: text(100),
  /** The address and room, as the convocation letter and the calendar entry print it. */
  place: text(300),
  /** The municipality of the desk, by ISTAT code; the chief town when not given. */
  municipalityCode: z
    .string()
    .regex(/^\d{6}$/, 'scegliere un comune dall’elenco')
    .optional(),
  accessibility: deskAccessibility.default(NOT_STATED),
  openings: z.array(openingInput).min(1, 'indicare almeno una fascia oraria').max(50),
});
export type DeskInput = z.infer<typeof deskInput>;
/** What a caller of the desks' use cases may give: the municipality and accessibility default when absent. */
export type DeskFields = z.input<typeof deskInput>;
// A desk known only by its name and place (an appointment's) is still a desk: its municipality and
// accessibility are optional in the view.
export const deskView = deskInput.extend({
  id: z.uuid(),
  municipalityCode: z.string().optional(),
  accessibility: deskAccessibility.optional(),
});
export type DeskView = z.infer<typeof deskView>;

export const slotsQuery = z.object({ from: legalDay.optional(), to: legalDay.optional() });
export const slotView = z.object({ startsAt: z.string(), endsAt: z.string() });
export const slotsView = z.object({
  deskId: z.uuid(),
  from: legalDay,
  to: legalDay,
  slots: z.array(slotView),
});

export const bookingInput = z.object({
  deskId: z.uuid(),
  /** The start of a free slot of the desk's grid. */
  startsAt: instant,
  purpose: z.enum(purposeCodes),
  documentsToBring: z.array(text(200)).max(20).default([]),
  /** A mediator who covers this language is booked too. */
  language: language.optional(),
  /** This mediator, instead of the first free one. */
  mediatorId: z.uuid().optional(),
});
export type BookingInput = z.infer<typeof bookingInput>;

export const rescheduleInput = z.object({
  startsAt: instant,
  /** Another desk; the same one when absent. */
  deskId: z.uuid().optional(),
  reason: text(1000).optional(),
});

export const outcomeInput = z.object({
  outcome: z.enum(['ATTENDED', 'NO_SHOW']),
  notes: text(2000).optional(),
});

export const cancelInput = z.object({ reason: text(1000) });

export const agendaQuery = z.object({
  from: legalDay.optional(),
  to: legalDay.optional(),
  deskId: z.uuid().optional(),
});

export const appointmentView = z.object({
  id: z.uuid(),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  desk: z.object({ id: z.uuid(), name: z.string(), place: z.string() }),
  startsAt: z.string(),
  endsAt: z.string(),
  purpose: z.enum(purposeCodes),
  purposeLabel: z.string(),
  status: z.enum(statusCodes),
  statusLabel: z.string(),
  documentsToBring: z.array(z.string()),
  recipientEmail: z.string().nullable(),
  viaPec: z.boolean(),
  mediator: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  language: z.string().nullable(),
  rescheduledFrom: z.uuid().nullable(),
  /** The last letter about it (convocation, or notice of cancellation) and where it is. */
  letter: z
    .object({
      kind: z.enum(['convocation', 'cancellation']),
      status: mailStatus,
      sentAt: z.string().nullable(),
    })
    .nullable(),
  /** When the applicant confirmed it through the link of the convocation. */
  confirmedAt: z.string().nullable(),
  outcomeNotes: z.string().nullable(),
  createdAt: z.string(),
});
export type AppointmentView = z.infer<typeof appointmentView>;

/** The convocation as it goes out in a language: the Italian text, then the translation (none for Italian). */
export const convocationSample = z.object({
  language: z.string(),
  /** The language's name in itself. */
  name: z.string(),
  dir: z.enum(['ltr', 'rtl']),
  subject: z.string(),
  text: z.string(),
});
export type ConvocationSample = z.infer<typeof convocationSample>;

/** How the case timeline names the events of appointments and of the legal expert's questions. */
export const TEAM_EVENT_LABELS = {
  APPOINTMENT_BOOKED: 'Appuntamento fissato e convocazione inviata',
  APPOINTMENT_ATTENDED: 'Richiedente presentato all’appuntamento',
  APPOINTMENT_NO_SHOW: 'Mancata presentazione all’appuntamento',
  APPOINTMENT_RESCHEDULED: 'Appuntamento spostato',
  APPOINTMENT_CANCELLED: 'Appuntamento annullato',
  LEGAL_QUESTION_ASKED: 'Quesito all’esperto legale',
  LEGAL_QUESTION_ANSWERED: 'Risposta dell’esperto legale',
} as const;
