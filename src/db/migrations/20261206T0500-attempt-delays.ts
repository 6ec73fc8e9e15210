import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Failed attempts at a secret (a password, a case's status look-up), per subject and address; the address
  // '*' counts them from every address together. They slow the next attempt down and never lock anyone out.
  await db.schema
    .createTable('failed_attempt')
    .addColumn('door', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 1`))
    .addColumn('last_failure_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('failed_attempt_pk', ['door', 'subject', 'address'])
    .execute();

  await db.schema.alterTable('app_user').dropColumn('failed_logins').dropColumn('locked_until').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .execute();
  await db.schema.dropTable('failed_attempt').execute();
}
