/** The queries of the press office: contacts, releases and what was sent to whom; the coverage log. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  CoverageMedia,
  OutreachCoverageTable,
  OutreachPressContactTable,
  OutreachPressReleaseTable,
  OutreachPressSendTable,
} from '../../../db/tables/outreach.ts';
import type { Db } from '../../../kernel/db.ts';

export function insertCoverage(db: Db, row: Insertable<OutreachCoverageTable>) {
  return db.insertInto('outreachCoverage').values(row).execute();
}

export function updateCoverage(db: Db, id: string, changes: Updateable<OutreachCoverageTable>) {
  return db.updateTable('outreachCoverage').set(changes).where('id', '=', id).execute();
}

export function lockCoverage(db: Db, id: string) {
  return db.selectFrom('outreachCoverage').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findCoverage(db: Db, id: string) {
  return db.selectFrom('outreachCoverage').selectAll().where('id', '=', id).executeTakeFirst();
}
export type CoverageRow = NonNullable<Awaited<ReturnType<typeof findCoverage>>>;

export async function listCoverage(
  db: Db,
  query: { media?: CoverageMedia | undefined; limit: number; offset: number },
) {
  let base = db.selectFrom('outreachCoverage');
  if (query.media) base = base.where('media', '=', query.media);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('publishedOn', 'desc')
      .orderBy('recordedAt', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Items and estimated reach per kind of media: for the funder's indicators. */
export function coverageFigures(db: Db) {
  return db
    .selectFrom('outreachCoverage')
    .select('media')
    .select((eb) => eb.fn.countAll<string>().as('items'))
    .select(sql<string>`coalesce(sum(reach), 0)`.as('reach'))
    .groupBy('media')
    .orderBy('media')
    .execute();
}

/** Among some stored files, the clippings: the orphan sweeper keeps them. */
export async function storedClippings(db: Db, sha256s: readonly string[]) {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('outreachCoverage')
    .select('clippingSha256')
    .distinct()
    .where('clippingSha256', 'in', sha256s)
    .execute();
  return rows.flatMap((row) => (row.clippingSha256 ? [row.clippingSha256] : []));
}

export function insertContact(db: Db, row: Insertable<OutreachPressContactTable>) {
  return db.insertInto('outreachPressContact').values(row).execute();
}

export function updateContact(db: Db, id: string, changes: Updateable<OutreachPressContactTable>) {
  return db.updateTable('outreachPressContact').set(changes).where('id', '=', id).execute();
}

export function findContact(db: Db, id: string) {
  return db.selectFrom('outreachPressContact').selectAll().where('id', '=', id).executeTakeFirst();
}
export type ContactRow = NonNullable<Awaited<ReturnType<typeof findContact>>>;

export function lockContact(db: Db, id: string) {
  return db
    .selectFrom('outreachPressContact')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function contactWithEmail(db: Db, email: string) {
  return db
    .selectFrom('outreachPressContact')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function listContacts(
  db: Db,
  query: { q?: string | undefined; reachable?: boolean | undefined; limit: number; offset: number },
) {
  let base = db.selectFrom('outreachPressContact');
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('name', 'ilike', like),
        eb('outlet', 'ilike', like),
        eb('email', 'ilike', like),
        eb('beat', 'ilike', like),
      ]),
    );
  }
  if (query.reachable !== undefined)
    base = base.where('unsubscribedAt', query.reachable ? 'is' : 'is not', null);
  const [rows, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('outlet')
      .orderBy('name')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * The e-mails of releases to a contact: those not yet sent are not sent any more, and none keeps the address
 * or the text.
 */
export async function forgetContactMail(db: Db, contactId: string, erasedAddress: string, now: Date) {
  const mailIds = db.selectFrom('outreachPressSend').select('mailId').where('contactId', '=', contactId);
  await db
    .updateTable('mailOutbox')
    .set({ status: 'UNDELIVERABLE', lastError: 'Contatto cancellato su richiesta', nextAttemptAt: now })
    .where('id', 'in', mailIds)
    .where('status', '=', 'PENDING')
    .execute();
  const { numUpdatedRows } = await db
    .updateTable('mailOutbox')
    .set({ recipient: erasedAddress, body: null })
    .where('id', 'in', mailIds)
    .executeTakeFirst();
  return Number(numUpdatedRows);
}

/** The contacts of a send, locked so that an unsubscription cannot slip between the check and the send. */
export function lockContacts(db: Db, ids: readonly string[]) {
  return db
    .selectFrom('outreachPressContact')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export function insertRelease(db: Db, row: Insertable<OutreachPressReleaseTable>) {
  return db.insertInto('outreachPressRelease').values(row).execute();
}

export function updateRelease(db: Db, id: string, changes: Updateable<OutreachPressReleaseTable>) {
  return db.updateTable('outreachPressRelease').set(changes).where('id', '=', id).execute();
}

export function lockRelease(db: Db, id: string) {
  return db
    .selectFrom('outreachPressRelease')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

const recipients = sql<number>`(select count(*) from outreach_press_send s where s.release_id = r.id)::int`;

export function findRelease(db: Db, id: string) {
  return db
    .selectFrom('outreachPressRelease as r')
    .innerJoin('appUser as editor', 'editor.id', 'r.editedBy')
    .leftJoin('appUser as reviewer', 'reviewer.id', 'r.reviewedBy')
    .selectAll('r')
    .select(sql<string>`editor.given_name || ' ' || editor.family_name`.as('editorName'))
    .select(sql<string | null>`reviewer.given_name || ' ' || reviewer.family_name`.as('reviewerName'))
    .select(recipients.as('recipients'))
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export function listReleases(db: Db) {
  return db
    .selectFrom('outreachPressRelease as r')
    .select(['r.id', 'r.title', 'r.status', 'r.editedAt', 'r.sentAt'])
    .select(recipients.as('recipients'))
    .orderBy(sql`r.sent_at is null`, 'desc')
    .orderBy('r.sentAt', 'desc')
    .orderBy('r.editedAt', 'desc')
    .execute();
}

export function insertSends(db: Db, rows: Insertable<OutreachPressSendTable>[]) {
  return db.insertInto('outreachPressSend').values(rows).execute();
}

/** Who a release went to, with where the e-mail stands in the outbox. */
export function sendsOf(db: Db, releaseId: string) {
  return db
    .selectFrom('outreachPressSend as s')
    .innerJoin('outreachPressContact as c', 'c.id', 's.contactId')
    .innerJoin('mailOutbox as m', 'm.id', 's.mailId')
    .select(['s.contactId', 'c.name', 'c.outlet', 'c.email', 'm.status', 'm.sentAt'])
    .where('s.releaseId', '=', releaseId)
    .orderBy('c.outlet')
    .orderBy('c.name')
    .execute();
}

/** The releases sent, for the public press area. */
export function sentReleases(db: Db) {
  return db
    .selectFrom('outreachPressRelease')
    .select(['id', 'title', 'summary', 'body', 'sentAt'])
    .where('status', '=', 'SENT')
    .orderBy('sentAt', 'desc')
    .execute();
}

export function sentRelease(db: Db, id: string) {
  return db
    .selectFrom('outreachPressRelease')
    .select(['id', 'title', 'summary', 'body', 'sentAt'])
    .where('id', '=', id)
    .where('status', '=', 'SENT')
    .executeTakeFirst();
}

/** Releases sent and the e-mails that carried them: for the funder's indicators. */
export function releaseFigures(db: Db) {
  return db
    .selectFrom('outreachPressRelease as r')
    .select((eb) => eb.fn.countAll<string>().as('releases'))
    .select(sql<string>`coalesce(sum(${recipients}), 0)`.as('recipients'))
    .where('r.status', '=', 'SENT')
    .executeTakeFirstOrThrow();
}
