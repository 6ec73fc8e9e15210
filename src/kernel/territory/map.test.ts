import { describe, expect, it } from 'vitest';
import { provinceMap } from './map.ts';

const points = (path: string) => path.split(/[MLZ]/).filter(Boolean).length;
const inside = (viewBox: string, { x, y }: { x: number; y: number }) => {
  const [, , width = 0, height = 0] = viewBox.split(' ').map(Number);
  return x > 0 && x < width && y > 0 && y < height;
};

describe('the map of the province', () => {
  it('draws the 60 municipalities of Lodi with closed outlines and their centres inside the picture', () => {
    const { viewBox, shapes, outline } = provinceMap('full');
    expect(viewBox).toMatch(/^0 0 600 \d+$/);
    expect(shapes).toHaveLength(60);
    expect(new Set(shapes.map((shape) => shape.code)).size).toBe(60);
    for (const shape of shapes) {
      expect(shape.code).toMatch(/^098\d{3}$/);
      expect(shape.path).toMatch(/^M[\d.,L]+Z/);
      expect(inside(viewBox, shape.centre), shape.name).toBe(true);
    }
    expect(shapes.find((shape) => shape.code === '098050')?.name).toBe('Sant’Angelo Lodigiano');
    expect(points(outline)).toBeGreaterThan(50);
  });

  it('places the municipalities where they are: Lodi north of Codogno, Codogno east of Sant’Angelo', () => {
    const { shapes } = provinceMap('full');
    const centre = (code: string) => shapes.find((shape) => shape.code === code)?.centre ?? { x: 0, y: 0 };
    expect(centre('098031').y).toBeLessThan(centre('098019').y);
    expect(centre('098019').x).toBeGreaterThan(centre('098050').x);
  });

  it('keeps fewer points for the public pages, and draws each level once', () => {
    const full = provinceMap('full');
    const light = provinceMap('light');
    const count = (map: typeof full) => map.shapes.reduce((sum, shape) => sum + points(shape.path), 0);
    expect(count(light)).toBeLessThan(count(full) * 0.8);
    expect(light.shapes).toHaveLength(60);
    expect(provinceMap('light')).toBe(light);
  });
});
