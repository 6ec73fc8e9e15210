/** The council's queries on minutes (every version kept), comments on them, and decisions. */
import { type Insertable, sql } from 'kysely';
import type {
  CouncilDecisionTable,
  CouncilMinutesCommentTable,
  CouncilMinutesVersionTable,
} from '../../../db/tables/council.ts';
import type { Db } from '../../../kernel/db.ts';

export function insertVersion(db: Db, row: Insertable<CouncilMinutesVersionTable>) {
  return db.insertInto('councilMinutesVersion').values(row).execute();
}

export async function latestVersion(db: Db, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom('councilMinutesVersion')
    .select((eb) => eb.fn.max<number | null>('version').as('latest'))
    .where('meetingId', '=', meetingId)
    .executeTakeFirst();
  return row?.latest ?? 0;
}

export function versions(db: Db, meetingId: string) {
  return db
    .selectFrom('councilMinutesVersion as v')
    .innerJoin('appUser as u', 'u.id', 'v.savedBy')
    .selectAll('v')
    .select(sql<string>`u.given_name || ' ' || u.family_name`.as('savedByName'))
    .where('v.meetingId', '=', meetingId)
    .orderBy('v.version')
    .execute();
}

export function insertComment(db: Db, row: Insertable<CouncilMinutesCommentTable>) {
  return db.insertInto('councilMinutesComment').values(row).execute();
}

export function comments(db: Db, meetingId: string) {
  return db
    .selectFrom('councilMinutesComment as c')
    .innerJoin('organisation as o', 'o.id', 'c.organisationId')
    .innerJoin('appUser as u', 'u.id', 'c.authorId')
    .selectAll('c')
    .select([
      'o.name as organisationName',
      sql<string>`u.given_name || ' ' || u.family_name`.as('authorName'),
    ])
    .where('c.meetingId', '=', meetingId)
    .orderBy('c.at')
    .orderBy('c.id')
    .execute();
}

export function insertDecision(db: Db, row: Insertable<CouncilDecisionTable>) {
  return db.insertInto('councilDecision').values(row).execute();
}

export function decisions(db: Db, meetingId: string) {
  return db
    .selectFrom('councilDecision as d')
    .innerJoin('councilAgendaItem as i', 'i.id', 'd.agendaItemId')
    .selectAll('d')
    .where('d.meetingId', '=', meetingId)
    .orderBy('i.position')
    .orderBy('d.recordedAt')
    .execute();
}

export function findDecision(db: Db, id: string) {
  return db.selectFrom('councilDecision').selectAll().where('id', '=', id).executeTakeFirst();
}
