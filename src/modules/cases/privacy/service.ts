/**
 * Use cases of the case files' data protection (decision 075): the legal hold that stops the disposal of a
 * case, its documents, appointments and opinions; the rectification of a person's data with its history.
 */
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { holdCaseOpinions, releaseCaseOpinions } from '../../exchange/privacy/service.ts';
import { actorOf } from '../service.ts';
import {
  type LegalHoldView,
  RECTIFIABLE_FIELDS,
  type RectifiableField,
  type RectificationHistory,
  type RectificationInput,
} from './contract.ts';
import { checkRectification } from './rules.ts';
import * as store from './store.ts';

const caseNotFound = () => new NotFound('La pratica non esiste o non è accessibile.');
const personNotFound = () => new NotFound('La persona non esiste o non è accessibile.');

const inWords = (at: Date) =>
  new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(at);

// ---- legal hold

export async function legalHold(platform: Platform, caller: Caller, caseId: string): Promise<LegalHoldView> {
  const actor = actorOf(caller);
  const row = await store.findCaseWithHold(platform.database.db, actor.organisationId, caseId);
  if (!row) throw caseNotFound();
  return {
    hold:
      row.reason !== null && row.placedAt !== null
        ? { reason: row.reason, since: row.placedAt.toISOString(), placedBy: row.placedByName }
        : null,
  };
}

export async function placeLegalHold(
  platform: Platform,
  caller: Caller,
  caseId: string,
  reason: string,
): Promise<LegalHoldView> {
  const actor = actorOf(caller);
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const found = await store.lockCase(db, actor.organisationId, caseId);
    if (!found) throw caseNotFound();
    if (found.anonymisedAt)
      throw new Conflict(
        `La pratica è già stata resa anonima il ${inWords(found.anonymisedAt)}: non c’è più nulla da conservare.`,
      );
    const existing = await store.findHold(db, caseId);
    if (existing)
      throw new Conflict(
        `La conservazione della pratica è già sospesa per vincolo legale dal ${inWords(existing.placedAt)}.`,
      );
    await store.insertHold(db, { caseId, reason, placedBy: actor.userId, placedAt: now });
    await holdCaseOpinions(db, found.number, now);
    await audit({
      kind: 'change',
      action: 'cases.legal-hold.place',
      entityType: 'case',
      entityId: caseId,
      after: { reason },
      details: { number: found.number },
    });
  });
  return legalHold(platform, caller, caseId);
}

export async function releaseLegalHold(platform: Platform, caller: Caller, caseId: string): Promise<void> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const found = await store.lockCase(db, actor.organisationId, caseId);
    if (!found) throw caseNotFound();
    const existing = await store.findHold(db, caseId);
    if (!existing)
      throw new Conflict('La conservazione della pratica non è sospesa da alcun vincolo legale.');
    await store.deleteHold(db, caseId);
    await releaseCaseOpinions(db, found.number);
    await audit({
      kind: 'change',
      action: 'cases.legal-hold.release',
      entityType: 'case',
      entityId: caseId,
      before: { reason: existing.reason, placedAt: existing.placedAt.toISOString() },
      details: { number: found.number },
    });
  });
}

// ---- rectification

/** The uniqueness the registry keeps per office: a passport (with its citizenship) or a fiscal code is one person. */
async function refuseClash(
  db: Parameters<typeof store.otherPersonWith>[0],
  person: { id: string; organisationId: string },
  keys: { passportNumber: string | null; citizenship: string; fiscalCode: string | null },
  changed: readonly RectifiableField[],
) {
  const relevant = {
    passportNumber: changed.some((field) => field === 'passportNumber' || field === 'citizenship')
      ? keys.passportNumber
      : null,
    citizenship: keys.citizenship,
    fiscalCode: changed.includes('fiscalCode') ? keys.fiscalCode : null,
  };
  const other = await store.otherPersonWith(db, person, relevant);
  if (!other) return;
  const byFiscalCode = relevant.fiscalCode !== null && other.fiscalCode === relevant.fiscalCode;
  throw new Conflict(
    byFiscalCode
      ? 'Il codice fiscale indicato appartiene già a un’altra persona registrata presso l’ufficio.'
      : 'Il passaporto indicato appartiene già a un’altra persona registrata presso l’ufficio.',
    undefined,
    [
      {
        path: byFiscalCode ? 'body.changes.fiscalCode' : 'body.changes.passportNumber',
        message: 'già registrato per un’altra persona',
      },
    ],
  );
}

export async function rectifyPerson(
  platform: Platform,
  caller: Caller,
  personId: string,
  input: RectificationInput,
): Promise<RectificationHistory> {
  const actor = actorOf(caller);
  const now = platform.clock.now();
  const today = platform.clock.today();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const stored = await store.lockPerson(db, actor.organisationId, personId);
    if (!stored) throw personNotFound();
    const checked = checkRectification(stored, input.changes, today);
    if (!checked.ok) throw new Invalid(checked.errors);
    const { changed, person, fiscalCodeWarnings } = checked.value;
    const fields = changed.map((change) => change.field);
    await refuseClash(db, stored, person, fields);
    await store.updatePerson(db, personId, {
      surname: person.surname,
      givenName: person.givenName,
      birthDate: person.birthDate,
      birthPlace: person.birthPlace,
      citizenship: person.citizenship,
      citizenshipCadastralCode: person.citizenshipCadastralCode,
      passportNumber: person.passportNumber,
      fiscalCode: person.fiscalCode,
      fiscalCodeWarnings,
      address: person.address,
      email: person.email,
      phone: person.phone,
      updatedAt: now,
    });
    if (fields.includes('surname') || fields.includes('givenName'))
      await store.renameInCaseTitles(
        db,
        personId,
        `${stored.surname.toUpperCase()} ${stored.givenName}`,
        `${person.surname.toUpperCase()} ${person.givenName}`,
      );
    const rows = changed.map((change) => ({
      id: newId(),
      personId,
      field: change.field,
      previousValue: change.previous,
      newValue: change.next,
      reason: input.reason,
      rectifiedBy: actor.userId,
      rectifiedAt: now,
    }));
    await store.insertRectifications(db, rows);
    // the values are in the history, which is disposed of with the person; the trail keeps which fields and why
    await audit({
      kind: 'change',
      action: 'cases.person.rectify',
      entityType: 'person',
      entityId: personId,
      details: { fields, reason: input.reason, rectifications: rows.map((row) => row.id) },
    });
  });
  return rectificationHistoryOf(platform, caller, personId, false);
}

export function rectificationHistory(platform: Platform, caller: Caller, personId: string) {
  return rectificationHistoryOf(platform, caller, personId, true);
}

async function rectificationHistoryOf(
  platform: Platform,
  caller: Caller,
  personId: string,
  auditTheRead: boolean,
): Promise<RectificationHistory> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  if (!(await store.findPerson(db, actor.organisationId, personId))) throw personNotFound();
  const rows = await store.rectificationsOf(db, [personId]);
  if (auditTheRead)
    await auditRead(db, platform.clock, caller, 'person', personId, { rectifications: rows.length });
  return {
    items: rows.map((row) => ({
      id: row.id,
      field: row.field,
      fieldLabel: RECTIFIABLE_FIELDS[row.field as RectifiableField] ?? row.field,
      previousValue: row.previousValue,
      newValue: row.newValue,
      reason: row.reason,
      rectifiedBy: row.rectifiedByName,
      rectifiedAt: row.rectifiedAt.toISOString(),
    })),
  };
}
