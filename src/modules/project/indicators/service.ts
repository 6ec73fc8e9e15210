/**
 * Use cases of the project's indicators: the project manager defines them (each change a new version), enters
 * the manual values with their evidence (a note, files, or both) and freezes the values of a reporting period in
 * a snapshot; everyone with access to the project reads them, their chart, the evidence of a manual value and the
 * records behind a computed value (those they may see).
 */
import type { FrozenDefinition, SnapshotParameters } from '../../../db/tables/project-indicators.ts';
import type { Caller } from '../../../kernel/auth.ts';
import { hasPermission } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, Invalid, NotFound, Unauthenticated } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { type IndicatorSource, indicatorSource, indicatorSources } from '../../../kernel/indicators.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { indicatorChartSvg } from './chart.tsx';
import {
  type IndicatorInput,
  type IndicatorsPage,
  type IndicatorView,
  MANUAL_SOURCE,
  type ManualValueView,
  RECORDS_PAGE_SIZE,
  type RecordsQuery,
  type RecordsView,
  type SnapshotInput,
  type SnapshotView,
  type ValueInput,
} from './contract.ts';
import { fileOut, redeemEvidence } from './evidence.ts';
import {
  chartSeries,
  computedValueFaults,
  definitionChanged,
  definitionFaults,
  evidenceFaults,
  manualValueFor,
  measuredOnFaults,
  type Period,
  pageWindow,
  periodFaults,
  projectSoFar,
  roundFigure,
  shareOfTarget,
} from './rules.ts';
import * as store from './store.ts';

const PROJECT_NOT_FOUND = 'Il progetto non esiste.';
const INDICATOR_NOT_FOUND = 'L’indicatore non esiste.';
const SNAPSHOT_NOT_FOUND = 'La rilevazione non esiste.';

type IndicatorRow = Awaited<ReturnType<typeof store.indicatorsOf>>[number];
type ValueRow = Awaited<ReturnType<typeof store.valuesOf>>[number];
type SnapshotValueRow = Awaited<ReturnType<typeof store.snapshotValuesOf>>[number];

const today = (platform: Platform) => platform.clock.today().toString();

function userOf(caller: Caller) {
  if (!caller.actor) throw new Unauthenticated();
  return caller.actor;
}

async function projectOf(platform: Platform, id: string) {
  const project = await store.findProject(platform.database.db, id);
  if (!project) throw new NotFound(PROJECT_NOT_FOUND);
  return project;
}

async function indicatorOf(platform: Platform, id: string) {
  const indicator = await store.findIndicator(platform.database.db, id);
  if (!indicator) throw new NotFound(INDICATOR_NOT_FOUND);
  return indicator;
}

/** The value of an indicator for a period: its source's count, or the manual value that stands for it. */
async function valueFor(
  platform: Platform,
  indicator: Pick<IndicatorRow, 'source'>,
  manual: readonly ValueRow[],
  period: Period,
): Promise<{ value: number | null; manualValueIds?: string[] }> {
  if (indicator.source === MANUAL_SOURCE) {
    const found = manualValueFor(manual, period);
    return found ? { value: found.value, manualValueIds: [found.id] } : { value: null, manualValueIds: [] };
  }
  const source = indicatorSource(indicator.source);
  return { value: source ? roundFigure(await source.compute(platform, period)) : null };
}

function sourceOut(source: IndicatorSource) {
  const { key, name, unit, module, workPackage } = source;
  return { key, name, unit, module, workPackage };
}

/** The manual values as shown, by id: each with its evidence files and whether a snapshot froze it. */
async function manualValuesOut(
  db: Db,
  rows: readonly ValueRow[],
  frozen: ReadonlySet<string>,
): Promise<Map<string, ManualValueView>> {
  const files = await store.evidenceOf(
    db,
    rows.map((row) => row.id),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        value: row.value,
        measuredOn: row.measuredOn,
        note: row.note,
        files: files.filter((file) => file.valueId === row.id).map(fileOut),
        frozen: frozen.has(row.id),
        recordedAt: row.recordedAt.toISOString(),
        recordedBy: `${row.givenName} ${row.familyName}`,
      },
    ]),
  );
}

/** The manual values the snapshots took. */
const frozenIn = (values: readonly SnapshotValueRow[]) =>
  new Set(values.flatMap((value) => value.parameters.manualValueIds ?? []));

function snapshotOut(
  snapshot: Awaited<ReturnType<typeof store.snapshotsOf>>[number],
  values: readonly SnapshotValueRow[],
  manual: ReadonlyMap<string, ManualValueView>,
): SnapshotView {
  return {
    id: snapshot.id,
    label: snapshot.label,
    from: snapshot.periodFrom,
    to: snapshot.periodTo,
    takenAt: snapshot.takenAt.toISOString(),
    takenBy: `${snapshot.givenName} ${snapshot.familyName}`,
    values: values
      .filter((value) => value.snapshotId === snapshot.id)
      .map((value) => {
        const manualValueId = value.parameters.manualValueIds?.[0];
        return {
          indicatorId: value.indicatorId,
          code: value.definition.code,
          name: value.definition.name,
          unit: value.definition.unit,
          target: value.definition.target,
          source: value.definition.source,
          value: value.value,
          definitionVersion: value.definitionVersion,
          computedAt: value.computedAt.toISOString(),
          evidence: (manualValueId && manual.get(manualValueId)) || null,
        };
      })
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

export async function indicatorsPage(
  platform: Platform,
  caller: Caller,
  projectId: string,
): Promise<IndicatorsPage> {
  const actor = userOf(caller);
  const db = platform.database.db;
  const project = await projectOf(platform, projectId);
  const [workPackages, indicators, snapshots] = await Promise.all([
    store.workPackagesOf(db, projectId),
    store.indicatorsOf(db, projectId),
    store.snapshotsOf(db, projectId),
  ]);
  const [values, frozen] = await Promise.all([
    store.valuesOf(
      db,
      indicators.map((i) => i.id),
    ),
    store.snapshotValuesOf(
      db,
      snapshots.map((s) => s.id),
    ),
  ]);
  const manual = await manualValuesOut(db, values, frozenIn(frozen));
  const soFar = projectSoFar(project, today(platform));
  const views: IndicatorView[] = await Promise.all(
    indicators.map(async (indicator) => {
      const own = values.filter((v) => v.indicatorId === indicator.id);
      const { value } = await valueFor(platform, indicator, own, soFar);
      return {
        id: indicator.id,
        code: indicator.code,
        name: indicator.name,
        kind: indicator.kind,
        unit: indicator.unit,
        baseline: indicator.baseline,
        target: indicator.target,
        workPackageId: indicator.workPackageId,
        workPackage: indicator.workPackage,
        source: indicator.source,
        sourceName: indicatorSource(indicator.source)?.name ?? null,
        version: indicator.version,
        current: { value, ...soFar, share: shareOfTarget(value, indicator.target) },
        values: own.flatMap((row) => manual.get(row.id) ?? []),
      };
    }),
  );
  return {
    project,
    workPackages,
    sources: indicatorSources().map(sourceOut),
    indicators: views,
    snapshots: snapshots.map((snapshot) => snapshotOut(snapshot, frozen, manual)),
    can: {
      manage: hasPermission(actor, 'project.indicators.manage'),
      evidence: hasPermission(actor, 'project.indicators.evidence'),
    },
  };
}

async function definitionChecks(platform: Platform, projectId: string, input: IndicatorInput) {
  const workPackages = await store.workPackagesOf(platform.database.db, projectId);
  const faults = definitionFaults(
    input,
    new Set(indicatorSources().map((s) => s.key)),
    new Set(workPackages.map((w) => w.id)),
  );
  if (faults.length > 0) throw new Invalid(faults);
}

const definitionOf = (input: IndicatorInput) => ({
  code: input.code,
  name: input.name,
  kind: input.kind,
  unit: input.unit,
  baseline: input.baseline,
  target: input.target,
  workPackageId: input.workPackageId ?? null,
  source: input.source,
});

export async function createIndicator(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: IndicatorInput,
): Promise<IndicatorsPage> {
  await projectOf(platform, projectId);
  await definitionChecks(platform, projectId, input);
  const now = platform.clock.now();
  const id = newId();
  const definition = definitionOf(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (await store.indicatorByCode(unit.db, projectId, input.code))
      throw new Conflict(`Il progetto ha già un indicatore con il codice ${input.code}.`);
    await store.insertIndicator(unit.db, {
      id,
      projectId,
      ...definition,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    await unit.audit({
      kind: 'change',
      action: 'project.indicator.create',
      entityType: 'project_indicator',
      entityId: id,
      before: null,
      after: { projectId, ...definition, version: 1 },
    });
  });
  return indicatorsPage(platform, caller, projectId);
}

export async function updateIndicator(
  platform: Platform,
  caller: Caller,
  id: string,
  input: IndicatorInput,
): Promise<IndicatorsPage> {
  const known = await indicatorOf(platform, id);
  await definitionChecks(platform, known.projectId, input);
  const definition = definitionOf(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockIndicator(unit.db, id);
    if (!before) throw new NotFound(INDICATOR_NOT_FOUND);
    if (!definitionChanged(before, definition))
      throw new Invalid([{ path: 'code', message: 'La definizione è invariata: non c’è nulla da salvare' }]);
    if (input.code !== before.code && (await store.indicatorByCode(unit.db, before.projectId, input.code)))
      throw new Conflict(`Il progetto ha già un indicatore con il codice ${input.code}.`);
    const version = before.version + 1;
    await store.updateIndicator(unit.db, id, { ...definition, version, updatedAt: platform.clock.now() });
    const { createdAt: _c, updatedAt: _u, ...previous } = before;
    await unit.audit({
      kind: 'change',
      action: 'project.indicator.update',
      entityType: 'project_indicator',
      entityId: id,
      before: previous,
      after: { projectId: before.projectId, ...definition, version },
    });
  });
  return indicatorsPage(platform, caller, known.projectId);
}

/** Records a manual value with its evidence: a note, the files uploaded for it, or both. */
export async function addManualValue(
  platform: Platform,
  caller: Caller,
  indicatorId: string,
  input: ValueInput,
): Promise<IndicatorsPage> {
  const actor = userOf(caller);
  const indicator = await indicatorOf(platform, indicatorId);
  const computed = computedValueFaults(indicator.source, 'value');
  if (computed.length > 0) throw new Invalid(computed);
  const project = await projectOf(platform, indicator.projectId);
  const note = input.note ?? null;
  const tokens = input.files ?? [];
  const faults = [
    ...measuredOnFaults(input.measuredOn, project, today(platform)),
    ...evidenceFaults(note, tokens.length),
  ];
  if (faults.length > 0) throw new Invalid(faults);
  const id = newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const fields = { value: input.value, measuredOn: input.measuredOn, note };
    await store.insertValue(unit.db, {
      id,
      indicatorId,
      ...fields,
      recordedBy: actor.userId,
      recordedAt: now,
    });
    const files = await redeemEvidence(unit.db, tokens, { indicatorId, valueId: id, actor, now });
    await store.insertEvidence(unit.db, files);
    await unit.audit({
      kind: 'change',
      action: 'project.indicator.value',
      entityType: 'project_indicator_value',
      entityId: id,
      before: null,
      after: {
        indicatorId,
        ...fields,
        files: files.map((file) => ({ fileName: file.fileName, sha256: file.sha256, size: file.size })),
      },
    });
  });
  return indicatorsPage(platform, caller, indicator.projectId);
}

/** Computes every indicator of the project for the period and freezes the values in a new snapshot. */
export async function takeSnapshot(
  platform: Platform,
  caller: Caller,
  projectId: string,
  input: SnapshotInput,
): Promise<SnapshotView> {
  const actor = userOf(caller);
  const project = await projectOf(platform, projectId);
  const period = { from: input.from, to: input.to };
  const faults = periodFaults(period, project, today(platform));
  if (faults.length > 0) throw new Invalid(faults);
  const db = platform.database.db;
  const indicators = await store.indicatorsOf(db, projectId);
  if (indicators.length === 0)
    throw new Invalid([{ path: 'label', message: 'Il progetto non ha ancora indicatori da rilevare' }]);
  const manual = await store.valuesOf(
    db,
    indicators.map((i) => i.id),
  );
  const values = await Promise.all(
    indicators.map(async (indicator) => {
      const own = manual.filter((v) => v.indicatorId === indicator.id);
      const computed = await valueFor(platform, indicator, own, period);
      const definition: FrozenDefinition = {
        code: indicator.code,
        name: indicator.name,
        kind: indicator.kind,
        unit: indicator.unit,
        baseline: indicator.baseline,
        target: indicator.target,
        workPackage: indicator.workPackage,
        source: indicator.source,
      };
      const parameters: SnapshotParameters = {
        source: indicator.source,
        ...period,
        ...(computed.manualValueIds ? { manualValueIds: computed.manualValueIds } : {}),
      };
      return {
        indicatorId: indicator.id,
        definitionVersion: indicator.version,
        definition: JSON.stringify(definition),
        value: computed.value,
        parameters: JSON.stringify(parameters),
        computedAt: platform.clock.now(),
        manualValueIds: computed.manualValueIds ?? [],
      };
    }),
  );
  const id = newId();
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    await store.holdValues(
      unit.db,
      values.flatMap((value) => value.manualValueIds),
    );
    await store.insertSnapshot(
      unit.db,
      {
        id,
        projectId,
        label: input.label,
        periodFrom: input.from,
        periodTo: input.to,
        takenAt: platform.clock.now(),
        takenBy: actor.userId,
      },
      values.map(({ manualValueIds: _, ...value }) => value),
    );
    await unit.audit({
      kind: 'change',
      action: 'project.indicator.snapshot',
      entityType: 'project_indicator_snapshot',
      entityId: id,
      before: null,
      after: {
        projectId,
        ...input,
        values: values.map((v) => ({
          indicatorId: v.indicatorId,
          version: v.definitionVersion,
          value: v.value,
        })),
      },
    });
  });
  return getSnapshot(platform, id);
}

export async function getSnapshot(platform: Platform, id: string): Promise<SnapshotView> {
  const db = platform.database.db;
  const snapshot = await store.findSnapshot(db, id);
  if (!snapshot) throw new NotFound(SNAPSHOT_NOT_FOUND);
  const values = await store.snapshotValuesOf(db, [id]);
  const frozen = frozenIn(values);
  const manual = await manualValuesOut(db, await store.valuesByIds(db, [...frozen]), frozen);
  return snapshotOut(snapshot, values, manual);
}

/** The records behind an indicator's value for a period, a page at a time; the reading is audited. */
export async function indicatorRecords(
  platform: Platform,
  caller: Caller,
  id: string,
  query: RecordsQuery,
): Promise<RecordsView> {
  const indicator = await indicatorOf(platform, id);
  if (query.to < query.from)
    throw new Invalid([{ path: 'to', message: 'La fine del periodo deve seguire l’inizio' }]);
  const source = indicatorSource(indicator.source);
  if (!source)
    throw new Invalid([
      {
        path: 'source',
        message: 'L’indicatore è inserito a mano: non ha un elenco di dati da cui è calcolato',
      },
    ]);
  const period = { from: query.from, to: query.to };
  const found = await source.records(platform, caller, period, pageWindow(query.page, RECORDS_PAGE_SIZE));
  if (found.rows.length > 0)
    await auditRead(platform.database.db, platform.clock, caller, 'project_indicator', id, {
      source: source.key,
      ...period,
      page: query.page,
      rows: found.rows.length,
    });
  return {
    indicatorId: id,
    source: source.key,
    ...period,
    columns: found.columns,
    rows: found.rows,
    total: found.total,
    page: query.page,
    pageSize: RECORDS_PAGE_SIZE,
    restricted: found.restricted,
  };
}

/** The indicator's chart: the value frozen for each period (the latest snapshot of it) against the target. */
export async function indicatorChart(platform: Platform, id: string): Promise<string> {
  const indicator = await indicatorOf(platform, id);
  const db = platform.database.db;
  const snapshots = await store.snapshotsOf(db, indicator.projectId);
  const values = await store.snapshotValuesOf(
    db,
    snapshots.map((s) => s.id),
  );
  const points = chartSeries(
    snapshots.flatMap((snapshot) => {
      const frozen = values.find((v) => v.snapshotId === snapshot.id && v.indicatorId === id);
      return frozen
        ? [
            {
              from: snapshot.periodFrom,
              to: snapshot.periodTo,
              label: snapshot.label,
              takenAt: snapshot.takenAt,
              value: frozen.value,
            },
          ]
        : [];
    }),
  );
  return indicatorChartSvg(indicator, points);
}
