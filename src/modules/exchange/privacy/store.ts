/** The queries of the opinions' retention: which closed opinions are due, their anonymisation, holds, search. */
import { type Expression, type SqlBool, sql } from 'kysely';
import { type AuditedRecord, redactAuditedChanges } from '../../../kernel/audit.ts';
import { countRows, type Db } from '../../../kernel/db.ts';

/** What an anonymised answer or question says instead of its text. */
export const REMOVED_TEXT = 'Testo rimosso alla scadenza del tempo di conservazione';

function dueOpinions(db: Db, cutoff: Date) {
  return db
    .selectFrom('opinionRequest as o')
    .where('o.closedAt', '<', cutoff)
    .where('o.anonymisedAt', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('opinionHold as h').select('h.caseNumber').whereRef('h.caseNumber', '=', 'o.caseNumber'),
        ),
      ),
    );
}

export async function countDueOpinions(db: Db, cutoff: Date): Promise<number> {
  return countRows(dueOpinions(db, cutoff));
}

/**
 * Removes the people from at most `limit` due opinions: the subject keeps the quota, the submission day and the
 * risk flag, the search text only the case number; answers lose their reasons and attachments, questions and
 * replies their text. Dates, bodies and outcomes stay, for the answer-time figures.
 */
export async function anonymiseDueOpinions(db: Db, cutoff: Date, limit: number): Promise<number> {
  const ids = (
    await dueOpinions(db, cutoff)
      .select('o.id')
      .orderBy('o.closedAt')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
  ).map((row) => row.id);
  if (ids.length === 0) return 0;
  await redactAuditedChanges(
    db,
    ids.map((id) => ({ type: 'opinion_request', id })),
  );
  await db
    .updateTable('opinionRequest')
    .set({
      subject: sql`jsonb_set(jsonb_set(subject, '{persons}', '[]'), '{employers}', '[]')`,
      searchText: sql`lower(case_number)`,
      anonymisedAt: sql`now()`,
    })
    .where('id', 'in', ids)
    .execute();
  // attachments are written once by the exchange; only the disposal empties them (the files are then orphans)
  await sql`update opinion_answer set reasons = null, attachments = '[]'::jsonb where opinion_id in (${sql.join(ids)})`.execute(
    db,
  );
  await db
    .updateTable('opinionQuestion')
    .set({ question: REMOVED_TEXT, reply: sql`case when reply is null then null else ${REMOVED_TEXT} end` })
    .where('opinionId', 'in', ids)
    .execute();
  return ids.length;
}

export async function holdOpinions(db: Db, caseNumber: string, now: Date): Promise<void> {
  await db
    .insertInto('opinionHold')
    .values({ caseNumber, heldSince: now })
    .onConflict((oc) => oc.column('caseNumber').doNothing())
    .execute();
}

export async function releaseOpinions(db: Db, caseNumber: string): Promise<void> {
  await db.deleteFrom('opinionHold').where('caseNumber', '=', caseNumber).execute();
}

/** The opinions about held cases, as the audit trail names them. */
export async function heldOpinions(db: Db): Promise<AuditedRecord[]> {
  const rows = await db
    .selectFrom('opinionRequest as o')
    .innerJoin('opinionHold as h', 'h.caseNumber', 'o.caseNumber')
    .select('o.id')
    .execute();
  return rows.map((row) => ({ type: 'opinion_request', id: row.id }));
}

/** What identifies a person among an opinion's subjects, normalised as the search compares it. */
export type SubjectKeys = {
  fiscalCode?: string;
  passportNumber?: string;
  person?: { surname: string; givenName: string; birthDate: string };
};

/**
 * The opinions the office requested whose subject names the person, with their answers and questions. The
 * requesting office is the one that answers for them; the body's copy is the body's.
 */
export async function opinionsAbout(db: Db, organisationId: string, keys: SubjectKeys) {
  const personMatches: Expression<SqlBool>[] = [];
  if (keys.fiscalCode) personMatches.push(sql<SqlBool>`upper(trim(p->>'fiscalCode')) = ${keys.fiscalCode}`);
  if (keys.passportNumber)
    personMatches.push(sql<SqlBool>`upper(trim(p->>'passportNumber')) = ${keys.passportNumber}`);
  if (keys.person)
    personMatches.push(
      sql<SqlBool>`(lower(trim(p->>'surname')) = ${keys.person.surname}
        and lower(trim(p->>'givenName')) = ${keys.person.givenName}
        and p->>'birthDate' = ${keys.person.birthDate})`,
    );
  if (personMatches.length === 0) return [];
  const employerMatch = keys.fiscalCode
    ? sql<SqlBool>`exists (select 1 from jsonb_array_elements(o.subject->'employers') e
        where upper(trim(e->>'fiscalCode')) = ${keys.fiscalCode})`
    : sql<SqlBool>`false`;
  const requests = await db
    .selectFrom('opinionRequest as o')
    .selectAll('o')
    .where('o.requesterOrganisationId', '=', organisationId)
    .where(
      sql<SqlBool>`(exists (select 1 from jsonb_array_elements(o.subject->'persons') p
        where ${sql.join(personMatches, sql` or `)}) or ${employerMatch})`,
    )
    .orderBy('o.requestedAt')
    .execute();
  if (requests.length === 0) return [];
  const ids = requests.map((row) => row.id);
  const answers = await db
    .selectFrom('opinionAnswer')
    .selectAll()
    .where('opinionId', 'in', ids)
    .orderBy('answeredAt')
    .execute();
  const questions = await db
    .selectFrom('opinionQuestion')
    .selectAll()
    .where('opinionId', 'in', ids)
    .orderBy('askedAt')
    .execute();
  return requests.map((request) => ({
    ...request,
    answers: answers.filter((answer) => answer.opinionId === request.id),
    questions: questions.filter((question) => question.opinionId === request.id),
  }));
}

// ---- delivered messages

/**
 * Messages the peer confirmed before the cutoff, except those about a held case: a request names its case, the
 * other messages the opinion they belong to.
 */
function deliveredMessages(db: Db, cutoff: Date) {
  return db
    .selectFrom('exchangeOutbox as m')
    .where('m.deliveredAt', '<', cutoff)
    .where(
      sql<SqlBool>`not exists (select 1 from opinion_hold h where h.case_number = m.payload->>'caseNumber'
        or h.case_number = (select o.case_number from opinion_request o
          where o.id::text = coalesce(m.payload->>'opinionId', m.payload->>'id')))`,
    );
}

export async function countDeliveredMessages(db: Db, cutoff: Date): Promise<number> {
  return countRows(deliveredMessages(db, cutoff));
}

/** Deletes at most `limit` delivered messages: the opinion at both ends keeps what they carried. */
export async function deleteDeliveredMessages(db: Db, cutoff: Date, limit: number): Promise<number> {
  const ids = (
    await deliveredMessages(db, cutoff).select('m.id').limit(limit).forUpdate().skipLocked().execute()
  ).map((row) => row.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('exchangeOutbox').where('id', 'in', ids).execute();
  return ids.length;
}
