/**
 * The council's queries on minutes (every version kept), comments on them, decisions, and the public summary
 * of a meeting with the warnings marked as not personal data.
 */
import { type Insertable, sql } from 'kysely';
import type {
  CouncilDecisionTable,
  CouncilMinutesCommentTable,
  CouncilMinutesVersionTable,
  CouncilSummaryClearanceTable,
} from '../../../db/tables/council.ts';
import { type Db, foldedName } from '../../../kernel/db.ts';

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

const fullName = (alias: string) =>
  sql<string>`${sql.ref(`${alias}.given_name`)} || ' ' || ${sql.ref(`${alias}.family_name`)}`;

export function findSummary(db: Db, meetingId: string) {
  return db
    .selectFrom('councilPublicSummary as s')
    .innerJoin('appUser as u', 'u.id', 's.savedBy')
    .selectAll('s')
    .select(fullName('u').as('savedByName'))
    .where('s.meetingId', '=', meetingId)
    .executeTakeFirst();
}

export function saveSummary(
  db: Db,
  row: { meetingId: string; text: string; savedAt: Date; savedBy: string },
) {
  return db
    .insertInto('councilPublicSummary')
    .values(row)
    .onConflict((c) =>
      c.column('meetingId').doUpdateSet({ text: row.text, savedAt: row.savedAt, savedBy: row.savedBy }),
    )
    .execute();
}

export function publishSummary(db: Db, meetingId: string, publishedAt: Date, publishedBy: string) {
  return db
    .updateTable('councilPublicSummary')
    .set((eb) => ({ publishedText: eb.ref('text'), publishedAt, publishedBy }))
    .where('meetingId', '=', meetingId)
    .execute();
}

export function clearances(db: Db, meetingId: string) {
  return db
    .selectFrom('councilSummaryClearance as c')
    .innerJoin('appUser as u', 'u.id', 'c.clearedBy')
    .selectAll('c')
    .select(fullName('u').as('clearedByName'))
    .where('c.meetingId', '=', meetingId)
    .execute();
}

export function insertClearance(db: Db, row: Insertable<CouncilSummaryClearanceTable>) {
  return db
    .insertInto('councilSummaryClearance')
    .values(row)
    .onConflict((c) =>
      c
        .columns(['meetingId', 'key'])
        .doUpdateSet({ reason: row.reason, clearedAt: row.clearedAt, clearedBy: row.clearedBy }),
    )
    .execute();
}

/** Every name of a person the council's records hold, in one field each ("Mario Rossi"). */
export async function councilPeopleNames(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select representative_name as name from council_membership
    union select deputy_name from council_membership where deputy_name is not null
    union select delegate_name from council_attendance where delegate_name is not null
    union select attendee_name from council_attendance where attendee_name is not null
    union select owner_name from council_action_item
    union select presenter from council_agenda_item where presenter is not null`.execute(db);
  return rows.map((row) => row.name);
}

/** The users whose family name, folded, is one of `familyNames`. */
export function userNamesAmong(db: Db, familyNames: readonly string[]) {
  return db
    .selectFrom('appUser')
    .select(['givenName as given', 'familyName as family'])
    .distinct()
    .where(foldedName('familyName'), '=', sql<string>`any(${[...familyNames]}::text[])`)
    .execute();
}

/** The meetings whose summary is published, newest first, for the public page. */
export function publishedSummaries(db: Db) {
  return db
    .selectFrom('councilPublicSummary as s')
    .innerJoin('councilMeeting as m', 'm.id', 's.meetingId')
    .innerJoin('councilTable as t', 't.id', 'm.tableId')
    .select(['m.id', 't.name as tableName', 'm.startsAt', 's.publishedText', 's.publishedAt'])
    .where('s.publishedText', 'is not', null)
    .orderBy('m.startsAt', 'desc')
    .execute();
}
