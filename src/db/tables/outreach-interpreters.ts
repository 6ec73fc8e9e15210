/** The mediators assigned to interpret at the sessions of the events (WP4), one per session and language. */
import type { Instant } from '../columns.ts';

export type OutreachInterpreterTable = {
  id: string;
  sessionId: string;
  language: string;
  mediatorId: string;
  note: string | null;
  assignedBy: string;
  assignedAt: Instant;
};

export type OutreachInterpreterTables = { outreachInterpreter: OutreachInterpreterTable };
