/**
 * The writes of intake, a batch at a time: idempotency keys, parties, quota, protocol numbers, cases. Each
 * function takes the transaction of the batch and writes many rows in one statement.
 */
import { type ControlledTransaction, type Insertable, sql, type Transaction } from 'kysely';
import type { CaseFileTable, CasePartyTable } from '../../../db/tables/cases.ts';
import type { Database } from '../../../kernel/db.ts';
import { newId } from '../../../kernel/ids.ts';
import type { EmployerInput } from '../contract.ts';
import type { CheckedPerson } from './rules.ts';

/** The transaction a batch is written in. */
export type BatchTransaction = Transaction<Database>;
/** A batch's transaction that the intake writer commits or rolls back itself (see `pipeline.ts`). */
export type OpenBatchTransaction = ControlledTransaction<Database>;
/** A case, and one of its parties, as a batch writes them. */
export type NewCaseFile = Insertable<CaseFileTable>;
export type NewCaseParty = Insertable<CasePartyTable>;

/** A person already registered, with the keys that make them the same person. */
type KnownPerson = {
  id: string;
  citizenship: string;
  passportNumber: string | null;
  fiscalCode: string | null;
};

/**
 * What the first phase of a batch needs to know, in one statement (one round trip to the server): the answers
 * already given to these idempotency keys, and which of these quotas the office has (none is locked: quotas
 * are never deleted).
 */
export async function lookUpBatch(
  trx: BatchTransaction,
  organisationId: string,
  wanted: { keys: readonly string[]; quotas: readonly { year: number; sector: string }[] },
) {
  const { rows } = await sql<{
    requests: { idempotencyKey: string; bodyHash: string; response: unknown }[];
    quotas: { year: number; sector: string }[];
  }>`
    select
      (select coalesce(json_agg(r), '[]')
         from (select idempotency_key as "idempotencyKey", body_hash as "bodyHash", response
               from intake_request
               where organisation_id = ${organisationId}
                 and idempotency_key = any(${wanted.keys}::text[])) r) as requests,
      (select coalesce(json_agg(q), '[]')
         from (select q.year, q.sector
               from quota q join json_to_recordset(${JSON.stringify(wanted.quotas)}::json)
                 as w(year int, sector text) using (year, sector)
               where q.organisation_id = ${organisationId}) q) as quotas`.execute(trx);
  return rows[0] as NonNullable<(typeof rows)[0]>;
}

/**
 * Takes up to `wanted` places of each quota and allocates `count` consecutive protocol numbers of each year,
 * in one statement: the quota rows and the counters stay locked until the batch commits, so the places and
 * numbers of the next batch follow this one's. Answers each quota's places used before and after (keyed
 * `year|sector`) and each year's last number; numbers are gap-free because they commit with their cases.
 */
export async function takePlacesAndNumbers(
  trx: BatchTransaction,
  organisationId: string,
  quotas: readonly { year: number; sector: string; wanted: number }[],
  numbers: readonly { year: number; count: number }[],
) {
  const { rows } = await sql<{
    year: number;
    sector: string | null;
    before: number | null;
    after: number | null;
    lastNumber: number | null;
  }>`
    with wanted as (
      select * from json_to_recordset(${JSON.stringify(quotas)}::json) as w(year int, sector text, wanted int)
    ),
    old as (
      select q.year, q.sector, q.used from quota q join wanted w using (year, sector)
      where q.organisation_id = ${organisationId}
      for update of q
    ),
    taken as (
      update quota q set used = least(q.total, q.used + w.wanted)
      from wanted w join old o using (year, sector)
      where q.organisation_id = ${organisationId} and q.year = w.year and q.sector = w.sector
      returning q.year, q.sector, o.used as before, q.used as after
    ),
    counters as (
      insert into protocol_counter (organisation_id, year, last_number)
      select ${organisationId}, c.year, c.count
      from json_to_recordset(${JSON.stringify(numbers)}::json) as c(year int, count int)
      on conflict (organisation_id, year)
      do update set last_number = protocol_counter.last_number + excluded.last_number
      returning year, last_number
    )
    select year, sector, before, after, null::int as last_number from taken
    union all
    select year, null, null, null, last_number from counters`.execute(trx);
  const quotaPlaces = new Map<string, { before: number; after: number }>();
  const lastNumbers = new Map<number, number>();
  for (const row of rows) {
    if (row.lastNumber !== null) lastNumbers.set(Number(row.year), Number(row.lastNumber));
    else
      quotaPlaces.set(`${row.year}|${row.sector}`, { before: Number(row.before), after: Number(row.after) });
  }
  return { quotas: quotaPlaces, lastNumbers };
}

/** The persons already registered with one of these passports or fiscal codes. */
export async function findPersons(
  trx: BatchTransaction,
  organisationId: string,
  passports: readonly string[],
  fiscalCodes: readonly string[],
): Promise<KnownPerson[]> {
  const { rows } = await sql<KnownPerson>`
    select id, citizenship, passport_number, fiscal_code from person
    where organisation_id = ${organisationId}
      and (passport_number = any(${passports}::text[]) or fiscal_code = any(${fiscalCodes}::text[]))`.execute(
    trx,
  );
  return rows;
}

function personRow(organisationId: string, id: string, person: CheckedPerson, now: Date) {
  return {
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
  };
}

function employerRow(organisationId: string, employer: EmployerInput, now: Date) {
  return {
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
  };
}

// The columns the rows above fill, for statements that must name them even when no row is sent.
const PERSON_COLUMNS = Object.keys(
  personRow('', '', { passport: null } as unknown as CheckedPerson, new Date(0)),
);
const EMPLOYER_COLUMNS = Object.keys(employerRow('', {} as EmployerInput, new Date(0)));

/**
 * Registers the persons of a batch and registers or finds its employers (by fiscal code), in one statement.
 * A person whose passport or fiscal code is already registered is skipped (the caller finds them), so the
 * unique indexes do the look-up. Answers the ids of the persons inserted and each employer's id with its
 * fiscal code.
 */
export async function registerParties(
  trx: BatchTransaction,
  organisationId: string,
  persons: readonly { id: string; person: CheckedPerson }[],
  employers: readonly EmployerInput[],
  now: Date,
) {
  const personRows = persons.map(({ id, person }) => personRow(organisationId, id, person, now));
  const employerRows = employers.map((employer) => employerRow(organisationId, employer, now));
  const personColumns = sql.join(PERSON_COLUMNS.map((key) => sql.ref(snakeCase(key))));
  const employerColumns = sql.join(EMPLOYER_COLUMNS.map((key) => sql.ref(snakeCase(key))));
  const result = await sql<{ kind: 'person' | 'employer'; id: string; fiscalCode: string | null }>`
    with inserted as (
      insert into person (${personColumns})
      select ${personColumns} from json_populate_recordset(null::person, ${asJson(personRows)}::json)
      on conflict do nothing
      returning id
    ),
    employers as (
      insert into employer (${employerColumns})
      select ${employerColumns} from json_populate_recordset(null::employer, ${asJson(employerRows)}::json)
      on conflict (organisation_id, fiscal_code) do update set updated_at = excluded.updated_at
      returning id, fiscal_code
    )
    select 'person' as kind, id, null as fiscal_code from inserted
    union all select 'employer', id, fiscal_code from employers`.execute(trx);
  return result.rows;
}

const snakeNames = new Map<string, string>();
const snakeCase = (key: string) => {
  let name = snakeNames.get(key);
  if (name === undefined) {
    name = key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    snakeNames.set(key, name);
  }
  return name;
};

/** Rows as one JSON array with the table's column names: the database unpacks it with `json_populate_recordset`. */
function asJson(rows: readonly Record<string, unknown>[]) {
  return JSON.stringify(
    rows.map((row) => {
      const named: Record<string, unknown> = {};
      for (const key in row) named[snakeCase(key)] = row[key];
      return named;
    }),
  );
}

/** `insert into <table> (<columns>) select <columns> from json_populate_recordset(…)`, as one CTE. */
function insertFromJson(table: string, rows: readonly Record<string, unknown>[]) {
  const columns = sql.join(Object.keys(rows[0] ?? {}).map((key) => sql.ref(snakeCase(key))));
  return sql`insert into ${sql.table(table)} (${columns})
    select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${asJson(rows)}::json)`;
}

/**
 * The cases of a batch with their parties, first events, idempotency keys and audit entries, in one
 * statement: each table's rows travel as one JSON parameter, so the statement costs the same to build and
 * to parse whatever the batch size. Foreign keys are checked at the end of the statement, when all are in.
 */
export async function insertCaseRows(
  trx: BatchTransaction,
  rows: {
    cases: NewCaseFile[];
    parties: NewCaseParty[];
    events: Record<string, unknown>[];
    requests: Record<string, unknown>[];
    audit: Record<string, unknown>[];
  },
) {
  if (rows.cases.length === 0) return;
  const parts: [string, readonly Record<string, unknown>[]][] = [
    ['case_file', rows.cases],
    ['case_party', rows.parties],
    ['case_event', rows.events],
    ['intake_request', rows.requests],
    ['audit_entry', rows.audit],
  ];
  const ctes = parts
    .filter(([, list]) => list.length > 0)
    .map(([table, list], index) => sql`${sql.raw(`w${index}`)} as (${insertFromJson(table, list)})`);
  await sql`with ${sql.join(ctes)} select 1`.execute(trx);
}
