import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { isWorkingDay } from '../law/calendar.ts';
import { type CaseEvent, lastDayForObservations } from '../law/deadlines.ts';
import { LODI_CALENDAR } from '../law/law.ts';
import { mayDecideAfterNotice, observationWindowOn } from './rules.ts';

const day = (iso: string) => Temporal.PlainDate.from(iso);
const event = (kind: CaseEvent['kind'], on: string): CaseEvent => ({ kind, on: day(on) });
const windowOn = (events: CaseEvent[], today: string) =>
  observationWindowOn(events, 10, LODI_CALENDAR, day(today));

describe('the window for observations after a preavviso di rigetto (art. 10-bis L. 241/1990)', () => {
  const sent = event('REJECTION_NOTICE_SENT', '2026-03-02');

  it.each([
    ['no notice', [], 'NO_NOTICE', false],
    ['sent, receipt not recorded', [sent], 'AWAITING_RECEIPT', false],
    [
      'received on 5 March, last day Monday 16 March',
      [sent, event('REJECTION_NOTICE_RECEIVED', '2026-03-05')],
      'OPEN',
      false,
    ],
    [
      'observations filed before the receipt was recorded',
      [sent, event('OBSERVATIONS_RECEIVED', '2026-03-09')],
      'OBSERVATIONS_FILED',
      true,
    ],
  ] as const)('%s', (_case, events, state, mayDecide) => {
    const window = windowOn([...events], '2026-03-16');
    expect(window.state).toBe(state);
    expect(mayDecideAfterNotice(window)).toBe(mayDecide);
  });

  it('runs from the receipt, not from the sending, and closes once its last day has ended', () => {
    const events = [sent, event('REJECTION_NOTICE_RECEIVED', '2026-03-05')];
    expect(windowOn(events, '2026-03-16')).toEqual({
      state: 'OPEN',
      sentOn: day('2026-03-02'),
      receivedOn: day('2026-03-05'),
      lastDay: day('2026-03-16'),
    });
    expect(windowOn(events, '2026-03-17').state).toBe('CLOSED');
  });

  it('takes a receipt recorded the day the notice was sent, in the order given', () => {
    const events = [sent, event('REJECTION_NOTICE_RECEIVED', '2026-03-02')];
    expect(windowOn(events, '2026-03-12')).toMatchObject({ state: 'OPEN', lastDay: day('2026-03-12') });
  });

  it('ends on the first working day from the 10th day after receipt, never earlier', () => {
    const days = fc.integer({ min: 0, max: 3650 }).map((offset) => day('2025-01-01').add({ days: offset }));
    fc.assert(
      fc.property(days, (receivedOn) => {
        const last = lastDayForObservations(receivedOn, 10, LODI_CALENDAR);
        const tenth = receivedOn.add({ days: 10 });
        expect(isWorkingDay(last, LODI_CALENDAR)).toBe(true);
        expect(Temporal.PlainDate.compare(last, tenth)).toBeGreaterThanOrEqual(0);
        for (let d = tenth; Temporal.PlainDate.compare(d, last) < 0; d = d.add({ days: 1 }))
          expect(isWorkingDay(d, LODI_CALENDAR)).toBe(false);
      }),
    );
  });
});
