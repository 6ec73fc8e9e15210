/**
 * Use cases of a mediator's profile (the languages they speak and how well, when they can be booked) and of
 * the choice of a mediator for an appointment: who speaks the applicant's language and is free then.
 */
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import { type Caller, hasPermission } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf, requireDesk } from '../appointments/desks.ts';
import { slotStartingAt } from '../appointments/slots.ts';
import * as appointmentStore from '../appointments/store.ts';
import { calendarOf } from '../service.ts';
import * as store from '../store.ts';
import type {
  LanguageLevel,
  MediatorProfileView,
  MediatorProposals,
  mediatorProfileInput,
  mediatorProposalsQuery,
} from './contract.ts';
import { isAvailable, type LocalTime, type MediatorCandidate, proposeMediators } from './rules.ts';
import * as teamStore from './store.ts';

const OFFICE_ZONE = 'Europe/Rome';
const NOT_FOUND = 'Il mediatore non esiste o non appartiene a questo ufficio.';

/** The office's mediators (or one of them) with their languages, levels and weekly windows. */
async function candidates(db: Db, organisationId: string, now: Date, userId?: string) {
  const rows = (await teamStore.mediators(db, organisationId, now)).filter(
    (row) => userId === undefined || row.id === userId,
  );
  const profiles = await teamStore.profilesOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    ...row,
    levels: profiles.languages
      .filter((entry) => entry.userId === row.id)
      .map(({ language, level }) => ({ language, level: level as LanguageLevel })),
    availability: profiles.availability
      .filter((entry) => entry.userId === row.id)
      .map(({ weekday, fromTime, toTime }) => ({ weekday, from: fromTime, to: toTime })),
  }));
}

async function profileView(db: Db, organisationId: string, now: Date, userId: string) {
  const [row] = await candidates(db, organisationId, now, userId);
  const origin = await teamStore.mediatorOrigin(db, organisationId, userId);
  if (!row || !origin) throw new NotFound(NOT_FOUND);
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    secondedFrom: origin.secondedFrom,
    offices: await teamStore.mediatorOffices(db, userId),
    languages: row.levels,
    availability: row.availability,
    upcomingBookings: row.upcomingBookings,
  } satisfies MediatorProfileView;
}

export async function mediatorProfile(
  platform: Platform,
  caller: Caller,
  userId: string,
): Promise<MediatorProfileView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const view = await profileView(db, actor.organisationId, platform.clock.now(), userId);
  await auditRead(db, platform.clock, caller, 'user', userId, { mediatorProfile: true });
  return view;
}

/**
 * A mediator keeps their own profile; the SUI manager of an office they work in may keep it too (decision 050).
 * The profile is the person's, one for every office they work in: the change reaches all of them, and the audit
 * entry names them.
 */
export async function updateMediatorProfile(
  platform: Platform,
  caller: Caller,
  userId: string,
  input: z.infer<typeof mediatorProfileInput>,
): Promise<MediatorProfileView> {
  const actor = actorOf(caller);
  if (actor.userId !== userId && !hasPermission(actor, 'cases.mediators.manage'))
    throw new Forbidden('Il profilo di un mediatore è aggiornato da lui stesso o dal responsabile SUI.');
  const languages = [...input.languages].sort((a, b) => a.language.localeCompare(b.language));
  const availability = [...input.availability].sort(
    (a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from),
  );
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await teamStore.isMediatorOf(db, actor.organisationId, userId))) throw new NotFound(NOT_FOUND);
    const before = await profileView(db, actor.organisationId, platform.clock.now(), userId);
    await teamStore.replaceProfile(db, userId, { languages, availability });
    await audit({
      kind: 'change',
      action: 'cases.mediator.profile',
      entityType: 'user',
      entityId: userId,
      before: { languages: before.languages, availability: before.availability },
      after: { languages, availability, offices: before.offices },
    });
  });
  return profileView(platform.database.db, actor.organisationId, platform.clock.now(), userId);
}

/** An appointment as a mediator's week sees it, in the office's time zone. */
function localTime(startsAt: Date, endsAt: Date): LocalTime {
  const local = (at: Date) =>
    Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(OFFICE_ZONE);
  const start = local(startsAt);
  return {
    weekday: start.dayOfWeek,
    from: start.toPlainTime().toString({ smallestUnit: 'minute' }),
    to: local(endsAt).toPlainTime().toString({ smallestUnit: 'minute' }),
  };
}

/** Whether an appointment falls within the mediator's weekly windows (any time when they recorded none). */
export async function isMediatorAvailable(db: Db, userId: string, startsAt: Date, endsAt: Date) {
  const { availability } = await teamStore.profilesOf(db, [userId]);
  return isAvailable(
    availability.map(({ weekday, fromTime, toTime }) => ({ weekday, from: fromTime, to: toTime })),
    localTime(startsAt, endsAt),
  );
}

/** The applicant's preferred language: the worker's, else the first person's who gave one. */
async function applicantLanguage(db: Db, caseId: string): Promise<string | null> {
  const parties = await store.caseParties(db, caseId);
  const worker = parties.find((party) => party.role === 'WORKER' && party.preferredLanguage);
  return (worker ?? parties.find((party) => party.preferredLanguage))?.preferredLanguage ?? null;
}

/**
 * The mediators to propose for an appointment of a case at a desk's slot: those who speak the applicant's
 * language (or the one asked) and are free and available then; the others with the reason.
 */
export async function proposeCaseMediators(
  platform: Platform,
  caller: Caller,
  caseId: string,
  query: z.infer<typeof mediatorProposalsQuery>,
): Promise<MediatorProposals> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  if (!(await store.findCase(db, actor.organisationId, caseId)))
    throw new NotFound('La pratica non esiste o non è accessibile.');
  const desk = await requireDesk(db, actor.organisationId, query.deskId, 'query.deskId');
  const startsAt = new Date(query.startsAt);
  if (startsAt.getTime() < platform.clock.now().getTime())
    throw new Invalid([{ path: 'query.startsAt', message: 'L’orario scelto è già passato' }]);
  const slot = slotStartingAt(startsAt.getTime(), desk.openings, calendarOf(platform.config));
  if (!slot)
    throw new Invalid([
      { path: 'query.startsAt', message: 'L’orario scelto non è un appuntamento dello sportello' },
    ]);
  const endsAt = new Date(slot.endsAt.epochMilliseconds);
  const language = query.language ?? (await applicantLanguage(db, caseId));
  const rows = await candidates(db, actor.organisationId, platform.clock.now());
  const team: MediatorCandidate[] = [];
  for (const row of rows)
    team.push({
      id: row.id,
      name: row.name,
      languages: row.levels,
      availability: row.availability,
      isBusy: await appointmentStore.isMediatorBusy(db, row.id, startsAt, endsAt),
    });
  await auditRead(db, platform.clock, caller, 'case', caseId, { mediatorProposals: true });
  return { language, ...proposeMediators(team, language, localTime(startsAt, endsAt)) };
}
