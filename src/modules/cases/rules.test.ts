import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CASE_TYPES } from './law/catalogue.ts';
import { DEADLINE_POLICY } from './law/deadlines.ts';
import {
  ACTION_NAMES,
  type Action,
  type CaseTypeVersion,
  caseTypeVersion,
  GUARDS,
} from './law/definitions.ts';
import { CLOCK_RULE_VERSIONS, LODI_CALENDAR, TERM_VERSIONS } from './law/law.ts';
import {
  actionsFor,
  type CaseFacts,
  caseRules,
  type Decision,
  deadlineOf,
  deadlineStatusOn,
  decide,
  dueDateBoundsOn,
  impedimentFound,
  type OpinionFact,
} from './rules.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);

const DEFINITIONS: CaseTypeVersion[] = BUILT_IN_CASE_TYPES.map((input) => caseTypeVersion.parse(input));

function definitionOf(code: string, validFrom: string): CaseTypeVersion {
  const definition = DEFINITIONS.find(
    (candidate) => candidate.code === code && candidate.validFrom === validFrom,
  );
  if (!definition) throw new RangeError(`no built-in definition ${code} of ${validFrom}`);
  return definition;
}

const WORK = definitionOf('WORK_CLEARANCE', '2023-03-11');
const FAMILY_2017 = definitionOf('FAMILY_REUNIFICATION_CLEARANCE', '2017-08-17');
const FAMILY_2025 = definitionOf('FAMILY_REUNIFICATION_CLEARANCE', '2025-10-04');

/** The first day a case of the definition can be submitted: its own date, or the first clock rules'. */
const firstSubmission = (definition: CaseTypeVersion) =>
  [definition.validFrom, CLOCK_RULE_VERSIONS[0]?.validFrom ?? ''].sort().at(-1) ?? definition.validFrom;

const REASON = 'Motivazione dell’operatore';
const favourable = (body: string): OpinionFact => ({ body, outcome: 'FAVOURABLE' });
const unfavourable = (body: string): OpinionFact => ({ body, outcome: 'UNFAVOURABLE' });
const pending = (body: string): OpinionFact => ({ body, outcome: null });

function factsOf(
  definition: CaseTypeVersion,
  submitted: string,
  changes: Partial<CaseFacts> = {},
): CaseFacts {
  return {
    state: definition.initialState,
    submittedOn: day(submitted),
    quotaImputedOn: definition.quota ? day(submitted) : null,
    clockEvents: [],
    opinions: [],
    missingDocuments: [],
    quotaAvailable: true,
    highRiskCountry: false,
    riskListConfirmed: true,
    ...changes,
  };
}

/** Decides `action` on `today` with the legal clock of that day, as the service does. */
function decideOn(
  definition: CaseTypeVersion,
  facts: CaseFacts,
  action: Action,
  today: string,
  reason: string | null = REASON,
): Decision {
  const on = day(today);
  return decide(
    definition,
    facts,
    { action, reason },
    deadlineOf(definition, facts, LODI_CALENDAR, on),
    on,
    LODI_CALENDAR,
  );
}

/** A case file that keeps the state and clock events of every decision taken on it. */
function openCase(definition: CaseTypeVersion, submitted: string, changes: Partial<CaseFacts> = {}) {
  let facts = factsOf(definition, submitted, changes);
  return {
    get facts() {
      return facts;
    },
    update(more: Partial<CaseFacts>) {
      facts = { ...facts, ...more };
    },
    take(action: Action, today: string, reason: string | null = REASON): Decision {
      const decision = decideOn(definition, facts, action, today, reason);
      if (decision.ok) {
        const event = decision.clockEvent ? [{ kind: decision.clockEvent, on: day(today) }] : [];
        facts = { ...facts, state: decision.to, clockEvents: [...facts.clockEvents, ...event] };
      }
      return decision;
    },
  };
}

const blocked = (...guards: (keyof typeof GUARDS)[]) => ({
  ok: false,
  code: 'GUARD_FAILED',
  blockedBy: guards.map((guard) => ({ guard, message: GUARDS[guard] })),
});

describe('a work clearance from quota to clearance', () => {
  it('walks through review, documents, opinions and convocation to the nulla osta', () => {
    const file = openCase(WORK, '2026-02-02', { missingDocuments: ['HOUSING', 'CPI_UNAVAILABILITY'] });
    expect(file.facts.state).toBe('QUOTA_ASSIGNED');

    expect(file.take('START_REVIEW', '2026-02-03')).toEqual({
      ok: true,
      action: 'START_REVIEW',
      from: 'QUOTA_ASSIGNED',
      to: 'UNDER_REVIEW',
      closed: false,
      awaitingOpinions: false,
      clockEvent: null,
      outcome: null,
    });

    expect(file.take('REQUEST_DOCUMENTS', '2026-02-10', null)).toEqual({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(file.take('REQUEST_DOCUMENTS', '2026-02-10', '   ')).toEqual({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(file.facts.state).toBe('UNDER_REVIEW');
    expect(file.take('REQUEST_DOCUMENTS', '2026-02-10')).toMatchObject({
      ok: true,
      to: 'INTEGRATION_REQUESTED',
      clockEvent: 'INTEGRATION_REQUESTED',
    });

    expect(file.take('RECORD_DOCUMENTS', '2026-02-20', null)).toMatchObject({
      ok: true,
      to: 'UNDER_REVIEW',
      clockEvent: 'DOCUMENTS_RECEIVED',
    });
    // 10 days of suspension push the due date from Friday 3 April to Monday 13 April
    expect(deadlineOf(WORK, file.facts, LODI_CALENDAR, day('2026-02-20')).legalDueDate).toEqual(
      day('2026-04-13'),
    );

    expect(file.take('REQUEST_OPINIONS', '2026-02-21')).toMatchObject({
      ok: true,
      to: 'AWAITING_OPINIONS',
      awaitingOpinions: true,
    });

    expect(file.take('RESUME_REVIEW', '2026-02-25')).toEqual(blocked('OPINIONS_COMPLETE'));
    file.update({ opinions: [favourable('POLICE_HQ'), pending('LABOUR_INSPECTORATE')] });
    expect(file.take('RESUME_REVIEW', '2026-03-02')).toEqual(blocked('OPINIONS_COMPLETE'));
    file.update({ opinions: [favourable('POLICE_HQ'), favourable('LABOUR_INSPECTORATE')] });
    expect(file.take('RESUME_REVIEW', '2026-03-05')).toMatchObject({
      ok: true,
      to: 'UNDER_REVIEW',
      awaitingOpinions: false,
    });

    expect(file.take('CONVOKE', '2026-03-06')).toEqual({
      ok: false,
      code: 'GUARD_FAILED',
      blockedBy: [
        {
          guard: 'CHECKLIST_COMPLETE',
          message:
            'Tutti i documenti obbligatori sono presenti: mancano Sistemazione alloggiativa del lavoratore, ' +
            'Verifica di indisponibilità presso il Centro per l’Impiego',
        },
      ],
    });
    file.update({ missingDocuments: [] });
    expect(file.take('CONVOKE', '2026-03-09')).toMatchObject({ ok: true, to: 'CONVOKED', closed: false });

    expect(file.take('ISSUE', '2026-03-16')).toEqual({
      ok: true,
      action: 'ISSUE',
      from: 'CONVOKED',
      to: 'ISSUED',
      closed: true,
      awaitingOpinions: false,
      clockEvent: null,
      outcome: 'CLEARANCE',
    });
    expect(
      actionsFor(
        WORK,
        file.facts,
        deadlineOf(WORK, file.facts, LODI_CALENDAR, day('2026-03-16')),
        day('2026-03-16'),
        LODI_CALENDAR,
      ),
    ).toEqual([]);
  });

  it('does not convoke while an opinion is unfavourable, even the labour inspectorate’s', () => {
    const facts = factsOf(WORK, '2026-02-02', {
      state: 'UNDER_REVIEW',
      opinions: [favourable('POLICE_HQ'), unfavourable('LABOUR_INSPECTORATE')],
    });
    expect(decideOn(WORK, facts, 'CONVOKE', '2026-03-02')).toEqual(blocked('NO_UNFAVOURABLE_OPINION'));
  });

  it('lists every guard that blocks the convocation, in the definition’s order', () => {
    const facts = factsOf(WORK, '2026-02-02', {
      state: 'UNDER_REVIEW',
      opinions: [unfavourable('POLICE_HQ')],
      missingDocuments: ['PASSPORT_COPY'],
    });
    const decision = decideOn(WORK, facts, 'CONVOKE', '2026-03-02');
    expect(decision).toMatchObject({ ok: false, code: 'GUARD_FAILED' });
    expect(
      !decision.ok && decision.code === 'GUARD_FAILED' && decision.blockedBy.map((b) => b.guard),
    ).toEqual(['OPINIONS_COMPLETE', 'NO_UNFAVOURABLE_OPINION', 'CHECKLIST_COMPLETE']);
  });

  it('checks the guards of ISSUE again once convoked', () => {
    const facts = factsOf(WORK, '2026-02-02', {
      state: 'CONVOKED',
      opinions: [favourable('POLICE_HQ'), favourable('LABOUR_INSPECTORATE')],
      missingDocuments: ['HOUSING'],
    });
    expect(decideOn(WORK, facts, 'ISSUE', '2026-03-02')).toMatchObject({
      ok: false,
      blockedBy: [{ guard: 'CHECKLIST_COMPLETE' }],
    });
  });
});

describe('an action the state does not allow', () => {
  it('answers NOT_ALLOWED_NOW with the actions of the state', () => {
    const facts = factsOf(WORK, '2026-02-02');
    expect(decideOn(WORK, facts, 'ISSUE', '2026-02-03')).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_NOW',
      state: 'QUOTA_ASSIGNED',
      allowed: ['START_REVIEW', 'ISSUE_BY_SILENCE', 'WITHDRAW'],
    });
  });

  it('lists the actions of a state even when their guards block them now', () => {
    const facts = factsOf(WORK, '2026-02-02', { state: 'UNDER_REVIEW' });
    expect(decideOn(WORK, facts, 'RESUME_REVIEW', '2026-02-03')).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_NOW',
      state: 'UNDER_REVIEW',
      allowed: [
        'REQUEST_DOCUMENTS',
        'REQUEST_OPINIONS',
        'SEND_REJECTION_NOTICE',
        'REJECT',
        'CONVOKE',
        'ISSUE_BY_SILENCE',
        'WITHDRAW',
      ],
    });
  });

  it('answers NOT_ALLOWED_NOW before looking at the reason', () => {
    const facts = factsOf(WORK, '2026-02-02', { state: 'CONVOKED' });
    expect(decideOn(WORK, facts, 'REQUEST_DOCUMENTS', '2026-02-03', null)).toMatchObject({
      code: 'NOT_ALLOWED_NOW',
      allowed: ['ISSUE', 'ISSUE_BY_SILENCE', 'WITHDRAW'],
    });
  });
});

describe('a rejection after the notice (art. 10-bis L. 241/1990)', () => {
  // Notice sent on Monday 2 March 2026; the applicant has 10 days from its receipt to file observations.
  const afterNotice = () => {
    const file = openCase(WORK, '2026-02-02', { state: 'UNDER_REVIEW' });
    expect(file.take('SEND_REJECTION_NOTICE', '2026-03-02', null)).toEqual({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(file.take('SEND_REJECTION_NOTICE', '2026-03-02')).toMatchObject({
      ok: true,
      to: 'REJECTION_NOTICE_SENT',
      clockEvent: 'REJECTION_NOTICE_SENT',
    });
    return file;
  };
  const received = (file: ReturnType<typeof afterNotice>, on: string) =>
    file.update({
      clockEvents: [...file.facts.clockEvents, { kind: 'REJECTION_NOTICE_RECEIVED', on: day(on) }],
    });
  const noticeBlocked = (message: string) => ({
    ok: false,
    code: 'GUARD_FAILED',
    blockedBy: [{ guard: 'REJECTION_NOTICE_GIVEN', message }],
  });
  const NOT_RECEIVED =
    'Il ricevimento del preavviso di rigetto non è registrato: i 10 giorni per le osservazioni non sono ancora iniziati';

  it('is blocked without a notice', () => {
    const facts = factsOf(WORK, '2026-02-02', { state: 'UNDER_REVIEW' });
    expect(decideOn(WORK, facts, 'REJECT', '2026-06-01')).toEqual(blocked('REJECTION_NOTICE_GIVEN'));
  });

  it('is blocked until the receipt of the notice is recorded, however long ago it was sent', () => {
    const file = afterNotice();
    expect(file.take('REJECT', '2026-03-13')).toEqual(noticeBlocked(NOT_RECEIVED));
    expect(file.take('REJECT', '2026-06-01')).toEqual(noticeBlocked(NOT_RECEIVED));
  });

  // received → last day for observations (10 days later, moved off a Sunday or holiday) → first day to decide
  it.each([
    ['2026-03-03', 'Friday 13 March', '2026-03-13', '2026-03-14'],
    ['2026-03-04', 'Saturday 14 March, a working day', '2026-03-14', '2026-03-15'],
    ['2026-03-05', 'Sunday 15 March, moved to Monday', '2026-03-16', '2026-03-17'],
    ['2026-03-27', 'Easter Monday 6 April, moved to Tuesday', '2026-04-07', '2026-04-08'],
    ['2026-04-15', 'Liberation Day on Saturday 25 April, then Sunday', '2026-04-27', '2026-04-28'],
    ['2026-05-23', 'Republic Day on Tuesday 2 June', '2026-06-03', '2026-06-04'],
  ])('received on %s: the 10th day is %s', (receivedOn, _tenthDay, lastDay, firstDecisionDay) => {
    const file = afterNotice();
    received(file, receivedOn);
    const last = day(lastDay);
    expect(file.take('REJECT', lastDay)).toEqual(
      noticeBlocked(
        `Il richiedente può presentare osservazioni fino al ${last.day} ${
          ['marzo', 'aprile', 'maggio', 'giugno'][last.month - 3]
        } 2026 compreso`,
      ),
    );
    expect(file.take('REJECT', firstDecisionDay)).toMatchObject({ ok: true, to: 'REJECTED' });
  });

  it('is allowed as soon as the observations are recorded, even before their window closes', () => {
    const file = afterNotice();
    received(file, '2026-03-04');
    expect(file.take('RECORD_OBSERVATIONS', '2026-03-05')).toMatchObject({
      ok: true,
      to: 'UNDER_REVIEW',
      clockEvent: 'OBSERVATIONS_RECEIVED',
    });
    expect(file.take('REJECT', '2026-03-05')).toMatchObject({
      ok: true,
      from: 'UNDER_REVIEW',
      to: 'REJECTED',
    });
  });

  it('looks at the latest notice: an earlier receipt or earlier observations do not count', () => {
    const facts = factsOf(WORK, '2026-02-02', {
      state: 'REJECTION_NOTICE_SENT',
      clockEvents: [
        { kind: 'REJECTION_NOTICE_SENT', on: day('2026-02-10') },
        { kind: 'REJECTION_NOTICE_RECEIVED', on: day('2026-02-11') },
        { kind: 'OBSERVATIONS_RECEIVED', on: day('2026-02-15') },
        { kind: 'REJECTION_NOTICE_SENT', on: day('2026-03-02') },
      ],
    });
    expect(decideOn(WORK, facts, 'REJECT', '2026-04-01')).toEqual(noticeBlocked(NOT_RECEIVED));
  });
});

describe('issue by silence', () => {
  // Submitted on Monday 2 February 2026, the 60 days end on Friday 3 April 2026.
  const underReview = (changes: Partial<CaseFacts> = {}) =>
    factsOf(WORK, '2026-02-02', { state: 'UNDER_REVIEW', ...changes });

  it('issues the nulla osta once the term has passed with no impediment and a quota', () => {
    expect(decideOn(WORK, underReview(), 'ISSUE_BY_SILENCE', '2026-04-07', null)).toEqual({
      ok: true,
      action: 'ISSUE_BY_SILENCE',
      from: 'UNDER_REVIEW',
      to: 'ISSUED',
      closed: true,
      awaitingOpinions: false,
      clockEvent: null,
      outcome: 'CLEARANCE',
    });
  });

  it('waits for the last day of the term to pass', () => {
    expect(decideOn(WORK, underReview(), 'ISSUE_BY_SILENCE', '2026-04-03')).toEqual(
      blocked('SILENCE_CONSENT'),
    );
    expect(decideOn(WORK, underReview(), 'ISSUE_BY_SILENCE', '2026-04-04')).toMatchObject({ ok: true });
  });

  it('counts the term with the case’s suspensions', () => {
    const facts = underReview({
      clockEvents: [
        { kind: 'INTEGRATION_REQUESTED', on: day('2026-02-20') },
        { kind: 'DOCUMENTS_RECEIVED', on: day('2026-03-02') },
      ],
    });
    expect(decideOn(WORK, facts, 'ISSUE_BY_SILENCE', '2026-04-07')).toEqual(blocked('SILENCE_CONSENT'));
    expect(decideOn(WORK, facts, 'ISSUE_BY_SILENCE', '2026-04-14')).toMatchObject({ ok: true });
  });

  it('is refused for a worker from a high-risk country', () => {
    const facts = underReview({ highRiskCountry: true });
    expect(decideOn(WORK, facts, 'ISSUE_BY_SILENCE', '2026-04-07')).toEqual(blocked('SILENCE_CONSENT'));
  });

  it('is refused when no quota is left', () => {
    const facts = underReview({ quotaAvailable: false });
    expect(decideOn(WORK, facts, 'ISSUE_BY_SILENCE', '2026-04-07')).toEqual(blocked('SILENCE_CONSENT'));
  });

  it('is refused when the Questura found grounds for refusal', () => {
    const opinions = [unfavourable('POLICE_HQ'), favourable('LABOUR_INSPECTORATE')];
    expect(impedimentFound(WORK, opinions)).toBe(true);
    const facts = underReview({ opinions });
    expect(decideOn(WORK, facts, 'ISSUE_BY_SILENCE', '2026-04-07')).toEqual(blocked('SILENCE_CONSENT'));
  });

  it('is not stopped by an unfavourable opinion of the labour inspectorate, nor by a pending one', () => {
    const opinions = [pending('POLICE_HQ'), unfavourable('LABOUR_INSPECTORATE')];
    expect(impedimentFound(WORK, opinions)).toBe(false);
    const facts = factsOf(WORK, '2026-02-02', { state: 'AWAITING_OPINIONS', opinions });
    expect(decideOn(WORK, facts, 'ISSUE_BY_SILENCE', '2026-04-07')).toMatchObject({
      ok: true,
      from: 'AWAITING_OPINIONS',
      to: 'ISSUED',
    });
  });

  it('is never offered for a family reunification', () => {
    for (const definition of [FAMILY_2017, FAMILY_2025]) {
      expect(definition.transitions.map((transition) => transition.action)).not.toContain('ISSUE_BY_SILENCE');
      const facts = factsOf(definition, '2024-12-11', { state: 'UNDER_REVIEW' });
      const decision = decideOn(definition, facts, 'ISSUE_BY_SILENCE', '2026-12-11');
      expect(decision).toMatchObject({ ok: false, code: 'NOT_ALLOWED_NOW' });
      expect(!decision.ok && decision.code === 'NOT_ALLOWED_NOW' && decision.allowed).not.toContain(
        'ISSUE_BY_SILENCE',
      );
    }
  });
});

describe('rules in force on the submission date', () => {
  // art. 29 c.8 TUI as amended by DL 146/2025 art. 7, in force 4 October 2025: the term of the submission day
  it('gives a family reunification of 3 October 2025 90 days and one of the 4th 150 days', () => {
    const before = factsOf(FAMILY_2017, '2025-10-03');
    const after = factsOf(FAMILY_2025, '2025-10-04');
    // 90 days end on 1 January 2026, Capodanno: the term moves to Friday the 2nd
    expect(deadlineOf(FAMILY_2017, before, LODI_CALENDAR, day('2025-10-03'))).toMatchObject({
      legalDueDate: day('2026-01-02'),
    });
    expect(deadlineOf(FAMILY_2025, after, LODI_CALENDAR, day('2025-10-04'))).toMatchObject({
      legalDueDate: day('2026-03-03'),
      daysLeft: 150,
    });
  });

  it('gives every built-in definition the term of law.ts in force from its date', () => {
    for (const definition of DEFINITIONS) {
      const versions = TERM_VERSIONS[definition.code as keyof typeof TERM_VERSIONS];
      const version = versions.find((candidate) => candidate.validFrom === definition.validFrom);
      const submittedOn = day(firstSubmission(definition));
      expect(caseRules(definition, submittedOn)).toEqual({
        caseType: definition.code,
        term: version,
        clock: CLOCK_RULE_VERSIONS[0],
      });
    }
  });

  it('refuses a submission before any clock rules are in force', () => {
    expect(() => caseRules(FAMILY_2017, day('2020-07-16'))).toThrow(RangeError);
  });
});

describe('withdrawal', () => {
  it('is offered in every open state of every built-in type and never in a closed one', () => {
    for (const definition of DEFINITIONS) {
      for (const state of definition.states) {
        const facts = factsOf(definition, '2026-02-02', { state: state.code });
        const today = day('2026-02-10');
        const deadline = deadlineOf(definition, facts, LODI_CALENDAR, today);
        const withdraw = actionsFor(definition, facts, deadline, today, LODI_CALENDAR).find(
          (o) => o.action === 'WITHDRAW',
        );
        const where = `${definition.code} ${definition.validFrom} ${state.code}`;
        if (state.closed) {
          expect(withdraw, where).toBeUndefined();
          expect(
            decide(definition, facts, { action: 'WITHDRAW', reason: REASON }, deadline, today, LODI_CALENDAR),
            where,
          ).toMatchObject({ ok: false, code: 'NOT_ALLOWED_NOW', allowed: [] });
        } else {
          expect(withdraw, where).toEqual({
            action: 'WITHDRAW',
            label: 'Archivia per rinuncia',
            to: 'WITHDRAWN',
            reasonRequired: true,
            blockedBy: [],
          });
        }
      }
    }
  });
});

describe('the worklist status of a due date', () => {
  const bounds = (today: string) => dueDateBoundsOn(day(today), DEADLINE_POLICY.dueSoonDays);
  const status = (today: string, suspended = false) =>
    deadlineStatusOn('2026-04-03', suspended, bounds(today));

  it('reads a case with no due date as closed, suspended or not', () => {
    expect(deadlineStatusOn(null, false, bounds('2026-04-03'))).toBe('CLOSED');
    expect(deadlineStatusOn(null, true, bounds('2026-04-03'))).toBe('CLOSED');
  });

  it('reads a suspended case as suspended, even past its due date', () => {
    expect(status('2026-03-01', true)).toBe('SUSPENDED');
    expect(status('2026-05-01', true)).toBe('SUSPENDED');
  });

  it('reads the day after the due date as overdue and the due date itself as due soon', () => {
    expect(status('2026-04-04')).toBe('OVERDUE');
    expect(status('2026-04-03')).toBe('DUE_SOON');
  });

  it('reads 7 days left as due soon and 8 as on time', () => {
    expect(status('2026-03-27')).toBe('DUE_SOON');
    expect(status('2026-03-26')).toBe('ON_TIME');
  });

  it('counts days, not months, across the end of February and of the year', () => {
    expect(deadlineStatusOn('2026-03-03', false, bounds('2026-02-24'))).toBe('DUE_SOON');
    expect(deadlineStatusOn('2026-03-03', false, bounds('2026-02-23'))).toBe('ON_TIME');
    expect(deadlineStatusOn('2027-01-02', false, bounds('2026-12-26'))).toBe('DUE_SOON');
    expect(deadlineStatusOn('2026-12-31', false, bounds('2027-01-01'))).toBe('OVERDUE');
  });

  it('agrees with counting the days left, for every due date and day', () => {
    const aDay = fc
      .integer({ min: 0, max: 365 * 60 })
      .map((n) => Temporal.PlainDate.from('1990-01-01').add({ days: n }));
    fc.assert(
      fc.property(aDay, aDay, fc.integer({ min: 0, max: 60 }), (dueOn, today, dueSoonDays) => {
        const daysLeft = today.until(dueOn, { largestUnit: 'days' }).days;
        const expected = daysLeft < 0 ? 'OVERDUE' : daysLeft <= dueSoonDays ? 'DUE_SOON' : 'ON_TIME';
        expect(deadlineStatusOn(dueOn.toString(), false, dueDateBoundsOn(today, dueSoonDays))).toBe(expected);
      }),
    );
  });
});

describe('laws that hold for every built-in definition', () => {
  // weighted towards facts that let the case move on, so the walks reach every state
  const OUTCOME = fc.constantFrom<OpinionFact['outcome']>('FAVOURABLE', 'UNFAVOURABLE', null);
  const STEP = fc.record({
    /** Most steps take an action the state allows now, some one it lists, the others any action at all. */
    choice: fc.constantFrom('ANY', 'OFFERED', 'UNBLOCKED', 'UNBLOCKED', 'UNBLOCKED'),
    pick: fc.nat(),
    reason: fc.constantFrom(null, '  ', REASON, REASON, REASON),
    daysLater: fc.integer({ min: 0, max: 15 }),
    /** Whether the applicant has received the notice of intended refusal, if one was sent, by this step. */
    noticeReceived: fc.boolean(),
    opinions: fc.oneof(
      { arbitrary: fc.constant([favourable('POLICE_HQ'), favourable('LABOUR_INSPECTORATE')]), weight: 2 },
      {
        arbitrary: fc.array(
          fc.record({ body: fc.constantFrom('POLICE_HQ', 'LABOUR_INSPECTORATE'), outcome: OUTCOME }),
          { maxLength: 3 },
        ),
        weight: 1,
      },
    ),
    missingDocuments: fc.oneof(
      { arbitrary: fc.constant([]), weight: 3 },
      { arbitrary: fc.subarray(['PASSPORT_COPY', 'HOUSING', 'INCOME']), weight: 1 },
    ),
    quotaAvailable: fc.boolean(),
    highRiskCountry: fc.boolean(),
  });
  const WALK = fc.record({
    startInQuotaExhausted: fc.boolean(),
    steps: fc.array(STEP, { minLength: 5, maxLength: 40 }),
  });
  const visited = new Map<string, Set<string>>();
  const WALKS_PER_DEFINITION = 150;
  const WALK_SEED = 20261206;

  it('keeps a case in its definition’s states and never moves a closed one', () => {
    // as many walks for each definition, so that each reaches all its states
    for (const definition of DEFINITIONS)
      fc.assert(
        fc.property(WALK, ({ startInQuotaExhausted, steps }) => {
          const states = new Map(definition.states.map((state) => [state.code, state]));
          const key = `${definition.code} ${definition.validFrom}`;
          const seen = visited.get(key) ?? new Set<string>();
          visited.set(key, seen);
          const initial =
            (startInQuotaExhausted && definition.quotaExhaustedState) || definition.initialState;
          const submittedOn = day(firstSubmission(definition));
          let facts = factsOf(definition, submittedOn.toString(), { state: initial });
          let today = submittedOn;
          for (const step of steps) {
            today = today.add({ days: step.daysLater });
            const { opinions, missingDocuments, quotaAvailable, highRiskCountry } = step;
            facts = { ...facts, opinions, missingDocuments, quotaAvailable, highRiskCountry };
            const lastNotice = facts.clockEvents.findLast((e) => e.kind.startsWith('REJECTION_NOTICE'));
            if (step.noticeReceived && lastNotice?.kind === 'REJECTION_NOTICE_SENT') {
              const receipt = { kind: 'REJECTION_NOTICE_RECEIVED' as const, on: today };
              facts = { ...facts, clockEvents: [...facts.clockEvents, receipt] };
            }
            const deadline = deadlineOf(definition, facts, LODI_CALENDAR, today);
            const options = actionsFor(definition, facts, deadline, today, LODI_CALENDAR);
            const state = states.get(facts.state);
            seen.add(facts.state);
            expect(state).toBeDefined();
            if (state?.closed) expect(options).toEqual([]);

            // withdrawal, always open, would end most walks early
            const unblocked = options.filter((o) => o.blockedBy.length === 0 && o.action !== 'WITHDRAW');
            const offered = step.choice === 'UNBLOCKED' && unblocked.length ? unblocked : options;
            const choices =
              step.choice !== 'ANY' && offered.length ? offered.map((o) => o.action) : ACTION_NAMES;
            const action = choices[step.pick % choices.length] as Action;
            const decision = decide(
              definition,
              facts,
              { action, reason: step.reason },
              deadline,
              today,
              LODI_CALENDAR,
            );
            const option = options.find((candidate) => candidate.action === action);
            const mayTake =
              !!option && option.blockedBy.length === 0 && (!option.reasonRequired || !!step.reason?.trim());
            expect(decision.ok).toBe(mayTake);
            if (!decision.ok) continue;

            const target = states.get(decision.to);
            expect(target).toBeDefined();
            expect(decision).toMatchObject({
              from: facts.state,
              to: option?.to,
              closed: target?.closed,
              awaitingOpinions: target?.awaitingOpinions,
            });
            const events = decision.clockEvent ? [{ kind: decision.clockEvent, on: today }] : [];
            facts = { ...facts, state: decision.to, clockEvents: [...facts.clockEvents, ...events] };
          }
          seen.add(facts.state);
          if (states.get(facts.state)?.closed) {
            const deadline = deadlineOf(definition, facts, LODI_CALENDAR, today);
            for (const action of ACTION_NAMES) {
              expect(
                decide(definition, facts, { action, reason: REASON }, deadline, today, LODI_CALENDAR),
              ).toEqual({
                ok: false,
                code: 'NOT_ALLOWED_NOW',
                state: facts.state,
                allowed: [],
              });
            }
          }
        }),
        // a fixed seed: the check below needs the walks to reach every state on every run, not on most
        { numRuns: WALKS_PER_DEFINITION, seed: WALK_SEED },
      );
    // the walks must have reached every state, closed ones included, or the law above says little
    for (const definition of DEFINITIONS) {
      expect([...(visited.get(`${definition.code} ${definition.validFrom}`) ?? [])].sort()).toEqual(
        definition.states.map((state) => state.code).sort(),
      );
    }
  });

  it('gives closed states no outgoing transition', () => {
    for (const definition of DEFINITIONS) {
      const closed = definition.states.filter((state) => state.closed).map((state) => state.code);
      expect(closed.length).toBeGreaterThan(0);
      for (const transition of definition.transitions) {
        expect(transition.from.filter((from) => closed.includes(from))).toEqual([]);
      }
    }
  });
});
