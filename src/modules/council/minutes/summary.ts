/**
 * What the public reads of a meeting: a summary the secretariat writes beside the approved minutes (starting
 * from them, if it likes), checked for personal data, and published only once every warning is resolved —
 * edited away, or marked as not personal data with a reason. The minutes themselves are never published.
 */
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { personNamesAmong } from '../../cases/service.ts';
import {
  type clearanceInput,
  PERSONAL_DATA_KINDS,
  type PublicSummaryView,
  type publicSummaryInput,
} from '../contract.ts';
import { actorOf, MEETING_NOT_FOUND, refuseIfCancelled } from '../service.ts';
import * as store from '../store.ts';
import { findPersonalData, nameCandidates, splitFullName, unresolvedWarnings } from './rules.ts';
import * as minutesStore from './store.ts';

/** The people LOVIT knows whose family name the text may hold: users, the council's people, case parties. */
async function knownNames(db: Db, text: string) {
  const candidates = nameCandidates(text);
  const council = (await minutesStore.councilPeopleNames(db)).map(splitFullName);
  const users = candidates.length ? await minutesStore.userNamesAmong(db, candidates) : [];
  return [...council, ...users, ...(await personNamesAmong(db, candidates))];
}

const romeDay = (instant: Date) =>
  Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO('Europe/Rome').toPlainDate();

async function warningsOf(db: Db, meeting: { startsAt: Date }, text: string) {
  return findPersonalData(text, await knownNames(db, text), romeDay(meeting.startsAt).toString());
}

/** The meeting, which must have approved minutes: the summary is of what the council approved. */
async function approvedMeeting(db: Db, id: string, lock: boolean) {
  const meeting = lock
    ? await store.lockMeeting(db, id)
    : (await store.meetings(db, { all: true }, { id }))[0];
  if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
  refuseIfCancelled(meeting, 'non ha sintesi pubblica');
  if (meeting.minutesStatus !== 'APPROVED')
    throw new Conflict('La sintesi pubblica si scrive dopo l’approvazione del verbale.');
  return meeting;
}

/** The summary beside the approved minutes, with its warnings: the secretariat's preview before publishing. */
export async function getPublicSummary(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<PublicSummaryView> {
  actorOf(caller);
  const { db } = platform.database;
  const meeting = await approvedMeeting(db, id, false);
  const minutes = (await minutesStore.versions(db, id)).at(-1)?.text ?? '';
  const summary = await minutesStore.findSummary(db, id);
  const text = summary?.text ?? minutes;
  const warnings = await warningsOf(db, meeting, text);
  const cleared = new Map((await minutesStore.clearances(db, id)).map((mark) => [mark.key, mark]));
  await auditRead(db, platform.clock, caller, 'council_meeting', id, { publicSummary: true });
  return {
    meetingId: id,
    minutes,
    text,
    isSaved: Boolean(summary),
    savedAt: summary?.savedAt.toISOString() ?? null,
    savedBy: summary?.savedByName ?? null,
    publishedText: summary?.publishedText ?? null,
    publishedAt: summary?.publishedAt?.toISOString() ?? null,
    warnings: warnings.map((warning) => ({
      ...warning,
      clearedReason: cleared.get(warning.key)?.reason ?? null,
      clearedBy: cleared.get(warning.key)?.clearedByName ?? null,
    })),
    canPublish:
      Boolean(summary) &&
      summary?.publishedText !== summary?.text &&
      unresolvedWarnings(warnings, [...cleared.values()]).length === 0,
  };
}

export async function savePublicSummary(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof publicSummaryInput>,
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    await approvedMeeting(db, id, true);
    const before = await minutesStore.findSummary(db, id);
    await minutesStore.saveSummary(db, {
      meetingId: id,
      text: input.text,
      savedAt: platform.clock.now(),
      savedBy: actor.userId,
    });
    await audit({
      kind: 'change',
      action: 'council.summary.save',
      entityType: 'council_meeting',
      entityId: id,
      before: before ? { text: before.text } : null,
      after: { text: input.text },
    });
  });
  return getPublicSummary(platform, caller, id);
}

/** The saved summary and its warnings, for the steps that act on them. */
async function savedSummary(db: Db, id: string) {
  const meeting = await approvedMeeting(db, id, true);
  const summary = await minutesStore.findSummary(db, id);
  if (!summary) throw new Conflict('Prima si salva la sintesi pubblica.');
  return { summary, warnings: await warningsOf(db, meeting, summary.text) };
}

/** Marks a warning of the saved summary as not personal data, with the reason, for the audit trail. */
export async function clearWarning(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof clearanceInput>,
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const { warnings } = await savedSummary(db, id);
    const warning = warnings.find((item) => item.key === input.key);
    if (!warning)
      throw new Invalid([{ path: 'body.key', message: 'la segnalazione non è nella sintesi salvata' }]);
    await minutesStore.insertClearance(db, {
      meetingId: id,
      key: warning.key,
      excerpt: warning.excerpt,
      reason: input.reason,
      clearedAt: platform.clock.now(),
      clearedBy: actor.userId,
    });
    await audit({
      kind: 'change',
      action: 'council.summary.clear',
      entityType: 'council_meeting',
      entityId: id,
      before: null,
      after: { excerpt: warning.excerpt, kind: warning.kind, reason: input.reason },
    });
  });
  return getPublicSummary(platform, caller, id);
}

/** Publishes the saved summary on the council's public page, once no warning is left unresolved. */
export async function publishPublicSummary(platform: Platform, caller: Caller, id: string) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const { summary, warnings } = await savedSummary(db, id);
    const open = unresolvedWarnings(warnings, await minutesStore.clearances(db, id));
    if (open.length)
      throw new Conflict(
        `La sintesi contiene ancora possibili dati personali: ${open
          .map((warning) => `«${warning.excerpt}» (${PERSONAL_DATA_KINDS[warning.kind]})`)
          .join(', ')}. Toglierli dal testo, o indicare perché non sono dati personali.`,
      );
    await minutesStore.publishSummary(db, id, platform.clock.now(), actor.userId);
    await audit({
      kind: 'change',
      action: 'council.summary.publish',
      entityType: 'council_meeting',
      entityId: id,
      before: { publishedText: summary.publishedText },
      after: { publishedText: summary.text },
    });
  });
  return getPublicSummary(platform, caller, id);
}
