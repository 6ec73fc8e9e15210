/** The queries of desks, their opening hours and appointments. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { AppointmentTable } from '../../../db/tables/cases.ts';
import type { Db } from '../../../kernel/db.ts';
import type { OpeningWindow } from './slots.ts';

// ---- desks

/** Where a desk is and how it is reached, as its columns store them. */
export type DeskPlace = {
  name: string;
  place: string;
  municipalityCode: string;
  stepFreeAccess: boolean | null;
  lift: boolean | null;
  accessibleToilet: boolean | null;
  accessibilityNotes: string;
};

export function insertDesk(db: Db, row: DeskPlace & { id: string; organisationId: string; createdAt: Date }) {
  return db.insertInto('desk').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateDesk(db: Db, organisationId: string, id: string, patch: DeskPlace) {
  return db
    .updateTable('desk')
    .set(patch)
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function replaceOpenings(db: Db, deskId: string, openings: readonly OpeningWindow[]) {
  await db.deleteFrom('deskOpening').where('deskId', '=', deskId).execute();
  await db
    .insertInto('deskOpening')
    .values(openings.map((window) => ({ deskId, ...window })))
    .execute();
}

export function findDesk(db: Db, organisationId: string, id: string) {
  return db
    .selectFrom('desk')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listDesks(db: Db, organisationId: string) {
  return db
    .selectFrom('desk')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** Opening windows of desks, times as `HH:MM`. */
export function openingsOf(db: Db, deskIds: readonly string[]) {
  if (deskIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('deskOpening')
    .select([
      'deskId',
      'weekday',
      sql<string>`to_char(opens, 'HH24:MI')`.as('opens'),
      sql<string>`to_char(closes, 'HH24:MI')`.as('closes'),
      'slotMinutes',
    ])
    .where('deskId', 'in', deskIds)
    .orderBy('weekday')
    .orderBy('opens')
    .execute();
}

// ---- appointments

/** Scheduled appointments of a desk that overlap an interval. */
export function deskBookings(db: Db, deskId: string, from: Date, to: Date) {
  return db
    .selectFrom('appointment')
    .select(['startsAt', 'endsAt'])
    .where('deskId', '=', deskId)
    .where('status', '=', 'SCHEDULED')
    .where('startsAt', '<', to)
    .where('endsAt', '>', from)
    .execute();
}

/** Whether a mediator has a scheduled appointment overlapping an interval, at any desk. */
export async function isMediatorBusy(db: Db, mediatorId: string, startsAt: Date, endsAt: Date) {
  const row = await db
    .selectFrom('appointment')
    .select('id')
    .where('mediatorId', '=', mediatorId)
    .where('status', '=', 'SCHEDULED')
    .where('startsAt', '<', endsAt)
    .where('endsAt', '>', startsAt)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Holds a mediator until the transaction ends, so that two bookings at desks with different grids cannot both
 * see the mediator free (the unique index catches only equal starts).
 */
export async function lockMediator(db: Db, mediatorId: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`mediator:${mediatorId}`}, 0))`.execute(db);
}

export function insertAppointment(db: Db, row: Insertable<AppointmentTable>) {
  return db.insertInto('appointment').values(row).execute();
}

export function lockAppointment(db: Db, organisationId: string, id: string) {
  return db
    .selectFrom('appointment')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function updateAppointment(db: Db, id: string, patch: Updateable<AppointmentTable>) {
  return db.updateTable('appointment').set(patch).where('id', '=', id).execute();
}

export type AppointmentFilter = {
  organisationId: string;
  id?: string;
  caseId?: string;
  deskId?: string;
  mediatorId?: string;
  from?: Date;
  to?: Date;
};

/** Appointments with their desk, case number and mediator, in time order. */
export function appointments(db: Db, filter: AppointmentFilter) {
  let query = db
    .selectFrom('appointment as a')
    .innerJoin('desk as d', 'd.id', 'a.deskId')
    .leftJoin('caseFile as c', 'c.id', 'a.caseId')
    .leftJoin('appUser as m', 'm.id', 'a.mediatorId')
    .selectAll('a')
    .select([
      'd.name as deskName',
      'd.place as deskPlace',
      'c.number as caseNumber',
      sql<string | null>`m.given_name || ' ' || m.family_name`.as('mediatorName'),
    ])
    .where('a.organisationId', '=', filter.organisationId);
  if (filter.id) query = query.where('a.id', '=', filter.id);
  if (filter.caseId) query = query.where('a.caseId', '=', filter.caseId);
  if (filter.deskId) query = query.where('a.deskId', '=', filter.deskId);
  if (filter.mediatorId) query = query.where('a.mediatorId', '=', filter.mediatorId);
  if (filter.from) query = query.where('a.startsAt', '>=', filter.from);
  if (filter.to) query = query.where('a.startsAt', '<', filter.to);
  return query.orderBy('a.startsAt').orderBy('a.id').limit(2000).execute();
}
export type AppointmentRow = Awaited<ReturnType<typeof appointments>>[number];

/** The office an appointment belongs to, whoever asks (a signed link names only the appointment). */
export function findAppointmentOwner(db: Db, id: string) {
  return db.selectFrom('appointment').select('organisationId').where('id', '=', id).executeTakeFirst();
}

export async function organisationName(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('organisation').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? 'Prefettura';
}
