/**
 * The province drawn from the municipalities' centres: each municipality is the area nearer to its centre than
 * to any other (a Voronoi cell), inside the province's outline (the hull of the centres, widened a little).
 * Pure geometry, computed once: no tile server, no boundary file.
 */
import { MUNICIPALITIES, type Municipality } from './municipalities.ts';

type Point = { x: number; y: number };
export type MunicipalityShape = { code: string; name: string; path: string; centre: Point };

const WIDTH = 600;
const MARGIN = 20;
/** How much wider than the hull of the town centres the outline is, so border towns get an area of their own. */
const OUTLINE_WIDENING = 1.12;

function project(municipalities: readonly Municipality[]): Point[] {
  const lons = municipalities.map((m) => m.lon);
  const lats = municipalities.map((m) => m.lat);
  const meanLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const xScale = Math.cos((meanLat * Math.PI) / 180);
  const spanX = (Math.max(...lons) - Math.min(...lons)) * xScale;
  const scale = (WIDTH - 2 * MARGIN) / spanX / OUTLINE_WIDENING;
  const centreLon = (Math.min(...lons) + Math.max(...lons)) / 2;
  const centreLat = meanLat;
  return municipalities.map((m) => ({
    x: WIDTH / 2 + (m.lon - centreLon) * xScale * scale,
    y: (centreLat - m.lat) * scale,
  }));
}

const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/** The convex hull, counter-clockwise (Andrew's monotone chain). */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const half = (list: Point[]) => {
    const chain: Point[] = [];
    for (const point of list) {
      while (chain.length >= 2 && cross(chain.at(-2) as Point, chain.at(-1) as Point, point) <= 0)
        chain.pop();
      chain.push(point);
    }
    chain.pop();
    return chain;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

/** The part of a polygon on the side of the half-plane `a·p <= b` (Sutherland–Hodgman, one edge). */
export function clip(polygon: readonly Point[], a: Point, b: number): Point[] {
  const inside = (p: Point) => a.x * p.x + a.y * p.y <= b + 1e-9;
  const result: Point[] = [];
  polygon.forEach((current, index) => {
    const previous = polygon[(index + polygon.length - 1) % polygon.length] as Point;
    const crossing = () => {
      const t =
        (b - a.x * previous.x - a.y * previous.y) /
        (a.x * (current.x - previous.x) + a.y * (current.y - previous.y));
      return { x: previous.x + t * (current.x - previous.x), y: previous.y + t * (current.y - previous.y) };
    };
    if (inside(current)) {
      if (!inside(previous)) result.push(crossing());
      result.push(current);
    } else if (inside(previous)) result.push(crossing());
  });
  return result;
}

/** The cell of each site inside `outline`: the points nearer to it than to any other site. */
export function voronoiCells(sites: readonly Point[], outline: readonly Point[]): Point[][] {
  return sites.map((site, i) =>
    sites.reduce<Point[]>(
      (cell, other, j) => {
        if (i === j || cell.length === 0) return cell;
        const a = { x: other.x - site.x, y: other.y - site.y };
        const b = (other.x ** 2 + other.y ** 2 - site.x ** 2 - site.y ** 2) / 2;
        return clip(cell, a, b);
      },
      [...outline],
    ),
  );
}

const round = (value: number) => Math.round(value * 10) / 10;
const pathOf = (polygon: readonly Point[]) =>
  `M${polygon.map((p) => `${round(p.x)},${round(p.y)}`).join('L')}Z`;

function widen(polygon: readonly Point[], factor: number): Point[] {
  const cx = polygon.reduce((sum, p) => sum + p.x, 0) / polygon.length;
  const cy = polygon.reduce((sum, p) => sum + p.y, 0) / polygon.length;
  return polygon.map((p) => ({ x: cx + (p.x - cx) * factor, y: cy + (p.y - cy) * factor }));
}

/** The shapes of the province's municipalities and the SVG view box that holds them. */
export function provinceShapes(municipalities: readonly Municipality[] = MUNICIPALITIES) {
  const raw = project(municipalities);
  const outline = widen(convexHull(raw), OUTLINE_WIDENING);
  const minY = Math.min(...outline.map((p) => p.y));
  const maxY = Math.max(...outline.map((p) => p.y));
  const shift = (p: Point) => ({ x: p.x, y: p.y - minY + MARGIN });
  const cells = voronoiCells(raw, outline);
  const shapes: MunicipalityShape[] = municipalities.map((m, index) => ({
    code: m.code,
    name: m.name,
    path: pathOf((cells[index] ?? []).map(shift)),
    centre: { x: round(shift(raw[index] as Point).x), y: round(shift(raw[index] as Point).y) },
  }));
  return { viewBox: `0 0 ${WIDTH} ${Math.ceil(maxY - minY + 2 * MARGIN)}`, shapes };
}
