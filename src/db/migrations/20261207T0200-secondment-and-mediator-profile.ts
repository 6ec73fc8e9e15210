import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A seconded membership: the person works for the host organisation (the Prefettura's SUI) with their role,
  // while they stay a member of the organisation that employs them (the cooperative), named here.
  await db.schema
    .alterTable('membership')
    .addColumn('seconded_from', 'uuid', (c) => c.references('organisation.id'))
    .execute();

  // How well a mediator speaks each language: a CEFR level, or mother tongue.
  await db.schema
    .alterTable('mediator_language')
    .addColumn('level', 'text', (c) =>
      c.notNull().defaultTo('C1').check(sql`level in ('B1', 'B2', 'C1', 'C2', 'NATIVE')`),
    )
    .execute();

  // When a mediator can be booked, week by week: weekday 1 (Monday) to 7, times of day in Europe/Rome.
  await db.schema
    .createTable('mediator_availability')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id'))
    .addColumn('weekday', 'smallint', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('from_time', 'text', (c) => c.notNull())
    .addColumn('to_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mediator_availability_pk', ['user_id', 'weekday', 'from_time'])
    .addCheckConstraint('mediator_availability_order', sql`from_time < to_time`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('mediator_availability').execute();
  await db.schema.alterTable('mediator_language').dropColumn('level').execute();
  await db.schema.alterTable('membership').dropColumn('seconded_from').execute();
}
