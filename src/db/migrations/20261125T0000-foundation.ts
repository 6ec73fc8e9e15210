import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('fiscal_code', 'text')
    .addColumn('municipality_istat_code', 'text')
    .addColumn('email', 'text')
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'organisation_type_known',
      sql`type in ('PREFECTURE', 'POLICE_HQ', 'LABOUR_INSPECTORATE', 'MUNICIPALITY', 'THIRD_SECTOR', 'COOPERATIVE', 'UNIVERSITY_SCHOOL', 'OTHER')`,
    )
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('fiscal_code', 'text', (c) => c.unique())
    .addColumn('is_active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('app_user_email_unique')
    .on('app_user')
    .unique()
    .expression(sql`lower(email)`)
    .execute();

  await db.schema
    .createTable('membership')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('organisation_id', 'uuid', (c) => c.notNull().references('organisation.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('membership_pk', ['user_id', 'organisation_id', 'role'])
    .execute();
  await db.schema.createIndex('membership_organisation').on('membership').column('organisation_id').execute();

  await db.schema
    .createTable('system_heartbeat')
    .addColumn('instance', 'text', (c) => c.primaryKey())
    .addColumn('beat_at', 'timestamptz', (c) => c.notNull())
    .addColumn('beats', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['system_heartbeat', 'membership', 'app_user', 'organisation']) {
    await db.schema.dropTable(table).execute();
  }
}
