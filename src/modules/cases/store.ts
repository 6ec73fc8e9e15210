/** The queries of case files (intake's batch writes are in `intake/store.ts`). */
import { type Insertable, sql, type Updateable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { CaseEventTable, CaseFileTable, CaseOpinionTable } from '../../db/tables/cases.ts';
import { type Db, foldedName } from '../../kernel/db.ts';
import * as documents from './documents/store.ts';
import type { CaseTypeVersion } from './law/definitions.ts';
import { type TeamReach, withinReach } from './team/store.ts';

// ---- case types

/** Writes definitions (built-in or imported); an existing version of a type is replaced. */
export async function saveCaseTypes(db: Db, versions: readonly CaseTypeVersion[], now: Date): Promise<void> {
  if (versions.length === 0) return;
  await db
    .insertInto('caseTypeVersion')
    .values(
      versions.map((version) => ({
        code: version.code,
        validFrom: version.validFrom,
        definition: JSON.stringify(version),
        loadedAt: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['code', 'validFrom']).doUpdateSet({
        definition: (eb) => eb.ref('excluded.definition'),
        loadedAt: (eb) => eb.ref('excluded.loadedAt'),
      }),
    )
    .execute();
}

/** The versions of the list that are already loaded. */
export function caseTypeVersionsAmong(db: Db, versions: readonly { code: string; validFrom: string }[]) {
  return db
    .selectFrom('caseTypeVersion')
    .select(['code', 'validFrom'])
    .where((eb) =>
      eb.or(versions.map((v) => eb.and([eb('code', '=', v.code), eb('validFrom', '=', v.validFrom)]))),
    )
    .execute();
}

export function loadCaseTypes(db: Db) {
  return db.selectFrom('caseTypeVersion').selectAll().orderBy('code').orderBy('validFrom').execute();
}

// ---- quotas

export function listQuotas(db: Db, organisationId: string, year: number) {
  return db
    .selectFrom('quota')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('year', '=', year)
    .orderBy('sector')
    .execute();
}

export function setQuota(
  db: Db,
  row: { organisationId: string; year: number; sector: string; total: number; legalBasis: string },
) {
  return db
    .insertInto('quota')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['organisationId', 'year', 'sector']).doUpdateSet({
        total: (eb) => eb.ref('excluded.total'),
        legalBasis: (eb) => eb.ref('excluded.legalBasis'),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findQuota(db: Db, key: { organisationId: string; year: number; sector: string }) {
  return db
    .selectFrom('quota')
    .selectAll()
    .where('organisationId', '=', key.organisationId)
    .where('year', '=', key.year)
    .where('sector', '=', key.sector)
    .executeTakeFirst();
}

// ---- cases

export function findCase(db: Db, organisationId: string, id: string) {
  return db
    .selectFrom('caseFile as c')
    .leftJoin('appUser as u', 'u.id', 'c.assigneeId')
    .selectAll('c')
    .select(sql<string | null>`u.given_name || ' ' || u.family_name`.as('assigneeName'))
    .where('c.organisationId', '=', organisationId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function lockCase(db: Db, organisationId: string, id: string) {
  return db
    .selectFrom('caseFile')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function updateCase(db: Db, id: string, patch: Updateable<CaseFileTable>) {
  return db
    .updateTable('caseFile')
    .set({ ...patch, version: sql`version + 1` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

function casePartiesQuery(db: Db, caseId: string) {
  return db
    .selectFrom('caseParty as cp')
    .leftJoin('person as p', 'p.id', 'cp.personId')
    .leftJoin('employer as e', 'e.id', 'cp.employerId')
    .select([
      'cp.role',
      'cp.personId',
      'cp.employerId',
      'p.surname',
      'p.givenName',
      'p.sex',
      'p.birthDate',
      'p.birthPlace',
      'p.citizenship',
      'p.citizenshipCadastralCode',
      'p.passportNumber',
      'p.passportExpiry',
      'p.fiscalCode as personFiscalCode',
      'p.fiscalCodeWarnings',
      'p.address as personAddress',
      'p.email as personEmail',
      'p.phone as personPhone',
      'p.preferredLanguage',
      'e.kind as employerKind',
      'e.name as employerName',
      'e.fiscalCode as employerFiscalCode',
      'e.vatNumber',
      'e.address as employerAddress',
      'e.pec',
      'e.email as employerEmail',
      'e.phone as employerPhone',
    ])
    .where('cp.caseId', '=', caseId);
}

export function caseParties(db: Db, caseId: string) {
  return casePartiesQuery(db, caseId).execute();
}

/** The people of every case whose family name, folded, is one of `familyNames`. */
export function personNamesAmong(db: Db, familyNames: readonly string[]) {
  return db
    .selectFrom('person')
    .select(['givenName as given', 'surname as family'])
    .distinct()
    .where(foldedName('surname'), '=', sql<string>`any(${[...familyNames]}::text[])`)
    .execute();
}

function caseEventsQuery(db: Db, caseId: string) {
  return db.selectFrom('caseEvent').selectAll().where('caseId', '=', caseId).orderBy('at').orderBy('id');
}

export function caseEvents(db: Db, caseId: string) {
  return caseEventsQuery(db, caseId).execute();
}

export function insertEvent(db: Db, row: Insertable<CaseEventTable>) {
  return db.insertInto('caseEvent').values(row).execute();
}

function caseOpinionsQuery(db: Db, caseId: string) {
  return db.selectFrom('caseOpinion').selectAll().where('caseId', '=', caseId).orderBy('requestedAt');
}

export function caseOpinions(db: Db, caseId: string) {
  return caseOpinionsQuery(db, caseId).execute();
}

type RowOf<Query extends (db: Db, id: string) => { execute(): Promise<unknown[]> }> = Awaited<
  ReturnType<ReturnType<Query>['execute']>
>[number];

/**
 * Rows nested as JSON come back as the database names them, instants as text: named and typed here as
 * the query builder gives top-level rows (nested JSON values inside them, such as event data, stay as stored).
 */
function fromJson<T>(rows: readonly object[], instants: readonly (keyof T & string)[]): T[] {
  return rows.map((row) => {
    const named: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      const key = column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
      named[key] =
        value !== null && instants.includes(key as keyof T & string) ? new Date(value as string) : value;
    }
    return named as T;
  });
}

/** The case page in one statement: the case with its parties, events, opinions, documents and outcomes. */
export async function casePage(db: Db, organisationId: string, id: string) {
  const row = await db
    .selectFrom('caseFile as c')
    .leftJoin('appUser as u', 'u.id', 'c.assigneeId')
    .selectAll('c')
    .select([
      sql<string | null>`u.given_name || ' ' || u.family_name`.as('assigneeName'),
      jsonArrayFrom(casePartiesQuery(db, id)).as('parties'),
      jsonArrayFrom(caseEventsQuery(db, id)).as('events'),
      jsonArrayFrom(caseOpinionsQuery(db, id)).as('opinions'),
      jsonArrayFrom(documents.caseDocumentsQuery(db, id)).as('documents'),
      jsonArrayFrom(documents.caseOutcomesQuery(db, id)).as('outcomes'),
    ])
    .where('c.organisationId', '=', organisationId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      parties: fromJson<RowOf<typeof casePartiesQuery>>(row.parties, []),
      events: fromJson<RowOf<typeof caseEventsQuery>>(row.events, ['at']),
      opinions: fromJson<RowOf<typeof caseOpinionsQuery>>(row.opinions, ['requestedAt', 'answeredAt']),
      documents: fromJson<RowOf<typeof documents.caseDocumentsQuery>>(row.documents, ['uploadedAt']),
      outcomes: fromJson<RowOf<typeof documents.caseOutcomesQuery>>(row.outcomes, ['createdAt']),
    }
  );
}

export function insertOpinions(db: Db, rows: Insertable<CaseOpinionTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('caseOpinion').values(rows).execute();
}

/** Whether a user is an operator or a manager of an office's SUI: the people its cases are assigned to. */
export async function isSuiOperator(db: Db, organisationId: string, userId: string) {
  const members = await db
    .selectFrom('membership')
    .select('role')
    .where('userId', '=', userId)
    .where('organisationId', '=', organisationId)
    .where('role', 'in', ['sui_operator', 'sui_manager'])
    .execute();
  return members.length > 0;
}

export function assignCases(
  db: Db,
  organisationId: string,
  ids: readonly string[],
  assigneeId: string | null,
  now: Date,
) {
  return db
    .updateTable('caseFile')
    .set({ assigneeId, updatedAt: now, version: sql`version + 1` })
    .where('organisationId', '=', organisationId)
    .where('id', 'in', ids)
    .returning(['id', 'number', 'assigneeId'])
    .execute();
}

export function findReceiptCase(db: Db, code: string) {
  return db.selectFrom('caseFile').selectAll().where('receiptCode', '=', code).executeTakeFirst();
}

// ---- worklist

export type WorklistFilter = {
  organisationId: string;
  type?: string | undefined;
  state?: string | undefined;
  assignee?: string | null | undefined;
  dueBetween?: { from?: string; to?: string } | undefined;
  awaitingOpinions?: boolean | undefined;
  language?: string | undefined;
  closed?: boolean | undefined;
  number?: string | undefined;
  titlePrefix?: string | undefined;
  /** A legal expert's or a mediator's list: only the cases within their reach (decision 049). */
  teamReach?: TeamReach | undefined;
};

export type WorklistOrder = { column: 'dueOn' | 'receivedAt'; descending: boolean };
export type WorklistCursor = { value: string | null; id: string };

/**
 * One page of the worklist in keyset order (sort column, then id): a page costs the same on page 1 and
 * page 1,000, and the indexes on (office, filter, due date, id) serve each filter.
 */
export async function worklist(
  db: Db,
  filter: WorklistFilter,
  order: WorklistOrder,
  after: WorklistCursor | null,
  limit: number,
) {
  const sortColumn = order.column === 'dueOn' ? 'c.dueOn' : 'c.receivedAt';
  let query = db
    .selectFrom('caseFile as c')
    .leftJoin('appUser as u', 'u.id', 'c.assigneeId')
    .select([
      'c.id',
      'c.number',
      'c.typeCode',
      'c.typeValidFrom',
      'c.state',
      'c.title',
      'c.language',
      'c.assigneeId',
      'c.receivedAt',
      'c.dueOn',
      'c.clockSuspended',
      'c.awaitingOpinions',
      'c.closed',
      sql<string | null>`${sql.ref(sortColumn)}::text`.as('sortValue'),
      sql<string | null>`u.given_name || ' ' || u.family_name`.as('assigneeName'),
    ])
    .where('c.organisationId', '=', filter.organisationId);
  if (filter.closed !== undefined) query = query.where('c.closed', '=', filter.closed);
  if (filter.type) query = query.where('c.typeCode', '=', filter.type);
  if (filter.state) query = query.where('c.state', '=', filter.state);
  if (filter.assignee !== undefined)
    query =
      filter.assignee === null
        ? query.where('c.assigneeId', 'is', null)
        : query.where('c.assigneeId', '=', filter.assignee);
  if (filter.dueBetween?.from) query = query.where('c.dueOn', '>=', filter.dueBetween.from);
  if (filter.dueBetween?.to) query = query.where('c.dueOn', '<=', filter.dueBetween.to);
  if (filter.dueBetween) query = query.where('c.clockSuspended', '=', false);
  if (filter.awaitingOpinions !== undefined)
    query = query.where('c.awaitingOpinions', '=', filter.awaitingOpinions);
  if (filter.language) query = query.where('c.language', '=', filter.language);
  if (filter.number) query = query.where('c.number', '=', filter.number);
  if (filter.titlePrefix)
    query = query.where(
      sql`upper(c.title)`,
      'like',
      `${filter.titlePrefix.toUpperCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
    );
  if (filter.teamReach) query = query.where(withinReach(filter.teamReach));
  const direction = order.descending ? 'desc' : 'asc';
  // Closed cases have no due date: they sort after every dated one, by id, in either direction.
  const nullsLast = order.column === 'dueOn' && filter.closed !== false;
  if (after) {
    const comparison = order.descending ? '<' : '>';
    query =
      after.value === null
        ? query.where(sql.ref(sortColumn), 'is', null).where('c.id', comparison, after.id)
        : query.where((eb) => {
            // A row comparison is a range on the index (office, …, sort column, id).
            const beyond = eb(
              sql`(${sql.ref(sortColumn)}, c.id)`,
              comparison,
              sql`(${after.value}, ${after.id}::uuid)`,
            );
            return nullsLast ? eb.or([beyond, eb(sql.ref(sortColumn), 'is', null)]) : beyond;
          });
  }
  return (
    query
      // Open cases always have a due date and every case an arrival time: without NULLs to place, the sort
      // follows the indexes in either direction.
      .orderBy(sortColumn, (ob) => {
        const directed = order.descending ? ob.desc() : ob.asc();
        return nullsLast ? directed.nullsLast() : directed;
      })
      .orderBy('c.id', direction)
      .limit(limit)
      .execute()
  );
}

// ---- saved views

export function savedViews(db: Db, userId: string) {
  return db.selectFrom('savedView').selectAll().where('userId', '=', userId).orderBy('name').execute();
}

export function insertSavedView(
  db: Db,
  row: { id: string; userId: string; name: string; filters: string; createdAt: Date },
) {
  return db.insertInto('savedView').values(row).returningAll().executeTakeFirstOrThrow();
}

export function deleteSavedView(db: Db, userId: string, id: string) {
  return db
    .deleteFrom('savedView')
    .where('userId', '=', userId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
}

/** Records what a body's answer changed on the case's copy of an opinion; the case and body it belongs to. */
export function patchCaseOpinion(
  db: Db,
  id: string,
  patch: Updateable<CaseOpinionTable>,
): Promise<{ caseId: string; body: string } | undefined> {
  return Object.keys(patch).length > 0
    ? db
        .updateTable('caseOpinion')
        .set(patch)
        .where('id', '=', id)
        .returning(['caseId', 'body'])
        .executeTakeFirst()
    : db.selectFrom('caseOpinion').select(['caseId', 'body']).where('id', '=', id).executeTakeFirst();
}

// ---- countries at particular risk

export function riskCountryLists(db: Db) {
  return db
    .selectFrom('riskCountryList')
    .leftJoin('appUser', 'appUser.id', 'riskCountryList.confirmedBy')
    .select([
      'riskCountryList.year',
      'riskCountryList.countries',
      'riskCountryList.legalBasis',
      'riskCountryList.confirmedAt',
      'appUser.givenName as confirmedByGivenName',
      'appUser.familyName as confirmedByFamilyName',
    ])
    .orderBy('riskCountryList.year', 'desc')
    .execute();
}

export function riskCountryListOf(db: Db, year: number) {
  return db.selectFrom('riskCountryList').selectAll().where('year', '=', year).executeTakeFirst();
}

export function saveRiskCountryList(
  db: Db,
  list: { year: number; countries: string[]; legalBasis: string; confirmedBy: string; confirmedAt: Date },
) {
  return db
    .insertInto('riskCountryList')
    .values(list)
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({
        countries: (eb) => eb.ref('excluded.countries'),
        legalBasis: (eb) => eb.ref('excluded.legalBasis'),
        confirmedBy: (eb) => eb.ref('excluded.confirmedBy'),
        confirmedAt: (eb) => eb.ref('excluded.confirmedAt'),
      }),
    )
    .execute();
}

/**
 * The open cases of an office in a year with the citizenships of their people, to mark those on the year's
 * list.
 */
export function openCasesOfYear(db: Db, organisationId: string, year: number) {
  return db
    .selectFrom('caseFile as c')
    .select((eb) => [
      'c.id',
      'c.typeCode',
      'c.typeValidFrom',
      'c.highRiskCountry',
      jsonArrayFrom(
        eb
          .selectFrom('caseParty as p')
          .innerJoin('person', 'person.id', 'p.personId')
          .select(['p.role', 'person.citizenship'])
          .whereRef('p.caseId', '=', 'c.id'),
      ).as('people'),
    ])
    .where('c.organisationId', '=', organisationId)
    .where('c.closed', '=', false)
    .where(sql<number>`coalesce(c.quota_year, extract(year from c.submitted_on)::int)`, '=', year)
    .execute();
}

export async function setHighRiskCountry(db: Db, ids: readonly string[], highRiskCountry: boolean) {
  if (ids.length === 0) return;
  await db.updateTable('caseFile').set({ highRiskCountry }).where('id', 'in', ids).execute();
}
