import { describe, expect, it } from 'vitest';
import {
  type Contract,
  claimedMonth,
  contractFaults,
  costCents,
  dayInWords,
  hourlyCostCents,
  hoursInWords,
  monthSpan,
  nextStatus,
  type SheetCheck,
  sheetFaults,
} from './rules.ts';

const EMPLOYEE: Contract = {
  kind: 'INTERNAL',
  contractStartsOn: '2026-01-15',
  contractEndsOn: '2026-06-30',
  monthlyMinutesCap: 40 * 60,
  totalMinutesCap: 100 * 60,
  feeCents: null,
  deliverables: null,
  annualGrossCostCents: 4_300_000,
  annualHours: 1720,
};

const WP = 'wp-1';
const ACTIVITY = 'a-1';

const check = (overrides: Partial<SheetCheck> = {}): SheetCheck => ({
  month: '2026-02',
  currentMonth: '2026-03',
  contract: EMPLOYEE,
  project: { startsOn: '2025-10-01', endsOn: '2027-06-30' },
  lines: [{ workPackageId: WP, itemId: ACTIVITY, minutes: 20 * 60 }],
  activities: new Map([[WP, new Set([ACTIVITY])]]),
  otherMinutes: 0,
  ...overrides,
});

const paths = (faults: { path: string }[]) => faults.map((f) => f.path);

describe('the hourly cost and the cost of hours', () => {
  it('divides the annual gross cost by the annual hours, to the cent, half a cent up', () => {
    // 43.000,00 € ÷ 1.720 h = 25,00 €/h exactly
    expect(hourlyCostCents(4_300_000, 1720)).toBe(2500);
    // 38.500,00 € ÷ 1.720 h = 22,38372… €/h → 22,38
    expect(hourlyCostCents(3_850_000, 1720)).toBe(2238);
    // 1.001 cents ÷ 2 h = 500,5 → 501 (half up)
    expect(hourlyCostCents(1001, 2)).toBe(501);
    expect(hourlyCostCents(1003, 4)).toBe(251);
  });

  it('values a month’s minutes once on the total, half a cent up', () => {
    expect(costCents(20 * 60, 2500)).toBe(50_000);
    // 7 h 15 min at 22,38 €/h = 162,255 € → 162,26
    expect(costCents(7 * 60 + 15, 2238)).toBe(16_226);
    expect(costCents(15, 2238)).toBe(560);
    expect(costCents(0, 2238)).toBe(0);
  });
});

describe('a contract', () => {
  it('is complete for an employee with cost and hours, and for an assignment with a fee', () => {
    expect(contractFaults(EMPLOYEE)).toEqual([]);
    expect(
      contractFaults({
        ...EMPLOYEE,
        kind: 'AUDITOR',
        annualGrossCostCents: null,
        annualHours: null,
        feeCents: 900_000,
        monthlyMinutesCap: null,
        totalMinutesCap: null,
        deliverables: 'Verifica delle domande di rimborso',
      }),
    ).toEqual([]);
  });

  it('names every missing or contradictory field', () => {
    expect(
      paths(
        contractFaults({
          ...EMPLOYEE,
          contractEndsOn: '2026-01-01',
          monthlyMinutesCap: 200 * 60,
          annualHours: null,
          feeCents: 100,
        }),
      ),
    ).toEqual(['contractEndsOn', 'monthlyHoursCap', 'annualHours', 'feeCents']);
    expect(
      paths(
        contractFaults({ ...EMPLOYEE, kind: 'EXTERNAL', monthlyMinutesCap: null, totalMinutesCap: null }),
      ),
    ).toEqual(['monthlyHoursCap', 'feeCents', 'annualGrossCostCents']);
  });
});

describe('a month’s timesheet', () => {
  it('passes within the contract, the project and the caps', () => {
    expect(sheetFaults(check())).toEqual([]);
    // a month the contract covers in part is still a month of the contract
    expect(sheetFaults(check({ month: '2026-01' }))).toEqual([]);
  });

  it('refuses a month not yet begun, outside the contract or outside the project', () => {
    expect(sheetFaults(check({ month: '2026-04' }))).toEqual([
      {
        path: 'month',
        message: 'Non si compila il foglio ore di aprile 2026: il mese non è ancora iniziato',
      },
    ]);
    expect(sheetFaults(check({ month: '2025-12' }))).toEqual([
      {
        path: 'month',
        message: 'Dicembre 2025 è fuori dal periodo del contratto (dal 15 gennaio 2026 al 30 giugno 2026)',
      },
    ]);
    expect(
      sheetFaults(
        check({ project: { startsOn: '2026-03-01', endsOn: '2026-12-31' }, currentMonth: '2026-09' }),
      ),
    ).toEqual([
      {
        path: 'month',
        message: 'Febbraio 2026 è fuori dal periodo del progetto (dal 1 marzo 2026 al 31 dicembre 2026)',
      },
    ]);
  });

  it('refuses hours over the monthly cap and over the contract’s total', () => {
    const over = sheetFaults(check({ lines: [{ workPackageId: WP, itemId: null, minutes: 40 * 60 + 15 }] }));
    expect(over).toEqual([
      {
        path: 'lines',
        message: 'Le ore del mese (40,25 ore) superano il limite mensile del contratto (40 ore)',
      },
    ]);
    expect(sheetFaults(check({ otherMinutes: 80 * 60 + 30 }))).toEqual([
      {
        path: 'lines',
        message: 'Con questo mese le ore del contratto salirebbero a 100,5 ore, oltre le 100 ore previste',
      },
    ]);
    expect(sheetFaults(check({ otherMinutes: 80 * 60 }))).toEqual([]);
  });

  it('refuses a line outside the project’s packages, an activity of another package and a repeated line', () => {
    const faults = sheetFaults(
      check({
        lines: [
          { workPackageId: 'elsewhere', itemId: null, minutes: 60 },
          { workPackageId: WP, itemId: 'other', minutes: 60 },
          { workPackageId: WP, itemId: ACTIVITY, minutes: 60 },
          { workPackageId: WP, itemId: ACTIVITY, minutes: 60 },
        ],
      }),
    );
    expect(paths(faults)).toEqual(['lines.0.workPackageId', 'lines.1.itemId', 'lines.3.itemId']);
  });
});

describe('the states of a sheet', () => {
  it('lets a draft or a rejected sheet be edited and sent, and nothing else', () => {
    expect(nextStatus('DRAFT', 'EDIT', '2026-02')).toEqual({ ok: true, status: 'DRAFT' });
    expect(nextStatus('REJECTED', 'EDIT', '2026-02')).toEqual({ ok: true, status: 'DRAFT' });
    expect(nextStatus('REJECTED', 'SUBMIT', '2026-02')).toEqual({ ok: true, status: 'SUBMITTED' });
    for (const status of ['SUBMITTED', 'APPROVED', 'LOCKED'] as const)
      expect(nextStatus(status, 'EDIT', '2026-02').ok).toBe(false);
    expect(nextStatus('LOCKED', 'EDIT', '2026-02')).toEqual({
      ok: false,
      message: 'Il foglio ore di febbraio 2026 è in una domanda di rimborso: è bloccato.',
    });
  });

  it('lets the supervisor decide only a sent sheet, and a claim lock only an approved one', () => {
    expect(nextStatus('SUBMITTED', 'APPROVE', '2026-02')).toEqual({ ok: true, status: 'APPROVED' });
    expect(nextStatus('SUBMITTED', 'REJECT', '2026-02')).toEqual({ ok: true, status: 'REJECTED' });
    expect(nextStatus('DRAFT', 'APPROVE', '2026-02').ok).toBe(false);
    expect(nextStatus('APPROVED', 'REJECT', '2026-02').ok).toBe(false);
    expect(nextStatus('APPROVED', 'LOCK', '2026-02')).toEqual({ ok: true, status: 'LOCKED' });
    expect(nextStatus('SUBMITTED', 'LOCK', '2026-02').ok).toBe(false);
  });
});

describe('words', () => {
  it('says days, months and hours as a clerk reads them', () => {
    expect(dayInWords('2026-03-12')).toBe('12 marzo 2026');
    expect(hoursInWords(60)).toBe('1 ora');
    expect(hoursInWords(450)).toBe('7,5 ore');
    expect(monthSpan('2028-02')).toEqual({ startsOn: '2028-02-01', endsOn: '2028-02-29' });
  });
});

describe('a month taken by a submitted claim', () => {
  it('names the month and the claim', () => {
    expect(claimedMonth('2026-01', 3)).toBe(
      'Gennaio 2026 è nella domanda di rimborso n. 3, già presentata: i fogli ore del mese non si compilano, non si inviano e non si approvano più.',
    );
  });
});
