import { describe, expect, it } from 'vitest';
import {
  admittedOf,
  type Candidate,
  candidateFault,
  claimCaps,
  claimPeriodFaults,
  closingFault,
  documentReference,
  editRefusal,
  expenseChoiceFaults,
  isOwnClaim,
  lineTotals,
  outcomeFaults,
} from './rules.ts';

const PROJECT = { startsOn: '2025-10-01', endsOn: '2027-06-30' };
const CLAIM = { projectId: 'p1', periodStart: '2025-10-01', periodEnd: '2026-03-31' };
const candidate = (over: Partial<Candidate> = {}): Candidate => ({
  id: 'e1',
  projectId: 'p1',
  documentDate: '2026-01-15',
  status: 'COMPLETE',
  otherClaim: null,
  failedChecks: [],
  procurement: null,
  ...over,
});
const CHECKLIST = {
  allocation: { ok: true },
  eligibility: { ok: true },
  documents: { ok: true },
  payment: { ok: true },
  stamp: { ok: true },
  noDoubleFunding: { ok: true },
  reasonableness: { ok: false, note: 'Prezzo sopra il listino' },
};

describe('the documents of a claim', () => {
  it('names a supporting document as the funder’s system does', () => {
    expect(
      documentReference({ documentType: 'INVOICE', documentNumber: '12', documentDate: '2026-03-03' }),
    ).toBe('Fattura n. 12 del 3 marzo 2026');
  });
});

describe('the period of a claim', () => {
  it('accepts a period inside the project', () => {
    expect(claimPeriodFaults({ periodStart: '2025-10-01', periodEnd: '2026-03-31' }, PROJECT)).toEqual([]);
  });
  it('refuses a period that ends before it starts or leaves the project', () => {
    expect(claimPeriodFaults({ periodStart: '2026-03-01', periodEnd: '2026-02-01' }, PROJECT)).toEqual([
      { path: 'periodEnd', message: 'La fine del periodo deve seguire l’inizio' },
    ]);
    expect(claimPeriodFaults({ periodStart: '2025-09-01', periodEnd: '2026-02-01' }, PROJECT)).toEqual([
      {
        path: 'periodStart',
        message:
          'L’inizio del periodo è fuori dal periodo del progetto (dal 1 ottobre 2025 al 30 giugno 2027)',
      },
    ]);
  });
});

describe('which expenses a claim takes', () => {
  it('takes a complete, eligible expense of the period', () => {
    expect(candidateFault(candidate(), CLAIM)).toBeNull();
  });
  it('names the rule that refuses each other expense', () => {
    expect(candidateFault(undefined, CLAIM)).toBe('La spesa non è di questo progetto');
    expect(candidateFault(candidate({ projectId: 'p2' }), CLAIM)).toBe('La spesa non è di questo progetto');
    expect(candidateFault(candidate({ otherClaim: 2 }), CLAIM)).toBe(
      'Spesa già rendicontata: è nella domanda di rimborso n. 2',
    );
    expect(candidateFault(candidate({ documentDate: '2026-04-02' }), CLAIM)).toBe(
      'Spesa fuori dal periodo della domanda: il documento è del 2 aprile 2026, il periodo va dal 1 ottobre 2025 al 31 marzo 2026',
    );
    expect(candidateFault(candidate({ status: 'DRAFT' }), CLAIM)).toBe('Spesa incompleta: è ancora in bozza');
    expect(
      candidateFault(candidate({ failedChecks: ['Annullo del documento: manca il timbro'] }), CLAIM),
    ).toBe('Controllo di ammissibilità non superato – Annullo del documento: manca il timbro');
    expect(
      candidateFault(
        candidate({ procurement: 'La procedura «Grafica» non è ancora stata verificata' }),
        CLAIM,
      ),
    ).toBe('Procedura d’acquisto non verificata: La procedura «Grafica» non è ancora stata verificata');
  });
  it('refuses an expense named twice, on its second position', () => {
    const candidates = new Map([['e1', candidate()]]);
    expect(expenseChoiceFaults(['e1', 'e1', 'e9'], candidates, CLAIM)).toEqual([
      { path: 'expenseIds.1', message: 'La spesa è indicata due volte' },
      { path: 'expenseIds.2', message: 'La spesa non è di questo progetto' },
    ]);
  });
});

describe('the totals of a claim', () => {
  const budget = [
    { code: 'A', amountCents: 8_000_000 },
    { code: 'G1', amountCents: 300_000 },
    { code: 'I', amountCents: 500_000 },
  ];
  const expenses = [
    { id: 'e1', lineCode: 'A', amountCents: 100_000 },
    { id: 'e2', lineCode: 'A', amountCents: 50_000 },
    { id: 'e3', lineCode: 'G1', amountCents: 20_000 },
  ];

  it('adds up per macro-voce, beside the budget, the earlier claims and what was admitted', () => {
    const totals = lineTotals(
      expenses,
      budget,
      [{ lineCode: 'A', amountCents: 70_000 }],
      new Map([
        ['e1', 100_000],
        ['e2', 20_000],
      ]),
    );
    expect(totals).toEqual([
      {
        code: 'A',
        label: 'A – Costi del personale',
        budgetCents: 8_000_000,
        earlierCents: 70_000,
        claimedCents: 150_000,
        admittedCents: 120_000,
      },
      {
        code: 'G1',
        label: 'G1 – Revisore indipendente',
        budgetCents: 300_000,
        earlierCents: 0,
        claimedCents: 20_000,
        admittedCents: 0,
      },
      {
        code: 'I',
        label: 'I – Costi indiretti (forfettari)',
        budgetCents: 500_000,
        earlierCents: 0,
        claimedCents: 0,
        admittedCents: 0,
      },
    ]);
  });

  it('measures a cap on the direct costs claimed so far, never beyond the budget’s', () => {
    const totals = lineTotals(expenses, budget, [], null);
    const [cap] = claimCaps(
      [
        {
          code: 'G1',
          subject: 'Le spese per il revisore indipendente (G1)',
          lines: ['G1'],
          maxBasisPoints: 700,
        },
      ],
      totals,
    );
    // direct costs claimed: 1.700,00 €, 7 % of which is 119,00 €
    expect(cap).toEqual({
      code: 'G1',
      subject: 'Le spese per il revisore indipendente (G1)',
      limitCents: 11_900,
      claimedCents: 20_000,
      ok: false,
      message:
        'Le spese per il revisore indipendente (G1) superano il 7 % dei costi diretti: massimo 119,00 €',
    });
  });
});

describe('the auditor’s outcome', () => {
  it('admits in full without reasons', () => {
    expect(outcomeFaults({ checklist: CHECKLIST, outcome: 'ADMITTED' }, 10_000)).toEqual([]);
    expect(admittedOf('ADMITTED', 10_000)).toBe(10_000);
    expect(admittedOf('NOT_ADMITTED', 10_000)).toBe(0);
    expect(admittedOf('PARTIAL', 10_000, 4_000)).toBe(4_000);
  });
  it('admits in part only an amount above zero and below the claimed one, with reasons', () => {
    const partial = (admittedCents: number | null, reasons: string | null = 'Prezzo non congruo') =>
      outcomeFaults({ checklist: CHECKLIST, outcome: 'PARTIAL', admittedCents, reasons }, 10_000);
    expect(partial(4_000)).toEqual([]);
    expect(partial(null)).toEqual([{ path: 'admittedCents', message: 'Indicare l’importo ammesso' }]);
    expect(partial(0)[0]?.message).toBe(
      'L’importo ammesso in parte deve essere maggiore di zero: altrimenti la spesa non è ammessa',
    );
    expect(partial(10_000)[0]?.message).toBe(
      'L’importo ammesso in parte deve essere minore di quello richiesto (100,00 €)',
    );
    expect(partial(4_000, '  ')).toEqual([
      { path: 'reasons', message: 'Indicare le motivazioni: la spesa non è ammessa per intero' },
    ]);
  });
  it('does not admit without reasons', () => {
    expect(outcomeFaults({ checklist: CHECKLIST, outcome: 'NOT_ADMITTED' }, 10_000)).toHaveLength(1);
  });
  it('closes only when every expense has its outcome', () => {
    expect(closingFault(3, 3)).toBeNull();
    expect(closingFault(3, 2)).toBe(
      'Manca l’esito di una spesa: la verifica si chiude quando ogni spesa ha il suo esito',
    );
    expect(closingFault(3, 0)).toBe(
      'Mancano gli esiti di 3 spese: la verifica si chiude quando ogni spesa ha il suo esito',
    );
  });
  it('refuses any edit of a claim once submitted', () => {
    expect(editRefusal('DRAFT')).toBeNull();
    expect(editRefusal('SUBMITTED')).toMatch(
      /^La domanda di rimborso è stata presentata: non si modifica più/,
    );
    expect(editRefusal('VERIFIED')).not.toBeNull();
  });
  it('leaves the verification to an auditor who neither prepared nor submitted the claim', () => {
    expect(isOwnClaim({ createdBy: 'a', submittedBy: 'b' }, 'c')).toBe(false);
    expect(isOwnClaim({ createdBy: 'a', submittedBy: 'b' }, 'a')).toBe(true);
    expect(isOwnClaim({ createdBy: 'a', submittedBy: 'b' }, 'b')).toBe(true);
    expect(isOwnClaim({ createdBy: 'a', submittedBy: null }, 'b')).toBe(false);
  });
});
