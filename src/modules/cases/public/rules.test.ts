import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { catalogueKeys, LANGUAGES, translator } from '../../portal/languages.ts';
import { BUILT_IN_CASE_TYPES } from '../law/catalogue.ts';
import type { CaseEvent, Deadline, Suspension } from '../law/deadlines.ts';
import { caseTypeVersion } from '../law/definitions.ts';
import { LODI_CALENDAR } from '../law/law.ts';
import { deadlineOf } from '../rules.ts';
import {
  CLOCKS_OF_TASK,
  type PublicClockKind,
  type PublicStatusFacts,
  publicWording,
  STATE_WORDING,
} from './rules.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);
const WORK = caseTypeVersion.parse(
  BUILT_IN_CASE_TYPES.find((input) => input.code === 'WORK_CLEARANCE' && input.validFrom === '2023-03-11'),
);
const SUBMITTED_ON = '2026-02-02';
// art. 22 c.5 TUI: 60 days from 2 February 2026
const DUE_WITHOUT_SUSPENSION = '2026-04-03';

/** The status page of a work-permit case submitted on 2 February 2026, read on `today`. */
function wordingOf(
  state: string,
  events: readonly (readonly [CaseEvent['kind'], string])[],
  today: string,
  closed = false,
) {
  const clockEvents = events.map(([kind, on]) => ({ kind, on: day(on) }));
  const deadline = deadlineOf(
    WORK,
    {
      state,
      submittedOn: day(SUBMITTED_ON),
      quotaImputedOn: day(SUBMITTED_ON),
      riskListConfirmed: true,
      clockEvents,
      opinions: [],
      missingDocuments: [],
      quotaAvailable: true,
      highRiskCountry: false,
    },
    LODI_CALENDAR,
    day(today),
  );
  return publicWording({
    state,
    closed,
    deadline: closed ? null : deadline,
    clockEvents,
    integrationMaxDays: 30,
    today: day(today),
  });
}

const clockOf = (wording: ReturnType<typeof publicWording>) => {
  const { clock } = wording;
  if (clock.kind === 'RUNNING' || clock.kind === 'LATE') return [clock.kind, clock.dueOn.toString()];
  if (clock.kind === 'AWAITING_DOCUMENTS' || clock.kind === 'STOPPED')
    return [clock.kind, clock.restartsBy.toString()];
  return [clock.kind];
};

describe('the wording of the public status page', () => {
  it.each([
    ['a new case', 'QUOTA_ASSIGNED', [], '2026-02-10', 'WAIT', ['RUNNING', DUE_WITHOUT_SUSPENSION]],
    [
      'documents requested and received the same day',
      'UNDER_REVIEW',
      [
        ['INTEGRATION_REQUESTED', '2026-02-10'],
        ['DOCUMENTS_RECEIVED', '2026-02-10'],
      ],
      '2026-02-10',
      'WAIT',
      ['RUNNING', DUE_WITHOUT_SUSPENSION],
    ],
    [
      'documents requested and received on the day of submission',
      'UNDER_REVIEW',
      [
        ['INTEGRATION_REQUESTED', SUBMITTED_ON],
        ['DOCUMENTS_RECEIVED', SUBMITTED_ON],
      ],
      SUBMITTED_ON,
      'WAIT',
      ['RUNNING', DUE_WITHOUT_SUSPENSION],
    ],
    // the clock starts the day after submission, and stops from then on
    [
      'documents requested on the day of submission',
      'INTEGRATION_REQUESTED',
      [['INTEGRATION_REQUESTED', SUBMITTED_ON]],
      SUBMITTED_ON,
      'SEND_DOCUMENTS',
      ['AWAITING_DOCUMENTS', '2026-03-05'],
    ],
    // art. 2 c.7 L. 241/1990: at most 30 days, so the clock restarts on 12 March at the latest
    [
      'documents awaited',
      'INTEGRATION_REQUESTED',
      [['INTEGRATION_REQUESTED', '2026-02-10']],
      '2026-02-15',
      'SEND_DOCUMENTS',
      ['AWAITING_DOCUMENTS', '2026-03-13'],
    ],
    // 3 April + 30 days is Sunday 3 May: the term rolls over to Monday
    [
      'documents still awaited after 30 days',
      'INTEGRATION_REQUESTED',
      [['INTEGRATION_REQUESTED', '2026-02-10']],
      '2026-03-20',
      'SEND_DOCUMENTS',
      ['RUNNING', '2026-05-04'],
    ],
    [
      'review resumed without the documents',
      'UNDER_REVIEW',
      [['INTEGRATION_REQUESTED', '2026-02-10']],
      '2026-02-20',
      'WAIT',
      ['STOPPED', '2026-03-13'],
    ],
    [
      'a notice of the grounds for refusal',
      'REJECTION_NOTICE_SENT',
      [['REJECTION_NOTICE_SENT', '2026-03-02']],
      '2026-03-05',
      'SEND_OBSERVATIONS',
      ['AWAITING_OBSERVATIONS'],
    ],
    // art. 10-bis L. 241/1990: until its receipt is recorded the window has not started, the term stays stopped
    [
      'a notice sent on the day of submission, its receipt awaited',
      'REJECTION_NOTICE_SENT',
      [['REJECTION_NOTICE_SENT', SUBMITTED_ON]],
      SUBMITTED_ON,
      'SEND_OBSERVATIONS',
      ['AWAITING_OBSERVATIONS'],
    ],
    // received on Thursday 5 March: the tenth day is Sunday 15 March, so the term restarts on Monday 16
    [
      'a notice received, review resumed while its window is open',
      'UNDER_REVIEW',
      [
        ['REJECTION_NOTICE_SENT', '2026-03-02'],
        ['REJECTION_NOTICE_RECEIVED', '2026-03-05'],
      ],
      '2026-03-09',
      'WAIT',
      ['STOPPED', '2026-03-17'],
    ],
    // art. 10-bis L. 241/1990: the term restarts 10 days after the observations
    [
      'observations received, opinions awaited',
      'AWAITING_OPINIONS',
      [
        ['REJECTION_NOTICE_SENT', '2026-03-02'],
        ['OBSERVATIONS_RECEIVED', '2026-03-06'],
      ],
      '2026-03-09',
      'WAIT',
      ['STOPPED', '2026-03-17'],
    ],
    ['a convocation', 'CONVOKED', [], '2026-03-09', 'COME_TO_DESK', ['RUNNING', DUE_WITHOUT_SUSPENSION]],
    ['a late office', 'AWAITING_OPINIONS', [], '2026-04-07', 'WAIT', ['LATE', DUE_WITHOUT_SUSPENSION]],
  ] as const)('%s', (_name, state, events, today, task, clock) => {
    const wording = wordingOf(state, events, today);
    expect(wording.state).toBe(state);
    expect(wording.task).toBe(task);
    expect(clockOf(wording)).toEqual(clock);
  });

  it('closes the clock of a closed case, and words states it does not know as open or closed', () => {
    for (const [state, task] of [
      ['ISSUED', 'READ_DECISION'],
      ['REJECTED', 'READ_DECISION'],
      ['WITHDRAWN', 'NOTHING_MORE'],
      ['QUOTA_EXHAUSTED', 'NOTHING_MORE'],
    ] as const)
      expect(wordingOf(state, [], '2026-03-09', true)).toMatchObject({
        state,
        task,
        clock: { kind: 'CLOSED' },
      });
    expect(wordingOf('VISA_REQUESTED', [], '2026-03-09', true)).toMatchObject({
      state: 'OTHER_CLOSED',
      clock: { kind: 'CLOSED' },
    });
    expect(wordingOf('VISA_REQUESTED', [], '2026-03-09')).toMatchObject({
      state: 'OTHER',
      task: 'WAIT',
      clock: { kind: 'RUNNING' },
    });
    expect(wordingOf('UNDER_REVIEW', [], '2026-03-09', true).state).toBe('OTHER_CLOSED');
  });

  it('lists missing documents only where the task is about documents', () => {
    expect(wordingOf('INTEGRATION_REQUESTED', [], '2026-03-09').listsMissingDocuments).toBe(true);
    expect(wordingOf('CONVOKED', [], '2026-03-09').listsMissingDocuments).toBe(true);
    expect(wordingOf('AWAITING_OPINIONS', [], '2026-03-09').listsMissingDocuments).toBe(false);
    expect(wordingOf('SUBMITTED', [], '2026-03-09').listsMissingDocuments).toBe(false);
  });

  const states = [...Object.keys(STATE_WORDING), 'VISA_REQUESTED'];
  const suspension = fc.record({
    kind: fc.constantFrom('INTEGRATION_REQUEST', 'REJECTION_NOTICE'),
    from: fc.integer({ min: -40, max: 5 }),
    days: fc.integer({ min: 0, max: 40 }),
    ongoing: fc.boolean(),
  });

  it('never pairs a task with a clock that asks something else, whatever the engine reports', () => {
    const today = day('2026-03-09');
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.boolean(),
        fc.array(suspension, { maxLength: 3 }),
        fc.integer({ min: -30, max: 60 }),
        (state, closed, spans, daysLeft) => {
          const suspensions: Suspension[] = spans.map((span) => ({
            kind: span.kind as Suspension['kind'],
            from: today.add({ days: span.from }),
            to: today.add({ days: span.from + span.days }),
            days: span.days,
            ongoing: span.ongoing,
            capped: false,
            legalBasis: '',
          }));
          const deadline = { legalDueDate: today.add({ days: daysLeft }), suspensions } as Deadline;
          const facts: PublicStatusFacts = {
            state,
            closed,
            deadline,
            clockEvents: [],
            integrationMaxDays: 30,
            today,
          };
          const wording = publicWording(facts);
          expect(CLOCKS_OF_TASK[wording.task]).toContain(wording.clock.kind);
          // under way today, longer than zero days, not over
          const stopping = spans.filter((span) => span.ongoing && span.days > 0 && span.from + span.days > 0);
          const stopped = ['AWAITING_DOCUMENTS', 'AWAITING_OBSERVATIONS', 'STOPPED'].includes(
            wording.clock.kind,
          );
          if (!closed) expect(stopped).toBe(stopping.length > 0);
        },
      ),
    );
  });
});

describe('the status wording in every portal language', () => {
  const clockKinds = Object.keys(CLOCKS_OF_TASK).flatMap((task) => [
    ...CLOCKS_OF_TASK[task as keyof typeof CLOCKS_OF_TASK],
  ]);
  const keys = [
    ...Object.keys(STATE_WORDING).flatMap((state) => [`state.${state}`, `next.${state}`]),
    ...[...new Set<PublicClockKind>(clockKinds)].map((kind) => `status.clock.${kind}`),
    'status.state',
    'status.next',
    'status.term',
    'status.missing',
  ];
  const italian = translator('it');
  const DATE = '§DATE§';

  it.each(LANGUAGES.map((language) => language.code))('%s words every row of the table', (code) => {
    const own = new Set(catalogueKeys(code));
    const t = translator(code);
    for (const key of keys) {
      expect(own.has(key), `${code} ${key}`).toBe(true);
      const text = t(key, { date: DATE });
      expect(text.trim(), `${code} ${key}`).not.toBe('');
      expect(text.includes(DATE), `${code} ${key} names the date as Italian does`).toBe(
        italian(key, { date: DATE }).includes(DATE),
      );
      expect(text, `${code} ${key}`).not.toMatch(/\{\{|\[[PVU]\]|[A-Z]{3,}_[A-Z]/);
    }
  });

  it('says in Italian what each reading of the clock means, and asks nothing of a waiting applicant', () => {
    const clock = (kind: PublicClockKind) => italian(`status.clock.${kind}`, { date: '12 marzo 2026' });
    expect(clock('AWAITING_DOCUMENTS')).toContain('documenti');
    expect(clock('AWAITING_OBSERVATIONS')).toContain('osservazioni');
    for (const kind of CLOCKS_OF_TASK.WAIT) expect(clock(kind)).not.toMatch(/documenti|osservazioni/);
    for (const state of Object.keys(STATE_WORDING).filter(
      (code) => STATE_WORDING[code as keyof typeof STATE_WORDING] === 'WAIT',
    ))
      expect(italian(`next.${state}`)).not.toMatch(/termine|sospeso|fermo/);
  });
});
