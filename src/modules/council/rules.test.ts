import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { isOverdue, isReminderDue, nextMinutesStatus, visibleVersionCount } from './rules.ts';

const day = (text: string) => Temporal.PlainDate.from(text);

describe('the life of the minutes', () => {
  it('goes draft → circulated → revised → approved, and nothing moves approved minutes', () => {
    expect(nextMinutesStatus('NONE', 'save')).toBe('DRAFT');
    expect(nextMinutesStatus('NONE', 'circulate')).toBeNull();
    expect(nextMinutesStatus('DRAFT', 'approve')).toBeNull();
    expect(nextMinutesStatus('DRAFT', 'circulate')).toBe('CIRCULATED');
    expect(nextMinutesStatus('CIRCULATED', 'comment')).toBe('CIRCULATED');
    expect(nextMinutesStatus('CIRCULATED', 'save')).toBe('REVISED');
    expect(nextMinutesStatus('REVISED', 'comment')).toBeNull();
    expect(nextMinutesStatus('REVISED', 'circulate')).toBe('CIRCULATED');
    expect(nextMinutesStatus('REVISED', 'approve')).toBe('APPROVED');
    for (const step of ['save', 'circulate', 'approve', 'comment'] as const)
      expect(nextMinutesStatus('APPROVED', step)).toBeNull();
  });

  it('shows participants the versions up to the last circulated one, the secretariat all', () => {
    expect(visibleVersionCount(2, null, false)).toBe(0);
    expect(visibleVersionCount(3, 1, false)).toBe(1);
    expect(visibleVersionCount(3, 3, false)).toBe(3);
    expect(visibleVersionCount(3, 1, true)).toBe(3);
  });
});

describe('action items', () => {
  it('are overdue the day after the due day, unless done or cancelled', () => {
    const action = { status: 'OPEN', dueOn: '2026-04-10' };
    expect(isOverdue(action, day('2026-04-10'))).toBe(false);
    expect(isOverdue(action, day('2026-04-11'))).toBe(true);
    expect(isOverdue({ ...action, status: 'IN_PROGRESS' }, day('2026-04-11'))).toBe(true);
    expect(isOverdue({ ...action, status: 'DONE' }, day('2026-04-11'))).toBe(false);
    expect(isOverdue({ ...action, status: 'CANCELLED' }, day('2026-04-11'))).toBe(false);
  });

  it('are reminded once, within the days before the due day', () => {
    const action = { status: 'OPEN', dueOn: '2026-04-10', remindedAt: null };
    expect(isReminderDue(action, day('2026-04-06'), 3)).toBe(false);
    expect(isReminderDue(action, day('2026-04-07'), 3)).toBe(true);
    expect(isReminderDue(action, day('2026-04-10'), 3)).toBe(true);
    expect(isReminderDue(action, day('2026-04-11'), 3)).toBe(false);
    expect(isReminderDue({ ...action, remindedAt: new Date() }, day('2026-04-08'), 3)).toBe(false);
    expect(isReminderDue({ ...action, status: 'DONE' }, day('2026-04-08'), 3)).toBe(false);
  });
});
