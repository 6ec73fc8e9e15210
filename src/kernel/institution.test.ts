import { afterEach, describe, expect, it } from 'vitest';
import {
  institution,
  LODI_INSTITUTION,
  prefectureName,
  provinceName,
  setInstitution,
  setProvinceName,
} from './institution.ts';

const MILANO = { istatCode: '015', name: 'Milano' };

describe('the institution documents sign with', () => {
  // the setting is the process's: leave it as every other test expects it
  afterEach(() => {
    setInstitution({ province: { istatCode: '098', name: 'Lodi' }, offices: [] });
    setProvinceName('Lodi');
  });

  it('is Lodi’s prefecture, with its site and address, for Lodi', () => {
    setInstitution({ province: { istatCode: '098', name: 'Lodi' }, offices: [] });
    expect(institution()).toEqual(LODI_INSTITUTION);
    expect(prefectureName()).toBe('Prefettura di Lodi');
  });

  it('is the configured prefecture elsewhere, else one named after the province without site or address', () => {
    setProvinceName('Milano');
    setInstitution({ province: MILANO, offices: [] });
    expect(institution()).toEqual({
      name: 'Prefettura – Ufficio Territoriale del Governo di Milano',
      site: null,
      mail: null,
    });
    expect(provinceName()).toBe('Milano');
    expect(prefectureName()).toBe('Prefettura di Milano');
    setInstitution({
      province: MILANO,
      offices: [
        { key: 'prefettura', name: 'Prefettura di Milano – UTG', email: 'prefettura.milano@interno.it' },
      ],
    });
    expect(institution()).toEqual({
      name: 'Prefettura di Milano – UTG',
      site: null,
      mail: 'prefettura.milano@interno.it',
    });
  });
});
