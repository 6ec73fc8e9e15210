/**
 * Makes the bundled boundaries (`provinces/<ISTAT code>.topo.json` and `provinces.json`) from Openpolis'
 * `geojson-italy` TopoJSON files (ISTAT administrative limits, CC BY 4.0): run it with the folder holding
 * `limits_IT_provinces.topo.json` and the `limits_P_<code>_municipalities.topo.json` files when ISTAT publishes
 * new limits.
 *
 *     npx tsx src/kernel/territory/bundle-boundaries.ts path/to/italy
 *
 * Each province keeps the name, ISTAT code and cadastral code of its municipalities and the points that show at
 * a map's size (points whose triangle is smaller than a hundredth of a pixel of a 600-pixel-wide map dropped),
 * on a grid of 6,000 steps across the province: half the source's size.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';

type SourceProperties = {
  name: string;
  com_istat_code: string;
  com_catasto_code: string;
  prov_istat_code: string;
};
type ProvinceProperties = { prov_name: string; prov_acr: string; prov_istat_code: string; reg_name: string };

const GRID = 6_000;
const MAP_WIDTH = 600;
const SMALLEST_AREA = 0.01;

/** Quantises absolute coordinates on a GRID×GRID grid over the bounding box, delta-encoded as TopoJSON wants. */
function quantise(arcs: number[][][]) {
  const points = arcs.flat();
  const [x0, y0] = [
    Math.min(...points.map((p) => p[0] as number)),
    Math.min(...points.map((p) => p[1] as number)),
  ];
  const [x1, y1] = [
    Math.max(...points.map((p) => p[0] as number)),
    Math.max(...points.map((p) => p[1] as number)),
  ];
  const scale = [(x1 - x0) / (GRID - 1) || 1, (y1 - y0) / (GRID - 1) || 1] as [number, number];
  const encoded = arcs.map((arc) => {
    let [px, py] = [0, 0];
    const out: [number, number][] = [];
    for (const [x, y] of arc) {
      const [qx, qy] = [
        Math.round(((x as number) - x0) / scale[0]),
        Math.round(((y as number) - y0) / scale[1]),
      ];
      if (out.length && qx === px && qy === py) continue;
      out.push([qx - px, qy - py]);
      [px, py] = [qx, qy];
    }
    if (out.length === 1) out.push([0, 0]);
    return out;
  });
  return { transform: { scale, translate: [x0, y0] as [number, number] }, arcs: encoded };
}

function bundle(folder: string, target: string): void {
  const provinces = JSON.parse(
    readFileSync(path.join(folder, 'limits_IT_provinces.topo.json'), 'utf8'),
  ) as Topology<{
    provinces: GeometryCollection<ProvinceProperties>;
  }>;
  const index = provinces.objects.provinces.geometries
    .map(({ properties: p }) => ({
      code: (p as ProvinceProperties).prov_istat_code,
      abbreviation: (p as ProvinceProperties).prov_acr,
      name: (p as ProvinceProperties).prov_name,
      region: (p as ProvinceProperties).reg_name,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const bundled = new Set<string>();
  for (const name of readdirSync(folder).filter((file) =>
    /^limits_P_\d+_municipalities\.topo\.json$/.test(file),
  )) {
    const source = JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as Topology<{
      municipalities: GeometryCollection<SourceProperties>;
    }>;
    // the four Sardinian provinces abolished in 2016 are listed with no municipality
    if (source.objects.municipalities.geometries.length === 0) continue;
    const weighted = presimplify(source);
    const [x0, , x1] = source.bbox ?? [0, 0, 1, 1];
    const pixel = ((x1 as number) - x0) / MAP_WIDTH;
    const simplified = simplify(weighted, SMALLEST_AREA * pixel * pixel);
    const { transform, arcs } = quantise(simplified.arcs as unknown as number[][][]);
    const geometries = source.objects.municipalities.geometries.map((geometry) => {
      const {
        name: municipality,
        com_istat_code,
        com_catasto_code,
      } = geometry.properties as SourceProperties;
      return { ...geometry, properties: { name: municipality, com_istat_code, com_catasto_code } };
    });
    const code =
      (source.objects.municipalities.geometries[0]?.properties as SourceProperties | undefined)
        ?.prov_istat_code ?? '';
    const topology = {
      type: 'Topology',
      transform,
      objects: { municipalities: { type: 'GeometryCollection', geometries } },
      arcs,
    };
    writeFileSync(path.join(target, `${code}.topo.json`), JSON.stringify(topology));
    bundled.add(code);
  }
  const listed = index.filter((province) => bundled.has(province.code));
  writeFileSync(path.join(target, '..', 'provinces.json'), `${JSON.stringify(listed, null, 1)}\n`);
}

const [folder] = process.argv.slice(2);
if (!folder) throw new Error('usage: bundle-boundaries.ts <folder of the Openpolis TopoJSON files>');
bundle(folder, fileURLToPath(new URL('./provinces', import.meta.url)));
