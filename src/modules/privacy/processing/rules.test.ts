import { describe, expect, it } from 'vitest';
import type { RetentionCategory } from '../../../kernel/personal-data.ts';
import { monthsInWords } from '../retention/rules.ts';
import { controllerOf, registerActivities, retentionInWords } from './rules.ts';

const category = (key: string, defaultMonths: number): RetentionCategory => ({
  key,
  label: `Categoria ${key}`,
  runsFrom: 'dalla chiusura',
  legalBasis: 'base predefinita',
  defaultMonths,
  action: 'delete',
  countDue: async () => 0,
  dispose: async () => 0,
});

const activity = (retention: string[]) => ({
  name: 'Attività',
  purpose: 'Finalità',
  legalBasis: 'Base',
  dataSubjects: [],
  dataCategories: [],
  recipients: [],
  retention,
});

describe('the register of processing activities', () => {
  it('takes months and legal basis from the schedule, else the category’s defaults, skipping unknown keys', () => {
    const [only] = registerActivities(
      [
        {
          module: 'm',
          categories: [category('m.a', 24), category('m.b', 60)],
          activities: [activity(['m.a', 'm.b', 'x.y'])],
        },
      ],
      [{ category: 'm.b', months: 18, legalBasis: 'delibera' }],
    );
    expect(only?.retention.map((r) => [r.key, r.months, r.legalBasis, r.isScheduled])).toEqual([
      ['m.a', 24, 'base predefinita', false],
      ['m.b', 18, 'delibera', true],
    ]);
    expect(retentionInWords(only?.retention[1] as NonNullable<typeof only>['retention'][number])).toBe(
      'Categoria m.b: 18 mesi dalla chiusura, poi eliminati (delibera)',
    );
  });

  it('never shows a retention shorter than the category’s minimum, even one written down before it', () => {
    const [only] = registerActivities(
      [
        {
          module: 'm',
          categories: [{ ...category('m.a', 120), minMonths: 120 }],
          activities: [activity(['m.a'])],
        },
      ],
      [{ category: 'm.a', months: 1, legalBasis: 'delibera' }],
    );
    expect(only?.retention.map((r) => r.months)).toEqual([120]);
  });

  it('says months as people do', () => {
    expect([1, 6, 12, 24, 18, 120].map(monthsInWords)).toEqual([
      '1 mese',
      '6 mesi',
      '1 anno',
      '2 anni',
      '18 mesi',
      '10 anni',
    ]);
  });

  it('names the configured Prefettura as controller, or one after the province', () => {
    const office = {
      key: 'prefettura',
      name: 'Prefettura di Lodi',
      address: 'Lodi',
      municipality: '098031',
      callFirst: false,
    };
    expect(controllerOf([office], 'Lodi', 'rpd@interno.it')).toEqual({
      name: 'Prefettura di Lodi',
      address: 'Lodi',
      email: null,
      dataProtectionOfficer: 'rpd@interno.it',
    });
    expect(controllerOf([], 'Cremona', 'rpd@interno.it').name).toBe(
      'Prefettura – Ufficio Territoriale del Governo di Cremona',
    );
  });
});
