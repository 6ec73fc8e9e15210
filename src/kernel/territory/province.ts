/**
 * The province LOVIT serves, chosen by its ISTAT code (`PROVINCE_ISTAT`), and its municipalities, read from the
 * boundaries bundled for every Italian province (`provinces/<code>.topo.json`, ISTAT administrative limits via
 * Openpolis, CC BY 4.0: see README.md here). A process serves one province: `serveProvince` sets it at start.
 */
import { readFileSync } from 'node:fs';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type Province = { code: string; abbreviation: string; name: string; region: string };
export type Municipality = {
  /** ISTAT code, e.g. `098031`: the key that joins the maps to the rest of the data. */
  code: string;
  name: string;
  /** The land registry's code (`E648`), as fiscal codes write the place of birth. */
  cadastralCode: string;
};

type MunicipalityProperties = { name: string; com_istat_code: string; com_catasto_code: string };
export type Boundaries = Topology<{ municipalities: GeometryCollection<MunicipalityProperties> }>;

/** Lodi's: the province LOVIT was made for, and the one its demo data describes. */
export const LODI = '098';

/** Every province with bundled boundaries, by ISTAT code. */
export const PROVINCES: readonly Province[] = JSON.parse(
  readFileSync(new URL('./provinces.json', import.meta.url), 'utf8'),
) as Province[];

/** The province with this ISTAT code, written with or without its leading zeros (`98`, `098`). */
export function findProvince(code: string): Province | undefined {
  return /^\d{1,3}$/.test(code) ? PROVINCES.find((p) => p.code === code.padStart(3, '0')) : undefined;
}

/** Names as the rest of LOVIT writes them: the typographic apostrophe (`Sant’Angelo Lodigiano`). */
export const typographic = (name: string) => name.replaceAll("'", '’');

const boundaries = new Map<string, Boundaries>();

/** The municipalities' boundaries of a province, read once. */
export function provinceBoundaries(code: string): Boundaries {
  const known = boundaries.get(code);
  if (known) return known;
  const read = JSON.parse(
    readFileSync(new URL(`./provinces/${code}.topo.json`, import.meta.url), 'utf8'),
  ) as Boundaries;
  boundaries.set(code, read);
  return read;
}

let served = LODI;

/** Makes the province with this ISTAT code the one this process serves (at start, from the configuration). */
export function serveProvince(code: string): void {
  const province = findProvince(code);
  if (!province) throw new Error(`no bundled province with ISTAT code ${code}`);
  served = province.code;
}

export type ServedProvince = Province & {
  municipalities: readonly Municipality[];
  /** The chief town, where the Prefettura is: the municipality that gives the province its name. */
  chiefTown: Municipality;
};

const described = new Map<string, ServedProvince>();

/** The province this process serves, with its municipalities in ISTAT-code order. */
export function servedProvince(): ServedProvince {
  const known = described.get(served);
  if (known) return known;
  const province = findProvince(served) as Province;
  const municipalities = provinceBoundaries(province.code)
    .objects.municipalities.geometries.map(({ properties }) => ({
      code: (properties as MunicipalityProperties).com_istat_code,
      name: typographic((properties as MunicipalityProperties).name),
      cadastralCode: (properties as MunicipalityProperties).com_catasto_code,
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const description = { ...province, municipalities, chiefTown: chiefTownOf(province, municipalities) };
  described.set(served, description);
  return description;
}

/** The two provinces whose name does not begin with their chief town's. */
const CHIEF_TOWNS: Record<string, string> = { '103': 'Verbania', '111': 'Carbonia' };

/**
 * The municipality that names the province (`Milano`), or whose name the province's starts with (`Monza` for
 * Monza e della Brianza, `Forlì` for Forlì-Cesena, `Aosta` inside Valle d’Aosta), or the one listed above.
 */
function chiefTownOf(province: Province, municipalities: readonly Municipality[]): Municipality {
  const words = (name: string) => name.toLowerCase().split(/[\s/’-]+/);
  const named = words(typographic(CHIEF_TOWNS[province.code] ?? province.name));
  const starts = (m: Municipality) => words(m.name).every((word, index) => named[index] === word);
  const inside = (m: Municipality) => named.includes(m.name.toLowerCase());
  return (municipalities.find(starts) ?? municipalities.find(inside) ?? municipalities[0]) as Municipality;
}

export const isMunicipalityOfProvince = (code: string) =>
  servedProvince().municipalities.some((m) => m.code === code);

export const municipalityName = (code: string) =>
  servedProvince().municipalities.find((m) => m.code === code)?.name ?? code;
