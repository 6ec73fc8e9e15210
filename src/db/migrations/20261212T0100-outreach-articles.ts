import type { Kysely } from 'kysely';

/**
 * The news of WP4: articles written in Italian and translated, each language reviewed before it is public,
 * published at once or at a set time, archived later; their images (cover and body) with alternative text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_article')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('tags', 'jsonb', (c) => c.notNull())
    .addColumn('cover_image_id', 'uuid')
    .addColumn('status', 'text', (c) => c.notNull())
    // The time set for its publication, while scheduled; the job publishes it then.
    .addColumn('publish_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outreach_article_public')
    .on('outreach_article')
    .columns(['status', 'published_at'])
    .execute();

  // The text in each language: the draft being worked on and, apart, the copy the public reads.
  await db.schema
    .createTable('outreach_article_text')
    .addColumn('article_id', 'uuid', (c) => c.notNull().references('outreach_article.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('image_alt', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    // For a translation: the revision of the Italian text it was made from.
    .addColumn('source_revision', 'integer')
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('published_title', 'text')
    .addColumn('published_summary', 'text')
    .addColumn('published_body', 'text')
    .addColumn('published_image_alt', 'text')
    .addColumn('published_at', 'timestamptz')
    .addColumn('published_revision', 'integer')
    .addColumn('published_source_revision', 'integer')
    .addPrimaryKeyConstraint('outreach_article_text_pk', ['article_id', 'language'])
    .execute();

  await db.schema
    .createTable('outreach_image')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('article_id', 'uuid', (c) => c.notNull().references('outreach_article.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outreach_image_article').on('outreach_image').column('article_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outreach_image', 'outreach_article_text', 'outreach_article'])
    await db.schema.dropTable(table).execute();
}
