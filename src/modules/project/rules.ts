/**
 * The plan's own rules, without I/O: which dates an activity, deliverable or milestone may have within its
 * project, and how late it is on a given day.
 */
import { Temporal } from 'temporal-polyfill';

export type ItemKind = 'ACTIVITY' | 'DELIVERABLE' | 'MILESTONE';
export type ItemStatus = 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

export type ItemDates = {
  kind: ItemKind;
  status: ItemStatus;
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
};

export type Period = { startsOn: string; endsOn: string };

/** Where an item stands on a day: on time, late by some days, done (late or not), or cancelled. */
export type Progress =
  | { state: 'ON_TIME' | 'CANCELLED'; lateDays: 0 }
  | { state: 'LATE' | 'DONE'; lateDays: number };

const day = (value: string) => Temporal.PlainDate.from(value);
const daysBetween = (from: string, to: string) => day(from).until(day(to), { largestUnit: 'days' }).days;

/**
 * How late an item is on `today`: a finished one by how much its end passed the planned end; an open one by
 * how much today passed the planned end, or, not yet begun, the planned start.
 */
export function progressOf(item: ItemDates, today: string): Progress {
  if (item.status === 'CANCELLED') return { state: 'CANCELLED', lateDays: 0 };
  if (item.status === 'DONE') {
    return {
      state: 'DONE',
      lateDays: Math.max(0, daysBetween(item.plannedEnd, item.actualEnd ?? item.plannedEnd)),
    };
  }
  const overEnd = daysBetween(item.plannedEnd, today);
  if (overEnd > 0) return { state: 'LATE', lateDays: overEnd };
  const overStart = item.actualStart === null ? daysBetween(item.plannedStart, today) : 0;
  if (overStart > 0) return { state: 'LATE', lateDays: overStart };
  return { state: 'ON_TIME', lateDays: 0 };
}

type Fault = { path: string; message: string };

/** What is wrong with an item's dates and status, field by field, in words for the project manager. */
export function itemFaults(item: ItemDates, project: Period, today: string): Fault[] {
  const faults: Fault[] = [];
  const compare = (a: string, b: string) => Temporal.PlainDate.compare(day(a), day(b));
  if (compare(item.plannedStart, project.startsOn) < 0 || compare(item.plannedStart, project.endsOn) > 0)
    faults.push({ path: 'plannedStart', message: 'L’inizio previsto deve cadere nel periodo del progetto' });
  if (compare(item.plannedEnd, project.endsOn) > 0 || compare(item.plannedEnd, project.startsOn) < 0)
    faults.push({ path: 'plannedEnd', message: 'La fine prevista deve cadere nel periodo del progetto' });
  if (compare(item.plannedEnd, item.plannedStart) < 0)
    faults.push({ path: 'plannedEnd', message: 'La fine prevista non può precedere l’inizio previsto' });
  if (item.kind === 'MILESTONE' && item.plannedEnd !== item.plannedStart)
    faults.push({
      path: 'plannedEnd',
      message: 'Una tappa cade in un solo giorno: inizio e fine coincidono',
    });
  if (item.actualStart !== null && compare(item.actualStart, today) > 0)
    faults.push({ path: 'actualStart', message: 'L’inizio effettivo non può essere nel futuro' });
  if (item.actualEnd !== null) {
    if (item.actualStart === null)
      faults.push({ path: 'actualStart', message: 'Indicare quando è iniziata, se è conclusa' });
    else if (compare(item.actualEnd, item.actualStart) < 0)
      faults.push({ path: 'actualEnd', message: 'La fine effettiva non può precedere l’inizio effettivo' });
    if (compare(item.actualEnd, today) > 0)
      faults.push({ path: 'actualEnd', message: 'La fine effettiva non può essere nel futuro' });
    if (item.status !== 'DONE')
      faults.push({ path: 'status', message: 'Con una fine effettiva lo stato è «Conclusa»' });
  }
  if (item.status === 'DONE' && item.actualEnd === null)
    faults.push({ path: 'actualEnd', message: 'Indicare quando si è conclusa' });
  if (item.status === 'IN_PROGRESS' && item.actualStart === null)
    faults.push({ path: 'actualStart', message: 'Indicare quando è iniziata' });
  return faults;
}

/** Whether a work package code reads as one: "WP1", "WP 2", "WP0". */
export const workPackageCode = (code: string) => code.replace(/\s+/g, '').toUpperCase();

/** The first day of the month a note is about, from `YYYY-MM`. */
export const monthStart = (month: string) => `${month}-01`;
