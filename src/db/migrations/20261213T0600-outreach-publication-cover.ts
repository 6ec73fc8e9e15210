import type { Kysely } from 'kysely';

/** A publication's cover image (JPEG or PNG) with its description, shown in the portal's library. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outreach_publication')
    .addColumn('cover_sha256', 'text')
    .addColumn('cover_media_type', 'text')
    .addColumn('cover_size', 'integer')
    .addColumn('cover_alt', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outreach_publication')
    .dropColumn('cover_alt')
    .dropColumn('cover_size')
    .dropColumn('cover_media_type')
    .dropColumn('cover_sha256')
    .execute();
}
