import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../kernel/db.ts';
import { Conflict, Invalid } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type NewOrganisation, type NewUser, newOrganisation, newUser, type Role } from './contract.ts';
import * as store from './store.ts';

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new Invalid(
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

export async function createOrganisation(db: Kysely<Database>, input: NewOrganisation) {
  const data = parse(newOrganisation, input);
  return db.transaction().execute(async (trx) => {
    if (await store.findOrganisationByCode(trx, data.code)) {
      throw new Conflict(`Esiste già un’organizzazione con codice ${data.code}.`);
    }
    return store.insertOrganisation(trx, { id: newId(), ...data });
  });
}

export async function createUser(
  db: Kysely<Database>,
  input: NewUser,
  memberships: { organisationId: string; role: Role }[],
) {
  const data = parse(newUser, input);
  return db.transaction().execute(async (trx) => {
    if (await store.findUserByEmail(trx, data.email)) {
      throw new Conflict(`Esiste già un utente con e-mail ${data.email}.`);
    }
    const user = await store.insertUser(trx, { id: newId(), ...data });
    for (const m of memberships) await store.insertMembership(trx, user.id, m.organisationId, m.role);
    return user;
  });
}

export async function isDirectoryEmpty(db: Kysely<Database>): Promise<boolean> {
  return (await store.countOrganisations(db)) === 0;
}
