/**
 * The province's municipalities as SVG paths, projected from their real boundaries (ISTAT administrative
 * limits, converted to TopoJSON by Openpolis, CC BY 4.0: see README.md here). Drawn once per level of detail
 * and kept: every map of the back-office and of the public site reuses the same shapes.
 */
import { geoMercator, geoPath } from 'd3-geo';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { type Boundaries, provinceBoundaries, servedProvince, typographic } from './province.ts';

/** What the licence asks every map drawn from these boundaries to show. */
export const MAP_ATTRIBUTION = 'Confini amministrativi: ISTAT, elaborazione Openpolis (CC BY 4.0)';

type MunicipalityProperties = { name: string; com_istat_code: string };

export type MunicipalityShape = {
  /** ISTAT code, e.g. `098031`: the key that joins the map to the rest of the data. */
  code: string;
  name: string;
  path: string;
  /** Where a marker of the municipality goes: the centre of its area. */
  centre: { x: number; y: number };
};
export type ProvinceMap = {
  viewBox: string;
  /** The province's outer border, drawn over the municipalities. */
  outline: string;
  shapes: MunicipalityShape[];
};

/**
 * `full`: every point of the boundaries, for the back-office. `light`: the points that change the shape at
 * the public page's size kept (about a third), so that the page stays light on a phone.
 */
export type MapDetail = 'full' | 'light';

const WIDTH = 600;
const MARGIN = 10;
/** Share of the points `light` keeps, from the least to the most significant (topojson-simplify's weights). */
const LIGHT_KEEP = 0.35;

const round = (value: number) => Math.round(value * 10) / 10;

/** Projects the boundaries into a `WIDTH`-wide SVG, municipalities in ISTAT-code order. */
export function drawProvince(boundaries: Boundaries, detail: MapDetail): ProvinceMap {
  const topology =
    detail === 'full'
      ? boundaries
      : (() => {
          const weighted = presimplify(boundaries);
          return simplify(weighted, quantile(weighted, 1 - LIGHT_KEEP)) as Boundaries;
        })();
  const object = topology.objects.municipalities;
  const collection = feature(topology, object) as FeatureCollection<
    Polygon | MultiPolygon,
    MunicipalityProperties
  >;
  const projection = geoMercator().fitWidth(WIDTH - 2 * MARGIN, collection);
  const [, [, bottom]] = geoPath(projection).bounds(collection);
  projection.translate([projection.translate()[0] + MARGIN, projection.translate()[1] + MARGIN]);
  const path = geoPath(projection).digits(1);
  const shapes = collection.features
    .map((municipality) => {
      const [x, y] = path.centroid(municipality);
      return {
        code: municipality.properties.com_istat_code,
        name: typographic(municipality.properties.name),
        path: path(municipality) ?? '',
        centre: { x: round(x), y: round(y) },
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    viewBox: `0 0 ${WIDTH} ${Math.ceil(bottom + 2 * MARGIN)}`,
    outline: path(mesh(topology, object, (a, b) => a === b)) ?? '',
    shapes,
  };
}

const drawn = new Map<string, ProvinceMap>();

/** The province served at a level of detail, drawn at the first call and kept for the life of the process. */
export function provinceMap(detail: MapDetail): ProvinceMap {
  const { code } = servedProvince();
  const key = `${code} ${detail}`;
  const known = drawn.get(key);
  if (known) return known;
  const map = drawProvince(provinceBoundaries(code), detail);
  drawn.set(key, map);
  return map;
}
