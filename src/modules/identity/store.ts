import type { Insertable, Kysely } from 'kysely';
import type { OrganisationTable, UserTable } from '../../db/schema.ts';
import type { Database } from '../../kernel/db.ts';
import type { Role } from './contract.ts';

type Db = Kysely<Database>;

export function findOrganisationByCode(db: Db, code: string) {
  return db.selectFrom('organisation').selectAll().where('code', '=', code).executeTakeFirst();
}

export function insertOrganisation(db: Db, row: Insertable<OrganisationTable>) {
  return db.insertInto('organisation').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('appUser')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export function insertUser(db: Db, row: Insertable<UserTable>) {
  return db.insertInto('appUser').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertMembership(
  db: Db,
  userId: string,
  organisationId: string,
  role: Role,
): Promise<void> {
  await db
    .insertInto('membership')
    .values({ userId, organisationId, role })
    .onConflict((oc) => oc.columns(['userId', 'organisationId', 'role']).doNothing())
    .execute();
}

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return row?.n ?? 0;
}
