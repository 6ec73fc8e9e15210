/**
 * Where files wait: for each body and case type, how long opinions take (median, p90; before and after a
 * day), how many are overdue now, answered per week; for each case type, how long a file stays in each state;
 * and the problems raised, by category. Figures only: no person's data.
 */
import ExcelJS from 'exceljs';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Actor, Caller } from '../../kernel/auth.ts';
import type { Platform } from '../../kernel/platform.ts';
import { csvField } from '../audit/service.ts';
import { listCaseTypes } from '../cases/service.ts';
import { type DashboardView, PROBLEM_CATEGORIES } from './contract.ts';
import { bodyName, sideOf } from './scope.ts';

type Db = Kysely<Database>;
const DAY_SECONDS = 86_400;
const WEEKS = 12;

/** Which opinions and cases an actor's figures cover: a body its own, an office its own, the supervision all. */
function scopeOf(actor: Actor): { kind: 'BODY' | 'OFFICE' | 'ALL'; organisationId: string } {
  if (sideOf(actor) === 'BODY') return { kind: 'BODY', organisationId: actor.organisationId };
  if (actor.roles.some((role) => role === 'project_supervisor' || role === 'council_secretariat'))
    return { kind: 'ALL', organisationId: actor.organisationId };
  return { kind: 'OFFICE', organisationId: actor.organisationId };
}

const round = (value: unknown) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;
const durations = (row: { n: unknown; median: unknown; p90: unknown }) => ({
  count: Number(row.n),
  medianDays: round(row.median),
  p90Days: round(row.p90),
});

export async function dashboard(
  platform: Platform,
  caller: Caller,
  since: string | undefined,
): Promise<DashboardView> {
  const actor = caller.actor as Actor;
  const db: Db = platform.database.db;
  const today = platform.clock.today();
  const split = since ?? today.subtract({ days: 90 }).toString();
  const scope = scopeOf(actor);
  const opinions = db
    .selectFrom('opinionRequest as o')
    .$call((q) =>
      scope.kind === 'BODY'
        ? q.where('o.organisationId', '=', scope.organisationId)
        : scope.kind === 'OFFICE'
          ? q.where('o.requesterOrganisationId', '=', scope.organisationId)
          : q,
    );
  const answerDays = sql<number>`extract(epoch from (o.closed_at - o.requested_at)) / ${DAY_SECONDS}`;
  const stats = (where: ReturnType<typeof sql<boolean>>) => ({
    n: sql<number>`count(*) filter (where o.state = 'ANSWERED' and ${where})`,
    median: sql<number>`percentile_cont(0.5) within group (order by ${answerDays}) filter (where o.state = 'ANSWERED' and ${where})`,
    p90: sql<number>`percentile_cont(0.9) within group (order by ${answerDays}) filter (where o.state = 'ANSWERED' and ${where})`,
  });
  const all = stats(sql<boolean>`true`);
  const before = stats(sql<boolean>`o.requested_on < ${split}`);
  const after = stats(sql<boolean>`o.requested_on >= ${split}`);
  const bodyRows = await opinions
    .select([
      'o.body',
      'o.caseTypeCode',
      sql<string>`min(o.case_type_name)`.as('caseTypeName'),
      all.n.as('n'),
      all.median.as('median'),
      all.p90.as('p90'),
      before.n.as('beforeN'),
      before.median.as('beforeMedian'),
      before.p90.as('beforeP90'),
      after.n.as('afterN'),
      after.median.as('afterMedian'),
      after.p90.as('afterP90'),
      sql<number>`count(*) filter (where o.state = 'PENDING' and o.due_on < ${today.toString()})`.as(
        'overdue',
      ),
      sql<number>`count(*) filter (where o.state in ('PENDING', 'QUESTION'))`.as('open'),
      sql<number>`count(*) filter (where o.state = 'SILENT_CONSENT')`.as('silent'),
    ])
    .groupBy(['o.body', 'o.caseTypeCode'])
    .orderBy('o.body')
    .orderBy('o.caseTypeCode')
    .execute();

  const weekly = await opinions
    .select([
      sql<string>`to_char(date_trunc('week', o.closed_at at time zone 'Europe/Rome'), 'YYYY-MM-DD')`.as(
        'week',
      ),
      'o.body',
      sql<number>`count(*)`.as('answered'),
    ])
    .where('o.closedAt', 'is not', null)
    .where(sql<boolean>`o.closed_at >= ${today.subtract({ weeks: WEEKS }).toString()}::date`)
    .groupBy([sql`1`, 'o.body'])
    .orderBy(sql`1`)
    .execute();

  const stageDays = sql<number>`extract(epoch from (e.next_at - e.at)) / ${DAY_SECONDS}`;
  const labels = new Map<string, { name: string; states: Map<string, string> }>();
  for (const { code, definition } of await listCaseTypes(platform))
    labels.set(code, {
      name: definition.name,
      states: new Map([
        ...(labels.get(code)?.states ?? []),
        ...definition.states.map((s) => [s.code, s.label] as const),
      ]),
    });
  const stages = (scope.kind === 'BODY' ? [] : await stageRows(db, scope, stageDays)).map((row) => ({
    ...row,
    caseTypeName: labels.get(row.caseType)?.name ?? row.caseType,
    stageName: labels.get(row.caseType)?.states.get(row.stage) ?? row.stage,
  }));

  const problems = await db
    .selectFrom('exchangeProblem')
    .select([
      'category',
      sql<number>`count(*) filter (where status != 'RESOLVED')`.as('open'),
      sql<number>`count(*) filter (where status = 'RESOLVED')`.as('resolved'),
    ])
    .groupBy('category')
    .orderBy('category')
    .execute();

  return {
    today: today.toString(),
    since: split,
    bodies: bodyRows.map((row) => ({
      body: row.body,
      bodyName: bodyName(row.body),
      caseType: row.caseTypeCode,
      caseTypeName: row.caseTypeName,
      answer: durations(row),
      before: durations({ n: row.beforeN, median: row.beforeMedian, p90: row.beforeP90 }),
      after: durations({ n: row.afterN, median: row.afterMedian, p90: row.afterP90 }),
      overdueNow: Number(row.overdue),
      openNow: Number(row.open),
      silentConsents: Number(row.silent),
    })),
    stages,
    weekly: weekly.map((row) => ({ week: row.week, body: row.body, answered: Number(row.answered) })),
    problems: problems.map((row) => ({
      category: row.category,
      categoryName: PROBLEM_CATEGORIES[row.category as keyof typeof PROBLEM_CATEGORIES] ?? row.category,
      open: Number(row.open),
      resolved: Number(row.resolved),
    })),
  };
}

/** Completed stays in each state of a case (from entering it to the next change of state). */
async function stageRows(
  db: Db,
  scope: ReturnType<typeof scopeOf>,
  stageDays: ReturnType<typeof sql<number>>,
) {
  const rows = await db
    .with('e', (w) =>
      w
        .selectFrom('caseEvent as ev')
        .innerJoin('caseFile as c', 'c.id', 'ev.caseId')
        .select([
          'c.typeCode',
          'ev.toState',
          'ev.at',
          sql<Date>`lead(ev.at) over (partition by ev.case_id order by ev.at, ev.id)`.as('next_at'),
        ])
        .where('ev.toState', 'is not', null)
        .$call((q) => (scope.kind === 'OFFICE' ? q.where('c.organisationId', '=', scope.organisationId) : q)),
    )
    .selectFrom('e')
    .select([
      'e.typeCode',
      'e.toState',
      sql<number>`count(*)`.as('n'),
      sql<number>`percentile_cont(0.5) within group (order by ${stageDays})`.as('median'),
      sql<number>`percentile_cont(0.9) within group (order by ${stageDays})`.as('p90'),
    ])
    .where(sql.ref('e.next_at'), 'is not', null)
    .groupBy(['e.typeCode', 'e.toState'])
    .orderBy('e.typeCode')
    .orderBy('e.toState')
    .execute();
  return rows.map((row) => ({
    caseType: row.typeCode,
    stage: row.toState as string,
    ...durations(row),
  }));
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
