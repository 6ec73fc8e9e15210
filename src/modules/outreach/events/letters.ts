/**
 * The e-mails of an event's registration, in the language the person chose (the portal's catalogues): the
 * seat with the session as a calendar entry (`.ics`, RFC 5545), the waitlist, the offer of a freed seat, its
 * lapse, the cancellation, a move to another date, and a request by invitation received or declined. Each carries the ticket's signed link.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import type { Mail } from '../../../kernel/mail.ts';
import { intlLocale, type Translate, translator } from '../../portal/languages.ts';
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

// A range costs more to put in words than the rest of a letter: a session's is made once per language.
const ranges = new Map<string, string>();
const RANGES_KEPT = 1000;

/** When a session is, in words and figures of the language: `sabato 18 aprile 2026, 20:30–22:00`. */
export function whenOf(language: string, session: { startsAt: Date; endsAt: Date }): string {
  const key = `${language} ${session.startsAt.getTime()} ${session.endsAt.getTime()}`;
  let when = ranges.get(key);
  if (when === undefined) {
    when = formatOf('when', language).formatRange(session.startsAt, session.endsAt);
    if (ranges.size >= RANGES_KEPT) ranges.clear();
    ranges.set(key, when);
  }
  return when;
}

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

/**
 * What the letters of a batch share, made once: the translators, the sentences with the same values (the
 * subject, the date, the place, the signature) and the calendar entries.
 */
type Shared = {
  translators: Map<string, Translate>;
  sentences: Map<string, string>;
  calendars: Map<string, string>;
};

function translate(shared: Shared, language: string, key: string, values?: Parameters<Translate>[1]) {
  const sentence = `${language} ${key} ${values === undefined ? '' : JSON.stringify(values)}`;
  let text = shared.sentences.get(sentence);
  if (text === undefined) {
    let t = shared.translators.get(language);
    if (!t) {
      t = translator(language);
      shared.translators.set(language, t);
    }
    text = t(key, values);
    shared.sentences.set(sentence, text);
  }
  return text;
}

function calendar(
  shared: Shared,
  eventTitle: string,
  session: LetterSession,
  stamp: Date,
  withdrawn = false,
) {
  const key = JSON.stringify([eventTitle, session, withdrawn]);
  let content = shared.calendars.get(key);
  if (content === undefined) {
    content = sessionIcs(eventTitle, session, stamp, withdrawn);
    shared.calendars.set(key, content);
  }
  return content;
}

function letterMail(shared: Shared, letter: Letter, stamp: Date): Mail {
  const t = (key: string, values?: Parameters<Translate>[1]) =>
    translate(shared, letter.language, key, values);
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
              content: calendar(shared, letter.eventTitle, letter.session, stamp),
              contentType: 'text/calendar; charset=utf-8',
            },
            ...(letter.previousSession
              ? [
                  {
                    filename: 'evento-annullato.ics',
                    content: calendar(shared, letter.eventTitle, letter.previousSession, stamp, true),
                    contentType: 'text/calendar; charset=utf-8; method=CANCEL',
                  },
                ]
              : []),
          ],
        }
      : {}),
  };
}

/** The e-mails of some letters written at `stamp`, in their order. */
export function registrationLetters(letters: readonly Letter[], stamp: Date): Mail[] {
  const shared: Shared = { translators: new Map(), sentences: new Map(), calendars: new Map() };
  return letters.map((letter) => letterMail(shared, letter, stamp));
}

export function registrationLetter(letter: Letter, stamp: Date): Mail {
  return registrationLetters([letter], stamp)[0] as Mail;
}
