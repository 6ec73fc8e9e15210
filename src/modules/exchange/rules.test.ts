import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  type CaseFactsForOpinion,
  checkAnswer,
  clockOf,
  firstDueOn,
  lapseOf,
  messageRefusal,
  reminderDue,
  requestRefusal,
  resumedDueOn,
  subjectFor,
} from './rules.ts';

const on = (day: string) => Temporal.PlainDate.from(day);
const pending = { state: 'PENDING' as const, dueOn: '2026-03-22', pausedSince: null };

describe('the clock of an opinion', () => {
  it('runs its response days from the day it was requested', () => {
    expect(firstDueOn('2026-03-02', 20)).toBe('2026-03-22');
    expect(firstDueOn('2026-12-20', 20)).toBe('2027-01-09');
  });

  it('is on time, due soon in its last three days, overdue the day after', () => {
    expect(clockOf(pending, on('2026-03-18'))).toEqual({
      status: 'ON_TIME',
      dueOn: '2026-03-22',
      daysLeft: 4,
    });
    expect(clockOf(pending, on('2026-03-19')).status).toBe('DUE_SOON');
    expect(clockOf(pending, on('2026-03-22'))).toEqual({
      status: 'DUE_SOON',
      dueOn: '2026-03-22',
      daysLeft: 0,
    });
    expect(clockOf(pending, on('2026-03-23'))).toEqual({
      status: 'OVERDUE',
      dueOn: '2026-03-22',
      daysLeft: -1,
    });
  });

  it('is paused while a question waits for the SUI, its deadline moving day by day', () => {
    const asked = { state: 'QUESTION' as const, dueOn: '2026-03-22', pausedSince: '2026-03-10' };
    expect(clockOf(asked, on('2026-03-10'))).toEqual({ status: 'PAUSED', dueOn: '2026-03-22', daysLeft: 12 });
    expect(clockOf(asked, on('2026-03-15'))).toEqual({ status: 'PAUSED', dueOn: '2026-03-27', daysLeft: 12 });
  });

  it('moves the deadline by exactly the days the question stayed open, never back', () => {
    expect(resumedDueOn('2026-03-22', '2026-03-10', '2026-03-15')).toBe('2026-03-27');
    expect(resumedDueOn('2026-03-22', '2026-03-10', '2026-03-10')).toBe('2026-03-22');
    expect(resumedDueOn('2026-03-22', '2026-03-10', '2026-03-09')).toBe('2026-03-22');
  });

  it('stops once the opinion is given or lapsed into consent', () => {
    for (const state of ['ANSWERED', 'SILENT_CONSENT'] as const)
      expect(clockOf({ ...pending, state }, on('2026-04-30'))).toEqual({
        status: 'CLOSED',
        dueOn: '2026-03-22',
        daysLeft: null,
      });
  });
});

describe('after the deadline', () => {
  const rule = 'art. 22 c.5.01 D.Lgs. 286/1998';
  const base = { ...pending, silenceRule: rule, highRiskCountry: false, escalatedOn: null };

  it('records silent consent the day after, where the type allows it', () => {
    expect(lapseOf(base, on('2026-03-22'))).toEqual({ kind: 'NONE' });
    expect(lapseOf(base, on('2026-03-25'))).toEqual({ kind: 'SILENT_CONSENT', rule, lapsedOn: '2026-03-23' });
  });

  it('never for an applicant from the yearly high-risk list, nor where silence is not consent: it escalates, once', () => {
    expect(lapseOf({ ...base, highRiskCountry: true }, on('2026-03-25'))).toEqual({
      kind: 'ESCALATE',
      lapsedOn: '2026-03-23',
    });
    expect(lapseOf({ ...base, silenceRule: null }, on('2026-03-25')).kind).toBe('ESCALATE');
    expect(lapseOf({ ...base, silenceRule: null, escalatedOn: '2026-03-23' }, on('2026-03-25'))).toEqual({
      kind: 'NONE',
    });
  });

  it('does nothing while a question waits for the SUI', () => {
    expect(lapseOf({ ...base, state: 'QUESTION', pausedSince: '2026-03-20' }, on('2026-04-30'))).toEqual({
      kind: 'NONE',
    });
  });

  it('reminds the body once, in the last three days', () => {
    expect(reminderDue({ ...pending, remindedOn: null }, on('2026-03-18'))).toBe(false);
    expect(reminderDue({ ...pending, remindedOn: null }, on('2026-03-19'))).toBe(true);
    expect(reminderDue({ ...pending, remindedOn: '2026-03-19' }, on('2026-03-20'))).toBe(false);
    expect(reminderDue({ ...pending, remindedOn: null }, on('2026-03-23'))).toBe(false);
  });
});

describe('answers are final', () => {
  it('takes a first answer while pending, or late after silent consent', () => {
    expect(checkAnswer('PENDING', null, null)).toEqual({ ok: true, late: false });
    expect(checkAnswer('SILENT_CONSENT', null, null)).toEqual({ ok: true, late: true });
    expect(checkAnswer('QUESTION', null, null)).toEqual({ ok: false, code: 'QUESTION_OPEN' });
    expect(checkAnswer('ANSWERED', 'a1', null)).toEqual({ ok: false, code: 'ALREADY_ANSWERED' });
  });

  it('corrects only the latest answer', () => {
    expect(checkAnswer('ANSWERED', 'a2', 'a2')).toEqual({ ok: true, late: false });
    expect(checkAnswer('ANSWERED', 'a2', 'a1')).toEqual({ ok: false, code: 'NOT_LATEST' });
    expect(checkAnswer('PENDING', null, 'a1')).toEqual({ ok: false, code: 'NOTHING_TO_CORRECT' });
  });
});

describe('what a body may see of a case', () => {
  const facts: CaseFactsForOpinion = {
    parties: [
      {
        role: 'EMPLOYER',
        kind: 'EMPLOYER',
        surname: null,
        givenName: null,
        sex: null,
        birthDate: null,
        birthPlace: null,
        citizenship: null,
        passportNumber: null,
        fiscalCode: '01234567890',
        employerKind: 'COMPANY',
        employerName: 'Azienda Agricola Lodigiana S.r.l.',
        vatNumber: '01234567890',
        address: 'Via Emilia 1, Lodi',
      },
      {
        role: 'WORKER',
        kind: 'PERSON',
        surname: 'HOSSAIN',
        givenName: 'Rahim',
        sex: 'M',
        birthDate: '1990-05-01',
        birthPlace: 'Dhaka',
        citizenship: 'BD',
        passportNumber: 'BD1234567',
        fiscalCode: null,
        employerKind: null,
        employerName: null,
        vatNumber: null,
        address: 'House 12, Mirpur',
      },
    ],
    quota: { year: 2026, sector: 'NON_SEASONAL' },
    submittedOn: '2026-03-02',
    highRiskCountry: true,
  };

  it('gives the Questura the identity of persons and employer, not their contacts or addresses', () => {
    const subject = subjectFor('POLICE_HQ', facts);
    expect(subject.persons).toEqual([
      {
        role: 'WORKER',
        surname: 'HOSSAIN',
        givenName: 'Rahim',
        citizenship: 'BD',
        sex: 'M',
        birthDate: '1990-05-01',
        birthPlace: 'Dhaka',
        passportNumber: 'BD1234567',
        fiscalCode: null,
      },
    ]);
    expect(subject.employers).toEqual([
      {
        role: 'EMPLOYER',
        kind: 'COMPANY',
        name: 'Azienda Agricola Lodigiana S.r.l.',
        fiscalCode: '01234567890',
      },
    ]);
    expect(JSON.stringify(subject)).not.toContain('Mirpur');
  });

  it('gives the inspectorate the employer in full and the worker by name and citizenship only', () => {
    const subject = subjectFor('LABOUR_INSPECTORATE', facts);
    expect(subject.persons).toEqual([
      { role: 'WORKER', surname: 'HOSSAIN', givenName: 'Rahim', citizenship: 'BD' },
    ]);
    expect(subject.employers[0]).toMatchObject({ vatNumber: '01234567890', address: 'Via Emilia 1, Lodi' });
  });
});

describe('who may send what between nodes', () => {
  const opinion = { originNode: 'prefettura-lodi', answererNode: 'questura-lodi' };
  const table = [
    ['opinion.reply', 'prefettura-lodi', null],
    ['opinion.lapsed', 'prefettura-lodi', null],
    ['opinion.question', 'questura-lodi', null],
    ['opinion.answered', 'questura-lodi', null],
    ['opinion.reply', 'questura-lodi', 'NOT_ITS_OPINION'],
    ['opinion.lapsed', 'questura-lodi', 'NOT_ITS_OPINION'],
    ['opinion.question', 'prefettura-lodi', 'NOT_ITS_OPINION'],
    ['opinion.answered', 'prefettura-lodi', 'NOT_ITS_OPINION'],
    ['opinion.reply', 'ispettorato-lodi', 'NOT_ITS_OPINION'],
    ['opinion.lapsed', 'ispettorato-lodi', 'NOT_ITS_OPINION'],
    ['opinion.question', 'ispettorato-lodi', 'NOT_ITS_OPINION'],
    ['opinion.answered', 'ispettorato-lodi', 'NOT_ITS_OPINION'],
  ] as const;

  it.each(table)('%s from %s: %s', (kind, sender, refusal) => {
    expect(messageRefusal(kind, sender, opinion)).toBe(refusal);
  });

  it('takes one node serving both ends as either end', () => {
    const one = { originNode: 'prefettura-lodi', answererNode: 'prefettura-lodi' };
    for (const kind of ['opinion.reply', 'opinion.lapsed', 'opinion.question', 'opinion.answered'] as const)
      expect(messageRefusal(kind, 'prefettura-lodi', one)).toBeNull();
  });

  const requests = [
    [{ sender: 'questura-lodi', senderMayRequest: false, answersForBody: false }, null],
    [{ sender: 'prefettura-lodi', senderMayRequest: true, answersForBody: true }, null],
    [{ sender: 'prefettura-lodi', senderMayRequest: true, answersForBody: false }, 'BODY_NOT_ANSWERED_HERE'],
    [{ sender: 'ispettorato-lodi', senderMayRequest: false, answersForBody: true }, 'NOT_ALLOWED_TO_REQUEST'],
    [
      { sender: 'ispettorato-lodi', senderMayRequest: false, answersForBody: false },
      'NOT_ALLOWED_TO_REQUEST',
    ],
  ] as const;

  it.each(requests)('a request %o at the Questura: %s', (facts, refusal) => {
    expect(requestRefusal({ ...facts, self: 'questura-lodi' })).toBe(refusal);
  });
});
