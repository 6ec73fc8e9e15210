import { describe, expect, it } from 'vitest';
import { type ItemDates, itemFaults, progressOf } from './rules.ts';
import { timelineSvg } from './timeline.tsx';

const item = (over: Partial<ItemDates> = {}): ItemDates => ({
  kind: 'ACTIVITY',
  status: 'PLANNED',
  plannedStart: '2026-03-01',
  plannedEnd: '2026-06-30',
  actualStart: null,
  actualEnd: null,
  ...over,
});
const project = { startsOn: '2026-01-01', endsOn: '2027-06-30' };
const paths = (faults: { path: string }[]) => faults.map((f) => f.path);

describe('how late an item is', () => {
  it('is on time before its planned start and while it runs within its dates', () => {
    expect(progressOf(item(), '2026-02-28')).toEqual({ state: 'ON_TIME', lateDays: 0 });
    expect(progressOf(item({ status: 'IN_PROGRESS', actualStart: '2026-03-02' }), '2026-06-30')).toEqual({
      state: 'ON_TIME',
      lateDays: 0,
    });
  });

  it('is late from the day after its planned start when it has not begun, and after its planned end', () => {
    expect(progressOf(item(), '2026-03-04')).toEqual({ state: 'LATE', lateDays: 3 });
    expect(progressOf(item({ status: 'IN_PROGRESS', actualStart: '2026-03-01' }), '2026-07-10')).toEqual({
      state: 'LATE',
      lateDays: 10,
    });
  });

  it('counts a finished item late by how far its end passed the planned one, and a cancelled one never', () => {
    const done = item({ status: 'DONE', actualStart: '2026-03-01', actualEnd: '2026-07-05' });
    expect(progressOf(done, '2026-12-01')).toEqual({ state: 'DONE', lateDays: 5 });
    expect(progressOf({ ...done, actualEnd: '2026-06-01' }, '2026-12-01')).toEqual({
      state: 'DONE',
      lateDays: 0,
    });
    expect(progressOf(item({ status: 'CANCELLED' }), '2027-01-01').state).toBe('CANCELLED');
  });
});

describe('the dates an item may have', () => {
  it('accepts dates within the project, in order', () => {
    expect(itemFaults(item(), project, '2026-12-01')).toEqual([]);
  });

  it('refuses planned dates outside the project or reversed, and a milestone of more than one day', () => {
    expect(paths(itemFaults(item({ plannedStart: '2025-12-31' }), project, '2026-12-01'))).toEqual([
      'plannedStart',
    ]);
    expect(paths(itemFaults(item({ plannedEnd: '2027-07-01' }), project, '2026-12-01'))).toEqual([
      'plannedEnd',
    ]);
    expect(paths(itemFaults(item({ plannedEnd: '2026-02-01' }), project, '2026-12-01'))).toEqual([
      'plannedEnd',
    ]);
    expect(paths(itemFaults(item({ kind: 'MILESTONE' }), project, '2026-12-01'))).toEqual(['plannedEnd']);
  });

  it('asks for the actual dates the status implies, none in the future', () => {
    expect(paths(itemFaults(item({ status: 'DONE' }), project, '2026-12-01'))).toEqual(['actualEnd']);
    expect(paths(itemFaults(item({ status: 'IN_PROGRESS' }), project, '2026-12-01'))).toEqual([
      'actualStart',
    ]);
    expect(
      paths(itemFaults(item({ status: 'IN_PROGRESS', actualStart: '2026-12-02' }), project, '2026-12-01')),
    ).toEqual(['actualStart']);
    expect(
      paths(
        itemFaults(
          item({ status: 'IN_PROGRESS', actualStart: '2026-03-01', actualEnd: '2026-04-01' }),
          project,
          '2026-12-01',
        ),
      ),
    ).toEqual(['status']);
    expect(
      paths(itemFaults(item({ status: 'DONE', actualEnd: '2026-04-01' }), project, '2026-12-01')),
    ).toEqual(['actualStart']);
  });
});

describe('the timeline', () => {
  const plan = {
    acronym: 'LO.V.I.T.',
    ...project,
    packages: [
      {
        code: 'WP1',
        title: 'Consiglio territoriale <per> l’immigrazione',
        items: [
          { ...item(), code: 'A1.1', title: 'Analisi dei bisogni' },
          {
            ...item({ kind: 'MILESTONE', plannedStart: '2026-09-15', plannedEnd: '2026-09-15' }),
            code: 'M1',
            title: 'Mappa',
          },
        ],
      },
    ],
  };

  it('draws every item, today’s line, and names in its description what is late', () => {
    const svg = timelineSvg(plan, '2026-12-01');
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('A1.1 Analisi dei bisogni');
    expect(svg).toContain('oggi');
    expect(svg).toContain('In ritardo: A1.1 Analisi dei bisogni; M1 Mappa.');
    expect(svg).toContain('&lt;per&gt;');
    expect(svg).not.toContain('<per>');
  });

  it('leaves today’s line out when today is outside the project and says when nothing is late', () => {
    const svg = timelineSvg(plan, '2025-06-01');
    expect(svg).not.toContain('>oggi<');
    expect(svg).toContain('Nessuna attività in ritardo.');
  });
});
