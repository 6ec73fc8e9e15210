import type { Insertable, Updateable } from 'kysely';
import type { ProcedureSheetTextTable } from '../../../db/tables/portal.ts';
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
    .select([
      's.code',
      'source.publishedContent as sourceContent',
      'source.publishedRevision as sourceRevision',
      'own.publishedContent as ownContent',
      'own.publishedSourceRevision as ownSourceRevision',
      'own.publishedReviewedAt as ownReviewedAt',
      'source.publishedReviewedAt as sourceReviewedAt',
    ])
    .where('source.publishedAt', 'is not', null)
    .orderBy('s.position')
    .execute();
}

export type PublishedSheetRow = Awaited<ReturnType<typeof publishedSheets>>[number];

export async function publishedSheet(db: Db, code: string, language: string) {
  const rows = await publishedSheets(db, language);
  return rows.find((row) => row.code === code);
}

export function glossary(db: Db, language: string) {
  return db
    .selectFrom('glossaryTerm')
    .select(['termKey', 'term', 'definition'])
    .where('language', '=', language)
    .orderBy('term')
    .execute();
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
    .select(['language', 'termKey', 'term', 'definition'])
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

export function sheetTexts(db: Db, code?: string) {
  let query = db.selectFrom('procedureSheetText').selectAll().orderBy('sheetCode').orderBy('language');
  if (code) query = query.where('sheetCode', '=', code);
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

export function insertSheet(db: Db, row: { code: string; caseType: string | null; position: number }) {
  return db
    .insertInto('procedureSheet')
    .values(row)
    .onConflict((c) => c.doNothing())
    .execute();
}

export function upsertGlossaryTerm(
  db: Db,
  row: { language: string; termKey: string; term: string; definition: string },
  replace: boolean,
) {
  return db
    .insertInto('glossaryTerm')
    .values(row)
    .onConflict((c) =>
      replace
        ? c.columns(['language', 'termKey']).doUpdateSet({ term: row.term, definition: row.definition })
        : c.doNothing(),
    )
    .execute();
}
