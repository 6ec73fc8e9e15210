/**
 * The queries of the case files' retention (decision 075): which closed cases, identity documents,
 * appointments and unreferenced parties are due, their disposal, the legal hold, the rectifications of a
 * person's data, and every record of a data subject.
 */
import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { PersonTable } from '../../../db/tables/cases.ts';
import type { PersonRectificationTable } from '../../../db/tables/cases-privacy.ts';
import { type AuditedRecord, redactAuditedChanges } from '../../../kernel/audit.ts';
import { countRows, type Db } from '../../../kernel/db.ts';

/** What anonymised free text says instead. */
export const REMOVED_TEXT = 'Testo rimosso alla scadenza del tempo di conservazione';
/** The heading an anonymised case keeps in place of its parties' names. */
export const ANONYMISED_TITLE = 'Pratica anonimizzata alla scadenza del tempo di conservazione';

type CaseScope = ExpressionBuilder<Database, 'caseFile'>;

/** When the case reached the closed state it is in: the event that moved it there. */
const closedAt = (eb: CaseScope) =>
  eb
    .selectFrom('caseEvent as e')
    .select((inner) => inner.fn.max('e.at').as('at'))
    .whereRef('e.caseId', '=', 'caseFile.id')
    .whereRef('e.toState', '=', 'caseFile.state');

const isHeld = (eb: CaseScope) =>
  eb.exists(eb.selectFrom('caseLegalHold as h').select('h.caseId').whereRef('h.caseId', '=', 'caseFile.id'));

/** Which closed states a category covers: these, or every closed state but these. */
export type StateFilter = { in: readonly string[] } | { notIn: readonly string[] };

/** Closed, not held, not anonymised yet, closed before the cutoff, in the states of the filter. */
function dueCases(db: Db, cutoff: Date, states: StateFilter) {
  return db
    .selectFrom('caseFile')
    .where('caseFile.closed', '=', true)
    .where('caseFile.anonymisedAt', 'is', null)
    .where('caseFile.state', 'in' in states ? 'in' : 'not in', 'in' in states ? states.in : states.notIn)
    .where((eb) => eb.not(isHeld(eb)))
    .where((eb) => eb(closedAt(eb), '<', cutoff));
}

export async function countDueCases(db: Db, cutoff: Date, states: StateFilter): Promise<number> {
  return countRows(dueCases(db, cutoff, states));
}

/** The cases and the records that are emptied with them, as the audit trail names them. */
async function recordsOfCases(db: Db, ids: readonly string[]): Promise<AuditedRecord[]> {
  const named = (type: string) => (row: { id: string }) => ({ type, id: row.id });
  const documents = await db.selectFrom('caseDocument').select('id').where('caseId', 'in', ids).execute();
  const appointments = await db.selectFrom('appointment').select('id').where('caseId', 'in', ids).execute();
  const questions = await db.selectFrom('legalQuestion').select('id').where('caseId', 'in', ids).execute();
  return [
    ...ids.map((id) => ({ type: 'case', id })),
    ...documents.map(named('case_document')),
    ...appointments.map(named('appointment')),
    ...questions.map(named('legal_question')),
  ];
}

/**
 * Anonymises at most `limit` due cases: the case keeps its number, type, states, dates, quota and outcome
 * (what the figures count), and loses its parties, documents, free text and the names in its heading. The
 * files left without a document are removed by the orphan sweeper; the persons left without a case by their
 * own category.
 */
export async function anonymiseDueCases(db: Db, cutoff: Date, states: StateFilter, limit: number) {
  const ids = (
    await dueCases(db, cutoff, states).select('caseFile.id').limit(limit).forUpdate().skipLocked().execute()
  ).map((row) => row.id);
  if (ids.length === 0) return 0;
  await redactAuditedChanges(db, await recordsOfCases(db, ids));
  await db.deleteFrom('caseNoticeReceipt').where('caseId', 'in', ids).execute();
  await db.updateTable('caseDocument').set({ supersededBy: null }).where('caseId', 'in', ids).execute();
  await db.deleteFrom('caseDocument').where('caseId', 'in', ids).execute();
  await db.deleteFrom('caseParty').where('caseId', 'in', ids).execute();
  // the events stay for the clock and the figures; their data (the application's details) and reasons go
  await sql`update case_event set reason = null, data = '{}'::jsonb where case_id in (${sql.join(ids)})`.execute(
    db,
  );
  await db.updateTable('caseOpinion').set({ notes: null }).where('caseId', 'in', ids).execute();
  await db.updateTable('caseOutcome').set({ reason: null }).where('caseId', 'in', ids).execute();
  await db
    .updateTable('legalQuestion')
    .set({ question: REMOVED_TEXT, answer: sql`case when answer is null then null else ${REMOVED_TEXT} end` })
    .where('caseId', 'in', ids)
    .execute();
  await db
    .updateTable('appointment')
    .set(anonymisedAppointment)
    .where('caseId', 'in', ids)
    .where('anonymisedAt', 'is', null)
    .execute();
  await db
    .updateTable('caseFile')
    .set({ title: ANONYMISED_TITLE, externalReference: null, anonymisedAt: sql`now()` })
    .where('id', 'in', ids)
    .execute();
  return ids.length;
}

// ---- identity documents

/** Documents that answer one of `codes` on a closed case, not held, closed before the cutoff. */
function dueDocuments(db: Db, cutoff: Date, codes: readonly string[]) {
  return db
    .selectFrom('caseDocument as d')
    .innerJoin('caseFile', 'caseFile.id', 'd.caseId')
    .where('d.checklistCode', 'in', codes)
    .where('caseFile.closed', '=', true)
    .where((eb) => eb.not(isHeld(eb)))
    .where((eb) => eb(closedAt(eb), '<', cutoff))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('caseNoticeReceipt as r').select('r.id').whereRef('r.evidenceDocumentId', '=', 'd.id'),
        ),
      ),
    );
}

export async function countDueDocuments(db: Db, cutoff: Date, codes: readonly string[]): Promise<number> {
  return countRows(dueDocuments(db, cutoff, codes));
}

/** Deletes at most `limit` due documents (their files become orphans); returns how many. */
export async function deleteDueDocuments(db: Db, cutoff: Date, codes: readonly string[], limit: number) {
  const ids = (
    await dueDocuments(db, cutoff, codes).select('d.id').limit(limit).forUpdate().skipLocked().execute()
  ).map((row) => row.id);
  if (ids.length === 0) return 0;
  await redactAuditedChanges(
    db,
    ids.map((id) => ({ type: 'case_document', id })),
  );
  await db.updateTable('caseDocument').set({ supersededBy: null }).where('supersededBy', 'in', ids).execute();
  await db.deleteFrom('caseDocument').where('id', 'in', ids).execute();
  return ids.length;
}

// ---- appointments

const anonymisedAppointment = {
  purpose: REMOVED_TEXT,
  recipientEmail: null,
  outcomeNotes: null,
  anonymisedAt: sql<Date>`now()`,
} as const;

/** Held before the cutoff, not anonymised, of no case or of a closed case that is not held. */
function dueAppointments(db: Db, cutoff: Date) {
  return db
    .selectFrom('appointment as a')
    .where('a.startsAt', '<', cutoff)
    .where('a.anonymisedAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb('a.caseId', 'is', null),
        eb.exists(
          eb
            .selectFrom('caseFile')
            .select('caseFile.id')
            .whereRef('caseFile.id', '=', 'a.caseId')
            .where('caseFile.closed', '=', true)
            .where((inner) => inner.not(isHeld(inner))),
        ),
      ]),
    );
}

export async function countDueAppointments(db: Db, cutoff: Date): Promise<number> {
  return countRows(dueAppointments(db, cutoff));
}

/** Removes the contact data and notes of at most `limit` due appointments; day, desk and status stay. */
export async function anonymiseDueAppointments(db: Db, cutoff: Date, limit: number): Promise<number> {
  const ids = (
    await dueAppointments(db, cutoff).select('a.id').limit(limit).forUpdate().skipLocked().execute()
  ).map((row) => row.id);
  if (ids.length === 0) return 0;
  await redactAuditedChanges(
    db,
    ids.map((id) => ({ type: 'appointment', id })),
  );
  await db.updateTable('appointment').set(anonymisedAppointment).where('id', 'in', ids).execute();
  return ids.length;
}

// ---- persons and employers no case refers to

function unreferencedPersons(db: Db, cutoff: Date) {
  return db
    .selectFrom('person as p')
    .where('p.updatedAt', '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('caseParty as cp').select('cp.caseId').whereRef('cp.personId', '=', 'p.id'))),
    );
}

function unreferencedEmployers(db: Db, cutoff: Date) {
  return db
    .selectFrom('employer as e')
    .where('e.updatedAt', '<', cutoff)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('caseParty as cp').select('cp.caseId').whereRef('cp.employerId', '=', 'e.id'))),
    );
}

export async function countUnreferencedParties(db: Db, cutoff: Date): Promise<number> {
  return (
    (await countRows(unreferencedPersons(db, cutoff))) + (await countRows(unreferencedEmployers(db, cutoff)))
  );
}

/** Deletes at most `limit` persons and employers no case refers to (persons first), with their history. */
export async function deleteUnreferencedParties(db: Db, cutoff: Date, limit: number): Promise<number> {
  const persons = (
    await unreferencedPersons(db, cutoff).select('p.id').limit(limit).forUpdate().skipLocked().execute()
  ).map((row) => row.id);
  if (persons.length > 0) {
    await redactAuditedChanges(
      db,
      persons.map((id) => ({ type: 'person', id })),
    );
    await db.deleteFrom('personRectification').where('personId', 'in', persons).execute();
    await db.deleteFrom('person').where('id', 'in', persons).execute();
  }
  if (persons.length === limit) return persons.length;
  const employers = (
    await unreferencedEmployers(db, cutoff)
      .select('e.id')
      .limit(limit - persons.length)
      .forUpdate()
      .skipLocked()
      .execute()
  ).map((row) => row.id);
  if (employers.length > 0) {
    await redactAuditedChanges(
      db,
      employers.map((id) => ({ type: 'employer', id })),
    );
    await db.deleteFrom('employer').where('id', 'in', employers).execute();
  }
  return persons.length + employers.length;
}

// ---- legal hold

export function findCaseWithHold(db: Db, organisationId: string, caseId: string) {
  return db
    .selectFrom('caseFile as c')
    .leftJoin('caseLegalHold as h', 'h.caseId', 'c.id')
    .leftJoin('appUser as u', 'u.id', 'h.placedBy')
    .select(['c.id', 'c.number', 'h.reason', 'h.placedAt', 'h.placedBy'])
    .select(sql<string | null>`u.given_name || ' ' || u.family_name`.as('placedByName'))
    .where('c.organisationId', '=', organisationId)
    .where('c.id', '=', caseId)
    .executeTakeFirst();
}

/** Locks the case of the office (or finds none), so that two holds placed at once do not both pass. */
export function lockCase(db: Db, organisationId: string, caseId: string) {
  return db
    .selectFrom('caseFile')
    .select(['id', 'number', 'anonymisedAt'])
    .where('organisationId', '=', organisationId)
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
}

export function findHold(db: Db, caseId: string) {
  return db.selectFrom('caseLegalHold').selectAll().where('caseId', '=', caseId).executeTakeFirst();
}

export async function insertHold(db: Db, row: Insertable<Database['caseLegalHold']>): Promise<void> {
  await db.insertInto('caseLegalHold').values(row).execute();
}

export async function deleteHold(db: Db, caseId: string): Promise<void> {
  await db.deleteFrom('caseLegalHold').where('caseId', '=', caseId).execute();
}

/** The held cases and what belongs to them (documents, appointments, questions, parties), as the trail names them. */
export async function heldRecords(db: Db): Promise<AuditedRecord[]> {
  const { rows } = await sql<AuditedRecord>`
    select 'case' as type, c.id::text as id from case_legal_hold h join case_file c on c.id = h.case_id
    union all
    select 'case_number', c.number from case_legal_hold h join case_file c on c.id = h.case_id
    union all
    select 'case_document', d.id::text from case_legal_hold h join case_document d on d.case_id = h.case_id
    union all
    select 'appointment', a.id::text from case_legal_hold h join appointment a on a.case_id = h.case_id
    union all
    select 'legal_question', q.id::text from case_legal_hold h join legal_question q on q.case_id = h.case_id
    union all
    select 'person', p.person_id::text from case_legal_hold h join case_party p on p.case_id = h.case_id
    where p.person_id is not null
    union all
    select 'employer', p.employer_id::text from case_legal_hold h join case_party p on p.case_id = h.case_id
    where p.employer_id is not null`.execute(db);
  return rows;
}

// ---- rectification

export function lockPerson(db: Db, organisationId: string, personId: string) {
  return db
    .selectFrom('person')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where('id', '=', personId)
    .forUpdate()
    .executeTakeFirst();
}

export function findPerson(db: Db, organisationId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['id'])
    .where('organisationId', '=', organisationId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

/** Another person of the office with the passport (and citizenship) or the fiscal code given. */
export function otherPersonWith(
  db: Db,
  person: { id: string; organisationId: string },
  keys: { passportNumber: string | null; citizenship: string; fiscalCode: string | null },
) {
  return db
    .selectFrom('person')
    .select(['id', 'passportNumber', 'fiscalCode'])
    .where('organisationId', '=', person.organisationId)
    .where('id', '!=', person.id)
    .where((eb) => {
      const matches: Expression<SqlBool>[] = [];
      if (keys.passportNumber)
        matches.push(
          eb.and([eb('passportNumber', '=', keys.passportNumber), eb('citizenship', '=', keys.citizenship)]),
        );
      if (keys.fiscalCode) matches.push(eb('fiscalCode', '=', keys.fiscalCode));
      return matches.length ? eb.or(matches) : eb.val(false);
    })
    .executeTakeFirst();
}

export async function updatePerson(db: Db, id: string, patch: Updateable<PersonTable>): Promise<void> {
  await db.updateTable('person').set(patch).where('id', '=', id).execute();
}

/** The parties' names in the headings of the person's cases follow a corrected name. */
export async function renameInCaseTitles(db: Db, personId: string, before: string, after: string) {
  await db
    .updateTable('caseFile')
    .set({ title: sql`replace(title, ${before}, ${after})` })
    .where('anonymisedAt', 'is', null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('caseParty as cp')
          .select('cp.caseId')
          .whereRef('cp.caseId', '=', 'caseFile.id')
          .where('cp.personId', '=', personId),
      ),
    )
    .execute();
}

export async function insertRectifications(db: Db, rows: readonly Insertable<PersonRectificationTable>[]) {
  if (rows.length)
    await db
      .insertInto('personRectification')
      .values([...rows])
      .execute();
}

export function rectificationsOf(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('personRectification as r')
    .leftJoin('appUser as u', 'u.id', 'r.rectifiedBy')
    .selectAll('r')
    .select(sql<string | null>`u.given_name || ' ' || u.family_name`.as('rectifiedByName'))
    .where('r.personId', 'in', personIds)
    .orderBy('r.rectifiedAt')
    .orderBy('r.id')
    .execute();
}

// ---- a data subject's records

export type SubjectKeys = {
  fiscalCode?: string;
  passportNumber?: string;
  email?: string;
  person?: { surname: string; givenName: string; birthDate: string };
};

/** The persons of the office the keys name. */
export function personsMatching(db: Db, organisationId: string, keys: SubjectKeys) {
  return db
    .selectFrom('person')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where((eb) => {
      const matches: Expression<SqlBool>[] = [];
      if (keys.fiscalCode) matches.push(eb(sql`upper(trim(fiscal_code))`, '=', keys.fiscalCode));
      if (keys.passportNumber) matches.push(eb(sql`upper(trim(passport_number))`, '=', keys.passportNumber));
      if (keys.email) matches.push(eb(sql`lower(trim(email))`, '=', keys.email));
      if (keys.person)
        matches.push(
          eb.and([
            eb(sql`lower(trim(surname))`, '=', keys.person.surname),
            eb(sql`lower(trim(given_name))`, '=', keys.person.givenName),
            eb('birthDate', '=', keys.person.birthDate),
          ]),
        );
      return matches.length ? eb.or(matches) : eb.val(false);
    })
    .orderBy('createdAt')
    .execute();
}

/** Employers of the office that are the person: a natural person's fiscal code, or the e-mail or PEC given. */
export function employersMatching(db: Db, organisationId: string, keys: SubjectKeys) {
  return db
    .selectFrom('employer')
    .selectAll()
    .where('organisationId', '=', organisationId)
    .where((eb) => {
      const matches: Expression<SqlBool>[] = [];
      if (keys.fiscalCode)
        matches.push(
          eb.and([eb('kind', '=', 'PERSON'), eb(sql`upper(trim(fiscal_code))`, '=', keys.fiscalCode)]),
        );
      if (keys.email)
        matches.push(
          eb.or([eb(sql`lower(trim(email))`, '=', keys.email), eb(sql`lower(trim(pec))`, '=', keys.email)]),
        );
      return matches.length ? eb.or(matches) : eb.val(false);
    })
    .orderBy('createdAt')
    .execute();
}

/** The office's cases the persons or employers are parties of, with the role they have there. */
export function casesOfParties(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
  employerIds: readonly string[],
) {
  if (personIds.length === 0 && employerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('caseParty as cp')
    .innerJoin('caseFile', 'caseFile.id', 'cp.caseId')
    .select([
      'cp.role',
      'cp.personId',
      'cp.employerId',
      'caseFile.id',
      'caseFile.number',
      'caseFile.typeCode',
      'caseFile.typeValidFrom',
      'caseFile.state',
      'caseFile.closed',
      'caseFile.submittedOn',
      'caseFile.receivedAt',
      'caseFile.quotaYear',
      'caseFile.quotaSector',
      'caseFile.channel',
    ])
    .select((eb) => closedAt(eb).as('closedAt'))
    .where('caseFile.organisationId', '=', organisationId)
    .where((eb) =>
      eb.or([
        ...(personIds.length ? [eb('cp.personId', 'in', personIds)] : []),
        ...(employerIds.length ? [eb('cp.employerId', 'in', employerIds)] : []),
      ]),
    )
    .orderBy('caseFile.receivedAt')
    .execute();
}

/** Every party of the cases that is a person, whoever they are. */
export function personPartiesOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('caseParty')
    .select(['caseId', 'personId'])
    .where('caseId', 'in', caseIds)
    .where('personId', 'is not', null)
    .execute();
}

/** The definitions of the case types the cases follow, each version once, as stored. */
export function caseTypeDefinitions(db: Db, versions: readonly { code: string; validFrom: string }[]) {
  if (versions.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('caseTypeVersion')
    .select(['code', 'validFrom', 'definition'])
    .where((eb) =>
      eb.or(
        versions.map((version) =>
          eb.and([eb('code', '=', version.code), eb('validFrom', '=', version.validFrom)]),
        ),
      ),
    )
    .execute();
}

export function outcomesOfCases(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('caseOutcome')
    .select(['caseId', 'label', 'number', 'issuedOn', 'validUntil', 'reason'])
    .where('caseId', 'in', caseIds)
    .orderBy('createdAt')
    .execute();
}

export function documentsOfCases(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('caseDocument')
    .selectAll()
    .where('caseId', 'in', caseIds)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
}

/** How many documents (every version) each of the cases holds; cases without any are left out. */
export async function documentCountsOf(db: Db, caseIds: readonly string[]): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('caseDocument')
    .select(['caseId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('caseId', 'in', caseIds)
    .groupBy('caseId')
    .execute();
  return new Map(rows.map((row) => [row.caseId, Number(row.n)]));
}

/**
 * The office's appointments addressed to one of the person's own addresses, and those of the cases with no
 * address at all: an appointment of the case sent to someone else is that person's.
 */
export function appointmentsOf(
  db: Db,
  organisationId: string,
  caseIds: readonly string[],
  ownEmails: readonly string[],
) {
  if (caseIds.length === 0 && ownEmails.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appointment as a')
    .innerJoin('desk as d', 'd.id', 'a.deskId')
    .selectAll('a')
    .select(['d.name as deskName', 'd.place'])
    .where('a.organisationId', '=', organisationId)
    .where((eb) =>
      eb.or([
        ...(caseIds.length
          ? [eb.and([eb('a.caseId', 'in', caseIds), eb('a.recipientEmail', 'is', null)])]
          : []),
        ...(ownEmails.length ? [eb(sql`lower(trim(a.recipient_email))`, 'in', ownEmails)] : []),
      ]),
    )
    .orderBy('a.startsAt')
    .execute();
}
