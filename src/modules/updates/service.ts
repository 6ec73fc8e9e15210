/**
 * Use cases of the legal updates: the legal expert writes a draft and publishes it; everyone in the SUI reads
 * the published ones. A draft is seen only by those who write updates: for anyone else it does not exist.
 */
import type { Actor, Caller } from '../../kernel/auth.ts';
import { hasPermission } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { Conflict, Invalid, NotFound, Unauthenticated } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import { caseTypeCatalogue } from '../cases/law/service.ts';
import {
  proposeFromLegalUpdate,
  topicOfLegalUpdate,
  withdrawFromLegalUpdate,
} from '../training/proposals/service.ts';
import type { CaseTypeOption, UpdateInput, UpdateSummary, UpdateView } from './contract.ts';
import { articleLabel, dateFaults, publicationFaults, unknownCaseTypes } from './rules.ts';
import * as store from './store.ts';

export { updatesIndicators } from './indicators.ts';

export const UPDATE_NOT_FOUND = 'La novità normativa non esiste o non è accessibile.';

type CatalogPlatform = Pick<Platform, 'database' | 'clock'>;

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new Unauthenticated();
  return caller.actor;
}

/** Whether the actor writes updates, and so sees the drafts. */
export const writesUpdates = (actor: Actor) => hasPermission(actor, 'updates.write');

export function caseTypeOptions(platform: CatalogPlatform): Promise<CaseTypeOption[]> {
  return caseTypeCatalogue(platform);
}

/** The names of the case types by code, for the views. */
async function caseTypeNames(
  platform: CatalogPlatform,
): Promise<(code: string) => { code: string; name: string }> {
  const names = new Map((await caseTypeCatalogue(platform)).map((type) => [type.code, type.name]));
  return (code) => ({ code, name: names.get(code) ?? code });
}

/** An update the actor may see: a published one, or any for those who write them. */
export async function visibleUpdate(db: Db, actor: Actor, id: string): Promise<store.UpdateRow> {
  const row = await store.findUpdate(db, id);
  if (!row || (row.status === 'DRAFT' && !writesUpdates(actor))) throw new NotFound(UPDATE_NOT_FOUND);
  return row;
}

const hasPendingChange = (row: store.UpdateRow) =>
  row.status === 'PUBLISHED' && row.changeCaseType !== null && row.changeAppliedFrom === null;

function summaryOf(
  row: store.UpdateRow & { readAt: Date | null },
  caseTypes: { code: string; name: string }[],
): UpdateSummary {
  return {
    id: row.id,
    kind: row.kind,
    authority: row.authority,
    number: row.number,
    issuedOn: row.issuedOn,
    title: row.title,
    validFrom: row.validFrom,
    status: row.status,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    readAt: row.readAt?.toISOString() ?? null,
    caseTypes,
    hasPendingChange: hasPendingChange(row),
  };
}

export async function listUpdates(
  platform: Platform,
  caller: Caller,
  query: {
    page: number;
    pageSize: number;
    unread?: boolean | undefined;
    pendingChange?: boolean | undefined;
    q?: string | undefined;
    article?: string | undefined;
    caseType?: string | undefined;
  },
) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const filter = {
    readerId: actor.userId,
    withDrafts: writesUpdates(actor),
    unread: query.unread ?? false,
    pendingChange: query.pendingChange ?? false,
    text: query.q,
    article: query.article,
    caseType: query.caseType,
  };
  const { rows, total } = await store.updatesPage(db, filter, query);
  const types = await store.caseTypesOf(
    db,
    rows.map((row) => row.id),
  );
  const named = await caseTypeNames(platform);
  const items = rows.map((row) =>
    summaryOf(
      row,
      types.filter((type) => type.updateId === row.id).map((type) => named(type.caseType)),
    ),
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function getUpdate(platform: Platform, caller: Caller, id: string): Promise<UpdateView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const row = await visibleUpdate(db, actor, id);
  return viewOf(platform, db, row, (await store.readingOf(db, id, actor.userId))?.readAt ?? null);
}

async function viewOf(
  platform: CatalogPlatform,
  db: Db,
  row: store.UpdateRow,
  readAt: Date | null,
): Promise<UpdateView> {
  const named = await caseTypeNames(platform);
  const types = await store.caseTypesOf(db, [row.id]);
  const articles = await store.articlesOf(db, row.id);
  const names = await store.namesOf(db, [
    row.writtenBy,
    ...(row.changeAppliedBy ? [row.changeAppliedBy] : []),
  ]);
  const topic = await topicOfLegalUpdate(db, row.id);
  return {
    ...summaryOf(
      { ...row, readAt },
      types.map((type) => named(type.caseType)),
    ),
    summary: row.summary,
    fullText: row.fullText,
    attachment:
      row.attachmentFileName && row.attachmentSize !== null
        ? { fileName: row.attachmentFileName, size: row.attachmentSize }
        : null,
    articles: articles.map((article) => ({ ...article, label: articleLabel(article) })),
    writtenBy: names.get(row.writtenBy) ?? '',
    caseTypeChange:
      row.changeCaseType && row.changeNote
        ? {
            caseType: named(row.changeCaseType),
            note: row.changeNote,
            appliedFrom: row.changeAppliedFrom,
            appliedBy: row.changeAppliedBy ? (names.get(row.changeAppliedBy) ?? null) : null,
            appliedAt: row.changeAppliedAt?.toISOString() ?? null,
          }
        : null,
    trainingTopic: topic
      ? { proposedAt: topic.proposedAt, course: topic.course && { title: topic.course.title } }
      : null,
  };
}

/**
 * The legal consultant turns a published update into a training topic with one click: it joins the topics the
 * trainers plan from. A second click changes nothing.
 */
export async function proposeTrainingTopic(platform: Platform, caller: Caller, id: string) {
  const actor = actorOf(caller);
  const row = await visibleUpdate(platform.database.db, actor, id);
  if (row.status !== 'PUBLISHED')
    throw new Conflict('Solo una novità pubblicata può diventare un argomento di formazione.');
  const { created } = await proposeFromLegalUpdate(platform, caller, {
    id,
    title: row.title,
    summary: row.summary,
  });
  return { created, update: await getUpdate(platform, caller, id) };
}

/** Its writer withdraws the training topic an update became, while no course has taken it up. */
export async function withdrawTrainingTopic(platform: Platform, caller: Caller, id: string) {
  await visibleUpdate(platform.database.db, actorOf(caller), id);
  await withdrawFromLegalUpdate(platform, caller, id);
  return getUpdate(platform, caller, id);
}

/** The update's own fields as stored, from the input. */
function fieldsOf(input: UpdateInput) {
  return {
    kind: input.kind,
    authority: input.authority,
    number: input.number,
    issuedOn: input.issuedOn,
    title: input.title,
    summary: input.summary,
    fullText: input.fullText ?? null,
    validFrom: input.validFrom,
    changeCaseType: input.caseTypeChange?.caseType ?? null,
    changeNote: input.caseTypeChange?.note ?? null,
  };
}

async function mustBeValid(platform: CatalogPlatform, input: UpdateInput): Promise<void> {
  const known = new Set((await caseTypeCatalogue(platform)).map((type) => type.code));
  const problems = [
    ...dateFaults(input, platform.clock.today().toString()),
    ...unknownCaseTypes(input, known),
  ];
  if (problems.length > 0) throw new Invalid(problems);
}

/** What the trail keeps of an update: its fields, not its full text (the act is public, and long). */
const auditedFields = (input: UpdateInput) => ({
  ...fieldsOf(input),
  fullText: input.fullText ? `${input.fullText.length} caratteri` : null,
  articles: input.articles.map(articleLabel),
  caseTypes: input.caseTypes,
});

export async function createUpdate(
  platform: Platform,
  caller: Caller,
  input: UpdateInput,
): Promise<UpdateView> {
  const actor = actorOf(caller);
  await mustBeValid(platform, input);
  const now = platform.clock.now();
  const id = newId();
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    await store.insertUpdate(db, {
      id,
      ...fieldsOf(input),
      status: 'DRAFT',
      writtenBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await store.setReferences(db, id, input.articles, input.caseTypes);
    await audit({
      kind: 'change',
      action: 'updates.update.create',
      entityType: 'legal_update',
      entityId: id,
      before: null,
      after: auditedFields(input),
    });
    return viewOf(platform, db, (await store.findUpdate(db, id)) as store.UpdateRow, null);
  });
}

/** A draft in the transaction, locked; a published update is final (a correction is a new update). */
export async function lockDraft(db: Db, id: string): Promise<store.UpdateRow> {
  const row = await store.lockUpdate(db, id);
  if (!row) throw new NotFound(UPDATE_NOT_FOUND);
  if (row.status !== 'DRAFT')
    throw new Conflict(
      'La novità è già pubblicata e non si modifica: per correggerla, pubblicarne una nuova.',
    );
  return row;
}

export async function changeUpdate(
  platform: Platform,
  caller: Caller,
  id: string,
  input: UpdateInput,
): Promise<UpdateView> {
  await mustBeValid(platform, input);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await lockDraft(db, id);
    await store.patchUpdate(db, id, { ...fieldsOf(input), updatedAt: platform.clock.now() });
    await store.setReferences(db, id, input.articles, input.caseTypes);
    await audit({
      kind: 'change',
      action: 'updates.update.change',
      entityType: 'legal_update',
      entityId: id,
      before: { title: before.title, validFrom: before.validFrom, changeCaseType: before.changeCaseType },
      after: auditedFields(input),
    });
    return viewOf(platform, db, (await store.findUpdate(db, id)) as store.UpdateRow, null);
  });
}

/**
 * Publishes a draft: from now on it reaches the SUI's staff, the cases of its types and their worklists. The
 * legal expert who publishes it has read it.
 */
export async function publishUpdate(platform: Platform, caller: Caller, id: string): Promise<UpdateView> {
  const actor = actorOf(caller);
  const now = platform.clock.now();
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const draft = await lockDraft(db, id);
    const faults = publicationFaults(draft);
    if (faults.length > 0) throw new Invalid(faults, 'La novità non può ancora essere pubblicata.');
    await store.patchUpdate(db, id, { status: 'PUBLISHED', publishedAt: now, updatedAt: now });
    await store.insertReading(db, { updateId: id, userId: actor.userId, readAt: now });
    await audit({
      kind: 'change',
      action: 'updates.update.publish',
      entityType: 'legal_update',
      entityId: id,
      before: { status: 'DRAFT' },
      after: { status: 'PUBLISHED', title: draft.title },
    });
    return viewOf(platform, db, (await store.findUpdate(db, id)) as store.UpdateRow, now);
  });
}
