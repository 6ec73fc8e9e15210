/**
 * Use cases of the concertation log: the consultant and the secretariat record the meetings and contacts with
 * the network's bodies (from the directory, or named as written); everyone in the council reads it. The author
 * and the secretariat change or delete an entry.
 */
import type { Actor, Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { type FieldError, Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf, canManage } from '../service.ts';
import type { ConcertationInput, ConcertationQuery, ConcertationView } from './contract.ts';
import { heldOnFault, repeatedNames } from './rules.ts';
import * as store from './store.ts';

const ENTRY_NOT_FOUND = 'La voce del registro della concertazione non esiste.';

function entryView(row: store.EntryRow, actor: Actor): ConcertationView {
  return {
    id: row.id,
    heldOn: row.heldOn,
    kind: row.kind,
    topic: row.topic,
    outcome: row.outcome,
    followUp: row.followUp,
    tableId: row.tableId,
    tableName: row.tableName,
    organisations: row.organisations,
    otherOrganisations: row.otherOrganisations,
    recordedBy: row.recordedBy,
    updatedAt: row.updatedAt.toISOString(),
    canEdit: canManage(actor) || row.createdBy === actor.userId,
  };
}

export function filterOf(query: Omit<ConcertationQuery, 'page' | 'pageSize'>): store.EntryFilter {
  if (query.from && query.to && query.to < query.from)
    throw new Invalid([
      { path: 'querystring.to', message: 'la fine del periodo non può precedere l’inizio' },
    ]);
  return query;
}

export async function listEntries(platform: Platform, caller: Caller, query: ConcertationQuery) {
  const actor = actorOf(caller);
  const { page, pageSize, ...rest } = query;
  const filter = filterOf(rest);
  const { db } = platform.database;
  const rows = await store.entries(db, filter, { limit: pageSize, offset: (page - 1) * pageSize });
  const total = await store.countEntries(db, filter);
  return { items: rows.map((row) => entryView(row, actor)), total, page, pageSize };
}

export async function getEntry(platform: Platform, caller: Caller, id: string): Promise<ConcertationView> {
  const [row] = await store.entries(platform.database.db, { id }, { limit: 1, offset: 0 });
  if (!row) throw new NotFound(ENTRY_NOT_FOUND);
  return entryView(row, actorOf(caller));
}

/** Every fault of an entry, before anything is written. */
async function faultsOf(platform: Platform, db: Db, input: ConcertationInput): Promise<FieldError[]> {
  const faults: FieldError[] = [];
  const late = heldOnFault(input.heldOn, platform.clock.today().toString());
  if (late) faults.push({ path: 'body.heldOn', message: late });
  const known = await store.existingOrganisations(db, input.organisationIds);
  const seen = new Set<string>();
  input.organisationIds.forEach((id, index) => {
    if (!known.has(id))
      faults.push({ path: `body.organisationIds.${index}`, message: 'ente non presente nell’anagrafica' });
    else if (seen.has(id))
      faults.push({ path: `body.organisationIds.${index}`, message: 'ente già indicato' });
    seen.add(id);
  });
  for (const index of repeatedNames(input.otherOrganisations))
    faults.push({ path: `body.otherOrganisations.${index}`, message: 'ente già indicato' });
  if (input.tableId && !(await store.tableExists(db, input.tableId)))
    faults.push({ path: 'body.tableId', message: 'tavolo inesistente' });
  return faults;
}

const columnsOf = (input: ConcertationInput) => ({
  heldOn: input.heldOn,
  kind: input.kind,
  topic: input.topic,
  outcome: input.outcome ?? null,
  followUp: input.followUp ?? null,
  tableId: input.tableId ?? null,
  otherOrganisations: input.otherOrganisations,
});

export async function createEntry(platform: Platform, caller: Caller, input: ConcertationInput) {
  const actor = actorOf(caller);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const faults = await faultsOf(platform, db, input);
    if (faults.length) throw new Invalid(faults);
    const now = platform.clock.now();
    const row = { id, ...columnsOf(input), createdBy: actor.userId, createdAt: now, updatedAt: now };
    await store.insertEntry(db, row);
    await store.setOrganisations(db, id, input.organisationIds);
    await audit({
      kind: 'change',
      action: 'council.concertation.create',
      entityType: 'council_concertation_entry',
      entityId: id,
      before: null,
      after: { ...row, organisationIds: input.organisationIds },
    });
  });
  return getEntry(platform, caller, id);
}

async function lockEditable(db: Db, actor: Actor, id: string) {
  const entry = await store.lockEntry(db, id);
  if (!entry) throw new NotFound(ENTRY_NOT_FOUND);
  if (!canManage(actor) && entry.createdBy !== actor.userId)
    throw new Forbidden('La voce si modifica solo da chi l’ha registrata o dalla segreteria.');
  const organisationIds = (await store.organisationIds(db, id)).map((row) => row.organisationId);
  return { ...entry, organisationIds };
}

export async function updateEntry(platform: Platform, caller: Caller, id: string, input: ConcertationInput) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await lockEditable(db, actor, id);
    const faults = await faultsOf(platform, db, input);
    if (faults.length) throw new Invalid(faults);
    const changes = { ...columnsOf(input), updatedAt: platform.clock.now() };
    await store.updateEntry(db, id, changes);
    await store.setOrganisations(db, id, input.organisationIds);
    await audit({
      kind: 'change',
      action: 'council.concertation.update',
      entityType: 'council_concertation_entry',
      entityId: id,
      before,
      after: { ...changes, organisationIds: input.organisationIds },
    });
  });
  return getEntry(platform, caller, id);
}

export async function deleteEntry(platform: Platform, caller: Caller, id: string) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await lockEditable(db, actor, id);
    await store.deleteEntry(db, id);
    await audit({
      kind: 'change',
      action: 'council.concertation.delete',
      entityType: 'council_concertation_entry',
      entityId: id,
      before,
      after: null,
    });
  });
}
