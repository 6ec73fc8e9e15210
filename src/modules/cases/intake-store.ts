/**
 * The writes of intake, a batch at a time: idempotency keys, parties, quota, protocol numbers, cases. Each
 * function takes the transaction of the batch and writes many rows in one statement.
 */
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { CaseEventTable, CaseFileTable, CasePartyTable, IntakeRequestTable } from '../../db/schema.ts';
import type { Database } from '../../kernel/db.ts';
import { newId } from '../../kernel/ids.ts';
import type { EmployerInput } from './contract.ts';
import type { CheckedPerson } from './intake-rules.ts';

type Trx = Transaction<Database>;

export async function findIntakeRequests(
  db: Kysely<Database>,
  organisationId: string,
  keys: readonly string[],
) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('intakeRequest')
    .select(['idempotencyKey', 'bodyHash', 'caseId', sql<unknown>`response`.as('response')])
    .where('organisationId', '=', organisationId)
    .where('idempotencyKey', 'in', keys)
    .execute();
}

/**
 * Takes up to `wanted` places of a quota in one locked update; answers how many were free before, or null
 * when the office has no quota for that year and sector.
 */
export async function takeQuota(
  trx: Trx,
  key: { organisationId: string; year: number; sector: string },
  wanted: number,
) {
  const { organisationId, year, sector } = key;
  const row = await sql<{ before: number; after: number }>`
    with old as (
      select used from quota
      where organisation_id = ${organisationId} and year = ${year} and sector = ${sector}
      for update
    )
    update quota set used = least(quota.total, quota.used + ${wanted}) from old
    where organisation_id = ${organisationId} and year = ${year} and sector = ${sector}
    returning old.used as before, quota.used as after`.execute(trx);
  const first = row.rows[0];
  return first ? { before: Number(first.before), after: Number(first.after) } : null;
}

/** Allocates `count` consecutive protocol numbers of an office's year; gap-free because it commits with them. */
export async function allocateProtocolNumbers(trx: Trx, organisationId: string, year: number, count: number) {
  const row = await trx
    .insertInto('protocolCounter')
    .values({ organisationId, year, lastNumber: count })
    .onConflict((oc) =>
      oc
        .columns(['organisationId', 'year'])
        .doUpdateSet({ lastNumber: sql`protocol_counter.last_number + ${count}` }),
    )
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber - count + 1;
}

/** Ids of the persons already registered with one of these passports or fiscal codes. */
export function findPersons(
  trx: Trx,
  organisationId: string,
  passports: readonly string[],
  fiscalCodes: readonly string[],
) {
  return trx
    .selectFrom('person')
    .select(['id', 'citizenship', 'passportNumber', 'fiscalCode'])
    .where('organisationId', '=', organisationId)
    .where((eb) =>
      eb.or([
        ...(passports.length ? [eb('passportNumber', 'in', passports)] : []),
        ...(fiscalCodes.length ? [eb('fiscalCode', 'in', fiscalCodes)] : []),
      ]),
    )
    .execute();
}

/** Registers new persons; a row another process registered meanwhile is skipped (the caller finds it). */
export function insertPersons(
  trx: Trx,
  organisationId: string,
  persons: readonly { id: string; person: CheckedPerson }[],
  now: Date,
) {
  if (persons.length === 0) return Promise.resolve([]);
  return trx
    .insertInto('person')
    .values(
      persons.map(({ id, person }) => ({
        id,
        organisationId,
        surname: person.surname,
        givenName: person.givenName,
        sex: person.sex,
        birthDate: person.birthDate,
        birthPlace: person.birthPlace,
        citizenship: person.citizenship,
        citizenshipCadastralCode: person.citizenshipCadastralCode ?? null,
        passportNumber: person.passport?.number ?? null,
        passportExpiry: person.passport?.expiry ?? null,
        fiscalCode: person.fiscalCode ?? null,
        fiscalCodeWarnings: person.fiscalCodeWarnings,
        address: person.address ?? null,
        email: person.email ?? null,
        phone: person.phone ?? null,
        preferredLanguage: person.preferredLanguage ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
}

/** Registers employers, or finds them by fiscal code: one statement either way. */
export function upsertEmployers(
  trx: Trx,
  organisationId: string,
  employers: readonly EmployerInput[],
  now: Date,
) {
  if (employers.length === 0) return Promise.resolve([]);
  return trx
    .insertInto('employer')
    .values(
      employers.map((employer) => ({
        id: newId(),
        organisationId,
        kind: employer.kind,
        name: employer.name,
        fiscalCode: employer.fiscalCode,
        vatNumber: employer.vatNumber ?? null,
        address: employer.address,
        pec: employer.pec ?? null,
        email: employer.email ?? null,
        phone: employer.phone ?? null,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['organisationId', 'fiscalCode'])
        .doUpdateSet({ updatedAt: (eb) => eb.ref('excluded.updatedAt') }),
    )
    .returning(['id', 'fiscalCode'])
    .execute();
}

/** The cases of a batch with their parties, first events and idempotency keys. */
export async function insertCaseRows(
  trx: Trx,
  rows: {
    cases: Insertable<CaseFileTable>[];
    parties: Insertable<CasePartyTable>[];
    events: Insertable<CaseEventTable>[];
    requests: Insertable<IntakeRequestTable>[];
  },
) {
  if (rows.cases.length === 0) return;
  await trx.insertInto('caseFile').values(rows.cases).execute();
  await trx.insertInto('caseParty').values(rows.parties).execute();
  await trx.insertInto('caseEvent').values(rows.events).execute();
  if (rows.requests.length) await trx.insertInto('intakeRequest').values(rows.requests).execute();
}
