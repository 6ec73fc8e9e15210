/** The queries of the legal updates: the only file that touches their tables. */
import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { LegalUpdateTable } from '../../db/tables/updates.ts';
import type { Db } from '../../kernel/db.ts';
import type { ArticleInput } from './contract.ts';

export type UpdateRow = Selectable<LegalUpdateTable>;

const fullName = sql<string>`u.given_name || ' ' || u.family_name`;

/** The roles whose people are expected to read the updates in an office: the SUI's staff. */
const SUI_ROLES = ['sui_operator', 'sui_manager'];

export function insertUpdate(db: Db, row: Insertable<LegalUpdateTable>) {
  return db.insertInto('legalUpdate').values(row).execute();
}

export function patchUpdate(db: Db, id: string, patch: Updateable<LegalUpdateTable>) {
  return db.updateTable('legalUpdate').set(patch).where('id', '=', id).execute();
}

export function findUpdate(db: Db, id: string) {
  return db.selectFrom('legalUpdate').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockUpdate(db: Db, id: string) {
  return db.selectFrom('legalUpdate').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Replaces the articles and case types of an update with those given. */
export async function setReferences(
  db: Db,
  updateId: string,
  articles: readonly ArticleInput[],
  caseTypes: readonly string[],
): Promise<void> {
  await db.deleteFrom('legalUpdateArticle').where('updateId', '=', updateId).execute();
  await db.deleteFrom('legalUpdateCaseType').where('updateId', '=', updateId).execute();
  if (articles.length > 0)
    await db
      .insertInto('legalUpdateArticle')
      .values(
        articles.map((article, position) => ({
          updateId,
          position,
          act: article.act,
          article: article.article,
          paragraph: article.paragraph ?? null,
        })),
      )
      .execute();
  if (caseTypes.length > 0)
    await db
      .insertInto('legalUpdateCaseType')
      .values(caseTypes.map((caseType) => ({ updateId, caseType })))
      .execute();
}

export function articlesOf(db: Db, updateId: string) {
  return db
    .selectFrom('legalUpdateArticle')
    .select(['act', 'article', 'paragraph'])
    .where('updateId', '=', updateId)
    .orderBy('position')
    .execute();
}

export async function caseTypesOf(db: Db, updateIds: readonly string[]) {
  if (updateIds.length === 0) return [];
  return db
    .selectFrom('legalUpdateCaseType')
    .select(['updateId', 'caseType'])
    .where('updateId', 'in', updateIds)
    .orderBy('caseType')
    .execute();
}

export type ListFilter = {
  readerId: string;
  withDrafts: boolean;
  unread: boolean;
  pendingChange: boolean;
  /** Words of the title, summary, full text, authority or number (Italian stemming). */
  text?: string | undefined;
  /** Part of an article as a lawyer writes it, e.g. «286/1998 art. 22». */
  article?: string | undefined;
  caseType?: string | undefined;
};

/** The same expression as the GIN index `legal_update_search`, so that the index serves the search. */
const searchDocument = sql`to_tsvector('italian'::regconfig,
  l.title || ' ' || l.summary || ' ' || coalesce(l.full_text, '') || ' ' || l.authority || ' ' || l.number)`;

const likePattern = (value: string) => `%${value.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** A page of updates, the newest act first, each with when the reader read it. */
export async function updatesPage(db: Db, filter: ListFilter, page: { page: number; pageSize: number }) {
  let query = db
    .selectFrom('legalUpdate as l')
    .leftJoin('legalUpdateReading as r', (join) =>
      join.onRef('r.updateId', '=', 'l.id').on('r.userId', '=', filter.readerId),
    );
  if (!filter.withDrafts) query = query.where('l.status', '=', 'PUBLISHED');
  if (filter.unread) query = query.where('l.status', '=', 'PUBLISHED').where('r.readAt', 'is', null);
  if (filter.pendingChange)
    query = query
      .where('l.status', '=', 'PUBLISHED')
      .where('l.changeCaseType', 'is not', null)
      .where('l.changeAppliedFrom', 'is', null);
  const { text, article, caseType } = filter;
  if (text) query = query.where(sql<boolean>`${searchDocument} @@ websearch_to_tsquery('italian', ${text})`);
  if (article)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('legalUpdateArticle as a')
          .select('a.updateId')
          .whereRef('a.updateId', '=', 'l.id')
          .where(
            sql<boolean>`a.act || ' art. ' || a.article || coalesce(' c.' || a.paragraph, '') ilike ${likePattern(article)}`,
          ),
      ),
    );
  if (caseType)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('legalUpdateCaseType as t')
          .select('t.updateId')
          .whereRef('t.updateId', '=', 'l.id')
          .where('t.caseType', '=', caseType),
      ),
    );
  const total = await query.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('l')
    .select('r.readAt')
    .orderBy('l.issuedOn', 'desc')
    .orderBy('l.createdAt', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(total.total) };
}

export function readingOf(db: Db, updateId: string, userId: string) {
  return db
    .selectFrom('legalUpdateReading')
    .select('readAt')
    .where('updateId', '=', updateId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Records a reading; answers false when the person had read the update already. */
export async function insertReading(db: Db, row: { updateId: string; userId: string; readAt: Date }) {
  const inserted = await db
    .insertInto('legalUpdateReading')
    .values(row)
    .onConflict((conflict) => conflict.doNothing())
    .returning('updateId')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The published updates affecting a case type, newest act first, with when the reader read them. */
export function publishedForCaseType(db: Db, caseType: string, readerId: string) {
  return db
    .selectFrom('legalUpdate as l')
    .innerJoin('legalUpdateCaseType as t', 't.updateId', 'l.id')
    .leftJoin('legalUpdateReading as r', (join) =>
      join.onRef('r.updateId', '=', 'l.id').on('r.userId', '=', readerId),
    )
    .select(['l.id', 'l.title', 'l.issuedOn', 'r.readAt'])
    .where('l.status', '=', 'PUBLISHED')
    .where('t.caseType', '=', caseType)
    .orderBy('l.issuedOn', 'desc')
    .orderBy('l.createdAt', 'desc')
    .execute();
}

/** The case types some published update affects that the reader has not read yet. */
export async function unreadCaseTypes(db: Db, readerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('legalUpdateCaseType as t')
    .innerJoin('legalUpdate as l', 'l.id', 't.updateId')
    .select('t.caseType')
    .distinct()
    .where('l.status', '=', 'PUBLISHED')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('legalUpdateReading as r')
            .select('r.userId')
            .whereRef('r.updateId', '=', 'l.id')
            .where('r.userId', '=', readerId),
        ),
      ),
    )
    .orderBy('t.caseType')
    .execute();
  return rows.map((row) => row.caseType);
}

/** The active SUI staff of an office, with when each read the update (null: not yet). */
export function readersAmongStaff(db: Db, organisationId: string, updateId: string) {
  return db
    .selectFrom('appUser as u')
    .leftJoin('legalUpdateReading as r', (join) =>
      join.onRef('r.userId', '=', 'u.id').on('r.updateId', '=', updateId),
    )
    .select(['u.id', fullName.as('name'), 'r.readAt'])
    .where('u.isActive', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .where('m.organisationId', '=', organisationId)
          .where('m.role', 'in', SUI_ROLES),
      ),
    )
    .orderBy('u.familyName')
    .orderBy('u.givenName')
    .execute();
}

/** The published updates, the active SUI staff of all offices, and their readings of the published updates. */
export async function readingFigures(db: Db) {
  const suiStaff = db
    .selectFrom('appUser as u')
    .select('u.id')
    .where('u.isActive', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('membership as m')
          .select('m.userId')
          .whereRef('m.userId', '=', 'u.id')
          .where('m.role', 'in', SUI_ROLES),
      ),
    );
  const [published, staff, readings] = await Promise.all([
    db
      .selectFrom('legalUpdate')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('status', '=', 'PUBLISHED')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom(suiStaff.as('s'))
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('legalUpdateReading as r')
      .innerJoin('legalUpdate as l', 'l.id', 'r.updateId')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('l.status', '=', 'PUBLISHED')
      .where('r.userId', 'in', suiStaff)
      .executeTakeFirstOrThrow(),
  ]);
  return { published: Number(published.count), staff: Number(staff.count), readings: Number(readings.count) };
}

export async function namesOf(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('appUser as u')
    .select(['u.id', fullName.as('name')])
    .where('u.id', 'in', userIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Among some stored files, those that are the attachment of an update: the orphan sweeper keeps them. */
export async function storedAttachments(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('legalUpdate')
    .select('attachmentSha256')
    .distinct()
    .where('attachmentSha256', 'in', sha256s)
    .execute();
  return rows.flatMap((row) => (row.attachmentSha256 ? [row.attachmentSha256] : []));
}
