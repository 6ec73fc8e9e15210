/**
 * The training e-mails, in Italian: the place in an edition (on enrolment or on leaving the waitlist) with the
 * sessions as calendar entries (`.ics`, RFC 5545), and the reminder the day before a session.
 */
import ical, { ICalCalendarMethod } from 'ical-generator';
import { LEGAL_TIME_ZONE } from '../../kernel/clock.ts';
import { prefectureName } from '../../kernel/institution.ts';
import { MAIL_FROM_ADDRESS, type Mail } from '../../kernel/mail.ts';

const organizer = () => `Formazione LO.V.I.T. – ${prefectureName()}`;

const momentFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});

export type LetterSession = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  place: string | null;
  onlineUrl: string | null;
};

export type Place = {
  recipientName: string;
  recipientEmail: string;
  courseTitle: string;
  editionName: string;
  sessions: readonly LetterSession[];
  /** Whether the place came from the waitlist. */
  isPromotion: boolean;
  cancelUntil: string;
  /** Whether the person may still cancel (the deadline not passed); else they write to the course's trainers. */
  mayCancel: boolean;
  trainers: readonly { name: string; email: string }[];
  link: string;
};

const whereOf = (session: LetterSession) =>
  [session.place, session.onlineUrl].filter((part): part is string => Boolean(part)).join(' – ');

const whenOf = (session: LetterSession) =>
  `${momentFormat.format(session.startsAt)}–${timeFormat.format(session.endsAt)}`;

const dayFormat = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', year: 'numeric' });
const dayOf = (day: string) => dayFormat.format(new Date(`${day}T12:00:00Z`));

/** Whom to write to: the course's trainers by name and address, or the training office. */
function contactsOf(trainers: Place['trainers']): string {
  if (trainers.length === 0) return 'ai formatori del corso';
  const names = trainers.map((trainer) => `${trainer.name} (${trainer.email})`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} e ${names.at(-1)}`;
  return `${trainers.length === 1 ? 'al formatore del corso' : 'ai formatori del corso'}, ${list}`;
}

/** The sessions of an edition as calendar entries, one event per session. */
export function editionIcs(place: Place, stamp: Date): string {
  const calendar = ical({
    method: ICalCalendarMethod.REQUEST,
    prodId: { company: prefectureName(), product: 'LOVIT', language: 'IT' },
  });
  for (const session of place.sessions)
    calendar.createEvent({
      id: session.id,
      stamp,
      start: session.startsAt,
      end: session.endsAt,
      summary: `${place.courseTitle} – ${place.editionName}`,
      location: whereOf(session),
      ...(session.onlineUrl ? { url: session.onlineUrl } : {}),
      organizer: { name: organizer(), email: MAIL_FROM_ADDRESS },
      attendees: [{ email: place.recipientEmail, name: place.recipientName }],
    });
  return calendar.toString();
}

/** The confirmed place, with the sessions in the text and in the attached calendar. */
export function placeLetter(place: Place, now: Date): Mail {
  const opening = place.isPromotion
    ? `si è liberato un posto: la sua iscrizione al corso «${place.courseTitle}» (${place.editionName}) è ora confermata.`
    : `la sua iscrizione al corso «${place.courseTitle}» (${place.editionName}) è confermata.`;
  const text = [
    `Gentile ${place.recipientName},`,
    '',
    opening,
    '',
    'Le sessioni:',
    ...place.sessions.map((session) => `- ${whenOf(session)}, ${whereOf(session)}`),
    '',
    place.mayCancel
      ? `Può annullare l’iscrizione fino al ${dayOf(place.cancelUntil)}: ${place.link}`
      : `Il termine per annullare l’iscrizione da sé è passato (${dayOf(place.cancelUntil)}): se non potesse partecipare, lo scriva ${contactsOf(place.trainers)}, che libereranno il posto per chi è in lista d’attesa.`,
    'In allegato le sessioni da aggiungere al calendario.',
    '',
    organizer(),
  ].join('\n');
  return {
    to: place.recipientEmail,
    subject: place.isPromotion
      ? `Posto confermato dalla lista d’attesa: ${place.courseTitle}`
      : `Iscrizione confermata: ${place.courseTitle}`,
    text,
    attachments: [
      {
        filename: 'sessioni.ics',
        content: editionIcs(place, now),
        contentType: 'text/calendar; method=REQUEST',
      },
    ],
  };
}

/** The participant withdrawn by the course's staff, with the reason and whom to ask. */
export function withdrawalLetter(withdrawal: {
  recipientName: string;
  recipientEmail: string;
  courseTitle: string;
  editionName: string;
  reason: string;
  trainers: Place['trainers'];
}): Mail {
  return {
    to: withdrawal.recipientEmail,
    subject: `Iscrizione ritirata: ${withdrawal.courseTitle}`,
    text: [
      `Gentile ${withdrawal.recipientName},`,
      '',
      `la sua iscrizione al corso «${withdrawal.courseTitle}» (${withdrawal.editionName}) è stata ritirata dallo staff del corso, per questo motivo:`,
      '',
      withdrawal.reason,
      '',
      `Per chiarimenti scriva ${contactsOf(withdrawal.trainers)}.`,
      '',
      organizer(),
    ].join('\n'),
  };
}

/** The reminder of a session the next day. */
export function reminderLetter(reminder: {
  recipientName: string;
  recipientEmail: string;
  courseTitle: string;
  editionName: string;
  session: LetterSession;
  link: string;
}): Mail {
  return {
    to: reminder.recipientEmail,
    subject: `Promemoria: domani ${reminder.courseTitle}`,
    text: [
      `Gentile ${reminder.recipientName},`,
      '',
      `le ricordiamo la sessione di domani del corso «${reminder.courseTitle}» (${reminder.editionName}):`,
      `${whenOf(reminder.session)}, ${whereOf(reminder.session)}.`,
      '',
      `All’arrivo registri la presenza inquadrando il codice QR mostrato dal formatore, o digitando il codice su ${reminder.link}`,
      '',
      organizer(),
    ].join('\n'),
  };
}
