import { describe, expect, it } from 'vitest';
import type { ReportFacts } from '../../../db/tables/project-reports.ts';
import type { ItemDates } from '../rules.ts';
import {
  draftSections,
  itemInPeriod,
  itemStateAt,
  latestSnapshotWithin,
  noteInPeriod,
  reportPeriodFaults,
  sectionFault,
} from './rules.ts';

const PERIOD = { from: '2026-01-01', to: '2026-02-28' };
const PROJECT = { startsOn: '2025-10-01', endsOn: '2027-06-30' };

const item = (over: Partial<ItemDates>): ItemDates => ({
  kind: 'ACTIVITY',
  status: 'PLANNED',
  plannedStart: '2026-01-10',
  plannedEnd: '2026-02-20',
  actualStart: null,
  actualEnd: null,
  ...over,
});

describe('the period of a report', () => {
  it('lies within the project and does not run backwards', () => {
    expect(reportPeriodFaults(PERIOD, PROJECT)).toEqual([]);
    expect(reportPeriodFaults({ from: '2025-09-01', to: '2025-12-31' }, PROJECT)).toEqual([
      {
        path: 'from',
        message: 'L’inizio è fuori dal periodo del progetto (dal 1 ottobre 2025 al 30 giugno 2027)',
      },
    ]);
    expect(reportPeriodFaults({ from: '2026-03-01', to: '2026-02-01' }, PROJECT)).toEqual([
      { path: 'to', message: 'La fine del periodo precede l’inizio' },
    ]);
  });

  it('takes by default the latest snapshot lying within it', () => {
    const snapshots = [
      { id: 'a', from: '2026-01-01', to: '2026-01-31', takenAt: '2026-02-01T10:00:00Z' },
      { id: 'b', from: '2026-01-01', to: '2026-02-28', takenAt: '2026-03-01T10:00:00Z' },
      { id: 'c', from: '2026-01-01', to: '2026-02-28', takenAt: '2026-03-01T09:00:00Z' },
      { id: 'd', from: '2025-12-01', to: '2026-02-28', takenAt: '2026-03-02T09:00:00Z' },
    ];
    expect(latestSnapshotWithin(snapshots, PERIOD)?.id).toBe('b');
    expect(latestSnapshotWithin(snapshots, { from: '2025-10-01', to: '2025-12-31' })).toBeNull();
  });
});

describe('the items of a period', () => {
  it('takes those begun by its end and not finished before its start', () => {
    expect(itemInPeriod(item({}), PERIOD)).toBe(true);
    expect(itemInPeriod(item({ plannedStart: '2026-03-01', plannedEnd: '2026-03-01' }), PERIOD)).toBe(false);
    expect(
      itemInPeriod(
        item({ plannedStart: '2026-03-01', plannedEnd: '2026-04-01', actualStart: '2026-02-15' }),
        PERIOD,
      ),
    ).toBe(true);
    const finishedBefore = item({
      status: 'DONE',
      plannedStart: '2025-10-01',
      plannedEnd: '2025-12-01',
      actualStart: '2025-10-01',
      actualEnd: '2025-12-01',
    });
    expect(itemInPeriod(finishedBefore, PERIOD)).toBe(false);
    expect(itemInPeriod(item({ plannedStart: '2025-10-01', plannedEnd: '2025-11-30' }), PERIOD)).toBe(true);
  });

  it('reads each one as it stood at the period’s end', () => {
    expect(itemStateAt(item({ actualStart: '2026-01-10', status: 'IN_PROGRESS' }), '2026-02-28')).toEqual({
      state: 'LATE',
      days: 8,
    });
    expect(
      itemStateAt(item({ status: 'DONE', actualStart: '2026-01-10', actualEnd: '2026-02-15' }), '2026-02-28'),
    ).toEqual({ state: 'AHEAD', days: 5 });
    expect(
      itemStateAt(item({ status: 'DONE', actualStart: '2026-01-10', actualEnd: '2026-02-25' }), '2026-02-28'),
    ).toEqual({ state: 'DONE', days: 5 });
    expect(
      itemStateAt(item({ status: 'DONE', actualStart: '2026-01-10', actualEnd: '2026-03-10' }), '2026-02-28'),
    ).toEqual({ state: 'LATE', days: 8 });
    expect(
      itemStateAt(
        item({
          plannedStart: '2026-02-01',
          plannedEnd: '2026-04-30',
          actualStart: '2026-01-20',
          status: 'IN_PROGRESS',
        }),
        '2026-02-28',
      ),
    ).toEqual({ state: 'AHEAD', days: 12 });
    expect(itemStateAt(item({ plannedEnd: '2026-03-20' }), '2026-01-05')).toEqual({
      state: 'ON_TIME',
      days: 0,
    });
    expect(itemStateAt(item({ status: 'CANCELLED' }), '2026-02-28')).toEqual({ state: 'CANCELLED', days: 0 });
  });

  it('takes the notes of the period’s months', () => {
    expect(noteInPeriod('2026-01', PERIOD)).toBe(true);
    expect(noteInPeriod('2026-02', PERIOD)).toBe(true);
    expect(noteInPeriod('2025-12', PERIOD)).toBe(false);
    expect(noteInPeriod('2026-03', PERIOD)).toBe(false);
  });
});

const FACTS: ReportFacts = {
  project: { code: 'P', acronym: 'LO.V.I.T.', title: 'Lodi', cup: null, programme: 'FAMI_2014_2020' },
  asOf: '2026-02-28',
  packages: [
    {
      code: 'WP1',
      title: 'Governance',
      items: [
        {
          kind: 'ACTIVITY',
          code: 'A1.1',
          title: 'Tavoli',
          plannedStart: '2026-01-01',
          plannedEnd: '2026-01-31',
          actualStart: '2026-01-02',
          actualEnd: null,
          state: 'LATE',
          days: 28,
        },
      ],
      notes: [{ month: '2026-02', text: 'Tavolo convocato.', authorName: 'Sara Neri' }],
    },
  ],
  snapshot: null,
};

describe('the draft', () => {
  it('writes a section per package with what is late and the notes, and says when there are no indicators', () => {
    const sections = draftSections({ kind: 'INTERMEDIATE', ...PERIOD }, FACTS);
    expect(sections.map((s) => s.key)).toEqual(['summary', 'wp1', 'indicators', 'outlook']);
    expect(sections[0]?.body).toContain('Relazione intermedia');
    expect(sections[0]?.body).toContain('dal 1 gennaio 2026 al 28 febbraio 2026');
    expect(sections[1]?.heading).toBe('WP1 – Governance');
    expect(sections[1]?.body).toContain('A1.1 Tavoli: in ritardo di 28 giorni.');
    expect(sections[1]?.body).toContain('Nota di febbraio 2026 (Sara Neri): Tavolo convocato.');
    expect(sections[2]?.body).toContain('non è stata fatta alcuna rilevazione degli indicatori');
  });

  it('counts the indicators that reached their target', () => {
    const facts: ReportFacts = {
      ...FACTS,
      snapshot: {
        label: 'Primo bimestre',
        from: '2026-01-01',
        to: '2026-02-28',
        takenAt: '2026-03-01T10:00:00Z',
        values: [
          { code: 'O1', name: 'Incontri', unit: 'n.', target: 4, value: 5, share: 1.25 },
          { code: 'O2', name: 'Corsi', unit: 'n.', target: 4, value: 1, share: 0.25 },
        ],
      },
    };
    expect(draftSections({ kind: 'FINAL', ...PERIOD }, facts)[2]?.body).toContain(
      '2 indicatori, 1 ha raggiunto il valore obiettivo',
    );
  });

  it('refuses markup in a section', () => {
    expect(sectionFault('Primo paragrafo.\n\nSecondo: 3 < 4.')).toBeNull();
    expect(sectionFault('<b>grassetto</b>')).toBe(
      'Il testo è semplice, senza codice HTML: togliere i segni < >',
    );
  });
});
