/**
 * The portal's initial content, shipped as `content/<language>.json`: the procedure sheets and the glossary,
 * with who wrote each language's texts in `content/provenance.json`. Written at start-up where missing. No
 * shipped text has been validated by a reviewer of the office: each is published as a draft that the public
 * reads with the label "bozza, non ancora verificata", and goes through the review workflow like any other.
 * A shipped text nobody of the office has touched since (never edited, reviewed or published again) follows
 * the shipped file when a new release changes it; what the back-office has edited is never overwritten.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { SYSTEM_CALLER } from '../../../kernel/auth.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { isLanguage, SOURCE_LANGUAGE } from '../languages.ts';
import { forgetPages } from '../page-cache.ts';
import { type Provenance, provenance, type SheetContent, sheetContent } from './contract.ts';
import * as store from './store.ts';

type ContentFile = {
  sheets: Record<string, SheetContent & { caseType?: string }>;
  glossary: Record<string, { term: string; definition: string }>;
};

const CONTENT = new URL('./content/', import.meta.url);

function readProvenance(languages: Iterable<string>): Map<string, string> {
  const file = JSON.parse(readFileSync(new URL('provenance.json', CONTENT), 'utf8')) as Record<
    string,
    Provenance
  >;
  return new Map(
    [...languages].map((language) => {
      const entry = file[language];
      if (!entry) throw new Error(`content/provenance.json says nothing of the ${language} texts`);
      return [language, JSON.stringify(provenance.parse(entry))];
    }),
  );
}

function readContent(): Map<string, ContentFile> {
  const files = new Map<string, ContentFile>();
  for (const file of readdirSync(CONTENT).filter((name) => /^[a-z]{2,3}\.json$/.test(name))) {
    const language = file.slice(0, -5);
    if (!isLanguage(language)) throw new Error(`content/${file} is for a language without a catalogue`);
    files.set(language, JSON.parse(readFileSync(new URL(file, CONTENT), 'utf8')) as ContentFile);
  }
  return files;
}

/** A text as it was loaded from the files: nobody of the office has edited, reviewed or published it since. */
const untouched = (row: store.SheetTextRow) =>
  row.editedBy === null &&
  row.status === 'DRAFT' &&
  row.revision === 1 &&
  row.publishedRevision === 1 &&
  row.publishedReviewedBy === null;

function shippedContent(
  files: Map<string, ContentFile>,
  language: string,
  code: string,
): SheetContent | null {
  const shipped = files.get(language)?.sheets[code];
  if (!shipped) return null;
  const { caseType: _caseType, ...raw } = shipped;
  return sheetContent.parse(raw);
}

/**
 * Writes the shipped sheets and glossary terms that the database does not have yet, and the new wording of
 * shipped texts nobody has touched.
 */
export async function loadPortalContent(platform: Pick<Platform, 'database' | 'clock'>): Promise<number> {
  const files = readContent();
  const source = files.get(SOURCE_LANGUAGE);
  if (!source) throw new Error(`content/${SOURCE_LANGUAGE}.json is missing`);
  const authors = readProvenance(files.keys());
  const { db } = platform.database;
  const texts = await store.sheetTexts(db);
  const present = new Set(texts.map((row) => `${row.sheetCode}/${row.language}`));
  const shipped = [...files].flatMap(([language, file]) =>
    Object.keys(file.sheets).map((code) => ({ language, code })),
  );
  const missing = shipped.filter(({ code, language }) => !present.has(`${code}/${language}`));
  const unattributed = texts.filter(
    (row) => row.provenance === null && row.editedBy === null && authors.has(row.language),
  );
  const changed = texts.flatMap((row) => {
    const wording = untouched(row) ? shippedContent(files, row.language, row.sheetCode) : null;
    return wording && !isDeepStrictEqual(sheetContent.parse(row.content), wording) ? [{ row, wording }] : [];
  });
  const glossaryCount = await store.countGlossaryTerms(db);
  if (missing.length === 0 && unattributed.length === 0 && changed.length === 0 && glossaryCount > 0)
    return 0;
  const codes = Object.keys(source.sheets);
  await writeTransaction(db, platform.clock, SYSTEM_CALLER, async ({ db: trx, audit }) => {
    const now = platform.clock.now();
    for (const [position, code] of codes.entries())
      await store.insertSheet(trx, { code, caseType: source.sheets[code]?.caseType ?? null, position });
    for (const { language, code } of missing) {
      const content = JSON.stringify(shippedContent(files, language, code));
      const sourceRevision = language === SOURCE_LANGUAGE ? null : 1;
      const written = authors.get(language) ?? null;
      await store.insertText(trx, {
        sheetCode: code,
        language,
        status: 'DRAFT',
        revision: 1,
        sourceRevision,
        content,
        provenance: written,
        editedAt: now,
        publishedContent: content,
        publishedProvenance: written,
        publishedAt: now,
        publishedRevision: 1,
        publishedSourceRevision: sourceRevision,
      });
    }
    for (const { row, wording } of changed) {
      const content = JSON.stringify(wording);
      await store.updateText(trx, row.sheetCode, row.language, { content, publishedContent: content });
    }
    for (const row of unattributed)
      await store.setShippedProvenance(trx, row.sheetCode, row.language, authors.get(row.language) ?? '');
    for (const [language, file] of files)
      for (const [termKey, entry] of Object.entries(file.glossary))
        await store.insertGlossaryTerm(trx, { language, termKey, ...entry });
    await audit({
      kind: 'change',
      action: 'portal.content.load',
      entityType: 'procedure_sheet',
      entityId: null,
      after: {
        texts: missing.map(({ code, language }) => `${code}/${language}`),
        attributed: unattributed.map((row) => `${row.sheetCode}/${row.language}`),
        updated: changed.map(({ row }) => `${row.sheetCode}/${row.language}`),
      },
    });
  });
  forgetPages(platform.database);
  return missing.length;
}
