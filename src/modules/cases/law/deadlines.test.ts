import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { assert, describe, expect, it } from 'vitest';
import { type HolidayCalendar, isWorkingDay } from './calendar.ts';
import {
  CASE_EVENT_KINDS,
  type CaseEvent,
  type CaseEventKind,
  computeDeadline,
  type Deadline,
  type DeadlinePolicy,
  type SilenceFacts,
  type TermStartEvent,
} from './deadlines.ts';
import {
  CASE_TYPES,
  type CaseRules,
  type CaseType,
  CLOCK_RULE_VERSIONS,
  LODI_CALENDAR,
  LODI_PATRON_DAYS,
  officeCalendar,
  selectRules,
  TERM_VERSIONS,
} from './law.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);
const LODI_SATURDAY_OFF = officeCalendar(LODI_PATRON_DAYS, false);
const CLEAR: SilenceFacts = {
  impedimentFound: false,
  quotaAvailable: true,
  highRiskCountry: false,
  riskListConfirmed: true,
};

function rulesFor(caseType: CaseType, submittedOn: Temporal.PlainDate): CaseRules {
  const selection = selectRules(caseType, submittedOn);
  assert(selection.ok, `no rules for ${caseType} on ${submittedOn}`);
  return selection.rules;
}

type Recorded = [CaseEventKind, string];
const request = (on: string): Recorded => ['INTEGRATION_REQUESTED', on];
const documents = (on: string): Recorded => ['DOCUMENTS_RECEIVED', on];
const notice = (on: string): Recorded => ['REJECTION_NOTICE_SENT', on];
const noticeReceipt = (on: string): Recorded => ['REJECTION_NOTICE_RECEIVED', on];
const observations = (on: string): Recorded => ['OBSERVATIONS_RECEIVED', on];

type Scenario = {
  type?: CaseType;
  submitted: string;
  /** The imputation to the quota, for the types whose term runs from it: the submission day unless given. */
  imputed?: string | null;
  events?: Recorded[];
  today?: string;
  silence?: Partial<SilenceFacts>;
  calendar?: HolidayCalendar;
  policy?: DeadlinePolicy;
};

/** The starting event of the rules: the submission, or the imputation to the quota. */
function startOf(rules: CaseRules, submittedOn: Temporal.PlainDate, imputed?: string | null): TermStartEvent {
  if (rules.term.startsFrom === 'SUBMISSION') return { event: 'SUBMISSION', on: submittedOn };
  const on = imputed === undefined ? submittedOn : imputed === null ? null : day(imputed);
  return { event: 'QUOTA_IMPUTATION', on };
}

function deadline(scenario: Scenario): Deadline {
  const submittedOn = day(scenario.submitted);
  const rules = rulesFor(scenario.type ?? 'WORK_CLEARANCE', submittedOn);
  return computeDeadline({
    submittedOn,
    start: startOf(rules, submittedOn, scenario.imputed),
    events: (scenario.events ?? []).map(([kind, on]) => ({ kind, on: day(on) })),
    rules,
    calendar: scenario.calendar ?? LODI_CALENDAR,
    today: day(scenario.today ?? scenario.submitted),
    silence: { ...CLEAR, ...scenario.silence },
    ...(scenario.policy ? { policy: scenario.policy } : {}),
  });
}

const dueOf = (scenario: Scenario) => deadline(scenario).legalDueDate.toString();
const ignoredOf = (result: Deadline) =>
  result.ignoredEvents.map(({ event, reason }) => [event.kind, event.on.toString(), reason]);

// A work clearance submitted on Monday 2 February 2026 is due, without events, on Friday 3 April 2026.
const WORK = { submitted: '2026-02-02' } as const;
const work = (today: string, ...events: Recorded[]) => deadline({ ...WORK, events, today });

describe('rules in force on the submission date', () => {
  // art. 29 c.8 TUI: 90 days (DL 13/2017); 150 days for applications from 4 October 2025 (DL 146/2025 art. 7)
  it('gives a family reunification 90 days up to 3 October 2025 and 150 days from the 4th', () => {
    expect(rulesFor('FAMILY_REUNIFICATION_CLEARANCE', day('2024-12-11')).term.termDays).toBe(90);
    expect(rulesFor('FAMILY_REUNIFICATION_CLEARANCE', day('2025-10-03')).term.termDays).toBe(90);
    expect(rulesFor('FAMILY_REUNIFICATION_CLEARANCE', day('2025-10-04')).term.termDays).toBe(150);
    // 3 October 2025 + 90 days = Thursday 1 January 2026, Capodanno: Friday the 2nd
    expect(dueOf({ type: 'FAMILY_REUNIFICATION_CLEARANCE', submitted: '2025-10-03' })).toBe('2026-01-02');
    // 4 October 2025 + 150 days = Tuesday 3 March 2026
    expect(dueOf({ type: 'FAMILY_REUNIFICATION_CLEARANCE', submitted: '2025-10-04' })).toBe('2026-03-03');
  });

  it('returns an error value for a submission before the first version of the term', () => {
    expect(selectRules('WORK_CLEARANCE', day('2023-03-10'))).toEqual({
      ok: false,
      error: {
        code: 'NO_RULES_IN_FORCE',
        caseType: 'WORK_CLEARANCE',
        missing: 'TERM',
        submittedOn: '2023-03-10',
        earliestValidFrom: '2023-03-11',
      },
    });
  });

  it('returns an error value when the clock rules of the time are not encoded', () => {
    const selection = selectRules('FAMILY_REUNIFICATION_CLEARANCE', day('2019-05-06'));
    assert(!selection.ok);
    expect(selection.error).toMatchObject({ missing: 'CLOCK', earliestValidFrom: '2020-07-17' });
  });

  it('keeps every version in date order, with a positive term and a legal basis', () => {
    for (const versions of [...Object.values(TERM_VERSIONS), CLOCK_RULE_VERSIONS]) {
      const dates = versions.map((version) => version.validFrom);
      expect(dates).toEqual([...new Set(dates)].sort());
    }
    for (const version of Object.values(TERM_VERSIONS).flat()) {
      expect(version.termDays).toBeGreaterThan(0);
      expect(version.legalBasis).toMatch(/art\. \d+/);
    }
  });
});

describe('the term', () => {
  it('runs from the day after submission, in calendar days', () => {
    const result = deadline({ ...WORK, today: '2026-02-02' });
    expect(result.legalDueDate.toString()).toBe('2026-04-03');
    expect(result.daysLeft).toBe(60);
    expect(result.status).toBe('ON_TIME');
    expect(result.suspendedDays).toBe(0);
  });

  it('counts holidays inside the term and moves only its last day: San Bassiano 2027', () => {
    const result = deadline({ type: 'SEASONAL_WORK', submitted: '2026-12-30' });
    expect(result.unadjustedDueDate.toString()).toBe('2027-01-19');
    expect(result.legalDueDate.toString()).toBe('2027-01-20');
  });

  it('moves a term ending on Easter Monday 2026 to Tuesday 7 April', () => {
    expect(dueOf({ submitted: '2026-02-05' })).toBe('2026-04-07');
  });

  it('moves a term ending on Sunday 10 May 2026 to Monday 11 May', () => {
    expect(dueOf({ submitted: '2026-03-11' })).toBe('2026-05-11');
  });

  it('moves a term ending on 25 April 2026, a Saturday, past the Sunday', () => {
    expect(dueOf({ submitted: '2026-02-24' })).toBe('2026-04-27');
  });

  it('moves a term ending on 1 May 2026 to the Saturday, or to Monday where Saturdays are off', () => {
    expect(dueOf({ submitted: '2026-03-02' })).toBe('2026-05-02');
    expect(dueOf({ submitted: '2026-03-02', calendar: LODI_SATURDAY_OFF })).toBe('2026-05-04');
  });

  it('gives a family reunification submitted in 2026 its 150 days', () => {
    expect(dueOf({ type: 'FAMILY_REUNIFICATION_CLEARANCE', submitted: '2026-01-12' })).toBe('2026-06-11');
  });
});

describe('request for documents (art. 2 c.7 L. 241/1990)', () => {
  it('suspends the term from the day after the request to the day the documents arrive', () => {
    // 16 February, the day of the request, still counts; 17 February to 3 March (documents) do not: the term
    // runs again from 4 March. 15 days added to Friday 3 April: Saturday 18 April.
    const result = work('2026-03-04', request('2026-02-16'), documents('2026-03-03'));
    expect(result.legalDueDate.toString()).toBe('2026-04-18');
    expect(result.suspendedDays).toBe(15);
    expect(result.suspensions).toEqual([
      {
        kind: 'INTEGRATION_REQUEST',
        from: day('2026-02-17'),
        to: day('2026-03-04'),
        days: 15,
        ongoing: false,
        capped: false,
        legalBasis: expect.stringContaining('art. 2 c.7 L. 241/1990'),
      },
    ]);
  });

  it('suspends even when sent on the last day of the term', () => {
    const result = work('2026-04-10', request('2026-04-03'), documents('2026-04-08'));
    expect(result.legalDueDate.toString()).toBe('2026-04-08');
    expect(result.status).toBe('OVERDUE');
    expect(result.daysLeft).toBe(-2);
  });

  it('extends a term whose original due date falls inside the suspension', () => {
    const events: Recorded[] = [request('2026-04-01'), documents('2026-04-20')];
    expect(dueOf({ ...WORK, events, today: '2026-04-20' })).toBe('2026-04-22');
  });

  it('counts an open request until today, so the case is suspended, not overdue', () => {
    // 2 to 10 April do not count so far: 9 days after Friday 3 April is Sunday 12 April, moved to Monday 13.
    const result = work('2026-04-10', request('2026-04-01'));
    expect(result.legalDueDate.toString()).toBe('2026-04-13');
    expect(result.suspendedDays).toBe(9);
    expect(result.status).toBe('SUSPENDED');
    expect(result.suspensions[0]).toMatchObject({ ongoing: true, capped: false });
  });

  it('stops the suspension after 30 days even if the documents come later', () => {
    // 17 February to 18 March, the thirtieth day after the request, do not count; the term runs from 19 March.
    const result = work('2026-04-01', request('2026-02-16'), documents('2026-04-01'));
    expect(result.suspensions[0]).toMatchObject({ to: day('2026-03-19'), days: 30, capped: true });
    // 3 April + 30 days is Sunday 3 May 2026.
    expect(result.unadjustedDueDate.toString()).toBe('2026-05-03');
    expect(result.legalDueDate.toString()).toBe('2026-05-04');
  });

  it('lets the clock run again after 30 days without documents', () => {
    const result = work('2026-04-01', request('2026-02-16'));
    expect(result.legalDueDate.toString()).toBe('2026-05-04');
    expect(result.status).toBe('ON_TIME');
    expect(result.daysLeft).toBe(33);
    expect(result.suspensions[0]).toMatchObject({ ongoing: false, capped: true, days: 30 });
  });

  it('suspends only once: a second request and its documents are reported, not applied', () => {
    const result = work(
      '2026-03-25',
      request('2026-02-16'),
      documents('2026-03-03'),
      request('2026-03-10'),
      documents('2026-03-25'),
    );
    expect(result.legalDueDate.toString()).toBe('2026-04-18');
    expect(ignoredOf(result)).toEqual([
      ['INTEGRATION_REQUESTED', '2026-03-10', 'INTEGRATION_SUSPENSION_ALREADY_USED'],
      ['DOCUMENTS_RECEIVED', '2026-03-25', 'NO_PENDING_INTEGRATION_REQUEST'],
    ]);
  });

  it('cannot revive a term that has already run out', () => {
    const result = work('2026-04-20', request('2026-04-10'), documents('2026-04-20'));
    expect(result.legalDueDate.toString()).toBe('2026-04-03');
    expect(result.suspensions).toEqual([]);
    expect(ignoredOf(result)).toEqual([
      ['INTEGRATION_REQUESTED', '2026-04-10', 'TERM_ALREADY_EXPIRED'],
      ['DOCUMENTS_RECEIVED', '2026-04-20', 'TERM_ALREADY_EXPIRED'],
    ]);
  });

  it('reports documents without a request and events dated before submission', () => {
    const result = deadline({ ...WORK, events: [request('2026-01-30'), documents('2026-02-20')] });
    expect(result.legalDueDate.toString()).toBe('2026-04-03');
    expect(ignoredOf(result)).toEqual([
      ['INTEGRATION_REQUESTED', '2026-01-30', 'BEFORE_SUBMISSION'],
      ['DOCUMENTS_RECEIVED', '2026-02-20', 'NO_PENDING_INTEGRATION_REQUEST'],
    ]);
  });
});

describe('notice of intended refusal (art. 10-bis L. 241/1990)', () => {
  it('restarts the term ten days after the observations', () => {
    // Observations on 27 March: the term restarts from 6 April, which is not counted, and runs from 7 April.
    // 21 March to 6 April: 17 days added to Friday 3 April, Monday 20 April.
    const events = [notice('2026-03-20'), noticeReceipt('2026-03-20'), observations('2026-03-27')];
    const result = work('2026-04-07', ...events);
    expect(result.suspensions).toMatchObject([
      { kind: 'REJECTION_NOTICE', from: day('2026-03-21'), to: day('2026-04-07'), days: 17 },
    ]);
    expect(result.legalDueDate.toString()).toBe('2026-04-20');
    expect(result.status).toBe('ON_TIME');
    expect(work('2026-04-06', ...events).status).toBe('SUSPENDED');
  });

  it('without observations, restarts when the ten days from receipt run out', () => {
    const events: Recorded[] = [notice('2026-03-20'), noticeReceipt('2026-03-23')];
    const waiting = work('2026-03-30', ...events);
    expect(waiting.status).toBe('SUSPENDED');
    // the window's last day, Thursday 2 April, is the applicant's: the term runs again from Friday 3 April
    expect(waiting.suspensions[0]).toMatchObject({ to: day('2026-04-03'), days: 13, ongoing: true });
    const later = work('2026-04-20', ...events);
    expect(later.legalDueDate.toString()).toBe('2026-04-16');
    expect(later.status).toBe('OVERDUE');
    expect(later.canIssueBySilence).toBe(true);
  });

  // The day the notice is sent still counts; the term restarts from the last day of the applicant's window
  // (ten days from the receipt, the day of receipt not counted, moved off a Sunday or holiday like every term),
  // which is not counted either: the office's days run again the day after.
  const WINDOWS = [
    {
      name: 'a receipt on Thursday whose tenth day is Sunday 15 March: Monday 16 March',
      sent: '2026-03-02',
      received: '2026-03-05',
      lastDay: '2026-03-16',
      skipped: ['2026-03-15'],
      days: 14,
      due: '2026-04-17',
    },
    {
      name: 'a receipt on Friday whose tenth day is a Monday, a working day: no move',
      sent: '2026-03-02',
      received: '2026-03-06',
      lastDay: '2026-03-16',
      skipped: [],
      days: 14,
      due: '2026-04-17',
    },
    {
      name: 'a receipt on Friday whose tenth day is Easter Monday 2026: Tuesday 7 April',
      sent: '2026-03-25',
      received: '2026-03-27',
      lastDay: '2026-04-07',
      skipped: ['2026-04-06'],
      days: 13,
      due: '2026-04-16',
    },
  ];

  it.each(WINDOWS)('restarts the term at the end of the window: $name', (row) => {
    const result = work('2026-04-20', notice(row.sent), noticeReceipt(row.received));
    expect(result.suspensions).toMatchObject([
      {
        kind: 'REJECTION_NOTICE',
        from: day(row.sent).add({ days: 1 }),
        to: day(row.lastDay).add({ days: 1 }),
        days: row.days,
        ongoing: false,
      },
    ]);
    const window = result.suspensions[0]?.observationWindow;
    expect(window?.receivedOn).toEqual(day(row.received));
    expect(window?.lastDay).toEqual(day(row.lastDay));
    expect(window?.rollOver?.skipped.map((skipped) => skipped.date.toString()) ?? []).toEqual(row.skipped);
    expect(result.legalDueDate.toString()).toBe(row.due);
  });

  it.each(WINDOWS)('takes observations on the last day of the window as on time: $name', (row) => {
    const result = work(
      '2026-05-20',
      notice(row.sent),
      noticeReceipt(row.received),
      observations(row.lastDay),
    );
    expect(result.ignoredEvents).toEqual([]);
    expect(result.suspensions[0]?.to).toEqual(day(row.lastDay).add({ days: 11 }));
  });

  it('keeps the term suspended while no receipt is recorded: the window has not started', () => {
    // sent on 20 March, which counts: 21 March to today, 1 April, do not
    const waiting = work('2026-04-01', notice('2026-03-20'));
    expect(waiting.suspensions).toMatchObject([
      { kind: 'REJECTION_NOTICE', from: day('2026-03-21'), to: day('2026-04-02'), days: 12, ongoing: true },
    ]);
    expect(waiting.suspensions[0]?.observationWindow).toEqual({
      receivedOn: null,
      lastDay: null,
      rollOver: null,
      observationsOn: null,
    });
    expect(waiting.status).toBe('SUSPENDED');
    // a month later, still without a receipt, the term has not run out and silence is not offered
    const month = work('2026-05-01', notice('2026-03-20'));
    expect(month.suspensions[0]).toMatchObject({ days: 42, ongoing: true });
    expect(month.legalDueDate.toString()).toBe('2026-05-15');
    expect(month).toMatchObject({ status: 'SUSPENDED', canIssueBySilence: false });
    // the return card comes back on Monday 27 April: ten days to Thursday 7 May, the term runs from 8 May
    const received = work('2026-05-01', notice('2026-03-20'), noticeReceipt('2026-04-27'));
    expect(received.suspensions[0]).toMatchObject({ to: day('2026-05-08'), days: 48, ongoing: true });
    expect(received.legalDueDate.toString()).toBe('2026-05-21');
  });

  it('ignores observations filed after the window', () => {
    const result = work(
      '2026-04-05',
      notice('2026-03-20'),
      noticeReceipt('2026-03-23'),
      observations('2026-04-05'),
    );
    expect(result.legalDueDate.toString()).toBe('2026-04-16');
    expect(ignoredOf(result)).toEqual([['OBSERVATIONS_RECEIVED', '2026-04-05', 'OBSERVATIONS_AFTER_WINDOW']]);
  });

  it('counts days covered by both a request for documents and a notice once', () => {
    const result = work(
      '2026-04-10',
      request('2026-03-16'),
      notice('2026-03-20'),
      documents('2026-03-26'),
      observations('2026-03-27'),
    );
    expect(result.suspensions.map((suspension) => suspension.days)).toEqual([10, 17]);
    expect(result.suspendedDays).toBe(21);
    expect(result.legalDueDate.toString()).toBe('2026-04-24');
  });
});

describe('the day the term restarts from is not counted (art. 10-bis, art. 2 c.7 L. 241/1990)', () => {
  // Counted by hand from the rule: the day of the event that suspends is a day of the term if the term is
  // running; the day the term restarts from (the window's last day, the tenth day after the observations, the
  // day the documents arrive) is not (art. 2963 c.c.); the office's days run again the day after.
  const ROWS = [
    {
      // Imputed Sun 6 Dec 2026, notice sent and received that day: the term has not started counting. Window to
      // Wed 16 Dec; the 60 days run from 17 Dec: 15 in December, 31 in January, day 60 is Sun 14 Feb 2027.
      name: 'a notice sent on the day the term starts',
      imputed: '2026-12-06',
      events: [notice('2026-12-06'), noticeReceipt('2026-12-06')],
      due: '2027-02-15',
    },
    {
      // Imputed Mon 2 Nov 2026: 3–16 Nov count (14 days). Received Thu 19 Nov, tenth day Sun 29 Nov, last day
      // Mon 30 Nov; the remaining 46 days run from 1 Dec: Fri 15 Jan 2027.
      name: 'a notice sent mid-term, received later, without observations',
      imputed: '2026-11-02',
      events: [notice('2026-11-16'), noticeReceipt('2026-11-19')],
      due: '2027-01-15',
    },
    {
      // As above, observations on Mon 23 Nov: the term restarts from 3 Dec and runs from 4 Dec: 46 days to
      // Mon 18 Jan 2027.
      name: 'a notice sent mid-term, with observations',
      imputed: '2026-11-02',
      events: [notice('2026-11-16'), noticeReceipt('2026-11-19'), observations('2026-11-23')],
      due: '2027-01-18',
    },
    {
      // Submitted and documents asked Sat 10 Oct 2026, imputed Tue 20 Oct, documents Sun 25 Oct: the 60 days run
      // from 26 Oct: 6 in October, 30 in November, day 60 is Thu 24 Dec 2026.
      name: 'documents asked on the day of submission of a case imputed later',
      submitted: '2026-10-10',
      imputed: '2026-10-20',
      events: [request('2026-10-10'), documents('2026-10-25')],
      due: '2026-12-24',
    },
  ];

  it.each(ROWS)('$name', (row) => {
    const submitted = row.submitted ?? row.imputed;
    const result = deadline({ submitted, imputed: row.imputed, events: row.events, today: '2027-03-01' });
    expect(result.legalDueDate.toString()).toBe(row.due);
  });
});

describe('status', () => {
  // Submitted 2 March 2026: the term ends on Friday 1 May, a holiday, and moves to Saturday 2 May.
  const statusOn = (today: string, policy?: DeadlinePolicy) =>
    deadline({ submitted: '2026-03-02', today, ...(policy ? { policy } : {}) }).status;

  it('is on time more than seven days before, due soon within seven days, overdue after', () => {
    expect(statusOn('2026-04-24')).toBe('ON_TIME');
    expect(statusOn('2026-04-25')).toBe('DUE_SOON');
    expect(statusOn('2026-05-02')).toBe('DUE_SOON');
    expect(statusOn('2026-05-03')).toBe('OVERDUE');
  });

  it('takes the due-soon window from the policy', () => {
    expect(statusOn('2026-04-24', { dueSoonDays: 10 })).toBe('DUE_SOON');
  });
});

describe('issue by silence', () => {
  const afterTerm = { ...WORK, today: '2026-04-04' };

  it('is allowed for a work clearance the day after the term, without impediments', () => {
    expect(deadline({ ...WORK, today: '2026-04-03' })).toMatchObject({
      canIssueBySilence: false,
      silenceReason: 'TERM_RUNNING',
    });
    expect(deadline(afterTerm)).toMatchObject({
      canIssueBySilence: true,
      silenceReason: 'TERM_EXPIRED_WITHOUT_IMPEDIMENT',
    });
  });

  it('is refused on a Questura finding, a high-risk country or no quota', () => {
    const reasonWith = (silence: Partial<SilenceFacts>) => deadline({ ...afterTerm, silence }).silenceReason;
    expect(reasonWith({ impedimentFound: true })).toBe('IMPEDIMENT_FOUND');
    expect(reasonWith({ highRiskCountry: true })).toBe('HIGH_RISK_COUNTRY');
    expect(reasonWith({ quotaAvailable: false })).toBe('NO_QUOTA_AVAILABLE');
  });

  it('applies to seasonal work after its 20 days', () => {
    const result = deadline({ type: 'SEASONAL_WORK', submitted: '2026-12-30', today: '2027-01-21' });
    expect(result.canIssueBySilence).toBe(true);
  });

  it('never applies where the law gives no tacit approval', () => {
    for (const type of ['FAMILY_REUNIFICATION_CLEARANCE', 'PERMIT_CONVERSION'] as const) {
      const result = deadline({ type, submitted: '2026-01-12', today: '2027-01-12' });
      expect(result).toMatchObject({ canIssueBySilence: false, silenceReason: 'NOT_PROVIDED_BY_LAW' });
    }
  });
});

describe('laws that hold for every case', () => {
  const ANY_CASE = fc.record({
    type: fc.constantFrom(...CASE_TYPES),
    submittedOffset: fc.integer({ min: 0, max: 730 }),
    calendar: fc.constantFrom(LODI_CALENDAR, LODI_SATURDAY_OFF),
    events: fc.array(
      fc.record({
        kind: fc.constantFrom(...CASE_EVENT_KINDS),
        offset: fc.integer({ min: 0, max: 200 }),
      }),
      { maxLength: 6 },
    ),
    todayAfterLastEvent: fc.integer({ min: 0, max: 120 }),
  });

  type AnyCase = typeof ANY_CASE extends fc.Arbitrary<infer T> ? T : never;

  function build(generated: AnyCase, extra: { kind: CaseEventKind; offset: number } | null = null) {
    const submittedOn = day('2026-01-01').add({ days: generated.submittedOffset });
    const ordered = [...generated.events].sort((a, b) => a.offset - b.offset);
    const all = extra ? [...ordered, extra] : ordered;
    const lastOffset = Math.max(0, ...all.map((event) => event.offset));
    const events: CaseEvent[] = all.map((event) => ({
      kind: event.kind,
      on: submittedOn.add({ days: event.offset }),
    }));
    const rules = rulesFor(generated.type, submittedOn);
    return {
      submittedOn,
      start: startOf(rules, submittedOn),
      events,
      rules,
      calendar: generated.calendar,
      today: submittedOn.add({ days: lastOffset + generated.todayAfterLastEvent }),
      silence: CLEAR,
    };
  }

  const compare = Temporal.PlainDate.compare;

  it('never ends before the term without suspensions', () => {
    fc.assert(
      fc.property(ANY_CASE, (generated) => {
        const input = build(generated);
        const plain = computeDeadline({ ...input, events: [] });
        expect(compare(computeDeadline(input).legalDueDate, plain.legalDueDate)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never moves the due date earlier when a suspending event happens', () => {
    const suspending = fc.record({
      kind: fc.constantFrom<CaseEventKind>('INTEGRATION_REQUESTED', 'REJECTION_NOTICE_SENT'),
      delay: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(
      fc.property(ANY_CASE, suspending, (generated, { kind, delay }) => {
        const lastOffset = Math.max(0, ...generated.events.map((event) => event.offset));
        const extra = { kind, offset: lastOffset + delay };
        const withExtra = build(generated, extra);
        const without = { ...withExtra, events: withExtra.events.slice(0, -1) };
        const before = computeDeadline(without).legalDueDate;
        expect(compare(computeDeadline(withExtra).legalDueDate, before)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('ends the window for observations on a working day, ten days or more after the receipt', () => {
    fc.assert(
      fc.property(ANY_CASE, (generated) => {
        const input = build(generated);
        for (const suspension of computeDeadline(input).suspensions) {
          const window = suspension.observationWindow;
          if (!window?.receivedOn || !window.lastDay) continue;
          expect(isWorkingDay(window.lastDay, input.calendar)).toBe(true);
          expect(window.receivedOn.until(window.lastDay).days).toBeGreaterThanOrEqual(10);
          expect(window.receivedOn.until(window.lastDay).days).toBeLessThan(14);
        }
      }),
    );
  });

  it('keeps the term suspended while the receipt of the latest notice is not recorded', () => {
    fc.assert(
      fc.property(ANY_CASE, fc.integer({ min: 0, max: 60 }), (generated, delay) => {
        const lastOffset = Math.max(0, ...generated.events.map((event) => event.offset));
        const sent = { kind: 'REJECTION_NOTICE_SENT' as const, offset: lastOffset + delay };
        const input = build(generated, sent);
        const result = computeDeadline(input);
        const notice = input.events.at(-1);
        const expired = result.ignoredEvents.some(
          ({ event, reason }) => event === notice && reason === 'TERM_ALREADY_EXPIRED',
        );
        fc.pre(!expired);
        expect(result.status).toBe('SUSPENDED');
        expect(result.canIssueBySilence).toBe(false);
      }),
    );
  });

  it('always ends on a working day', () => {
    fc.assert(
      fc.property(ANY_CASE, (generated) => {
        const input = build(generated);
        expect(isWorkingDay(computeDeadline(input).legalDueDate, input.calendar)).toBe(true);
      }),
    );
  });

  it('agrees with counting the term day by day, skipping the suspended days', () => {
    fc.assert(
      fc.property(ANY_CASE, (generated) => {
        const input = build(generated);
        const result = computeDeadline(input);
        // a suspension that began on a last day moved off a holiday counts from that day: covered below
        fc.pre(result.rollOvers.every((rollOver) => rollOver.to.equals(result.legalDueDate)));
        const dayNumber = (date: Temporal.PlainDate) => input.submittedOn.until(date).days;
        const spans = result.suspensions.map((s) => [dayNumber(s.from), dayNumber(s.to)] as const);
        let dueDay = 0;
        for (let counted = 0; counted < input.rules.term.termDays; ) {
          dueDay += 1;
          if (!spans.some(([from, to]) => from <= dueDay && dueDay < to)) counted += 1;
        }
        // a request or notice on the last day still suspends the term, which then ends on its restart day: the
        // latest restart of the suspensions that cover the day after, overlapping or following one another
        for (let moved = true; moved; ) {
          moved = false;
          for (const [from, to] of spans)
            if (from <= dueDay + 1 && dueDay + 1 < to) {
              dueDay = to - 1;
              moved = true;
            }
        }
        expect(dayNumber(result.unadjustedDueDate)).toBe(dueDay);
        expect(result.suspendedDays).toBeLessThanOrEqual(
          result.suspensions.reduce((sum, s) => sum + s.days, 0),
        );
      }),
    );
  });
});
