import { describe, expect, it } from 'vitest';
import {
  blockingMessage,
  changesUndoCheck,
  checkFaults,
  checklistFor,
  codeInForce,
  type FileFields,
  fileFaults,
  fileFlags,
  linkFault,
  thresholdFor,
  thresholdsInForce,
} from './rules.ts';

const ROWS = [
  {
    code: 'DLGS_36_2023',
    validFrom: '2023-07-01',
    scope: 'WORKS',
    limitCents: 15_000_000,
    source: 'art. 50, c. 1, lett. a) D.Lgs. 36/2023',
  },
  {
    code: 'DLGS_36_2023',
    validFrom: '2023-07-01',
    scope: 'SUPPLIES_SERVICES',
    limitCents: 14_000_000,
    source: 'art. 50, c. 1, lett. b) D.Lgs. 36/2023',
  },
  {
    code: 'DLGS_50_2016',
    validFrom: '2021-06-01',
    scope: 'SUPPLIES_SERVICES',
    limitCents: 13_900_000,
    source: 'D.L. 77/2021',
  },
  {
    code: 'DLGS_50_2016',
    validFrom: '2016-04-19',
    scope: 'SUPPLIES_SERVICES',
    limitCents: 4_000_000,
    source: 'art. 36',
  },
] as const;

const FILE: FileFields = {
  subject: 'Servizio di grafica',
  kind: 'SERVICES',
  procedure: 'DIRECT_AWARD',
  cig: 'B123456789',
  amountCents: 1_200_000,
  decisionOn: '2026-01-10',
  contractOn: '2026-01-20',
};

describe('the code of public contracts in force', () => {
  it('follows the day of the decision to contract: D.Lgs. 36/2023 from 1 July 2023', () => {
    expect(codeInForce('2023-06-30')).toBe('DLGS_50_2016');
    expect(codeInForce('2023-07-01')).toBe('DLGS_36_2023');
  });

  it('takes for each scope the newest threshold of that code from that day', () => {
    expect(thresholdsInForce(ROWS, 'DLGS_50_2016', '2021-05-31').map((t) => t.limitCents)).toEqual([
      4_000_000,
    ]);
    expect(thresholdsInForce(ROWS, 'DLGS_50_2016', '2022-01-01').map((t) => t.limitCents)).toEqual([
      13_900_000,
    ]);
    const current = thresholdsInForce(ROWS, 'DLGS_36_2023', '2026-01-10');
    expect(thresholdFor('WORKS', current)?.limitCents).toBe(15_000_000);
    expect(thresholdFor('SUPPLIES', current)?.limitCents).toBe(14_000_000);
    expect(thresholdFor('INDIVIDUAL', current)).toBeNull();
  });
});

describe('the flags of a file', () => {
  const threshold = {
    scope: 'SUPPLIES_SERVICES' as const,
    limitCents: 14_000_000,
    source: 'art. 50, c. 1, lett. b) D.Lgs. 36/2023',
  };

  it('flags a direct award at or above the threshold, naming the figure and its source', () => {
    expect(fileFlags({ ...FILE, amountCents: 13_999_999 }, threshold)).toEqual([]);
    const [flag] = fileFlags({ ...FILE, amountCents: 14_000_000 }, threshold);
    expect(flag?.rule).toBe('DIRECT_AWARD_THRESHOLD');
    expect(flag?.message).toBe(
      'L’affidamento diretto è ammesso sotto 140.000,00 € netti (art. 50, c. 1, lett. b) D.Lgs. 36/2023): per 140.000,00 € serve una procedura negoziata o aperta',
    );
    expect(fileFlags({ ...FILE, procedure: 'OPEN', amountCents: 50_000_000 }, threshold)).toEqual([]);
  });

  it('flags a contract without CIG and an assignment given without comparative selection', () => {
    expect(fileFlags({ ...FILE, cig: null }, threshold).map((f) => f.rule)).toEqual(['CIG_MISSING']);
    const assignment = { ...FILE, kind: 'INDIVIDUAL' as const, cig: null };
    expect(fileFlags({ ...assignment, procedure: 'PUBLIC_NOTICE' }, null)).toEqual([]);
    expect(fileFlags(assignment, null).map((f) => f.rule)).toEqual(['COMPARATIVE_SELECTION']);
  });
});

describe('the faults of a file', () => {
  const context = { partners: ['org-1'], today: '2026-03-02' };

  it('accepts a valid file', () => {
    expect(fileFaults({ ...FILE, organisationId: 'org-1' }, context)).toEqual([]);
  });

  it('refuses each broken rule on its field, in Italian', () => {
    const faults = fileFaults(
      {
        ...FILE,
        kind: 'INDIVIDUAL',
        procedure: 'OPEN',
        organisationId: 'org-2',
        decisionOn: '2026-03-03',
        contractOn: '2026-03-01',
      },
      context,
    );
    expect(faults.map((f) => f.path)).toEqual([
      'organisationId',
      'procedure',
      'cig',
      'decisionOn',
      'contractOn',
    ]);
    expect(faults.find((f) => f.path === 'cig')?.message).toBe(
      'Gli incarichi individuali esterni non hanno un CIG',
    );
    const early = fileFaults(
      { ...FILE, organisationId: 'org-1', decisionOn: '2016-04-18', contractOn: null },
      context,
    );
    expect(early).toEqual([
      {
        path: 'decisionOn',
        message:
          'Le procedure decise prima del 19 aprile 2016 seguono il D.Lgs. 163/2006, che qui non è gestito',
      },
    ]);
    const reversed = fileFaults({ ...FILE, organisationId: 'org-1', contractOn: '2026-01-09' }, context);
    expect(reversed).toEqual([
      { path: 'contractOn', message: 'Il contratto non può precedere la decisione a contrarre' },
    ]);
    const notice = fileFaults({ ...FILE, organisationId: 'org-1', procedure: 'PUBLIC_NOTICE' }, context);
    expect(notice.map((f) => f.path)).toEqual(['procedure']);
  });

  it('sends a file back to the legal expert when its amount, CIG, kind or procedure changes', () => {
    expect(changesUndoCheck(FILE, { ...FILE, subject: 'Altro oggetto', contractOn: null })).toBe(false);
    expect(changesUndoCheck(FILE, { ...FILE, amountCents: 1 })).toBe(true);
    expect(changesUndoCheck(FILE, { ...FILE, cig: 'C123456789' })).toBe(true);
    expect(changesUndoCheck(FILE, { ...FILE, procedure: 'OPEN' })).toBe(true);
  });
});

describe('the legal expert’s checklist', () => {
  const answers = (kind: 'SERVICES' | 'INDIVIDUAL', answer: 'YES' | 'NO' = 'YES') =>
    checklistFor(kind).map((c) => ({ item: c.item, answer, note: answer === 'NO' ? 'Manca' : null }));
  const context = { kind: 'SERVICES' as const, decisionOn: '2026-01-10', today: '2026-03-02' };

  it('asks contracts about the CIG and assignments about the notice and art. 7', () => {
    expect(checklistFor('SERVICES').map((c) => c.item)).toContain('CIG');
    expect(checklistFor('SERVICES').map((c) => c.item)).not.toContain('ART7');
    expect(checklistFor('INDIVIDUAL').map((c) => c.item)).toEqual(
      expect.arrayContaining(['NOTICE', 'CV_COMPARISON', 'INCOMPATIBILITY', 'ART7']),
    );
    expect(checklistFor('INDIVIDUAL').map((c) => c.item)).not.toContain('CIG');
  });

  it('accepts a positive check with every item answered', () => {
    expect(
      checkFaults({ outcome: 'POSITIVE', checkedOn: '2026-03-02', items: answers('SERVICES') }, context),
    ).toEqual([]);
  });

  it('refuses a missing, foreign or repeated item, an unexplained «No» and a positive outcome with a «No»', () => {
    const [first, second, ...rest] = answers('SERVICES');
    const faults = checkFaults(
      {
        outcome: 'POSITIVE',
        checkedOn: '2026-03-03',
        items: [
          { item: second?.item ?? '', answer: 'NO' },
          ...rest,
          { item: 'ART7', answer: 'YES' },
          { item: 'CIG', answer: 'YES' },
        ],
      },
      context,
    );
    expect(second?.item).toBe('CIG');
    expect(faults.map((f) => f.path)).toEqual([
      'items.0.note',
      `items.${rest.length + 1}.item`,
      `items.${rest.length + 2}.item`,
      `items.${first?.item}`,
      'outcome',
      'checkedOn',
    ]);
    expect(faults.find((f) => f.path === 'outcome')?.message).toBe(
      'Con una risposta «No» l’esito non può essere positivo senza rilievi',
    );
  });

  it('wants the remarks and the reasons of a negative outcome in the notes', () => {
    const negative = checkFaults(
      { outcome: 'NEGATIVE', checkedOn: '2026-03-01', items: answers('SERVICES', 'NO') },
      context,
    );
    expect(negative).toEqual([{ path: 'notes', message: 'Spiegare nelle note perché l’esito è negativo' }]);
    const early = checkFaults(
      { outcome: 'POSITIVE', checkedOn: '2026-01-09', items: answers('SERVICES') },
      context,
    );
    expect(early).toEqual([
      { path: 'checkedOn', message: 'La verifica non può precedere la decisione a contrarre' },
    ]);
  });
});

describe('the expenses under a file', () => {
  it('are blocked until the current check is positive, with or without remarks', () => {
    const file = { subject: 'Servizio di grafica', cig: '1234567890' };
    expect(blockingMessage({ ...file, outcome: null })).toBe(
      'La procedura «Servizio di grafica» (CIG 1234567890) non è ancora stata verificata dall’esperto legale',
    );
    expect(blockingMessage({ ...file, outcome: 'NEGATIVE' })).toBe(
      'La procedura «Servizio di grafica» (CIG 1234567890) ha avuto esito negativo alla verifica dell’esperto legale',
    );
    expect(blockingMessage({ ...file, outcome: 'POSITIVE_WITH_REMARKS' })).toBeNull();
    expect(blockingMessage({ subject: 'Mediazione', cig: null, outcome: null })).toBe(
      'La procedura «Mediazione» non è ancora stata verificata dall’esperto legale',
    );
  });

  it('link only to a file of the same project and organisation, unclaimed, with the same CIG', () => {
    const file = { projectId: 'p', organisationId: 'o', cig: 'B123456789' };
    const expense = { projectId: 'p', organisationId: 'o', cig: null, claimId: null };
    expect(linkFault(file, expense)).toBeNull();
    expect(linkFault(file, { ...expense, organisationId: 'x' })).toBe(
      'La spesa è di un ente diverso da quello che ha svolto la procedura',
    );
    expect(linkFault(file, { ...expense, claimId: 'c' })).toBe(
      'La spesa è già in una domanda di rimborso: non si collega più',
    );
    expect(linkFault(file, { ...expense, cig: 'Z999999999' })).toBe(
      'Il CIG della spesa (Z999999999) è diverso da quello della procedura (B123456789)',
    );
  });
});
