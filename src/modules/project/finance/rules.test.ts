import { describe, expect, it } from 'vitest';
import { formatEuro } from './contract.ts';
import {
  budgetFaults,
  budgetTotals,
  type Cap,
  capFaults,
  capStatus,
  doubleFundingFault,
  type ExpenseFacts,
  expenseChecks,
  expenseFaults,
  isClaimable,
  missingLines,
  percent,
  type RequiredLine,
} from './rules.ts';

const CAPS: Cap[] = [
  {
    code: 'G',
    subject: 'Le spese per revisore indipendente ed esperto legale (G)',
    lines: ['G1', 'G2'],
    maxBasisPoints: 700,
  },
  { code: 'G1', subject: 'Le spese per il revisore indipendente (G1)', lines: ['G1'], maxBasisPoints: 700 },
  { code: 'G2', subject: 'Le spese per l’esperto legale (G2)', lines: ['G2'], maxBasisPoints: 200 },
  { code: 'I', subject: 'I costi indiretti (I)', lines: ['I'], maxBasisPoints: 700 },
];

const line = (code: string, amountCents: number) => ({ code, amountCents });

describe('formatting amounts', () => {
  it.each([
    [0, '0,00 €'],
    [5, '0,05 €'],
    [123456, '1.234,56 €'],
    [100000000, '1.000.000,00 €'],
    [-2550, '-25,50 €'],
  ])('%i cents read %s', (cents, text) => expect(formatEuro(cents)).toBe(text));

  it('writes shares the Italian way', () => {
    expect(percent(700)).toBe('7');
    expect(percent(250)).toBe('2,5');
  });
});

describe('the caps on a budget', () => {
  // direct costs: 100.000,00 € (A + G1 + G2); indirect costs outside the base
  const within = [line('A', 9_300_000), line('G1', 500_000), line('G2', 200_000), line('I', 700_000)];

  it('counts every line but the indirect costs as direct', () => {
    expect(budgetTotals(within)).toEqual({
      directCents: 10_000_000,
      indirectCents: 700_000,
      totalCents: 10_700_000,
    });
  });

  it('accepts a budget at the limits', () => {
    expect(capFaults(within, CAPS)).toEqual([]);
    expect(capStatus(within, CAPS).map((c) => [c.code, c.limitCents, c.amountCents, c.ok])).toEqual([
      ['G', 700_000, 700_000, true],
      ['G1', 700_000, 500_000, true],
      ['G2', 200_000, 200_000, true],
      ['I', 700_000, 700_000, true],
    ]);
  });

  it('names the legal expert’s cap on its first line, with the most allowed', () => {
    const lines = [line('A', 9_750_000), line('G2', 250_000)];
    expect(capFaults(lines, CAPS)).toEqual([
      {
        path: 'lines.1.amountCents',
        message: 'Le spese per l’esperto legale (G2) superano il 2 % dei costi diretti: massimo 2.000,00 €',
      },
    ]);
  });

  it('refuses the auditors together over 7 % though each is within its own cap', () => {
    const lines = [line('A', 9_000_000), line('G1', 650_000), line('G2', 190_000), line('E', 160_000)];
    const faults = capFaults(lines, CAPS);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toEqual({
      path: 'lines.1.amountCents',
      message:
        'Le spese per revisore indipendente ed esperto legale (G) superano il 7 % dei costi diretti: massimo 7.000,00 €',
    });
  });

  it('keeps the indirect costs a flat rate of the direct ones, rounded down to the cent', () => {
    const lines = [line('A', 1_000_001), line('I', 70_001)];
    expect(capFaults(lines, CAPS)).toEqual([
      {
        path: 'lines.1.amountCents',
        message: 'I costi indiretti (I) superano il 7 % dei costi diretti: massimo 700,00 €',
      },
    ]);
    expect(capFaults([line('A', 1_000_001), line('I', 70_000)], CAPS)).toEqual([]);
  });

  it('asks a re-modulation for its approval, and each line for a partner of the project', () => {
    const faults = budgetFaults(
      { lines: [{ code: 'A', organisationId: 'other', amountCents: 100 }] },
      {
        isInitial: false,
        partners: ['lead'],
        caps: CAPS,
        required: [],
        procurementKinds: new Set(),
        today: '2026-03-02',
      },
    );
    expect(faults.map((f) => f.path)).toEqual([
      'reason',
      'approvedOn',
      'approvalReference',
      'lines.0.organisationId',
    ]);
    const future = budgetFaults(
      {
        lines: [
          { code: 'A', organisationId: 'lead', amountCents: 100 },
          { code: 'A', organisationId: 'lead', amountCents: 200 },
        ],
        reason: 'Spostamento',
        approvedOn: '2026-03-03',
        approvalReference: 'Nota 123',
      },
      {
        isInitial: false,
        partners: ['lead'],
        caps: CAPS,
        required: [],
        procurementKinds: new Set(),
        today: '2026-03-02',
      },
    );
    expect(future).toEqual([
      { path: 'approvedOn', message: 'La data di approvazione non può essere nel futuro' },
      {
        path: 'lines.1.description',
        message: 'La voce A di questo partner è già indicata: distinguerla con una descrizione',
      },
    ]);
  });
});

const EXPENSE: ExpenseFacts = {
  organisationId: 'lead',
  lineCode: 'E',
  documentType: 'INVOICE',
  documentDate: '2026-01-15',
  netCents: 100_000,
  vatCents: 22_000,
  totalCents: 122_000,
  amountCents: 122_000,
  cup: 'F79I22002140006',
  paymentDate: '2026-02-01',
  paymentMethod: 'BANK_TRANSFER',
  paymentReference: 'TRN 1',
  annulled: true,
  status: 'COMPLETE',
};
const PROJECT = { startsOn: '2025-10-01', endsOn: '2027-06-30' };
const CONTEXT = {
  project: PROJECT,
  partners: ['lead'],
  workPackages: [],
  today: '2026-03-02',
  hasDocument: true,
};

describe('the macro-voci a rulebook makes mandatory', () => {
  const REQUIRED: RequiredLine[] = [
    { code: 'G1', subject: 'Il revisore indipendente (G1)', triggerKinds: null, source: 'Allegato 5' },
    {
      code: 'G2',
      subject: 'L’esperto legale (G2)',
      triggerKinds: ['SUPPLIES', 'SERVICES', 'INDIVIDUAL'],
      source: 'Allegato 5',
    },
  ];

  it('asks for the auditor always, and for the legal expert only once there is a procurement that needs one', () => {
    const lines = [line('A', 9_000_000)];
    expect(missingLines(lines, REQUIRED, new Set())).toEqual([
      'Il revisore indipendente (G1) è obbligatorio: il budget deve prevederne la voce (Allegato 5)',
    ]);
    expect(missingLines([...lines, line('G1', 300_000)], REQUIRED, new Set(['WORKS']))).toEqual([]);
    expect(
      missingLines([...lines, line('G1', 300_000)], REQUIRED, new Set(['SERVICES', 'INDIVIDUAL'])),
    ).toEqual([
      'L’esperto legale (G2) è obbligatorio perché il progetto ha acquisti di servizi e incarichi individuali esterni: il budget deve prevederne la voce (Allegato 5)',
    ]);
  });

  it('counts a line at zero as missing', () => {
    const lines = [line('A', 9_000_000), line('G1', 0), line('G2', 100_000)];
    expect(missingLines(lines, REQUIRED, new Set(['SUPPLIES']))).toHaveLength(1);
  });

  it('refuses a budget without them on its lines', () => {
    const faults = budgetFaults(
      { lines: [{ code: 'A', organisationId: 'lead', amountCents: 100 }] },
      {
        isInitial: true,
        partners: ['lead'],
        caps: [],
        required: REQUIRED,
        procurementKinds: new Set(['SUPPLIES']),
        today: '2026-03-02',
      },
    );
    expect(faults.map((f) => f.path)).toEqual(['lines', 'lines']);
  });
});

describe('what refuses an expense', () => {
  it('accepts a well-formed one', () => expect(expenseFaults(EXPENSE, CONTEXT)).toEqual([]));

  it('refuses a document dated outside the project, in words', () => {
    expect(expenseFaults({ ...EXPENSE, documentDate: '2025-09-30' }, CONTEXT)).toEqual([
      {
        path: 'documentDate',
        message:
          'La data del documento (30 settembre 2025) è fuori dal periodo del progetto (dal 1 ottobre 2025 al 30 giugno 2027)',
      },
    ]);
    expect(expenseFaults({ ...EXPENSE, documentDate: '2026-03-03' }, CONTEXT)[0]?.message).toBe(
      'La data del documento non può essere nel futuro',
    );
  });

  it('refuses amounts that do not add up, the flat-rate line, a half payment and a complete one without document', () => {
    const faults = expenseFaults(
      {
        ...EXPENSE,
        totalCents: 120_000,
        amountCents: 130_000,
        lineCode: 'I',
        paymentReference: null,
        organisationId: 'stranger',
        workPackageId: 'wp-of-another',
      },
      { ...CONTEXT, hasDocument: false },
    );
    expect(faults.map((f) => f.path)).toEqual([
      'totalCents',
      'amountCents',
      'organisationId',
      'workPackageId',
      'lineCode',
      'paymentReference',
      'status',
    ]);
    expect(faults[0]?.message).toBe('Il totale deve essere imponibile più IVA: 1.220,00 €');
  });

  it('refuses charging a document beyond its total, across projects', () => {
    expect(doubleFundingFault(EXPENSE, [])).toBeNull();
    expect(
      doubleFundingFault({ ...EXPENSE, amountCents: 22_000 }, [
        { amountCents: 100_000, acronym: 'LO.V.I.T.' },
      ]),
    ).toBeNull();
    expect(doubleFundingFault(EXPENSE, [{ amountCents: 100_000, acronym: 'LO.V.I.T.' }])).toBe(
      'Doppio finanziamento: il documento è già imputato per 1.000,00 € (LO.V.I.T.); con questa spesa si supera il suo totale di 1.220,00 €',
    );
  });
});

describe('the eligibility checks of an expense', () => {
  const context: Parameters<typeof expenseChecks>[1] = {
    project: { ...PROJECT, cup: 'F79I22002140006' },
    rulebook: { cupRequired: true, cashLimitCents: 50_000 },
    lineBudgetCents: 500_000,
    lineChargedCents: 122_000,
    organisationName: 'Prefettura di Lodi',
    earlier: [],
  };
  const failing = (expense: ExpenseFacts, over: Partial<typeof context> = {}) =>
    expenseChecks(expense, { ...context, ...over })
      .filter((c) => !c.ok)
      .map((c) => [c.rule, c.message]);

  it('passes a complete, paid, stamped expense within its line', () => {
    const checks = expenseChecks(EXPENSE, context);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(isClaimable('COMPLETE', checks)).toBe(true);
    expect(isClaimable('DRAFT', checks)).toBe(false);
  });

  it('flags a missing payment and cash above the limit', () => {
    expect(failing({ ...EXPENSE, paymentDate: null, paymentMethod: null, paymentReference: null })).toEqual([
      ['PAYMENT', 'Manca la prova del pagamento: data, mezzo e riferimento'],
    ]);
    expect(failing({ ...EXPENSE, paymentMethod: 'CASH' })).toEqual([
      [
        'PAYMENT',
        'Un pagamento in contanti oltre 500,00 € non è tracciabile: serve un bonifico o un altro mezzo tracciabile',
      ],
    ]);
    expect(failing({ ...EXPENSE, paymentMethod: 'CASH', amountCents: 50_000, totalCents: 50_000 })).toEqual(
      [],
    );
  });

  it('flags an invoice without the project’s CUP, not a payslip', () => {
    expect(failing({ ...EXPENSE, cup: null })).toEqual([
      ['CUP', 'Il documento deve riportare il CUP del progetto'],
    ]);
    expect(failing({ ...EXPENSE, cup: 'A00000000000000' })[0]?.[1]).toBe(
      'Il CUP del documento non è quello del progetto (F79I22002140006)',
    );
    expect(failing({ ...EXPENSE, cup: null, documentType: 'PAYSLIP' })).toEqual([]);
    expect(
      failing({ ...EXPENSE, cup: null }, { rulebook: { cupRequired: false, cashLimitCents: 0 } }),
    ).toEqual([]);
  });

  it('flags a line over its budget or missing from it, a missing stamp, and a document charged twice', () => {
    expect(failing(EXPENSE, { lineChargedCents: 600_000 })).toEqual([
      [
        'LINE',
        'La voce E – Materiali di consumo di Prefettura di Lodi è superata: imputati 6.000,00 € su 5.000,00 € previsti',
      ],
    ]);
    expect(failing(EXPENSE, { lineBudgetCents: null })[0]?.[1]).toBe(
      'La voce E – Materiali di consumo non è nel budget vigente di Prefettura di Lodi',
    );
    expect(failing({ ...EXPENSE, annulled: false })).toEqual([
      ['STAMP', 'Apporre sul documento originale il timbro di annullo con il riferimento al progetto'],
    ]);
    expect(failing(EXPENSE, { earlier: [{ amountCents: 1, acronym: 'LO.V.I.T.' }] })[0]?.[0]).toBe(
      'DOUBLE_FUNDING',
    );
  });
});
