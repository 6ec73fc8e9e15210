import { type Kysely, sql } from 'kysely';

/**
 * The printed matter of WP4 (brochures, leaflets, posters, reports): one PDF per language in versions, the
 * print run and where the copies went, downloads counted per file and day with nothing about who downloaded;
 * and the log of the press coverage the project had.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_publication')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // The print specification: format (A5, 70×100…), pages, copies printed and when.
    .addColumn('print_format', 'text')
    .addColumn('pages', 'integer', (c) => c.check(sql`pages > 0`))
    .addColumn('copies_printed', 'integer', (c) => c.notNull().check(sql`copies_printed >= 0`))
    .addColumn('printed_on', 'date')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outreach_publication_file')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('publication_id', 'uuid', (c) => c.notNull().references('outreach_publication.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('outreach_publication_file_version', ['publication_id', 'language', 'version'])
    .execute();

  await db.schema
    .createTable('outreach_distribution')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('publication_id', 'uuid', (c) => c.notNull().references('outreach_publication.id'))
    .addColumn('point', 'text', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull().check(sql`copies > 0`))
    .addColumn('delivered_on', 'date', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outreach_distribution_publication')
    .on('outreach_distribution')
    .column('publication_id')
    .execute();

  // How many times a file was downloaded on a day: a count, nothing about who.
  await db.schema
    .createTable('outreach_download')
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('outreach_publication_file.id'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('downloads', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('outreach_download_pk', ['file_id', 'day'])
    .execute();

  await db.schema
    .createTable('outreach_coverage')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('published_on', 'date', (c) => c.notNull())
    .addColumn('outlet', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('media', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('reach', 'integer', (c) => c.check(sql`reach >= 0`))
    .addColumn('notes', 'text')
    .addColumn('clipping_sha256', 'text')
    .addColumn('clipping_size', 'integer')
    .addColumn('clipping_file_name', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outreach_coverage_published_on')
    .on('outreach_coverage')
    .column('published_on')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outreach_coverage',
    'outreach_download',
    'outreach_distribution',
    'outreach_publication_file',
    'outreach_publication',
  ])
    await db.schema.dropTable(table).execute();
}
