/**
 * Use cases of the progress report: the project manager makes a report for a period, and the server assembles
 * its draft from the plan, the WP supervisors' monthly notes and an indicators' snapshot; the manager edits the
 * sections and makes the report final, after which nothing in it changes. Whoever reads the project reads it.
 */
import type { ReportFacts } from '../../../db/tables/project-reports.ts';
import { type Caller, hasPermission } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf } from '../callers.ts';
import { shareOfTarget } from '../indicators/rules.ts';
import { getSnapshot } from '../indicators/service.ts';
import { getProject } from '../service.ts';
import type { ReportInput, ReportList, ReportView, SectionInput } from './contract.ts';
import {
  draftSections,
  itemInPeriod,
  itemStateAt,
  latestSnapshotWithin,
  noteInPeriod,
  reportPeriodFaults,
  sectionFault,
} from './rules.ts';
import * as store from './store.ts';

const REPORT_NOT_FOUND = 'La relazione non esiste.';
const SECTION_NOT_FOUND = 'La relazione non ha questa sezione.';
const LOCKED =
  'La relazione è definitiva e non si modifica più: per correggerla, crearne una nuova in bozza.';

const nameOf = (caller: Caller) => {
  const actor = actorOf(caller);
  return `${actor.givenName} ${actor.familyName}`;
};

const snapshotOut = (row: Awaited<ReturnType<typeof store.snapshotsOf>>[number]) => ({
  id: row.id,
  label: row.label,
  from: row.periodFrom,
  to: row.periodTo,
  takenAt: row.takenAt.toISOString(),
});

export async function listReports(
  platform: Platform,
  caller: Caller,
  projectId: string,
): Promise<ReportList> {
  const project = await getProject(platform, caller, projectId);
  const db = platform.database.db;
  const [reports, snapshots] = await Promise.all([
    store.reportsOf(db, projectId),
    store.snapshotsOf(db, projectId),
  ]);
  return {
    project: { id: project.id, acronym: project.acronym, startsOn: project.startsOn, endsOn: project.endsOn },
    reports: reports.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      from: r.periodFrom,
      to: r.periodTo,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      createdByName: r.createdByName,
    })),
    snapshots: snapshots.map(({ id, label, periodFrom, periodTo }) => ({
      id,
      label,
      from: periodFrom,
      to: periodTo,
    })),
    can: { manage: hasPermission(actorOf(caller), 'project.manage') },
  };
}

export async function getReport(platform: Platform, caller: Caller, id: string): Promise<ReportView> {
  const db = platform.database.db;
  const report = await store.findReport(db, id);
  if (!report) throw new NotFound(REPORT_NOT_FOUND);
  const sections = await store.sectionsOf(db, id);
  return {
    id: report.id,
    projectId: report.projectId,
    title: report.title,
    kind: report.kind,
    from: report.periodFrom,
    to: report.periodTo,
    status: report.status,
    createdAt: report.createdAt.toISOString(),
    createdByName: report.createdByName,
    finalisedAt: report.finalisedAt?.toISOString() ?? null,
    finalisedByName: report.finalisedByName,
    facts: report.facts,
    sections: sections.map((s) => ({ ...s, updatedAt: s.updatedAt.toISOString() })),
    can: { edit: report.status === 'DRAFT' && hasPermission(actorOf(caller), 'project.manage') },
  };
}

/** The facts of the period: the plan's items and their state at its end, the notes, the snapshot's values. */
async function assemble(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: ReportInput,
): Promise<{ facts: ReportFacts; snapshotId: string | null }> {
  const project = await getProject(platform, caller, projectId);
  const period = { from: input.from, to: input.to };
  const faults = reportPeriodFaults(period, project);
  const snapshots = (await store.snapshotsOf(platform.database.db, projectId)).map(snapshotOut);
  const chosen = input.snapshotId ? snapshots.find((s) => s.id === input.snapshotId) : undefined;
  if (input.snapshotId && !chosen)
    faults.push({
      path: 'snapshotId',
      message: 'Scegliere una rilevazione degli indicatori di questo progetto',
    });
  if (faults.length > 0) throw new Invalid(faults);
  const snapshotRow = chosen ?? latestSnapshotWithin(snapshots, period);
  const snapshot = snapshotRow ? await getSnapshot(platform, snapshotRow.id) : null;
  const today = platform.clock.today().toString();
  const asOf = [input.to, today].sort()[0] ?? today;
  return {
    snapshotId: snapshot?.id ?? null,
    facts: {
      project: {
        code: project.code,
        acronym: project.acronym,
        title: project.title,
        cup: project.cup,
        programme: project.programme,
        lead: project.lead,
      },
      asOf,
      packages: project.workPackages.map((wp) => ({
        code: wp.code,
        title: wp.title,
        items: wp.items
          .filter((item) => itemInPeriod(item, period))
          .map((item) => ({
            kind: item.kind,
            code: item.code,
            title: item.title,
            plannedStart: item.plannedStart,
            plannedEnd: item.plannedEnd,
            actualStart: item.actualStart,
            actualEnd: item.actualEnd,
            ...itemStateAt(item, asOf),
          })),
        notes: wp.notes
          .filter((note) => noteInPeriod(note.month, period))
          .map((note) => ({ month: note.month, text: note.text, authorName: note.authorName }))
          .sort((a, b) => a.month.localeCompare(b.month)),
      })),
      snapshot: snapshot
        ? {
            label: snapshot.label,
            from: snapshot.from,
            to: snapshot.to,
            takenAt: snapshot.takenAt,
            values: snapshot.values.map((v) => ({
              code: v.code,
              name: v.name,
              unit: v.unit,
              target: v.target,
              value: v.value,
              share: shareOfTarget(v.value, v.target),
            })),
          }
        : null,
    },
  };
}

/** Makes a report of the period in draft, its facts assembled now and kept with it. */
export async function createReport(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: ReportInput,
): Promise<ReportView> {
  const actor = actorOf(caller);
  const { facts, snapshotId } = await assemble(platform, caller, projectId, input);
  const sections = draftSections(input, facts);
  const id = newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    await store.insertReport(
      unit.db,
      {
        id,
        projectId,
        title: input.title,
        kind: input.kind,
        periodFrom: input.from,
        periodTo: input.to,
        status: 'DRAFT',
        snapshotId,
        facts: JSON.stringify(facts),
        createdBy: actor.userId,
        createdByName: nameOf(caller),
        createdAt: now,
      },
      sections.map((s, position) => ({
        reportId: id,
        ...s,
        position,
        updatedBy: actor.userId,
        updatedByName: nameOf(caller),
        updatedAt: now,
      })),
    );
    await unit.audit({
      kind: 'change',
      action: 'project.report.create',
      entityType: 'project_report',
      entityId: id,
      before: null,
      after: { projectId, ...input, snapshotId, sections: sections.map((s) => s.key) },
    });
  });
  return getReport(platform, caller, id);
}

/** Writes the text of one section of a draft report. */
export async function writeSection(
  platform: Platform,
  caller: Caller,
  id: string,
  key: string,
  input: SectionInput,
): Promise<ReportView> {
  const actor = actorOf(caller);
  const fault = sectionFault(input.body);
  if (fault) throw new Invalid([{ path: 'body', message: fault }]);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const report = await store.lockReport(unit.db, id);
    if (!report) throw new NotFound(REPORT_NOT_FOUND);
    if (report.status === 'FINAL') throw new Conflict(LOCKED);
    const before = await store.findSection(unit.db, id, key);
    if (!before) throw new NotFound(SECTION_NOT_FOUND);
    await store.updateSection(unit.db, id, key, {
      body: input.body,
      updatedBy: actor.userId,
      updatedByName: nameOf(caller),
      updatedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'project.report.section',
      entityType: 'project_report',
      entityId: id,
      before: { key, body: before.body },
      after: { key, body: input.body },
    });
  });
  return getReport(platform, caller, id);
}

/** Makes a draft report final: from then on its facts and sections stay as they are. */
export async function finaliseReport(platform: Platform, caller: Caller, id: string): Promise<ReportView> {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const report = await store.lockReport(unit.db, id);
    if (!report) throw new NotFound(REPORT_NOT_FOUND);
    if (report.status === 'FINAL') throw new Conflict('La relazione è già definitiva.');
    await store.finaliseReport(unit.db, id, platform.clock.now(), nameOf(caller));
    await unit.audit({
      kind: 'change',
      action: 'project.report.finalise',
      entityType: 'project_report',
      entityId: id,
      before: { status: 'DRAFT' },
      after: { status: 'FINAL' },
    });
  });
  return getReport(platform, caller, id);
}

/** The report for a download; the reading is audited with its format. */
export async function reportForExport(
  platform: Platform,
  caller: Caller,
  id: string,
  format: 'pdf' | 'docx',
) {
  const report = await getReport(platform, caller, id);
  await auditRead(platform.database.db, platform.clock, caller, 'project_report', id, {
    projectId: report.projectId,
    format,
  });
  return report;
}
