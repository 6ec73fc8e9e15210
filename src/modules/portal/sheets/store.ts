import type { Insertable, Updateable } from 'kysely';
import type { GlossaryTermTable, ProcedureSheetTextTable } from '../../../db/tables/portal.ts';
import type { Db } from '../../../kernel/db.ts';
import { SOURCE_LANGUAGE } from '../languages.ts';

/** The published sheets in a language, each with its Italian original for the ones not translated. */
export function publishedSheets(db: Db, language: string) {
  return db
    .selectFrom('procedureSheet as s')
    .innerJoin('procedureSheetText as source', (join) =>
      join.onRef('source.sheetCode', '=', 's.code').on('source.language', '=', SOURCE_LANGUAGE),
    )
    .leftJoin('procedureSheetText as own', (join) =>
      join.onRef('own.sheetCode', '=', 's.code').on('own.language', '=', language),
    )
    .leftJoin('appUser as sourceReviewer', 'sourceReviewer.id', 'source.publishedReviewedBy')
    .leftJoin('appUser as ownReviewer', 'ownReviewer.id', 'own.publishedReviewedBy')
    .select([
      's.code',
      'source.publishedContent as sourceContent',
      'source.publishedRevision as sourceRevision',
      'source.publishedProvenance as sourceProvenance',
      'source.publishedReviewedAt as sourceReviewedAt',
      'sourceReviewer.givenName as sourceReviewerGivenName',
      'sourceReviewer.familyName as sourceReviewerFamilyName',
      'own.publishedContent as ownContent',
      'own.publishedSourceRevision as ownSourceRevision',
      'own.publishedProvenance as ownProvenance',
      'own.publishedReviewedAt as ownReviewedAt',
      'ownReviewer.givenName as ownReviewerGivenName',
      'ownReviewer.familyName as ownReviewerFamilyName',
    ])
    .where('source.publishedAt', 'is not', null)
    .orderBy('s.position')
    .execute();
}

/** The languages a sheet can be read in, and whether each published text was validated. */
export function publishedLanguages(db: Db, code: string) {
  return db
    .selectFrom('procedureSheetText')
    .select(['language', 'publishedReviewedAt'])
    .where('sheetCode', '=', code)
    .where('publishedAt', 'is not', null)
    .execute();
}

export type PublishedSheetRow = Awaited<ReturnType<typeof publishedSheets>>[number];

export async function publishedSheet(db: Db, code: string, language: string) {
  const rows = await publishedSheets(db, language);
  return rows.find((row) => row.code === code);
}

/** The published terms of a language: what the public reads. */
export async function glossary(db: Db, language: string) {
  const rows = await db
    .selectFrom('glossaryTerm')
    .select(['termKey', 'publishedTerm', 'publishedDefinition', 'publishedReviewedBy'])
    .where('language', '=', language)
    .where('publishedTerm', 'is not', null)
    .orderBy('publishedTerm')
    .execute();
  return rows.map((row) => ({
    termKey: row.termKey,
    term: row.publishedTerm ?? '',
    definition: row.publishedDefinition ?? '',
    validated: row.publishedReviewedBy !== null,
  }));
}

/** How many terms the glossary has, in all languages. */
export async function countGlossaryTerms(db: Db): Promise<number> {
  return Number(
    (await db.selectFrom('glossaryTerm').select(db.fn.countAll<string>().as('n')).executeTakeFirst())?.n,
  );
}

/** Every term of the glossary in every language, for the back-office. */
export function glossaryTerms(db: Db) {
  return db
    .selectFrom('glossaryTerm')
    .select(['language', 'termKey', 'term', 'definition', 'status', 'publishedTerm', 'publishedDefinition'])
    .orderBy('termKey')
    .orderBy('language')
    .execute();
}

export function findSheet(db: Db, code: string) {
  return db.selectFrom('procedureSheet').selectAll().where('code', '=', code).executeTakeFirst();
}

export function lockText(db: Db, code: string, language: string) {
  return db
    .selectFrom('procedureSheetText')
    .selectAll()
    .where('sheetCode', '=', code)
    .where('language', '=', language)
    .forUpdate()
    .executeTakeFirst();
}

/** Every text with the name of who validated its published copy. */
export function sheetTexts(db: Db, code?: string) {
  let query = db
    .selectFrom('procedureSheetText as text')
    .leftJoin('appUser as reviewer', 'reviewer.id', 'text.publishedReviewedBy')
    .selectAll('text')
    .select(['reviewer.givenName as reviewerGivenName', 'reviewer.familyName as reviewerFamilyName'])
    .orderBy('text.sheetCode')
    .orderBy('text.language');
  if (code) query = query.where('text.sheetCode', '=', code);
  return query.execute();
}

export type SheetTextRow = Awaited<ReturnType<typeof sheetTexts>>[number];

export function insertText(db: Db, row: Insertable<ProcedureSheetTextTable>) {
  return db
    .insertInto('procedureSheetText')
    .values(row)
    .onConflict((c) => c.doNothing())
    .execute();
}

export function updateText(
  db: Db,
  code: string,
  language: string,
  patch: Updateable<ProcedureSheetTextTable>,
) {
  return db
    .updateTable('procedureSheetText')
    .set(patch)
    .where('sheetCode', '=', code)
    .where('language', '=', language)
    .execute();
}

/** Adds one answer to the counts of a sheet in a language. */
export function countFeedback(
  db: Db,
  answer: { sheetCode: string; language: string; useful: boolean; reason: string },
) {
  return db
    .insertInto('sheetFeedback')
    .values({ ...answer, answers: 1 })
    .onConflict((c) =>
      c
        .columns(['sheetCode', 'language', 'useful', 'reason'])
        .doUpdateSet((eb) => ({ answers: eb('sheetFeedback.answers', '+', 1) })),
    )
    .execute();
}

/** Every count of answers, with the sheet's Italian title. */
export function feedbackCounts(db: Db) {
  return db
    .selectFrom('sheetFeedback as f')
    .innerJoin('procedureSheet as s', 's.code', 'f.sheetCode')
    .leftJoin('procedureSheetText as source', (join) =>
      join.onRef('source.sheetCode', '=', 'f.sheetCode').on('source.language', '=', SOURCE_LANGUAGE),
    )
    .select(['f.sheetCode', 'f.language', 'f.useful', 'f.reason', 'f.answers', 'source.content'])
    .orderBy('s.position')
    .orderBy('f.language')
    .execute();
}

/** Fills in who wrote the shipped texts of an install older than provenance (texts shipped are all published). */
export function setShippedProvenance(db: Db, code: string, language: string, provenance: string) {
  return db
    .updateTable('procedureSheetText')
    .set({ provenance, publishedProvenance: provenance })
    .where('sheetCode', '=', code)
    .where('language', '=', language)
    .where('editedBy', 'is', null)
    .where('provenance', 'is', null)
    .execute();
}

export function insertSheet(db: Db, row: { code: string; caseType: string | null; position: number }) {
  return db
    .insertInto('procedureSheet')
    .values(row)
    .onConflict((c) => c.doNothing())
    .execute();
}

/** Writes a shipped term where missing, as published text. */
export function insertGlossaryTerm(
  db: Db,
  row: { language: string; termKey: string; term: string; definition: string },
) {
  return db
    .insertInto('glossaryTerm')
    .values({ ...row, status: 'PUBLISHED', publishedTerm: row.term, publishedDefinition: row.definition })
    .onConflict((c) => c.doNothing())
    .execute();
}

/** Saves a term as a draft to be reviewed; the published copy stays as it is. */
export function saveGlossaryDraft(
  db: Db,
  row: { language: string; termKey: string; term: string; definition: string },
) {
  const draft = { term: row.term, definition: row.definition, status: 'DRAFT' as const, reviewedBy: null };
  return db
    .insertInto('glossaryTerm')
    .values({ ...row, ...draft })
    .onConflict((c) => c.columns(['language', 'termKey']).doUpdateSet(draft))
    .execute();
}

export function lockGlossaryTerm(db: Db, key: { language: string; termKey: string }) {
  return db
    .selectFrom('glossaryTerm')
    .selectAll()
    .where('language', '=', key.language)
    .where('termKey', '=', key.termKey)
    .forUpdate()
    .executeTakeFirst();
}

export function updateGlossaryTerm(
  db: Db,
  key: { language: string; termKey: string },
  patch: Updateable<GlossaryTermTable>,
) {
  return db
    .updateTable('glossaryTerm')
    .set(patch)
    .where('language', '=', key.language)
    .where('termKey', '=', key.termKey)
    .execute();
}
