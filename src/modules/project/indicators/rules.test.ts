import { describe, expect, it } from 'vitest';
import {
  chartSeries,
  computedValueFaults,
  dayInWords,
  definitionChanged,
  definitionFaults,
  evidenceFaults,
  manualValueFor,
  measuredOnFaults,
  NO_EVIDENCE,
  pageWindow,
  periodFaults,
  projectSoFar,
  roundFigure,
  shareOfTarget,
} from './rules.ts';

const PROJECT = { startsOn: '2025-10-01', endsOn: '2027-06-30' };

describe('an indicator definition', () => {
  const sources = new Set(['cases.handled']);
  const packages = new Set(['wp-1']);

  it('takes a registered source or a manual entry, and a work package of the project', () => {
    expect(definitionFaults({ source: 'cases.handled', workPackageId: 'wp-1' }, sources, packages)).toEqual(
      [],
    );
    expect(definitionFaults({ source: 'MANUAL', workPackageId: null }, sources, packages)).toEqual([]);
  });

  it('refuses an unknown source and another project’s work package, in Italian', () => {
    expect(definitionFaults({ source: 'cases.other', workPackageId: 'wp-9' }, sources, packages)).toEqual([
      { path: 'source', message: 'Scegliere la fonte dall’elenco' },
      { path: 'workPackageId', message: 'Il work package non è di questo progetto' },
    ]);
  });

  it('is a new version only when something of it changes', () => {
    const definition = {
      code: 'O2.1',
      name: 'Pratiche',
      kind: 'OUTPUT' as const,
      unit: 'pratiche',
      baseline: 0,
      target: 100,
      source: 'cases.handled',
      workPackageId: 'wp-1',
    };
    expect(definitionChanged(definition, { ...definition })).toBe(false);
    for (const change of [
      { code: 'O2.2' },
      { name: 'Altro' },
      { kind: 'RESULT' as const },
      { unit: 'casi' },
      { baseline: 1 },
      { target: 101 },
      { source: 'MANUAL' },
      { workPackageId: null },
    ])
      expect(definitionChanged(definition, { ...definition, ...change })).toBe(true);
  });
});

describe('a reporting period', () => {
  it('is accepted inside the project and over', () => {
    expect(periodFaults({ from: '2025-10-01', to: '2026-03-31' }, PROJECT, '2026-04-02')).toEqual([]);
    expect(periodFaults({ from: '2026-04-01', to: '2026-04-02' }, PROJECT, '2026-04-02')).toEqual([]);
  });

  it('is refused reversed, before the project, after it, or not over yet', () => {
    expect(periodFaults({ from: '2026-03-10', to: '2026-03-01' }, PROJECT, '2026-04-02')).toEqual([
      { path: 'to', message: 'La fine del periodo deve seguire l’inizio' },
    ]);
    expect(periodFaults({ from: '2025-09-01', to: '2025-12-31' }, PROJECT, '2026-04-02')).toEqual([
      {
        path: 'from',
        message: 'Il periodo deve iniziare non prima dell’avvio del progetto, il 1 ottobre 2025',
      },
    ]);
    expect(periodFaults({ from: '2027-01-01', to: '2027-07-31' }, PROJECT, '2027-09-01')).toEqual([
      { path: 'to', message: 'Il periodo deve finire non dopo la fine del progetto, il 30 giugno 2027' },
    ]);
    expect(periodFaults({ from: '2026-03-01', to: '2026-04-30' }, PROJECT, '2026-04-02')).toEqual([
      { path: 'to', message: 'Il periodo non è ancora concluso: si congela solo un periodo passato' },
    ]);
  });

  it('of the project so far runs from its start to today, or to its end once over', () => {
    expect(projectSoFar(PROJECT, '2026-03-02')).toEqual({ from: '2025-10-01', to: '2026-03-02' });
    expect(projectSoFar(PROJECT, '2028-01-01')).toEqual({ from: '2025-10-01', to: '2027-06-30' });
    expect(projectSoFar(PROJECT, '2025-01-01')).toEqual({ from: '2025-10-01', to: '2025-10-01' });
  });
});

describe('a manual value', () => {
  const at = (iso: string) => new Date(iso);
  const values = [
    { id: 'a', value: 1, measuredOn: '2026-01-10', recordedAt: at('2026-01-10T10:00:00Z') },
    { id: 'b', value: 2, measuredOn: '2026-02-10', recordedAt: at('2026-02-10T10:00:00Z') },
    { id: 'c', value: 3, measuredOn: '2026-02-10', recordedAt: at('2026-02-11T10:00:00Z') },
    { id: 'd', value: 4, measuredOn: '2026-04-01', recordedAt: at('2026-04-01T10:00:00Z') },
  ];

  it('stands for a period when it is the latest measured in it, the latest recorded on the same day', () => {
    expect(manualValueFor(values, { from: '2026-01-01', to: '2026-03-31' })?.id).toBe('c');
    expect(manualValueFor(values, { from: '2026-01-01', to: '2026-01-31' })?.id).toBe('a');
    expect(manualValueFor(values, { from: '2026-03-01', to: '2026-03-31' })).toBeNull();
  });

  it('is measured within the project and not in the future', () => {
    expect(measuredOnFaults('2026-01-10', PROJECT, '2026-03-02')).toEqual([]);
    expect(measuredOnFaults('2025-01-10', PROJECT, '2026-03-02')).toEqual([
      { path: 'measuredOn', message: 'La data della rilevazione è fuori dal periodo del progetto' },
    ]);
    expect(measuredOnFaults('2026-03-03', PROJECT, '2026-03-02')).toEqual([
      { path: 'measuredOn', message: 'La data della rilevazione è nel futuro' },
    ]);
  });

  it('has its evidence in a note, in files, or in both, never in neither', () => {
    expect(evidenceFaults('Verbale del 10 gennaio', 0)).toEqual([]);
    expect(evidenceFaults(null, 2)).toEqual([]);
    expect(evidenceFaults('Registro presenze', 1)).toEqual([]);
    expect(evidenceFaults(null, 0)).toEqual([{ path: 'note', message: NO_EVIDENCE }]);
    expect(evidenceFaults(undefined, 0)).toEqual([{ path: 'note', message: NO_EVIDENCE }]);
  });

  it('is entered only for an indicator without a source, its files too', () => {
    expect(computedValueFaults('MANUAL', 'value')).toEqual([]);
    expect(computedValueFaults('cases.handled', 'file')).toEqual([
      {
        path: 'file',
        message: 'Il valore di questo indicatore è calcolato dai dati: non si inserisce a mano',
      },
    ]);
  });
});

describe('the chart and the figures', () => {
  it('draws one point per period, from its latest snapshot, in the order of the periods', () => {
    const point = (from: string, to: string, takenAt: string, value: number | null) => ({
      from,
      to,
      label: `${from}/${to}`,
      takenAt: new Date(takenAt),
      value,
    });
    const series = chartSeries([
      point('2026-01-01', '2026-03-31', '2026-04-02T10:00:00Z', 12),
      point('2025-10-01', '2025-12-31', '2026-01-05T10:00:00Z', 5),
      point('2026-01-01', '2026-03-31', '2026-04-10T10:00:00Z', 13),
    ]);
    expect(series.map((p) => p.value)).toEqual([5, 13]);
  });

  it('gives the share of the target, none without a value or a target', () => {
    expect(shareOfTarget(30, 120)).toBe(0.25);
    expect(shareOfTarget(null, 120)).toBeNull();
    expect(shareOfTarget(5, 0)).toBeNull();
  });

  it('pages and rounds', () => {
    expect(pageWindow(1, 20)).toEqual({ offset: 0, limit: 20 });
    expect(pageWindow(3, 20)).toEqual({ offset: 40, limit: 20 });
    expect(pageWindow(0, 20)).toEqual({ offset: 0, limit: 20 });
    expect(roundFigure(12.3456)).toBe(12.35);
    expect(roundFigure(7)).toBe(7);
  });

  it('writes days in words', () => {
    expect(dayInWords('2026-03-12')).toBe('12 marzo 2026');
  });
});
