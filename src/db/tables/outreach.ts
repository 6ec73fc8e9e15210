/** The tables of dissemination (WP4): events, their sessions, registrations and check-in at the door. */
import type { Generated } from 'kysely';
import type { Instant, NullableInstant } from '../columns.ts';

export type EventKind = 'CONFERENCE' | 'PERFORMANCE' | 'WORKSHOP' | 'OTHER';

export type OutreachEventTable = {
  id: string;
  kind: EventKind;
  title: string;
  summary: string;
  description: string;
  offerHours: number;
  publishedAt: NullableInstant;
  createdBy: string;
  createdAt: Instant;
};

export type OutreachEventTextTable = {
  eventId: string;
  language: string;
  title: string;
  summary: string;
  description: string;
  updatedAt: Instant;
};

export type OutreachSessionTable = {
  id: string;
  eventId: string;
  label: string;
  startsAt: Instant;
  endsAt: Instant;
  venue: string;
  address: string;
  accessibility: string;
  capacity: number;
  registrationUntil: Instant;
  createdAt: Instant;
};

export type RegistrationStatus = 'CONFIRMED' | 'WAITLISTED' | 'OFFERED' | 'CANCELLED' | 'EXPIRED';

export type OutreachRegistrationTable = {
  id: string;
  arrival: Generated<string>;
  sessionId: string;
  ticketCode: string;
  name: string;
  email: string;
  organisation: string | null;
  organisationType: string | null;
  language: string;
  accessibilityNeeds: string | null;
  interpretationLanguage: string | null;
  consentAt: Instant;
  status: RegistrationStatus;
  createdAt: Instant;
  confirmedAt: NullableInstant;
  offeredAt: NullableInstant;
  offerExpiresAt: NullableInstant;
  cancelledAt: NullableInstant;
};

export type OutreachCheckInListTable = { id: string; eventId: string; name: string; createdAt: Instant };

export type OutreachCheckInTable = {
  listId: string;
  registrationId: string;
  checkedInAt: Instant;
  checkedInBy: string;
};

export type OutreachTables = {
  outreachEvent: OutreachEventTable;
  outreachEventText: OutreachEventTextTable;
  outreachSession: OutreachSessionTable;
  outreachRegistration: OutreachRegistrationTable;
  outreachCheckInList: OutreachCheckInListTable;
  outreachCheckIn: OutreachCheckInTable;
};
