/**
 * The e-mails of an event's registration, in the language the person chose (the portal's catalogues): the
 * seat with the session as a calendar entry (`.ics`, RFC 5545), the waitlist, the offer of a freed seat, its
 * lapse, the cancellation, a move to another date, and a request by invitation received or declined. Each carries the ticket's signed link.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import type { Mail } from '../../../kernel/mail.ts';
import { intlLocale, translator } from '../../portal/languages.ts';
import { printedTicketCode } from './rules.ts';

export type LetterSession = {
  id: string;
  label: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  address: string;
};

export type Letter = {
  kind: 'CONFIRMED' | 'MOVED' | 'WAITLISTED' | 'OFFERED' | 'CANCELLED' | 'EXPIRED' | 'PENDING' | 'DECLINED';
  to: string;
  name: string;
  language: string;
  eventTitle: string;
  session: LetterSession;
  ticketCode: string;
  link: string;
  position?: number | null;
  offerExpiresAt?: Date | null;
  /** For a move: the date left, whose calendar entry the letter withdraws. */
  previousSession?: LetterSession;
};

// Formats are made once per language: making one costs more than using it.
const formats = new Map<string, Intl.DateTimeFormat>();
function formatOf(kind: 'when' | 'moment', language: string): Intl.DateTimeFormat {
  const key = `${kind} ${language}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      intlLocale(language),
      kind === 'when'
        ? {
            timeZone: LEGAL_TIME_ZONE,
            weekday: 'long',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          }
        : { timeZone: LEGAL_TIME_ZONE, dateStyle: 'full', timeStyle: 'short' },
    );
    formats.set(key, format);
  }
  return format;
}

/** When a session is, in words and figures of the language: `sabato 18 aprile 2026, 20:30–22:00`. */
export const whenOf = (language: string, session: { startsAt: Date; endsAt: Date }): string =>
  formatOf('when', language).formatRange(session.startsAt, session.endsAt);

/** A moment in words of the language, for the deadline of an offer. */
export const momentOf = (language: string, at: Date): string => formatOf('moment', language).format(at);

export const whereOf = (session: Pick<LetterSession, 'venue' | 'address'>) =>
  `${session.venue}, ${session.address}`;

/** The session as a calendar entry; withdrawn (`CANCEL`, the same id) for a date left. */
export function sessionIcs(
  eventTitle: string,
  session: LetterSession,
  stamp: Date,
  withdrawn = false,
): string {
  const calendar = ical({
    method: withdrawn ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
    prodId: { company: prefectureName(), product: 'LOVIT', language: 'IT' },
  });
  calendar.createEvent({
    id: session.id,
    stamp,
    start: session.startsAt,
    end: session.endsAt,
    summary: `${eventTitle} – ${session.label}`,
    location: whereOf(session),
    ...(withdrawn ? { status: ICalEventStatus.CANCELLED, sequence: 1 } : {}),
  });
  return calendar.toString();
}

const SUBJECTS = {
  CONFIRMED: 'events.mail.confirmedSubject',
  MOVED: 'events.mail.movedSubject',
  WAITLISTED: 'events.mail.waitlistedSubject',
  OFFERED: 'events.mail.offerSubject',
  CANCELLED: 'events.mail.cancelledSubject',
  EXPIRED: 'events.mail.lapsedSubject',
  PENDING: 'events.mail.pendingSubject',
  DECLINED: 'events.mail.declinedSubject',
} as const;
const OPENINGS = {
  CONFIRMED: 'events.mail.confirmed',
  MOVED: 'events.mail.moved',
  WAITLISTED: 'events.mail.waitlisted',
  OFFERED: 'events.mail.offer',
  CANCELLED: 'events.mail.cancelled',
  EXPIRED: 'events.mail.lapsed',
  PENDING: 'events.mail.pending',
  DECLINED: 'events.mail.declined',
} as const;

export function registrationLetter(letter: Letter, stamp: Date): Mail {
  const t = translator(letter.language);
  const values = {
    event: letter.eventTitle,
    position: letter.position ?? '',
    date: letter.offerExpiresAt ? momentOf(letter.language, letter.offerExpiresAt) : '',
  };
  const seated = letter.kind === 'CONFIRMED' || letter.kind === 'MOVED';
  const holdsTicket =
    seated || letter.kind === 'OFFERED' || letter.kind === 'WAITLISTED' || letter.kind === 'PENDING';
  const lines = [
    t('events.mail.greeting', { name: letter.name }),
    '',
    t(OPENINGS[letter.kind], values),
    '',
    `${letter.eventTitle} – ${letter.session.label}`,
    t('events.mail.when', { when: whenOf(letter.language, letter.session) }),
    t('events.mail.where', { where: whereOf(letter.session) }),
    ...(seated ? [t('events.mail.code', { code: printedTicketCode(letter.ticketCode) })] : []),
    ...(holdsTicket ? ['', t('events.mail.link', { link: letter.link })] : []),
    ...(seated ? ['', t('events.mail.calendar')] : []),
    '',
    t('events.mail.signature'),
  ];
  return {
    to: letter.to,
    subject: t(SUBJECTS[letter.kind], values),
    text: lines.join('\n'),
    ...(seated
      ? {
          attachments: [
            {
              filename: 'evento.ics',
              content: sessionIcs(letter.eventTitle, letter.session, stamp),
              contentType: 'text/calendar; charset=utf-8',
            },
            ...(letter.previousSession
              ? [
                  {
                    filename: 'evento-annullato.ics',
                    content: sessionIcs(letter.eventTitle, letter.previousSession, stamp, true),
                    contentType: 'text/calendar; charset=utf-8; method=CANCEL',
                  },
                ]
              : []),
          ],
        }
      : {}),
  };
}
