/**
 * The rules of the project's indicators: what a valid definition and a valid reporting period are, when a
 * definition's version moves, which manual value stands for a period, and the series a chart draws.
 */
import type { IndicatorInput } from './contract.ts';
import { MANUAL_SOURCE } from './contract.ts';

export type Fault = { path: string; message: string };
export type Period = { from: string; to: string };

const DAY_IN_WORDS = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A legal day as a clerk reads it: «12 marzo 2026». */
export function dayInWords(day: string): string {
  return DAY_IN_WORDS.format(new Date(`${day}T00:00:00Z`));
}

/** The faults of a definition: a source that is neither registered nor manual, a work package of another project. */
export function definitionFaults(
  input: Pick<IndicatorInput, 'source' | 'workPackageId'>,
  sourceKeys: ReadonlySet<string>,
  workPackageIds: ReadonlySet<string>,
): Fault[] {
  const faults: Fault[] = [];
  if (input.source !== MANUAL_SOURCE && !sourceKeys.has(input.source))
    faults.push({ path: 'source', message: 'Scegliere la fonte dall’elenco' });
  if (input.workPackageId && !workPackageIds.has(input.workPackageId))
    faults.push({ path: 'workPackageId', message: 'Il work package non è di questo progetto' });
  return faults;
}

type Definition = Pick<
  IndicatorInput,
  'code' | 'name' | 'kind' | 'unit' | 'baseline' | 'target' | 'source'
> & { workPackageId: string | null };

/** Whether anything of the definition changes: only then is it a new version. */
export function definitionChanged(before: Definition, after: Definition): boolean {
  return (
    before.code !== after.code ||
    before.name !== after.name ||
    before.kind !== after.kind ||
    before.unit !== after.unit ||
    before.baseline !== after.baseline ||
    before.target !== after.target ||
    before.source !== after.source ||
    before.workPackageId !== after.workPackageId
  );
}

/**
 * The faults of a reporting period: its end before its start, outside the project, or not over yet (a snapshot
 * freezes a period that has ended, or ends today).
 */
export function periodFaults(period: Period, project: { startsOn: string; endsOn: string }, today: string) {
  const faults: Fault[] = [];
  if (period.to < period.from)
    faults.push({ path: 'to', message: 'La fine del periodo deve seguire l’inizio' });
  if (period.from < project.startsOn)
    faults.push({
      path: 'from',
      message: `Il periodo deve iniziare non prima dell’avvio del progetto, il ${dayInWords(project.startsOn)}`,
    });
  if (period.to > project.endsOn)
    faults.push({
      path: 'to',
      message: `Il periodo deve finire non dopo la fine del progetto, il ${dayInWords(project.endsOn)}`,
    });
  else if (period.to > today)
    faults.push({
      path: 'to',
      message: 'Il periodo non è ancora concluso: si congela solo un periodo passato',
    });
  return faults;
}

/** The fault of a manual value, or of its evidence, for an indicator whose value is computed from a source. */
export function computedValueFaults(source: string, path: string): Fault[] {
  return source === MANUAL_SOURCE
    ? []
    : [{ path, message: 'Il valore di questo indicatore è calcolato dai dati: non si inserisce a mano' }];
}

/** The faults of a manual value: measured outside the project or in the future. */
export function measuredOnFaults(day: string, project: { startsOn: string; endsOn: string }, today: string) {
  if (day < project.startsOn || day > project.endsOn)
    return [{ path: 'measuredOn', message: 'La data della rilevazione è fuori dal periodo del progetto' }];
  if (day > today) return [{ path: 'measuredOn', message: 'La data della rilevazione è nel futuro' }];
  return [];
}

/** Why a manual value's evidence does not stand: neither a note nor a file. */
export const NO_EVIDENCE = 'Indicare da dove viene il valore: una nota o almeno un file che ne dia evidenza';

/** The faults of a manual value's evidence: a value needs a note, a file, or both. */
export function evidenceFaults(note: string | null | undefined, files: number): Fault[] {
  return note || files > 0 ? [] : [{ path: 'note', message: NO_EVIDENCE }];
}

/** The period of the project so far: from its start to today, or to its end once it is over. */
export function projectSoFar(project: { startsOn: string; endsOn: string }, today: string): Period {
  const to = today < project.endsOn ? today : project.endsOn;
  if (to < project.startsOn) return { from: project.startsOn, to: project.startsOn };
  return { from: project.startsOn, to };
}

export type ManualValue = { id: string; value: number; measuredOn: string; recordedAt: Date };

/** The manual value that stands for a period: the latest measured in it (the latest recorded, on the same day). */
export function manualValueFor<T extends ManualValue>(values: readonly T[], period: Period): T | null {
  let found: T | null = null;
  for (const value of values) {
    if (value.measuredOn < period.from || value.measuredOn > period.to) continue;
    if (
      !found ||
      value.measuredOn > found.measuredOn ||
      (value.measuredOn === found.measuredOn && value.recordedAt > found.recordedAt)
    )
      found = value;
  }
  return found;
}

/** The value's share of the target (1 = reached), or null when there is no value or no target. */
export function shareOfTarget(value: number | null, target: number): number | null {
  if (value === null || target <= 0) return null;
  return Math.round((value / target) * 1000) / 1000;
}

export type SnapshotPoint = { from: string; to: string; label: string; takenAt: Date; value: number | null };

/**
 * The points a chart draws: one per reporting period, in the order of the periods, from the latest snapshot
 * taken of each (an earlier snapshot of the same period stays on record but is superseded on the chart).
 */
export function chartSeries<T extends SnapshotPoint>(points: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const point of points) {
    const key = `${point.from}/${point.to}`;
    const known = latest.get(key);
    if (!known || point.takenAt > known.takenAt) latest.set(key, point);
  }
  return [...latest.values()].sort((a, b) => a.to.localeCompare(b.to) || a.from.localeCompare(b.from));
}

/** The rows to skip and to read for a 1-based page. */
export function pageWindow(page: number, size: number): { offset: number; limit: number } {
  return { offset: (Math.max(1, page) - 1) * size, limit: size };
}

/** A figure rounded for the record: counts stay whole, means keep two decimals. */
export function roundFigure(value: number): number {
  return Math.round(value * 100) / 100;
}
