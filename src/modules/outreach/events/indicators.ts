/**
 * The event indicators of WP4, computed from the records: events and sessions held, registrations, attendance,
 * participants by type of organisation, certificates of attendance, interpretation given. The project module reads
 * them through the module's service.
 */
import type { Platform } from '../../../kernel/platform.ts';
import { validCertificates } from './after/store.ts';
import { interpretationGiven } from './interpreters/store.ts';
import * as store from './store.ts';

export type EventIndicators = {
  eventsPublished: number;
  /** Sessions of published events that have ended. */
  sessionsHeld: number;
  /** Confirmed registrations, and people still waiting, over every published event. */
  registrations: number;
  waiting: number;
  /** Confirmed registrations of the sessions held, those admitted at a door, and their share (null before any). */
  registeredForHeldSessions: number;
  participants: number;
  attendanceRate: number | null;
  /** Confirmed registrations and participants per type of organisation given (null: none given). */
  byOrganisationType: { organisationType: string | null; registered: number; present: number }[];
  /** Certificates of attendance issued and not revoked. */
  certificatesIssued: number;
  /** Languages of sessions held for which one of the SUI's mediators was assigned to interpret. */
  interpretationGiven: number;
};

export async function eventIndicators(platform: Platform): Promise<EventIndicators> {
  const { db } = platform.database;
  const sessions = await store.sessionFigures(db, platform.clock.now());
  const held = sessions.filter((session) => session.held);
  const sum = (rows: typeof sessions, key: 'confirmed' | 'waiting' | 'present') =>
    rows.reduce((total, row) => total + row[key], 0);
  const registeredForHeldSessions = sum(held, 'confirmed');
  const participants = sum(held, 'present');
  return {
    eventsPublished: new Set(sessions.map((session) => session.eventId)).size,
    sessionsHeld: held.length,
    registrations: sum(sessions, 'confirmed'),
    waiting: sum(sessions, 'waiting'),
    registeredForHeldSessions,
    participants,
    attendanceRate: registeredForHeldSessions === 0 ? null : participants / registeredForHeldSessions,
    byOrganisationType: await store.figuresByOrganisationType(db),
    certificatesIssued: await validCertificates(db),
    interpretationGiven: await interpretationGiven(db, platform.clock.now()),
  };
}
