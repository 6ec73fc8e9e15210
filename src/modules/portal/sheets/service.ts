/**
 * Procedure sheets: what the public reads, and the translation workflow of the back-office. A text is
 * edited as a draft, reviewed (Italian source by the legal expert, a translation by a mediator who covers
 * its language) and published; the public keeps reading the last published copy meanwhile. A translation
 * remembers the Italian revision it was made from, so that it shows as out of date when the source changes.
 */
import type { Actor, Caller } from '../../../kernel/auth.ts';
import { Conflict, Forbidden, NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { isLanguage, LANGUAGES, SOURCE_LANGUAGE } from '../languages.ts';
import { forgetPages } from '../page-cache.ts';
import { reviewerLanguages } from '../ports.ts';
import {
  FEEDBACK_REASONS,
  type FeedbackCount,
  type FeedbackForm,
  type GlossaryView,
  type Provenance,
  provenance,
  SHEET_SECTIONS,
  SHEET_STATUSES,
  type SheetContent,
  type SheetTextView,
  sheetContent,
} from './contract.ts';
import * as store from './store.ts';

/** `validated`: a reviewer checked the published words; otherwise a draft, labelled as such. */
export type GlossaryEntry = { termKey: string; term: string; definition: string; validated: boolean };

/** Who validated a published text, and when: absent for a text published without a real review. */
export type Validation = { by: string; at: Date };

export type PublicSheet = {
  code: string;
  /** The language of the text shown: the visitor's, or Italian when the sheet is not translated. */
  language: string;
  content: SheetContent;
  provenance: Provenance | null;
  validation: Validation | null;
  outOfDate: boolean;
  /** The languages the sheet can be read in, each validated or a draft. */
  languages: { code: string; validated: boolean }[];
  glossary: GlossaryEntry[];
};

const asContent = (value: unknown) => sheetContent.parse(value);
const asProvenance = (value: unknown) => (value === null ? null : provenance.parse(value));
const fullName = (given: string | null, family: string | null) =>
  given && family ? `${given} ${family}` : null;

function validation(at: Date | null, given: string | null, family: string | null): Validation | null {
  const by = fullName(given, family);
  return at && by ? { by, at } : null;
}

function toPublic(
  row: store.PublishedSheetRow,
  language: string,
): Omit<PublicSheet, 'glossary' | 'languages'> {
  if (row.ownContent && language !== SOURCE_LANGUAGE)
    return {
      code: row.code,
      language,
      content: asContent(row.ownContent),
      provenance: asProvenance(row.ownProvenance),
      validation: validation(row.ownReviewedAt, row.ownReviewerGivenName, row.ownReviewerFamilyName),
      outOfDate: (row.ownSourceRevision ?? 0) < (row.sourceRevision ?? 0),
    };
  return {
    code: row.code,
    language: SOURCE_LANGUAGE,
    content: asContent(row.sourceContent),
    provenance: asProvenance(row.sourceProvenance),
    validation: validation(row.sourceReviewedAt, row.sourceReviewerGivenName, row.sourceReviewerFamilyName),
    outOfDate: false,
  };
}

/** The published sheets as the home page lists them, in the visitor's language where translated. */
export async function listPublicSheets(platform: Platform, language: string) {
  const rows = await store.publishedSheets(platform.database.db, language);
  return rows.map((row) => toPublic(row, language));
}

const textOf = (content: SheetContent) =>
  [content.title, content.summary, ...SHEET_SECTIONS.map((s) => content[s] ?? '')]
    .join('\n')
    .toLocaleLowerCase();

/** One published sheet with the glossary terms that appear in it; null when there is no such sheet. */
export async function publicSheet(
  platform: Platform,
  code: string,
  language: string,
): Promise<PublicSheet | null> {
  const { db } = platform.database;
  const row = await store.publishedSheet(db, code, language);
  if (!row) return null;
  const sheet = toPublic(row, language);
  const text = textOf(sheet.content);
  const [terms, languages] = await Promise.all([
    store.glossary(db, sheet.language),
    store.publishedLanguages(db, code),
  ]);
  return {
    ...sheet,
    languages: LANGUAGES.flatMap(({ code: shown }) => {
      const found = languages.find((entry) => entry.language === shown);
      return found ? [{ code: shown, validated: found.publishedReviewedAt !== null }] : [];
    }),
    glossary: terms.filter((entry) => text.includes(entry.term.toLocaleLowerCase())),
  };
}

function view(row: store.SheetTextRow, source: store.SheetTextRow | undefined): SheetTextView {
  return {
    code: row.sheetCode,
    language: row.language,
    status: row.status,
    revision: row.revision,
    sourceRevision: row.sourceRevision,
    content: asContent(row.content),
    editedAt: row.editedAt.toISOString(),
    reviewedAt: row.reviewedAt?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedRevision: row.publishedRevision,
    provenance: asProvenance(row.provenance),
    publishedReview: (() => {
      const done = validation(row.publishedReviewedAt, row.reviewerGivenName, row.reviewerFamilyName);
      return done ? { by: done.by, at: done.at.toISOString() } : null;
    })(),
    outOfDate:
      row.language !== SOURCE_LANGUAGE &&
      (row.publishedSourceRevision ?? row.sourceRevision ?? 0) < (source?.publishedRevision ?? 0),
  };
}

/** Every text of every sheet (or of one), with its workflow state, for the back-office. */
export async function listSheetTexts(platform: Platform, code?: string): Promise<SheetTextView[]> {
  const rows = await store.sheetTexts(platform.database.db, code);
  const sources = new Map(
    rows.filter((row) => row.language === SOURCE_LANGUAGE).map((row) => [row.sheetCode, row]),
  );
  return rows.map((row) => view(row, sources.get(row.sheetCode)));
}

async function textView(platform: Platform, code: string, language: string): Promise<SheetTextView> {
  const found = (await listSheetTexts(platform, code)).find((text) => text.language === language);
  if (!found) throw new NotFound('Il testo della scheda non esiste.');
  return found;
}

const actorOf = (caller: Caller): Actor => {
  if (!caller.actor) throw new NotFound();
  return caller.actor;
};

/** Without a word on who wrote it, a text is by whoever saves it, and a translation is theirs, by hand. */
const writtenBy = (actor: Actor, language: string): Provenance => {
  const name = `${actor.givenName} ${actor.familyName}`;
  return language === SOURCE_LANGUAGE
    ? { author: name, translation: null, translator: null }
    : { author: name, translation: 'HUMAN', translator: name };
};

/** Saves a new draft of a sheet in a language: a new revision, to be reviewed again. */
export async function saveSheetDraft(
  platform: Platform,
  caller: Caller,
  key: { code: string; language: string },
  draftContent: SheetContent & { provenance?: Provenance | undefined },
): Promise<SheetTextView> {
  const actor = actorOf(caller);
  const { provenance: written, ...content } = draftContent;
  const origin =
    key.language === SOURCE_LANGUAGE
      ? { ...(written ?? writtenBy(actor, key.language)), translation: null, translator: null }
      : (written ?? writtenBy(actor, key.language));
  if (!isLanguage(key.language)) throw new NotFound('Lingua non prevista dal portale.');
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await store.findSheet(db, key.code))) throw new NotFound('La scheda non esiste.');
    const source = await store.lockText(db, key.code, SOURCE_LANGUAGE);
    if (key.language !== SOURCE_LANGUAGE && !source)
      throw new Conflict('Prima si scrive il testo italiano, poi le traduzioni.');
    const old = key.language === SOURCE_LANGUAGE ? source : await store.lockText(db, key.code, key.language);
    const now = platform.clock.now();
    const draft = {
      status: 'DRAFT' as const,
      revision: (old?.revision ?? 0) + 1,
      sourceRevision: key.language === SOURCE_LANGUAGE ? null : (source?.revision ?? null),
      content: JSON.stringify(content),
      provenance: JSON.stringify(origin),
      editedAt: now,
      editedBy: actor.userId,
      reviewedAt: null,
      reviewedBy: null,
    };
    if (old) await store.updateText(db, key.code, key.language, draft);
    else await store.insertText(db, { sheetCode: key.code, language: key.language, ...draft });
    await audit({
      kind: 'change',
      action: 'portal.sheet.edit',
      entityType: 'procedure_sheet',
      entityId: `${key.code}/${key.language}`,
      before: old ? { revision: old.revision, status: old.status } : null,
      after: {
        revision: draft.revision,
        status: 'DRAFT',
        sourceRevision: draft.sourceRevision,
        provenance: origin,
      },
    });
  });
  return textView(platform, key.code, key.language);
}

/** The Italian source is reviewed by the legal expert, a translation by a mediator who covers its language. */
async function assertMayReview(platform: Platform, actor: Actor, language: string) {
  if (language === SOURCE_LANGUAGE) {
    if (!actor.roles.includes('legal_expert'))
      throw new Forbidden('Il testo italiano è revisionato dall’esperto legale.');
    return;
  }
  const covered = actor.roles.includes('mediator')
    ? await reviewerLanguages.call(platform.database.db, actor.userId)
    : [];
  if (!covered.includes(language))
    throw new Forbidden('Una traduzione è revisionata da un mediatore che copre la sua lingua.');
}

type LockedText = NonNullable<Awaited<ReturnType<typeof store.lockText>>>;

async function move(
  platform: Platform,
  caller: Caller,
  key: { code: string; language: string },
  from: 'DRAFT' | 'REVIEWED',
  apply: (row: LockedText, now: Date) => Parameters<typeof store.updateText>[3],
  action: string,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.lockText(db, key.code, key.language);
    if (!row) throw new NotFound('Il testo della scheda non esiste.');
    if (row.status !== from)
      throw new Conflict(`Il testo è «${row.status}»: questo passaggio vale per un testo «${from}».`);
    const patch = apply(row, platform.clock.now());
    await store.updateText(db, key.code, key.language, patch);
    await audit({
      kind: 'change',
      action,
      entityType: 'procedure_sheet',
      entityId: `${key.code}/${key.language}`,
      before: { status: row.status, revision: row.revision },
      after: { status: patch.status, revision: row.revision },
    });
  });
  return textView(platform, key.code, key.language);
}

export async function reviewSheetText(
  platform: Platform,
  caller: Caller,
  key: { code: string; language: string },
) {
  const actor = actorOf(caller);
  await assertMayReview(platform, actor, key.language);
  return move(
    platform,
    caller,
    key,
    'DRAFT',
    (_row, now) => ({ status: 'REVIEWED', reviewedAt: now, reviewedBy: actor.userId }),
    'portal.sheet.review',
  );
}

export async function publishSheetText(
  platform: Platform,
  caller: Caller,
  key: { code: string; language: string },
) {
  actorOf(caller);
  return move(
    platform,
    caller,
    key,
    'REVIEWED',
    (row, now) => ({
      status: 'PUBLISHED',
      publishedContent: JSON.stringify(row.content),
      publishedAt: now,
      publishedRevision: row.revision,
      publishedSourceRevision: row.sourceRevision,
      publishedReviewedAt: row.reviewedAt,
      publishedReviewedBy: row.reviewedBy,
      publishedProvenance: row.provenance === null ? null : JSON.stringify(row.provenance),
    }),
    'portal.sheet.publish',
  ).finally(() => forgetPages(platform.database));
}

/** Every term of the glossary in every language, for the back-office. */
export const listGlossaryTerms = (platform: Platform) => store.glossaryTerms(platform.database.db);

/** Saves a term in a language as a draft: the public keeps reading the published one until it is reviewed. */
export async function saveGlossaryTerm(
  platform: Platform,
  caller: Caller,
  key: GlossaryKey,
  input: { term: string; definition: string },
): Promise<GlossaryView> {
  actorOf(caller);
  if (!isLanguage(key.language)) throw new NotFound('Lingua non prevista dal portale.');
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await store.lockGlossaryTerm(db, key);
    await store.saveGlossaryDraft(db, { ...key, ...input });
    await audit({
      kind: 'change',
      action: 'portal.glossary.save',
      entityType: 'glossary_term',
      entityId: `${key.language}/${key.termKey}`,
      before: before ? { term: before.term, definition: before.definition, status: before.status } : null,
      after: { ...input, status: 'DRAFT' },
    });
  });
  return glossaryTermView(platform, key);
}

type GlossaryKey = { language: string; termKey: string };

async function glossaryTermView(platform: Platform, key: GlossaryKey): Promise<GlossaryView> {
  const found = (await listGlossaryTerms(platform)).find(
    (term) => term.language === key.language && term.termKey === key.termKey,
  );
  if (!found) throw new NotFound('Il termine non è nel glossario.');
  return found;
}

async function moveGlossaryTerm(
  platform: Platform,
  caller: Caller,
  key: GlossaryKey,
  from: 'DRAFT' | 'REVIEWED',
  patch: (row: {
    term: string;
    definition: string;
    reviewedBy: string | null;
  }) => Parameters<typeof store.updateGlossaryTerm>[2],
  action: string,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.lockGlossaryTerm(db, key);
    if (!row) throw new NotFound('Il termine non è nel glossario.');
    if (row.status !== from)
      throw new Conflict(
        `Il termine è «${SHEET_STATUSES[row.status]}»: questo passaggio vale per un termine «${SHEET_STATUSES[from]}».`,
      );
    const changes = patch(row);
    await store.updateGlossaryTerm(db, key, changes);
    await audit({
      kind: 'change',
      action,
      entityType: 'glossary_term',
      entityId: `${key.language}/${key.termKey}`,
      before: { status: row.status },
      after: { status: changes.status, term: row.term, definition: row.definition },
    });
  });
  return glossaryTermView(platform, key);
}

/** The same review as the sheets: Italian by the legal expert, a translation by a mediator of its language. */
export async function reviewGlossaryTerm(platform: Platform, caller: Caller, key: GlossaryKey) {
  const actor = actorOf(caller);
  await assertMayReview(platform, actor, key.language);
  return moveGlossaryTerm(
    platform,
    caller,
    key,
    'DRAFT',
    () => ({ status: 'REVIEWED', reviewedBy: actor.userId }),
    'portal.glossary.review',
  );
}

export async function publishGlossaryTerm(platform: Platform, caller: Caller, key: GlossaryKey) {
  actorOf(caller);
  return moveGlossaryTerm(
    platform,
    caller,
    key,
    'REVIEWED',
    (row) => ({
      status: 'PUBLISHED',
      publishedTerm: row.term,
      publishedDefinition: row.definition,
      publishedReviewedBy: row.reviewedBy,
    }),
    'portal.glossary.publish',
  ).finally(() => forgetPages(platform.database));
}

/**
 * Counts one answer to "was this page useful?" for a sheet in a language. Nothing of the reader is kept: not
 * the address, not a cookie, only the answer among the counts. The counts are statistics of anonymous answers,
 * not an act of anyone: one atomic increment, with no audit entry per answer (decision 051).
 */
export async function recordFeedback(
  platform: Platform,
  key: { code: string; language: string },
  answer: FeedbackForm,
): Promise<void> {
  if (!isLanguage(key.language)) throw new NotFound();
  const { db } = platform.database;
  if (!(await store.publishedSheet(db, key.code, key.language))) throw new NotFound();
  const useful = answer.useful === 'yes';
  const reason = useful ? 'none' : (answer.reason ?? 'other');
  await store.countFeedback(db, { sheetCode: key.code, language: key.language, useful, reason });
}

/** The answers per sheet and language, for the communications staff. */
export async function listFeedback(platform: Platform): Promise<FeedbackCount[]> {
  const rows = await store.feedbackCounts(platform.database.db);
  const counts = new Map<string, FeedbackCount>();
  for (const row of rows) {
    const key = `${row.sheetCode}/${row.language}`;
    const count = counts.get(key) ?? {
      code: row.sheetCode,
      title: row.content ? asContent(row.content).title : row.sheetCode,
      language: row.language,
      useful: 0,
      notUseful: 0,
      reasons: Object.fromEntries(FEEDBACK_REASONS.map((reason) => [reason, 0])) as FeedbackCount['reasons'],
    };
    if (row.useful) count.useful += row.answers;
    else {
      count.notUseful += row.answers;
      const reason = FEEDBACK_REASONS.find((known) => known === row.reason) ?? 'other';
      count.reasons[reason] += row.answers;
    }
    counts.set(key, count);
  }
  return [...counts.values()];
}
