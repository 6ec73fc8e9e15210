/**
 * What the public site shows of events: the published ones in the visitor's language (Italian where no
 * translation exists), their sessions with the seats left, and a ticket behind its signed link. No one's
 * data but the ticket holder's own, and that only to the link.
 */
import type { Caller } from '../../../kernel/auth.ts';
import { batched } from '../../../kernel/batches.ts';
import type { Db } from '../../../kernel/db.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import { SOURCE_LANGUAGE } from '../../portal/languages.ts';
import type { FormQuestion } from './form.ts';
import { checkTicket } from './links.ts';
import { takesRegistrations } from './rules.ts';
import { isOpen } from './seats.ts';
import * as store from './store.ts';

export type PublicSession = {
  id: string;
  label: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  address: string;
  accessibility: string;
  registrationUntil: Date;
  /** By invitation: the staff approve each request. */
  requiresApproval: boolean;
  seatsLeft: number;
  isOpen: boolean;
};

export type PublicEvent = {
  id: string;
  kind: store.EventRow['kind'];
  title: string;
  summary: string;
  description: string;
  /** The language the texts are in: the visitor's, or Italian. */
  textLanguage: string;
  sessions: PublicSession[];
  isPast: boolean;
};

async function texts(
  platform: Platform,
  event: Pick<store.EventRow, 'id' | 'title' | 'summary' | 'description'>,
  lang: string,
) {
  const own = lang === SOURCE_LANGUAGE ? undefined : await store.textIn(platform.database.db, event.id, lang);
  return own
    ? { ...own, textLanguage: lang }
    : {
        title: event.title,
        summary: event.summary,
        description: event.description,
        textLanguage: SOURCE_LANGUAGE,
      };
}

function publicSessions(rows: store.SessionRow[], now: Date): PublicSession[] {
  return rows.map((row) => ({
    id: row.id,
    label: row.label,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    venue: row.venue,
    address: row.address,
    accessibility: row.accessibility,
    registrationUntil: row.registrationUntil,
    requiresApproval: row.requiresApproval,
    // Seats offered to the waitlist are not free: only what nobody holds or waits for.
    seatsLeft: row.waiting > 0 ? 0 : Math.max(0, row.capacity - row.confirmed - row.offered),
    // the events listed are published: their dates are open while in time
    isOpen: takesRegistrations(row, now),
  }));
}

/** Whether every date of an event has ended. */
const hasEnded = (sessions: PublicSession[], now: Date) =>
  sessions.length > 0 && sessions.every((session) => session.endsAt <= now);

/** The published events, the coming ones first (soonest first), then the past ones (latest first). */
export async function publicEvents(platform: Platform, lang: string): Promise<PublicEvent[]> {
  const { db } = platform.database;
  const now = platform.clock.now();
  // in that order already (see the store)
  const events = await store.listEvents(db, true, now);
  const sessions = await store.sessionsOf(
    db,
    events.map((event) => event.id),
  );
  return Promise.all(
    events.map(async (event) => {
      const mine = publicSessions(
        sessions.filter((session) => session.eventId === event.id),
        now,
      );
      return {
        id: event.id,
        kind: event.kind,
        ...(await texts(platform, { ...event, description: '' }, lang)),
        sessions: mine,
        isPast: hasEnded(mine, now),
      };
    }),
  );
}

export async function publicEvent(platform: Platform, id: string, lang: string): Promise<PublicEvent | null> {
  const event = await store.findEvent(platform.database.db, id);
  if (!event?.publishedAt) return null;
  const now = platform.clock.now();
  const sessions = publicSessions(await store.sessionsOf(platform.database.db, [id]), now);
  return {
    id,
    kind: event.kind,
    ...(await texts(platform, event, lang)),
    sessions,
    isPast: hasEnded(sessions, now),
  };
}

export type Ticket = {
  registration: store.RegistrationRow;
  /** The event's own title, for the ticket's PDF (in Italian). */
  italianTitle: string;
  event: PublicEvent;
  session: PublicSession;
  position: number | null;
  /** The event's other dates, with their seats: where the ticket may move. */
  otherSessions: PublicSession[];
};

/** The ticket a signed link opens, its reading in the audit trail; why not, when it opens none. */
export async function openTicket(
  platform: Platform,
  caller: Caller,
  token: string,
  lang: string,
): Promise<{ ok: true; ticket: Ticket } | { ok: false; reason: 'invalid' | 'expired' }> {
  const check = await checkTicket(platform, token);
  if (!check.ok) return check;
  const { db } = platform.database;
  const registration = await store.findRegistration(db, check.subjectId);
  const row = registration && (await store.sessionWithEvent(db, registration.sessionId));
  // an event taken off the site keeps its tickets: their holders still see, cancel and use them
  if (!registration || !row) return { ok: false, reason: 'invalid' };
  const now = platform.clock.now();
  const session: PublicSession = {
    ...row,
    // a ticket's page does not count the seats
    seatsLeft: 0,
    isOpen: isOpen(row, now),
  };
  const event: PublicEvent = {
    id: row.eventId,
    kind: row.kind,
    ...(await texts(
      platform,
      { id: row.eventId, title: row.title, summary: row.summary, description: row.description },
      lang,
    )),
    sessions: [session],
    isPast: row.endsAt <= now,
  };
  await auditRead(db, platform.clock, caller, 'outreach_registration', registration.id, {
    by: 'ticket link',
  });
  const position =
    registration.status === 'WAITLISTED'
      ? await store.waitlistPosition(db, registration.sessionId, registration.arrival)
      : null;
  const otherSessions = row.publishedAt
    ? publicSessions(
        (await store.sessionsOf(db, [row.eventId])).filter((other) => other.id !== row.id),
        now,
      )
    : [];
  return {
    ok: true,
    ticket: { registration, italianTitle: row.title, event, session, position, otherSessions },
  };
}

/** The events' pages for the sitemap: the list and every published event. */
export async function eventPlaces(platform: Platform): Promise<string[]> {
  const events = await store.listEvents(platform.database.db, true, platform.clock.now());
  return ['/eventi', ...events.map((event) => `/eventi/${event.id}`)];
}

/** The organisers' questions of an event's form, in their order (in Italian: the staff write them). */
export async function eventQuestions(platform: Platform, eventId: string): Promise<FormQuestion[]> {
  const rows = await store.questionsOf(platform.database.db, eventId);
  return rows.map(({ id, label, kind, options, required }) => ({ id, label, kind, options, required }));
}

type RegistrationForm = { sessionIds: string[]; questions: FormQuestion[] };

const NO_FORM: RegistrationForm = { sessionIds: [], questions: [] };

/** Reads the forms asked for while the previous read was at the database, each event's once, in one statement. */
const readForms = batched(async (db: Db, eventIds: string[]) => {
  const rows = await store.registrationForms(db, [...new Set(eventIds)]);
  const forms = new Map(
    rows.map((row) => [
      row.id,
      {
        sessionIds: row.sessionIds,
        questions: row.questions.map(({ id, label, kind, options, required }) => ({
          id,
          label,
          kind,
          options,
          required,
        })),
      },
    ]),
  );
  return eventIds.map((eventId) => forms.get(eventId) ?? NO_FORM);
});

/**
 * What a registration for a published event is checked against: the sessions the form may name and the
 * organisers' questions; no sessions when the event is not published. Read after it is asked for: the
 * requests that come while a read is at the database share the next one, which reads each event once.
 */
export function registrationForm(platform: Platform, eventId: string): Promise<RegistrationForm> {
  return readForms(platform.database.db, eventId);
}
