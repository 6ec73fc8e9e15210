/** Use cases of the SUI's desks: opening hours and the free slots they offer. */
import { Temporal } from 'temporal-polyfill';
import type { Actor, Caller } from '../../../kernel/auth.ts';
import { endOfDayInRome, LEGAL_TIME_ZONE, startOfDayInRome } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { isMunicipalityOfProvince, servedProvince } from '../../../kernel/territory/province.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { calendarOf } from '../service.ts';
import { type DeskFields, type DeskView, NOT_STATED } from './contract.ts';
import { freeSlots, type OpeningWindow, openingProblems, romeTime, type Slot } from './slots.ts';
import * as store from './store.ts';

/** The longest span of days one request for free slots or for an agenda may cover. */
export const MAX_RANGE_DAYS = 62;
/** How many alternatives a refused booking proposes, and how far ahead they are looked for. */
const ALTERNATIVES = 5;
const ALTERNATIVES_HORIZON_DAYS = 30;

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new NotFound();
  return caller.actor;
}

export const slotView = (slot: Slot) => ({
  startsAt: romeTime(slot.startsAt),
  endsAt: romeTime(slot.endsAt),
});

/** A span of legal days from a query, checked: `to` not before `from`, not longer than `MAX_RANGE_DAYS`. */
export function dayRange(
  from: string | undefined,
  to: string | undefined,
  defaults: { from: Temporal.PlainDate; days: number },
): { from: Temporal.PlainDate; to: Temporal.PlainDate } {
  const start = from ? Temporal.PlainDate.from(from) : defaults.from;
  const end = to ? Temporal.PlainDate.from(to) : start.add({ days: defaults.days });
  const days = start.until(end, { largestUnit: 'days' }).days;
  if (days < 0)
    throw new Invalid([{ path: 'querystring.to', message: 'la data finale precede quella iniziale' }]);
  if (days >= MAX_RANGE_DAYS)
    throw new Invalid([
      { path: 'querystring.to', message: `al massimo ${MAX_RANGE_DAYS} giorni per richiesta` },
    ]);
  return { from: start, to: end };
}

function checkOpenings(openings: DeskFields['openings']) {
  const problems = openingProblems(openings);
  if (problems.length)
    throw new Invalid(problems.map(({ index, message }) => ({ path: `body.openings.${index}`, message })));
}

/** The columns of a desk's place from its input, its municipality checked against the province's. */
function deskPlace(input: DeskFields): store.DeskPlace {
  const municipalityCode = input.municipalityCode ?? servedProvince().chiefTown.code;
  if (!isMunicipalityOfProvince(municipalityCode))
    throw new Invalid([
      {
        path: 'body.municipalityCode',
        message: `scegliere un comune della provincia di ${servedProvince().name}`,
      },
    ]);
  const { stepFreeAccess, lift, accessibleToilet, notes } = { ...NOT_STATED, ...input.accessibility };
  return {
    name: input.name,
    place: input.place,
    municipalityCode,
    stepFreeAccess,
    lift,
    accessibleToilet,
    accessibilityNotes: notes,
  };
}

type DeskRow = { id: string } & store.DeskPlace;

async function deskViews(db: Db, desks: DeskRow[]) {
  const openings = await store.openingsOf(
    db,
    desks.map((desk) => desk.id),
  );
  return desks.map(
    (desk): DeskView => ({
      id: desk.id,
      name: desk.name,
      place: desk.place,
      municipalityCode: desk.municipalityCode,
      accessibility: {
        stepFreeAccess: desk.stepFreeAccess,
        lift: desk.lift,
        accessibleToilet: desk.accessibleToilet,
        notes: desk.accessibilityNotes,
      },
      openings: openings
        .filter((window) => window.deskId === desk.id)
        .map(({ weekday, opens, closes, slotMinutes }) => ({ weekday, opens, closes, slotMinutes })),
    }),
  );
}

export async function createDesk(platform: Platform, caller: Caller, input: DeskFields): Promise<DeskView> {
  const actor = actorOf(caller);
  checkOpenings(input.openings);
  const place = deskPlace(input);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const desk = await store.insertDesk(db, {
      ...place,
      id: newId(),
      organisationId: actor.organisationId,
      createdAt: platform.clock.now(),
    });
    await store.replaceOpenings(db, desk.id, input.openings);
    await audit({
      kind: 'change',
      action: 'cases.desk.create',
      entityType: 'desk',
      entityId: desk.id,
      before: null,
      after: input,
    });
    const [view] = await deskViews(db, [desk]);
    return view as DeskView;
  });
}

/** Replaces a desk's name, place, municipality, accessibility and opening hours; appointments already booked stay where they are. */
export async function updateDesk(
  platform: Platform,
  caller: Caller,
  id: string,
  input: DeskFields,
): Promise<DeskView> {
  const actor = actorOf(caller);
  checkOpenings(input.openings);
  const place = deskPlace(input);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await store.findDesk(db, actor.organisationId, id);
    if (!before) throw new NotFound('Lo sportello non esiste o non è accessibile.');
    const [beforeView] = await deskViews(db, [before]);
    const desk = await store.updateDesk(db, actor.organisationId, id, place);
    if (!desk) throw new NotFound('Lo sportello non esiste o non è accessibile.');
    await store.replaceOpenings(db, id, input.openings);
    await audit({
      kind: 'change',
      action: 'cases.desk.update',
      entityType: 'desk',
      entityId: id,
      before: beforeView ?? null,
      after: input,
    });
    const [view] = await deskViews(db, [desk]);
    return view as DeskView;
  });
}

export async function listDesks(platform: Platform, caller: Caller): Promise<DeskView[]> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  return deskViews(db, await store.listDesks(db, actor.organisationId));
}

/** A desk of the actor's office with its opening windows; `path` names the field that referred to it. */
export async function requireDesk(
  db: Db,
  organisationId: string,
  id: string,
  path: string | null,
): Promise<DeskView> {
  const desk = await store.findDesk(db, organisationId, id);
  if (!desk) {
    if (path) throw new Invalid([{ path, message: 'sportello inesistente o non accessibile' }]);
    throw new NotFound('Lo sportello non esiste o non è accessibile.');
  }
  const [view] = await deskViews(db, [desk]);
  return view as DeskView;
}

/** The free slots of a desk between two days, computed from its hours, the office calendar and its bookings. */
export async function deskFreeSlots(
  platform: Platform,
  db: Db,
  desk: { id: string; openings: readonly OpeningWindow[] },
  range: { from: Temporal.PlainDate; to: Temporal.PlainDate },
  limit?: number,
): Promise<Slot[]> {
  const booked = await store.deskBookings(
    db,
    desk.id,
    startOfDayInRome(range.from.toString()),
    endOfDayInRome(range.to.toString()),
  );
  return freeSlots({
    openings: desk.openings,
    calendar: calendarOf(platform.config),
    from: range.from,
    to: range.to,
    now: platform.clock.now().getTime(),
    booked: booked.map((booking) => ({
      startsAt: booking.startsAt.getTime(),
      endsAt: booking.endsAt.getTime(),
    })),
    ...(limit === undefined ? {} : { limit }),
  });
}

export async function slotsOfDesk(
  platform: Platform,
  caller: Caller,
  id: string,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const desk = await requireDesk(db, actor.organisationId, id, null);
  const range = dayRange(query.from, query.to, { from: platform.clock.today(), days: 6 });
  const slots = await deskFreeSlots(platform, db, desk, range);
  return { deskId: id, from: range.from.toString(), to: range.to.toString(), slots: slots.map(slotView) };
}

/** The refusal of a slot that is taken or off the grid, with the next free slots of the desk from then on. */
export async function slotRefused(
  platform: Platform,
  db: Db,
  desk: DeskView,
  startsAt: Date,
  detail: string,
): Promise<Conflict> {
  const after = Math.max(startsAt.getTime(), platform.clock.now().getTime());
  const from = Temporal.Instant.fromEpochMilliseconds(after)
    .toZonedDateTimeISO(LEGAL_TIME_ZONE)
    .toPlainDate();
  const slots = await deskFreeSlots(
    platform,
    db,
    desk,
    { from, to: from.add({ days: ALTERNATIVES_HORIZON_DAYS }) },
    ALTERNATIVES + 20,
  );
  const next = slots.filter((slot) => slot.startsAt.epochMilliseconds >= after).slice(0, ALTERNATIVES);
  return new Conflict(detail, { nextFreeSlots: next.map(slotView) }, [
    { path: 'body.startsAt', message: 'orario non disponibile' },
  ]);
}
