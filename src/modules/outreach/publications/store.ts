/** The queries of the publications: their files in versions, distributions and download counts. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type {
  OutreachDistributionTable,
  OutreachPublicationFileTable,
  OutreachPublicationTable,
} from '../../../db/tables/outreach.ts';
import type { Db } from '../../../kernel/db.ts';

export function insertPublication(db: Db, row: Insertable<OutreachPublicationTable>) {
  return db.insertInto('outreachPublication').values(row).execute();
}

export function updatePublication(db: Db, id: string, changes: Updateable<OutreachPublicationTable>) {
  return db.updateTable('outreachPublication').set(changes).where('id', '=', id).execute();
}

export function findPublication(db: Db, id: string) {
  return db.selectFrom('outreachPublication').selectAll().where('id', '=', id).executeTakeFirst();
}
export type PublicationRow = NonNullable<Awaited<ReturnType<typeof findPublication>>>;

export function lockPublication(db: Db, id: string) {
  return db.selectFrom('outreachPublication').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

const distributed = sql<number>`coalesce((select sum(d.copies) from outreach_distribution d
  where d.publication_id = p.id), 0)::int`;
const downloaded = sql<number>`coalesce((select sum(n.downloads) from outreach_download n
  join outreach_publication_file f on f.id = n.file_id where f.publication_id = p.id), 0)::int`;

export async function listPublications(db: Db) {
  return db
    .selectFrom('outreachPublication as p')
    .selectAll('p')
    .select(distributed.as('copiesDistributed'))
    .select(downloaded.as('downloads'))
    .select(
      sql<string[]>`coalesce((select array_agg(distinct f.language order by f.language)
        from outreach_publication_file f where f.publication_id = p.id), '{}')`.as('languages'),
    )
    .orderBy('p.updatedAt', 'desc')
    .orderBy('p.id')
    .execute();
}

export function copiesDistributed(db: Db, publicationId: string) {
  return db
    .selectFrom('outreachPublication as p')
    .select(distributed.as('copies'))
    .where('p.id', '=', publicationId)
    .executeTakeFirstOrThrow();
}

export function filesOf(db: Db, publicationId: string) {
  return db
    .selectFrom('outreachPublicationFile as f')
    .innerJoin('appUser as u', 'u.id', 'f.uploadedBy')
    .selectAll('f')
    .select(sql<string>`u.given_name || ' ' || u.family_name`.as('uploaderName'))
    .select(
      sql<number>`coalesce((select sum(n.downloads) from outreach_download n where n.file_id = f.id), 0)::int`.as(
        'downloads',
      ),
    )
    .where('f.publicationId', '=', publicationId)
    .orderBy(sql`f.language = 'it'`, 'desc')
    .orderBy('f.language')
    .orderBy('f.version', 'desc')
    .execute();
}

export function lastVersion(db: Db, publicationId: string, language: string) {
  return db
    .selectFrom('outreachPublicationFile')
    .select((eb) => eb.fn.max<number | null>('version').as('version'))
    .where('publicationId', '=', publicationId)
    .where('language', '=', language)
    .executeTakeFirstOrThrow();
}

export function insertFile(db: Db, row: Insertable<OutreachPublicationFileTable>) {
  return db.insertInto('outreachPublicationFile').values(row).execute();
}

export function findFile(db: Db, id: string) {
  return db.selectFrom('outreachPublicationFile').selectAll().where('id', '=', id).executeTakeFirst();
}

export function distributionsOf(db: Db, publicationId: string) {
  return db
    .selectFrom('outreachDistribution')
    .select(['id', 'point', 'copies', 'deliveredOn', 'notes'])
    .where('publicationId', '=', publicationId)
    .orderBy('deliveredOn', 'desc')
    .orderBy('recordedAt', 'desc')
    .execute();
}

export function insertDistribution(db: Db, row: Insertable<OutreachDistributionTable>) {
  return db.insertInto('outreachDistribution').values(row).execute();
}

/** The published publications, each with the latest file of every language. */
export async function publicPublications(db: Db) {
  const [publications, files] = await Promise.all([
    db
      .selectFrom('outreachPublication')
      .select(['id', 'kind', 'title', 'description', 'pages', 'publishedAt', 'coverAlt'])
      .where('publishedAt', 'is not', null)
      .orderBy('publishedAt', 'desc')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('outreachPublicationFile as f')
      .innerJoin('outreachPublication as p', 'p.id', 'f.publicationId')
      .distinctOn(['f.publicationId', 'f.language'])
      .select(['f.id', 'f.publicationId', 'f.language', 'f.title', 'f.size'])
      .where('p.publishedAt', 'is not', null)
      .orderBy('f.publicationId')
      .orderBy('f.language')
      .orderBy('f.version', 'desc')
      .execute(),
  ]);
  return { publications, files };
}

/** A file the public may download: the latest of its language, of a published publication. */
export function publicFile(db: Db, id: string) {
  return db
    .selectFrom('outreachPublicationFile as f')
    .innerJoin('outreachPublication as p', 'p.id', 'f.publicationId')
    .select(['f.id', 'f.sha256', 'f.size', 'f.fileName'])
    .where('f.id', '=', id)
    .where('p.publishedAt', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outreachPublicationFile as newer')
            .select('newer.id')
            .whereRef('newer.publicationId', '=', 'f.publicationId')
            .whereRef('newer.language', '=', 'f.language')
            .whereRef('newer.version', '>', 'f.version'),
        ),
      ),
    )
    .executeTakeFirst();
}

/** One more download of a file today. */
export function countDownload(db: Db, fileId: string, day: string) {
  return db
    .insertInto('outreachDownload')
    .values({ fileId, day, downloads: 1 })
    .onConflict((oc) =>
      oc.columns(['fileId', 'day']).doUpdateSet({ downloads: sql`outreach_download.downloads + 1` }),
    )
    .execute();
}

/** The cover of a published publication, for the portal. */
export function publicCover(db: Db, publicationId: string) {
  return db
    .selectFrom('outreachPublication')
    .select(['coverSha256', 'coverMediaType', 'coverSize'])
    .where('id', '=', publicationId)
    .where('publishedAt', 'is not', null)
    .where('coverSha256', 'is not', null)
    .executeTakeFirst();
}

/** Among some stored files, the publications' PDFs and covers: the orphan sweeper keeps them. */
export async function storedPublicationFiles(db: Db, sha256s: readonly string[]) {
  if (sha256s.length === 0) return [];
  const [files, covers] = await Promise.all([
    db
      .selectFrom('outreachPublicationFile')
      .select('sha256')
      .distinct()
      .where('sha256', 'in', sha256s)
      .execute(),
    db
      .selectFrom('outreachPublication')
      .select('coverSha256 as sha256')
      .distinct()
      .where('coverSha256', 'in', sha256s)
      .execute(),
  ]);
  return [...new Set([...files, ...covers].map((row) => row.sha256 as string))];
}

/** Publications, copies printed and distributed, downloads per language: for the funder's indicators. */
export async function publicationFigures(db: Db) {
  const [totals, downloads] = await Promise.all([
    db
      .selectFrom('outreachPublication as p')
      .select((eb) => [
        eb.fn.countAll<string>().as('publications'),
        sql<string>`coalesce(sum(p.copies_printed), 0)`.as('copiesPrinted'),
        sql<string>`coalesce(sum(${distributed}), 0)`.as('copiesDistributed'),
      ])
      .where('p.publishedAt', 'is not', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('outreachDownload as n')
      .innerJoin('outreachPublicationFile as f', 'f.id', 'n.fileId')
      .select('f.language')
      .select(sql<string>`sum(n.downloads)`.as('downloads'))
      .groupBy('f.language')
      .orderBy('f.language')
      .execute(),
  ]);
  return { totals, downloads };
}
