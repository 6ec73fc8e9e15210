/**
 * The convocation letter of an appointment, in Italian and, below it, in the applicant's language when the
 * letter has a translation in it (`translations.ts`), with its calendar entry (`.ics`, RFC 5545/5546): date,
 * place, documents to bring and case number. Rendering only; sending is the caller's.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import { MAIL_FROM_ADDRESS, type Mail } from '../../../kernel/mail.ts';
import { APPOINTMENT_PURPOSES, type AppointmentPurpose, type ConvocationSample } from './contract.ts';
import {
  CONVOCATION_TRANSLATIONS,
  type ConvocationTranslation,
  convocationTranslation,
} from './translations.ts';

export type Convocation = {
  appointmentId: string;
  startsAt: Date;
  endsAt: Date;
  deskName: string;
  place: string;
  purpose: AppointmentPurpose;
  documentsToBring: readonly string[];
  caseNumber: string | null;
  caseTypeName: string | null;
  recipientName: string | null;
  recipientEmail: string | null;
  viaPec: boolean;
  organisationName: string;
  /** The language of the mediation, when a mediator is booked. */
  language: string | null;
  /** The language the applicant prefers, when the letter goes to them as a person. */
  applicantLanguage?: string | null;
  /** The appointment this one replaces, when it was rescheduled. */
  replaces: { appointmentId: string; startsAt: Date; endsAt: Date } | null;
  /** The signed link where the applicant confirms or moves it, while it is scheduled. */
  manageUrl?: string | null;
};

const OFFICE = 'Sportello Unico per l’Immigrazione';

// Europe/Rome as RFC 5545 wants it declared for TZID references: EU summer time, last Sunday of March to last
// Sunday of October (Directive 2000/84/EC).
const EUROPE_ROME = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Rome',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});
const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });

/** `martedì 3 marzo 2026 alle 09:00`, in Rome time. */
export const momentInItalian = (instant: Date) =>
  `${dayFormat.format(instant)} alle ${timeFormat.format(instant)}`;
const when = (startsAt: Date, endsAt: Date) =>
  `${dayFormat.format(startsAt)}, dalle ${timeFormat.format(startsAt)} alle ${timeFormat.format(endsAt)}`;
const inRome = (instant: Date) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(LEGAL_TIME_ZONE);
export const languageName = (code: string) => languageNames.of(code) ?? code;

/** The calendar entry: a request for a scheduled appointment, a cancellation for one that no longer stands. */
export function convocationIcs(
  convocation: Pick<
    Convocation,
    | 'appointmentId'
    | 'startsAt'
    | 'endsAt'
    | 'deskName'
    | 'place'
    | 'purpose'
    | 'caseNumber'
    | 'recipientEmail'
  > & { documentsToBring?: readonly string[] },
  method: 'REQUEST' | 'CANCEL',
  stamp: Date,
): string {
  const calendar = ical({
    method: method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    prodId: { company: prefectureName(), product: 'LOVIT', language: 'IT' },
  });
  const purpose = APPOINTMENT_PURPOSES[convocation.purpose];
  const documents = convocation.documentsToBring?.length
    ? `\nDocumenti da portare:\n${convocation.documentsToBring.map((d) => `- ${d}`).join('\n')}`
    : '';
  calendar.createEvent({
    id: convocation.appointmentId,
    // A cancellation supersedes the request (RFC 5546 §2.1.4): a higher sequence for the same UID.
    sequence: method === 'REQUEST' ? 0 : 1,
    status: method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    stamp,
    start: inRome(convocation.startsAt),
    end: inRome(convocation.endsAt),
    timezone: LEGAL_TIME_ZONE,
    summary: `${purpose}${convocation.caseNumber ? ` – pratica ${convocation.caseNumber}` : ''}`,
    description: `${OFFICE}, ${convocation.deskName}.${documents}`,
    location: convocation.place,
    organizer: { name: OFFICE, email: MAIL_FROM_ADDRESS },
    attendees: convocation.recipientEmail ? [{ email: convocation.recipientEmail, rsvp: false }] : [],
  });
  // ical-generator writes TZID references without their VTIMEZONE: declare it before the event.
  return calendar.toString().replace('BEGIN:VEVENT', `${EUROPE_ROME}\r\nBEGIN:VEVENT`);
}

const icsAttachment = (filename: string, content: string, method: 'REQUEST' | 'CANCEL') => ({
  filename,
  content,
  contentType: `text/calendar; charset=utf-8; method=${method}`,
});

/** The convocation letter with its calendar entry; a rescheduled one also cancels the entry it replaces. */
export function convocationLetter(convocation: Convocation, now: Date): Mail & { to: string } {
  if (!convocation.recipientEmail) throw new RangeError('a convocation letter needs a recipient');
  const purpose = APPOINTMENT_PURPOSES[convocation.purpose];
  const caseLine = convocation.caseNumber
    ? `con riferimento alla pratica n. ${convocation.caseNumber}${convocation.caseTypeName ? ` (${convocation.caseTypeName})` : ''}, `
    : '';
  const lines = [
    `Gentile ${convocation.recipientName ?? 'richiedente'},`,
    '',
    convocation.replaces
      ? `${caseLine}l’appuntamento fissato per ${when(convocation.replaces.startsAt, convocation.replaces.endsAt)} è stato spostato. La nuova convocazione è la seguente.`
      : `${caseLine}La invitiamo a presentarsi presso lo ${OFFICE} della ${convocation.organisationName}.`,
    '',
    `Data: ${dayFormat.format(convocation.startsAt)}`,
    `Ora: dalle ${timeFormat.format(convocation.startsAt)} alle ${timeFormat.format(convocation.endsAt)}`,
    `Luogo: ${convocation.deskName}, ${convocation.place}`,
    `Motivo: ${purpose}`,
    ...(convocation.caseNumber ? [`Numero di pratica: ${convocation.caseNumber}`] : []),
    ...(convocation.language
      ? [
          `Sarà presente un mediatore linguistico-culturale per la lingua ${languageName(convocation.language)}.`,
        ]
      : []),
    '',
    ...(convocation.documentsToBring.length
      ? ['Documenti da portare:', ...convocation.documentsToBring.map((document) => `- ${document}`), '']
      : []),
    'Si prega di presentarsi con un documento di riconoscimento in corso di validità. In caso di impedimento, ' +
      'si prega di avvisare l’ufficio rispondendo a questo messaggio, indicando il numero di pratica.',
    'In allegato l’appuntamento in formato calendario (.ics).',
    ...(convocation.manageUrl
      ? [
          '',
          'Per confermare l’appuntamento o spostarlo a un altro orario libero apra questo link personale ' +
            '(in più lingue):',
          convocation.manageUrl,
        ]
      : []),
    '',
    OFFICE,
    convocation.organisationName,
  ];
  const translation = convocationTranslation(convocation.applicantLanguage ?? null);
  const text = translation
    ? [
        translation.notice,
        '',
        ...lines,
        '',
        '———',
        translation.name,
        '',
        ...translatedLines(convocation, translation),
      ]
    : lines;
  const attachments = [
    icsAttachment('convocazione.ics', convocationIcs(convocation, 'REQUEST', now), 'REQUEST'),
  ];
  if (convocation.replaces)
    attachments.push(
      icsAttachment(
        'appuntamento-annullato.ics',
        convocationIcs({ ...convocation, ...convocation.replaces }, 'CANCEL', now),
        'CANCEL',
      ),
    );
  return {
    to: convocation.recipientEmail,
    subject: `${convocation.replaces ? 'Nuova convocazione' : 'Convocazione'} – ${OFFICE}${convocation.caseNumber ? ` – pratica ${convocation.caseNumber}` : ''}${translation ? ` / ${translation.subject}` : ''}`,
    text: text.join('\n'),
    attachments,
  };
}

/** The day and the time format of a translation, in Rome time. */
function formatsOf(translation: ConvocationTranslation) {
  const day = new Intl.DateTimeFormat(translation.locale, {
    timeZone: LEGAL_TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const time = new Intl.DateTimeFormat(translation.locale, {
    timeZone: LEGAL_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
  });
  return { day, time };
}

/** A moment as the translation's language writes it: its day, then its time. */
function momentIn(translation: ConvocationTranslation, instant: Date): string {
  const { day, time } = formatsOf(translation);
  return `${day.format(instant)}, ${time.format(instant)}`;
}

/** The convocation in the applicant's language: the same facts as the Italian text, in the same order. */
function translatedLines(convocation: Convocation, translation: ConvocationTranslation): string[] {
  const { day, time } = formatsOf(translation);
  const { replaces } = convocation;
  return [
    translation.greeting(convocation.recipientName),
    '',
    replaces
      ? translation.moved(momentIn(translation, replaces.startsAt))
      : translation.invitation(convocation.organisationName),
    '',
    `${translation.date}: ${day.format(convocation.startsAt)}`,
    translation.time(time.format(convocation.startsAt), time.format(convocation.endsAt)),
    `${translation.place}: ${convocation.deskName}, ${convocation.place}`,
    `${translation.purpose}: ${translation.purposes[convocation.purpose]}`,
    ...(convocation.caseNumber ? [`${translation.caseNumber}: ${convocation.caseNumber}`] : []),
    ...(convocation.language ? [translation.mediator] : []),
    '',
    ...(convocation.documentsToBring.length
      ? [translation.documents, ...convocation.documentsToBring.map((document) => `- ${document}`), '']
      : []),
    translation.identity,
    translation.calendar,
    ...(convocation.manageUrl ? ['', translation.link, convocation.manageUrl] : []),
  ];
}

/** The notice that an appointment is cancelled, with the calendar cancellation; translated like the convocation. */
export function cancellationLetter(
  convocation: Convocation,
  reason: string,
  now: Date,
): Mail & { to: string } {
  if (!convocation.recipientEmail) throw new RangeError('a cancellation letter needs a recipient');
  const translation = convocationTranslation(convocation.applicantLanguage ?? null);
  const italian = [
    `Gentile ${convocation.recipientName ?? 'richiedente'},`,
    '',
    `l’appuntamento presso lo ${OFFICE} fissato per ${when(convocation.startsAt, convocation.endsAt)}` +
      `${convocation.caseNumber ? ` (pratica n. ${convocation.caseNumber})` : ''} è annullato.`,
    `Motivo: ${reason}`,
    'L’ufficio Le comunicherà una nuova convocazione, se necessaria.',
    '',
    OFFICE,
    convocation.organisationName,
  ];
  const text = translation
    ? [
        translation.notice,
        '',
        ...italian,
        '',
        '———',
        translation.name,
        '',
        translation.greeting(convocation.recipientName),
        '',
        translation.cancellation.cancelled(momentIn(translation, convocation.startsAt)),
        `${translation.cancellation.reason}: ${reason}`,
        translation.cancellation.followUp,
      ]
    : italian;
  return {
    to: convocation.recipientEmail,
    subject: `Annullamento appuntamento – ${OFFICE}${convocation.caseNumber ? ` – pratica ${convocation.caseNumber}` : ''}${translation ? ` / ${translation.cancellation.subject}` : ''}`,
    text: text.join('\n'),
    attachments: [
      icsAttachment('appuntamento-annullato.ics', convocationIcs(convocation, 'CANCEL', now), 'CANCEL'),
    ],
  };
}

/** An appointment made up for showing the letter: what the office fills in is in guillemets. */
const SAMPLE: Convocation = {
  appointmentId: '00000000-0000-7000-8000-000000000000',
  startsAt: new Date('2026-04-07T07:00:00Z'),
  endsAt: new Date('2026-04-07T07:30:00Z'),
  deskName: '«sportello»',
  place: '«indirizzo e stanza»',
  purpose: 'DOCUMENTS',
  documentsToBring: ['«documento da portare»'],
  caseNumber: 'LO-2026-000123',
  caseTypeName: '«tipo di pratica»',
  recipientName: '«nome e cognome»',
  recipientEmail: 'richiedente@example.org',
  viaPec: false,
  organisationName: '«ufficio»',
  language: null,
  replaces: null,
  manageUrl: '«link personale»',
};

/** The convocation in Italian and in every language it is translated into, as the staff can read it. */
export function convocationSamples(now: Date): ConvocationSample[] {
  const languages = [
    ['it', { name: 'Italiano', dir: 'ltr' as const }] as const,
    ...Object.entries(CONVOCATION_TRANSLATIONS),
  ];
  return languages.map(([language, { name, dir }]) => {
    const { subject, text } = convocationLetter({ ...SAMPLE, applicantLanguage: language }, now);
    return { language, name, dir, subject, text };
  });
}
