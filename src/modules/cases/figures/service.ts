/**
 * Where files wait: the exchange's figures of the opinions (per body and case type, per week, the problems
 * raised) with, for each case type, how long a file stays in each state. Figures only: no person's data.
 */
import ExcelJS from 'exceljs';
import type { Actor, Caller } from '../../../kernel/auth.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { csvField } from '../../audit/service.ts';
import { durations, figureScopeOf, opinionFigures } from '../../exchange/service.ts';
import { listCaseTypes } from '../intake/quotas.ts';
import type { DashboardView } from './contract.ts';
import { stageTimes } from './store.ts';

export async function dashboard(
  platform: Platform,
  caller: Caller,
  since: string | undefined,
): Promise<DashboardView> {
  const actor = caller.actor as Actor;
  const today = platform.clock.today();
  const split = since ?? today.subtract({ days: 90 }).toString();
  const scope = figureScopeOf(actor);
  const opinions = await opinionFigures(platform, scope, split);
  const labels = new Map<string, { name: string; states: Map<string, string> }>();
  for (const { code, definition } of await listCaseTypes(platform, caller))
    labels.set(code, {
      name: definition.name,
      states: new Map([
        ...(labels.get(code)?.states ?? []),
        ...definition.states.map((s) => [s.code, s.label] as const),
      ]),
    });
  // A body sees its own opinions, never the inside of the offices' files.
  const stageRows =
    scope.kind === 'BODY'
      ? []
      : await stageTimes(platform.database.db, scope.kind === 'OFFICE' ? scope.organisationId : null);
  const stages = stageRows.map((row) => {
    const stage = row.toState as string;
    return {
      caseType: row.typeCode,
      caseTypeName: labels.get(row.typeCode)?.name ?? row.typeCode,
      stage,
      stageName: labels.get(row.typeCode)?.states.get(stage) ?? stage,
      ...durations(row),
    };
  });
  return {
    today: today.toString(),
    since: split,
    bodies: opinions.bodies,
    stages,
    weekly: opinions.weekly,
    problems: opinions.problems,
  };
}

const EXPORT_COLUMNS = [
  ['Ente', 'bodyName'],
  ['Tipo di pratica', 'caseTypeName'],
  ['Pareri resi', 'count'],
  ['Mediana (giorni)', 'medianDays'],
  ['90° percentile (giorni)', 'p90Days'],
  ['Mediana prima (giorni)', 'beforeMedian'],
  ['Mediana dopo (giorni)', 'afterMedian'],
  ['Scaduti ora', 'overdueNow'],
  ['Aperti ora', 'openNow'],
  ['Silenzio-assenso', 'silentConsents'],
] as const;

function exportRows(view: DashboardView) {
  return view.bodies.map((row) => ({
    bodyName: row.bodyName,
    caseTypeName: row.caseTypeName,
    count: row.answer.count,
    medianDays: row.answer.medianDays,
    p90Days: row.answer.p90Days,
    beforeMedian: row.before.medianDays,
    afterMedian: row.after.medianDays,
    overdueNow: row.overdueNow,
    openNow: row.openNow,
    silentConsents: row.silentConsents,
  }));
}

export function dashboardCsv(view: DashboardView): string {
  const lines = [EXPORT_COLUMNS.map(([title]) => csvField(title)).join(',')];
  for (const row of exportRows(view))
    lines.push(EXPORT_COLUMNS.map(([, key]) => csvField(row[key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function dashboardXlsx(view: DashboardView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tempi dei pareri');
  sheet.columns = EXPORT_COLUMNS.map(([header, key]) => ({ header, key, width: 22 }));
  sheet.addRows(exportRows(view));
  sheet.getRow(1).font = { bold: true };
  const stages = workbook.addWorksheet('Fasi delle pratiche');
  stages.columns = [
    { header: 'Tipo di pratica', key: 'caseTypeName', width: 36 },
    { header: 'Fase', key: 'stageName', width: 36 },
    { header: 'Pratiche', key: 'count', width: 12 },
    { header: 'Mediana (giorni)', key: 'medianDays', width: 18 },
    { header: '90° percentile (giorni)', key: 'p90Days', width: 22 },
  ];
  stages.addRows(view.stages);
  stages.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
