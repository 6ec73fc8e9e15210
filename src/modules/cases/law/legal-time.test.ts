/**
 * The rules of legal time as the law writes them (domain brief §2.5, §5, §10–§12), one table per rule: the
 * expected dates are counted by hand from the legal text, not taken from the engine.
 */
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { assert, describe, expect, it } from 'vitest';
import { BUILT_IN_CASE_TYPES } from './catalogue.ts';
import {
  type CaseEventKind,
  computeDeadline,
  type Deadline,
  type SilenceFacts,
  type TermStartEvent,
} from './deadlines.ts';
import { caseTypeVersion, validUntil } from './definitions.ts';
import { explainDueDate } from './explanation.ts';
import { assessRisk, type CaseType, LODI_CALENDAR, officeCalendar, selectRules } from './law.ts';
import { CaseTypeRegistry } from './registry.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);
/** Legal terms in Lodi by default: national holidays only, the patron day is an office choice (§11, §12). */
const TERMS = officeCalendar([]);
const CLEAR: SilenceFacts = {
  impedimentFound: false,
  quotaAvailable: true,
  highRiskCountry: false,
  riskListConfirmed: true,
};

type Case = {
  type: CaseType;
  submitted: string;
  imputed?: string | null;
  events?: readonly (readonly [CaseEventKind, string])[];
  today?: string;
  silence?: Partial<SilenceFacts>;
  calendar?: typeof TERMS;
};

function deadline(c: Case): Deadline {
  const submittedOn = day(c.submitted);
  const selection = selectRules(c.type, submittedOn);
  assert(selection.ok);
  const { rules } = selection;
  const start: TermStartEvent =
    rules.term.startsFrom === 'SUBMISSION'
      ? { event: 'SUBMISSION', on: submittedOn }
      : { event: 'QUOTA_IMPUTATION', on: c.imputed ? day(c.imputed) : null };
  return computeDeadline({
    submittedOn,
    start,
    events: (c.events ?? []).map(([kind, on]) => ({ kind, on: day(on) })),
    rules,
    calendar: c.calendar ?? TERMS,
    today: day(c.today ?? c.submitted),
    silence: { ...CLEAR, ...c.silence },
  });
}

describe('work and seasonal nulla osta: the term runs from the imputation to the quota (DL 146/2025)', () => {
  it.each([
    // click day 16 Feb 2026, imputed 2 Mar: 60 days end Friday 1 May (Festa del Lavoro) → Saturday 2 May
    ['WORK_CLEARANCE', '2026-02-16', '2026-03-02', '2026-05-02'],
    // submitted on 3 Oct 2025, before DL 146/2025: 60 days from submission → Tuesday 2 December 2025
    ['WORK_CLEARANCE', '2025-10-03', '2025-11-20', '2025-12-02'],
    // seasonal, click day 12 Jan 2026, imputed 20 Jan: 20 days → Monday 9 February 2026
    ['SEASONAL_WORK', '2026-01-12', '2026-01-20', '2026-02-09'],
    // seasonal submitted 1 Oct 2025, under the old rule: 20 days from submission → Tuesday 21 October 2025
    ['SEASONAL_WORK', '2025-10-01', '2025-10-10', '2025-10-21'],
  ] as const)('%s submitted %s, imputed %s: due %s', (type, submitted, imputed, due) => {
    expect(deadline({ type, submitted, imputed }).legalDueDate.toString()).toBe(due);
  });

  it('never offers silence before the term counted from the imputation has run', () => {
    const c = { type: 'WORK_CLEARANCE', submitted: '2026-02-16', imputed: '2026-03-02' } as const;
    // 60 days from the submission would have ended on 17 April; from the imputation they end on 2 May
    expect(deadline({ ...c, today: '2026-04-20' })).toMatchObject({
      canIssueBySilence: false,
      silenceReason: 'TERM_RUNNING',
    });
    expect(deadline({ ...c, today: '2026-05-02' }).canIssueBySilence).toBe(false);
    expect(deadline({ ...c, today: '2026-05-03' })).toMatchObject({
      canIssueBySilence: true,
      silenceReason: 'TERM_EXPIRED_WITHOUT_IMPEDIMENT',
    });
  });

  it('never offers silence while the imputation is not recorded, however long ago the submission', () => {
    const result = deadline({
      type: 'WORK_CLEARANCE',
      submitted: '2026-02-16',
      imputed: null,
      today: '2026-12-01',
    });
    expect(result).toMatchObject({ canIssueBySilence: false, silenceReason: 'TERM_NOT_STARTED' });
    expect(result.start).toEqual({ event: 'QUOTA_IMPUTATION', on: day('2026-02-16'), recorded: false });
  });
});

describe('a documents request on the last day of a term extended by a holiday (art. 2 c.7 L. 241/1990)', () => {
  // imputed Wednesday 7 October 2026: 60 days end Sunday 6 December, extended to Monday 7 December
  const base = { type: 'WORK_CLEARANCE', submitted: '2026-10-01', imputed: '2026-10-07' } as const;

  it.each([
    // no request: Monday 7 December
    [[], '2026-12-07', 0],
    // requested on the extended last day, documents on the 17th: the term resumes and ends on the 17th
    [
      [
        ['INTEGRATION_REQUESTED', '2026-12-07'],
        ['DOCUMENTS_RECEIVED', '2026-12-17'],
      ],
      '2026-12-17',
      10,
    ],
    // requested the day after the extended last day: the term had run out, nothing changes
    [
      [
        ['INTEGRATION_REQUESTED', '2026-12-09'],
        ['DOCUMENTS_RECEIVED', '2026-12-17'],
      ],
      '2026-12-07',
      0,
    ],
  ] as const)('events %j: due %s after %i days of suspension', (events, due, suspended) => {
    const result = deadline({ ...base, events, today: '2026-12-20' });
    expect(result.legalDueDate.toString()).toBe(due);
    expect(result.suspensions.reduce((sum, s) => sum + s.days, 0)).toBe(suspended);
    expect(result.suspendedDays).toBe(suspended);
  });
});

describe('documents requested and received the same day (no suspension in progress)', () => {
  it.each([
    ['on the submission day', '2026-03-02', '2026-03-02'],
    ['on a later day', '2026-03-10', '2026-03-10'],
    ['on a later day, looked at the day after', '2026-03-10', '2026-03-11'],
  ])('%s: not suspended, no day added', (_, on, today) => {
    const result = deadline({
      type: 'FAMILY_REUNIFICATION_CLEARANCE',
      submitted: '2026-03-02',
      events: [
        ['INTEGRATION_REQUESTED', on],
        ['DOCUMENTS_RECEIVED', on],
      ],
      today,
    });
    expect(result.status).not.toBe('SUSPENDED');
    expect(result.suspensions.every((s) => !s.ongoing)).toBe(true);
    expect(result.suspendedDays).toBe(0);
    // 2 March 2026 + 150 days = Thursday 30 July 2026
    expect(result.legalDueDate.toString()).toBe('2026-07-30');
  });
});

describe('the patron-saint day (San Bassiano, 19 January) for legal terms', () => {
  // imputed 20 November 2026: 60 days end Tuesday 19 January 2027
  const c = { type: 'WORK_CLEARANCE', submitted: '2026-11-20', imputed: '2026-11-20' } as const;
  it('is a working day for legal terms by default', () => {
    expect(deadline(c).legalDueDate.toString()).toBe('2027-01-19');
  });
  it('moves the term when the office chooses to observe it', () => {
    expect(deadline({ ...c, calendar: LODI_CALENDAR }).legalDueDate.toString()).toBe('2027-01-20');
  });
});

describe('durations in months are calendar months (art. 2963 c.4 c.c., art. 155 c.2 c.p.c.)', () => {
  const sixMonths = { validityDays: null, validityMonths: 6 };
  it.each([
    ['2026-03-01', '2026-09-01'],
    ['2025-08-31', '2026-02-28'],
    ['2027-08-31', '2028-02-29'],
    ['2026-03-31', '2026-09-30'],
    ['2026-12-15', '2027-06-15'],
  ])('a nulla osta issued on %s is valid until %s', (issued, until) => {
    expect(validUntil(sixMonths, day(issued))?.toString()).toBe(until);
  });

  it('gives every built-in nulla osta a validity in months, never 180 days', () => {
    for (const input of BUILT_IN_CASE_TYPES) {
      const definition = caseTypeVersion.parse(input);
      for (const outcome of definition.outcomes) expect(outcome.validityDays).toBeNull();
    }
  });

  it('lands in the same month six months on, never past its end', () => {
    const anyDay = fc
      .integer({ min: 0, max: 365 * 60 })
      .map((offset) => day('2000-01-01').add({ days: offset }));
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 120 }), (issued, months) => {
        const until = validUntil({ validityDays: null, validityMonths: months }, issued);
        assert(until);
        const monthsApart = (until.year - issued.year) * 12 + until.month - issued.month;
        expect(monthsApart).toBe(months);
        expect(until.day).toBe(Math.min(issued.day, until.daysInMonth));
      }),
    );
  });
});

describe('countries at particular risk, a list per year (DL 145/2024 art. 3)', () => {
  const list2025 = { year: 2025, countries: ['BD', 'PK', 'LK', 'MA'], confirmed: true };
  it.each([
    [list2025, ['MA'], { highRiskCountry: true, riskListConfirmed: true }],
    [list2025, ['TN'], { highRiskCountry: false, riskListConfirmed: true }],
    [null, ['MA'], { highRiskCountry: false, riskListConfirmed: false }],
  ])('list %j, worker %j: %j', (list, citizenships, expected) => {
    expect(assessRisk(list, citizenships)).toEqual(expected);
  });

  it('offers no silence for any applicant while the year’s list is not confirmed', () => {
    const c = {
      type: 'WORK_CLEARANCE',
      submitted: '2026-02-16',
      imputed: '2026-03-02',
      today: '2026-06-01',
    } as const;
    expect(deadline({ ...c, silence: { riskListConfirmed: false } })).toMatchObject({
      canIssueBySilence: false,
      silenceReason: 'RISK_LIST_NOT_CONFIRMED',
    });
    expect(deadline({ ...c, silence: { highRiskCountry: true } }).silenceReason).toBe('HIGH_RISK_COUNTRY');
    expect(deadline(c).canIssueBySilence).toBe(true);
  });
});

describe('a rule change with a valid-from date', () => {
  it('leaves the cases submitted before it on the old rule', () => {
    const current = BUILT_IN_CASE_TYPES.filter((input) => input.code === 'WORK_CLEARANCE').map((input) =>
      caseTypeVersion.parse(input),
    );
    const latest = current.at(-1);
    assert(latest);
    const changed = { ...latest, validFrom: '2027-01-01', term: { ...latest.term, termDays: 45 } };
    const registry = new CaseTypeRegistry([...current, changed]);
    expect(registry.inForce('WORK_CLEARANCE', day('2026-12-31'))?.term.termDays).toBe(60);
    expect(registry.inForce('WORK_CLEARANCE', day('2027-01-01'))?.term.termDays).toBe(45);
    expect(registry.inForce('WORK_CLEARANCE', day('2025-10-03'))?.term.startsFrom).toBe('SUBMISSION');
    expect(registry.inForce('WORK_CLEARANCE', day('2025-10-04'))?.term.startsFrom).toBe('QUOTA_IMPUTATION');
  });
});

describe('the explanation of a due date', () => {
  // imputed 7 October 2026, documents asked on Monday 7 December (the last day, moved off Sunday the 6th)
  // and received on the 17th
  const result = deadline({
    type: 'WORK_CLEARANCE',
    submitted: '2026-10-01',
    imputed: '2026-10-07',
    events: [
      ['INTEGRATION_REQUESTED', '2026-12-07'],
      ['DOCUMENTS_RECEIVED', '2026-12-17'],
    ],
    today: '2026-12-18',
  });
  const explanation = explainDueDate(result, {
    submittedOn: day('2026-10-01'),
    patronDay: { name: 'San Bassiano, patrono di Lodi', inLegalTerms: false },
  });
  const text = explanation.lines.map((line) => line.text).join('\n');

  it('says the start, the term and its source, the roll-over, the suspension and the due date in order', () => {
    expect(explanation.lines.map((line) => line.topic)).toEqual([
      'START',
      'TERM',
      'ROLL_OVER',
      'SUSPENSION',
      'PATRON_DAY',
      'DUE_DATE',
    ]);
    expect(text).toContain('dall’imputazione della domanda alla quota, il 7 ottobre 2026');
    expect(text).toContain('DL 146/2025');
    expect(text).toContain('in vigore dal 4 ottobre 2025');
    expect(text).toContain('Il 6 dicembre 2026 è domenica');
    expect(text).toContain('dall’8 dicembre 2026 e torna a contare dal 18 dicembre 2026, 10 giorni');
    expect(text).toContain('Scadenza di legge: giovedì 17 dicembre 2026, dopo 10 giorni di sospensione.');
  });

  it('shows no ISO dates, codes or research marks', () => {
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|\b[A-Z]+_[A-Z_]+\b|\[[PVU]\]|non verificat|una sola fonte/);
  });
});

describe('the explanation of a preavviso di rigetto’s window (art. 10-bis L. 241/1990)', () => {
  const explain = (events: [CaseEventKind, string][], today: string) =>
    explainDueDate(
      deadline({ type: 'FAMILY_REUNIFICATION_CLEARANCE', submitted: '2026-02-02', events, today }),
      {
        submittedOn: day('2026-02-02'),
        patronDay: { name: 'San Bassiano, patrono di Lodi', inLegalTerms: false },
      },
    ).lines.map((line) => line.text);

  it('says the window has not started while the receipt is not recorded', () => {
    const text = explain([['REJECTION_NOTICE_SENT', '2026-03-02']], '2026-03-10').join('\n');
    expect(text).toContain('Sospensione per preavviso di rigetto in corso dal 3 marzo 2026: finora 8 giorni');
    expect(text).toContain('non è ancora registrato: i 10 giorni per le osservazioni non sono iniziati');
  });

  it('says, while the window is open, the day the term restarts', () => {
    const events: [CaseEventKind, string][] = [
      ['REJECTION_NOTICE_SENT', '2026-03-02'],
      ['REJECTION_NOTICE_RECEIVED', '2026-03-05'],
    ];
    expect(explain(events, '2026-03-10').join('\n')).toContain(
      'Sospensione per preavviso di rigetto in corso: il termine si ferma dal 3 marzo 2026 e torna a contare ' +
        'dal 17 marzo 2026, 14 giorni',
    );
    const filed = explain([...events, ['OBSERVATIONS_RECEIVED', '2026-03-09']], '2026-03-10').join('\n');
    expect(filed).toContain('e torna a contare dal 20 marzo 2026, 17 giorni');
    expect(filed).toContain(
      'Osservazioni presentate il 9 marzo 2026: il termine riprende a decorrere 10 giorni dopo, e quel giorno',
    );
  });

  it('gives the last day for observations, moved off a Sunday, on its own line', () => {
    const lines = explain(
      [
        ['REJECTION_NOTICE_SENT', '2026-03-02'],
        ['REJECTION_NOTICE_RECEIVED', '2026-03-05'],
      ],
      '2026-03-20',
    );
    expect(lines).toContain(
      'Il 15 marzo 2026 è domenica: l’ultimo giorno per le osservazioni passa al primo giorno non festivo, ' +
        'lunedì 16 marzo 2026 (art. 2963 c.c., art. 155 c.4 c.p.c.).',
    );
    expect(lines.join('\n')).toContain(
      'dal 3 marzo 2026 e torna a contare dal 17 marzo 2026, 14 giorni (art. 10-bis L. 241/1990',
    );
    expect(lines.join('\n')).toContain(
      'Preavviso ricevuto il 5 marzo 2026: le osservazioni si possono presentare fino al 16 marzo 2026 compreso.',
    );
  });
});
