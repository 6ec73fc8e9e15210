import { afterEach, describe, expect, it } from 'vitest';
import { provinceMap } from './map.ts';
import { findProvince, LODI, PROVINCES, servedProvince, serveProvince } from './province.ts';

describe('the province served', () => {
  afterEach(() => serveProvince(LODI));

  it('is Lodi by default: its 60 municipalities with ISTAT and cadastral codes, Lodi the chief town', () => {
    const lodi = servedProvince();
    expect(lodi).toMatchObject({ code: '098', name: 'Lodi', abbreviation: 'LO', region: 'Lombardia' });
    expect(lodi.municipalities).toHaveLength(60);
    expect(lodi.chiefTown).toEqual({ code: '098031', name: 'Lodi', cadastralCode: 'E648' });
    expect(lodi.municipalities.find((m) => m.code === '098050')?.name).toBe('Sant’Angelo Lodigiano');
    expect(provinceMap('full').shapes.map((shape) => shape.code)).toEqual(
      lodi.municipalities.map((m) => m.code),
    );
  });

  it('changes with the configuration: Milano’s municipalities and map replace Lodi’s', () => {
    const lodiMap = provinceMap('light');
    serveProvince('15');
    const milano = servedProvince();
    expect(milano).toMatchObject({ code: '015', name: 'Milano', abbreviation: 'MI' });
    expect(milano.municipalities).toHaveLength(133);
    expect(milano.chiefTown).toEqual({ code: '015146', name: 'Milano', cadastralCode: 'F205' });
    const map = provinceMap('light');
    expect(map).not.toBe(lodiMap);
    expect(map.shapes.map((shape) => shape.code)).toEqual(milano.municipalities.map((m) => m.code));
  });

  it('knows every province with its boundaries, and each has a chief town of its own', () => {
    expect(PROVINCES.length).toBeGreaterThanOrEqual(107);
    expect(findProvince('98')?.name).toBe('Lodi');
    expect(findProvince('999')).toBeUndefined();
    expect(findProvince('LO')).toBeUndefined();
    const chiefTowns = new Map<string, string>();
    for (const province of PROVINCES) {
      serveProvince(province.code);
      const served = servedProvince();
      expect(served.municipalities.length, province.name).toBeGreaterThan(0);
      expect(served.chiefTown.code.slice(0, 3), province.name).toBe(province.code);
      chiefTowns.set(province.code, served.chiefTown.name);
    }
    expect(chiefTowns.get('108')).toBe('Monza');
    expect(chiefTowns.get('103')).toBe('Verbania');
    expect(chiefTowns.get('040')).toBe('Forlì');
  });

  it('refuses a province it has no boundaries for', () => {
    expect(() => serveProvince('999')).toThrow(/999/);
  });
});
