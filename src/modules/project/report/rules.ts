/**
 * The progress report's own rules, without I/O: which items of the plan belong to a period and where each stood
 * at its end, which notes are of the period, the draft text of each section, and what input is refused.
 */
import type { ReportFacts, ReportItemState } from '../../../db/tables/project-reports.ts';
import { dayInWords } from '../../../kernel/indicators.ts';
import { type ItemDates, progressOf } from '../rules.ts';
import { REPORT_KINDS, type ReportKind } from './contract.ts';

type Fault = { path: string; message: string };
type Period = { from: string; to: string };

export const inWords = (day: string) => dayInWords(day) ?? '';

/** «dal 1 ottobre 2025 al 31 marzo 2026». */
export const periodInWords = (from: string, to: string) => `dal ${inWords(from)} al ${inWords(to)}`;

const MONTH_IN_WORDS = new Intl.DateTimeFormat('it-IT', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** «marzo 2026» from `2026-03`. */
export const monthInWords = (month: string) => MONTH_IN_WORDS.format(new Date(`${month}-01T00:00:00Z`));

/** What is wrong with a report's period for its project. */
export function reportPeriodFaults(period: Period, project: { startsOn: string; endsOn: string }): Fault[] {
  const within = `(${periodInWords(project.startsOn, project.endsOn)})`;
  const faults: Fault[] = [];
  if (period.from < project.startsOn || period.from > project.endsOn)
    faults.push({ path: 'from', message: `L’inizio è fuori dal periodo del progetto ${within}` });
  if (period.to < project.startsOn || period.to > project.endsOn)
    faults.push({ path: 'to', message: `La fine è fuori dal periodo del progetto ${within}` });
  if (period.to < period.from) faults.push({ path: 'to', message: 'La fine del periodo precede l’inizio' });
  return faults;
}

/** The snapshot a report takes by default: the latest one whose period lies within the report's. */
export function latestSnapshotWithin<T extends { from: string; to: string; takenAt: string }>(
  snapshots: readonly T[],
  period: Period,
): T | null {
  const within = snapshots.filter((s) => s.from >= period.from && s.to <= period.to);
  const sorted = [...within].sort((a, b) => b.to.localeCompare(a.to) || b.takenAt.localeCompare(a.takenAt));
  return sorted[0] ?? null;
}

/** Whether an item had something to do in the period: begun by its end and not finished before its start. */
export function itemInPeriod(item: ItemDates, period: Period): boolean {
  if (item.actualEnd !== null && item.actualEnd < period.from) return false;
  if (item.status === 'CANCELLED') return item.plannedStart <= period.to && item.plannedEnd >= period.from;
  const start =
    item.actualStart !== null && item.actualStart < item.plannedStart ? item.actualStart : item.plannedStart;
  return start <= period.to;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * Where an item stood on `asOf`: what happened after that day is not known to the report. Done (with the days
 * past its planned end), done or begun ahead of plan, late by some days, on time, or cancelled.
 */
export function itemStateAt(item: ItemDates, asOf: string): { state: ReportItemState; days: number } {
  if (item.status === 'CANCELLED') return { state: 'CANCELLED', days: 0 };
  const actualStart = item.actualStart !== null && item.actualStart <= asOf ? item.actualStart : null;
  const finished = item.status === 'DONE' && item.actualEnd !== null && item.actualEnd <= asOf;
  if (finished && item.actualEnd !== null) {
    const late = daysBetween(item.plannedEnd, item.actualEnd);
    if (late < 0) return { state: 'AHEAD', days: -late };
    return { state: 'DONE', days: late };
  }
  const open: ItemDates = {
    ...item,
    status: actualStart === null ? 'PLANNED' : 'IN_PROGRESS',
    actualStart,
    actualEnd: null,
  };
  const progress = progressOf(open, asOf);
  if (progress.state === 'LATE') return { state: 'LATE', days: progress.lateDays };
  if (actualStart !== null && actualStart < item.plannedStart)
    return { state: 'AHEAD', days: daysBetween(actualStart, item.plannedStart) };
  return { state: 'ON_TIME', days: 0 };
}

/** Whether a note's month (`YYYY-MM`) falls in the period. */
export const noteInPeriod = (month: string, period: Period) =>
  month >= period.from.slice(0, 7) && month <= period.to.slice(0, 7);

/** An item's state in words: «in ritardo di 12 giorni», «conclusa con 3 giorni di anticipo». */
export function stateInWords(state: ReportItemState, days: number): string {
  const d = days === 1 ? '1 giorno' : `${days} giorni`;
  switch (state) {
    case 'DONE':
      return days > 0 ? `conclusa con ${d} di ritardo` : 'conclusa nei tempi';
    case 'AHEAD':
      return `in anticipo di ${d}`;
    case 'LATE':
      return `in ritardo di ${d}`;
    case 'CANCELLED':
      return 'annullata';
    default:
      return 'nei tempi';
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function tally(items: readonly { state: ReportItemState }[]) {
  const of = (state: ReportItemState) => items.filter((i) => i.state === state).length;
  return { done: of('DONE'), late: of('LATE'), ahead: of('AHEAD'), total: items.length };
}

export type DraftSection = { key: string; heading: string; body: string };

/** The package's section key: `wp1` for WP1. */
export const packageKey = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The draft text of every section, written from the assembled facts; the manager edits it afterwards. */
export function draftSections(
  report: { kind: ReportKind; from: string; to: string },
  facts: ReportFacts,
): DraftSection[] {
  const all = tally(facts.packages.flatMap((p) => p.items));
  const summary = [
    `Relazione ${REPORT_KINDS[report.kind].toLowerCase()} sullo stato di avanzamento del progetto ` +
      `${facts.project.acronym} – ${facts.project.title}, periodo ${periodInWords(report.from, report.to)}.`,
    `Nel periodo il piano conta ${count(all.total, 'voce', 'voci')} tra attività, prodotti e tappe: ` +
      `${count(all.done, 'conclusa', 'concluse')}, ${all.late} in ritardo, ${all.ahead} in anticipo.`,
  ].join('\n\n');
  const packages = facts.packages.map((wp) => {
    const t = tally(wp.items);
    const late = wp.items.filter((i) => i.state === 'LATE');
    const paragraphs = [
      wp.items.length === 0
        ? 'Nel periodo il work package non ha attività, prodotti o tappe in programma.'
        : `Nel periodo: ${count(t.total, 'voce', 'voci')}, ${count(t.done, 'conclusa', 'concluse')}, ` +
          `${t.late} in ritardo, ${t.ahead} in anticipo.`,
      ...late.map((i) => `${i.code} ${i.title}: ${stateInWords(i.state, i.days)}.`),
      ...[...wp.notes]
        .sort((a, b) => a.month.localeCompare(b.month))
        .map((n) => `Nota di ${monthInWords(n.month)} (${n.authorName}): ${n.text}`),
    ];
    return { key: packageKey(wp.code), heading: `${wp.code} – ${wp.title}`, body: paragraphs.join('\n\n') };
  });
  const snapshot = facts.snapshot;
  const reached = snapshot
    ? snapshot.values.filter((v) => v.value !== null && v.value >= v.target && v.target > 0).length
    : 0;
  const indicators = snapshot
    ? `Valori della rilevazione «${snapshot.label}» (periodo ${periodInWords(snapshot.from, snapshot.to)}): ` +
      `${count(snapshot.values.length, 'indicatore', 'indicatori')}, ` +
      `${count(reached, 'ha', 'hanno')} raggiunto il valore obiettivo.`
    : 'Nel periodo non è stata fatta alcuna rilevazione degli indicatori: la relazione non ne riporta i valori.';
  return [
    { key: 'summary', heading: 'Sintesi del periodo', body: summary },
    ...packages,
    { key: 'indicators', heading: 'Indicatori', body: indicators },
    { key: 'outlook', heading: 'Prossime attività e rischi', body: '' },
  ];
}

/** Sections are plain text: markup would be printed as it is in the PDF and the DOCX. */
export function sectionFault(body: string): string | null {
  return /<\/?[a-z][^>]*>/i.test(body)
    ? 'Il testo è semplice, senza codice HTML: togliere i segni < >'
    : null;
}
