/** The queries of a case's documents and outcome documents. */
import type { Insertable } from 'kysely';
import type { CaseDocumentTable, CaseOutcomeTable } from '../../../db/tables/cases.ts';
import type { Db } from '../../../kernel/db.ts';

// ---- documents

/** Among `sha256s`, the files a document of some case is. */
export async function storedDocuments(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const rows = await db
    .selectFrom('caseDocument')
    .select('sha256')
    .distinct()
    .where('sha256', 'in', sha256s)
    .execute();
  return rows.map((row) => row.sha256);
}

/** Every document of a case, every version, in upload order. */
export function caseDocumentsQuery(db: Db, caseId: string) {
  return db
    .selectFrom('caseDocument')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('uploadedAt')
    .orderBy('id');
}

export function caseDocuments(db: Db, caseId: string) {
  return caseDocumentsQuery(db, caseId).execute();
}

/** The checklist codes a current (not superseded) document answers. */
export async function currentChecklistCodes(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('caseDocument')
    .select('checklistCode')
    .where('caseId', '=', caseId)
    .where('checklistCode', 'is not', null)
    .where('supersededBy', 'is', null)
    .execute();
  return rows.flatMap((row) => (row.checklistCode ? [row.checklistCode] : []));
}

/** The current version of a checklist item of a case, if any. */
export function currentVersionOf(db: Db, caseId: string, checklistCode: string) {
  return db
    .selectFrom('caseDocument')
    .select(['id', 'version'])
    .where('caseId', '=', caseId)
    .where('checklistCode', '=', checklistCode)
    .where('supersededBy', 'is', null)
    .executeTakeFirst();
}

export function insertDocument(db: Db, row: Insertable<CaseDocumentTable>) {
  return db.insertInto('caseDocument').values(row).returningAll().executeTakeFirstOrThrow();
}

export function supersedeDocument(db: Db, id: string, by: string) {
  return db
    .updateTable('caseDocument')
    .set({ supersededBy: by })
    .where('id', '=', id)
    .where('supersededBy', 'is', null)
    .execute();
}

/** A document of a case of the office; undefined when either is not there. */
export function findDocument(db: Db, organisationId: string, caseId: string, documentId: string) {
  return db
    .selectFrom('caseDocument as d')
    .innerJoin('caseFile as c', 'c.id', 'd.caseId')
    .selectAll('d')
    .select('c.number as caseNumber')
    .where('c.organisationId', '=', organisationId)
    .where('d.caseId', '=', caseId)
    .where('d.id', '=', documentId)
    .executeTakeFirst();
}

// ---- outcomes

export function caseOutcomesQuery(db: Db, caseId: string) {
  return db
    .selectFrom('caseOutcome')
    .selectAll()
    .where('caseId', '=', caseId)
    .orderBy('createdAt')
    .orderBy('id');
}

export function caseOutcomes(db: Db, caseId: string) {
  return caseOutcomesQuery(db, caseId).execute();
}

export function insertOutcome(db: Db, row: Insertable<CaseOutcomeTable>) {
  return db.insertInto('caseOutcome').values(row).returningAll().executeTakeFirstOrThrow();
}

/** An outcome of a case of the office; undefined when either is not there. */
export function findOutcome(db: Db, organisationId: string, caseId: string, outcomeId: string) {
  return db
    .selectFrom('caseOutcome as o')
    .innerJoin('caseFile as c', 'c.id', 'o.caseId')
    .selectAll('o')
    .where('c.organisationId', '=', organisationId)
    .where('o.caseId', '=', caseId)
    .where('o.id', '=', outcomeId)
    .executeTakeFirst();
}

/** The outcome with a verification code, with what the public check shows of its case. */
export function findOutcomeByCode(db: Db, code: string) {
  return db
    .selectFrom('caseOutcome as o')
    .innerJoin('caseFile as c', 'c.id', 'o.caseId')
    .innerJoin('organisation as org', 'org.id', 'c.organisationId')
    .select([
      'o.id',
      'o.label',
      'o.number',
      'o.issuedOn',
      'o.validUntil',
      'c.typeCode',
      'c.typeValidFrom',
      'org.name as issuer',
    ])
    .where('o.verificationCode', '=', code)
    .executeTakeFirst();
}
