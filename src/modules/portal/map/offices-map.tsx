/**
 * The map of the offices page: the province's municipalities from their real boundaries (drawn once, simplified
 * for the public site), the municipalities with offices marked, each name on hover and in a table below whose
 * offices lead to their address, hours and accessibility.
 */
import { MAP_ATTRIBUTION, provinceMap } from '../../../kernel/territory/map.ts';
import type { Translate } from '../languages.ts';
import type { Office } from '../offices.ts';

export function OfficesMap({ t, offices }: { t: Translate; offices: Office[] }) {
  const map = provinceMap('light');
  const present = Map.groupBy(offices, (office) => office.municipalityCode);
  const seats = map.shapes.filter((shape) => present.has(shape.code));
  const officesIn = (code: string) => (present.get(code) ?? []).map((office) => office.name);
  return (
    <section aria-labelledby="mappa" className="map">
      <h2 id="mappa">{t('map.title')}</h2>
      <figure>
        <svg viewBox={map.viewBox} role="img" aria-label={t('map.label')}>
          {map.shapes.map((shape) => (
            <path key={shape.code} d={shape.path} className={present.has(shape.code) ? 'seat' : undefined}>
              <title lang="it">{shape.name}</title>
            </path>
          ))}
          <path className="border" d={map.outline} />
          {seats.map((shape) => (
            <circle key={shape.code} cx={shape.centre.x} cy={shape.centre.y} r={7}>
              <title lang="it">{[shape.name, ...officesIn(shape.code)].join(' – ')}</title>
            </circle>
          ))}
        </svg>
        <figcaption>
          <span className="legend" aria-hidden="true" /> {t('map.seat')}.{' '}
          <span lang="it">{MAP_ATTRIBUTION}</span>
        </figcaption>
      </figure>
      <details>
        <summary>{t('map.table')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('map.municipality')}</th>
              <th scope="col">{t('map.offices')}</th>
            </tr>
          </thead>
          <tbody>
            {map.shapes.map((shape) => (
              <tr key={shape.code}>
                <th scope="row" lang="it">
                  {shape.name}
                </th>
                {present.has(shape.code) ? (
                  <td lang="it">
                    <ul>
                      {(present.get(shape.code) ?? []).map((office) => (
                        <li key={office.key}>
                          <a href={`#${office.key}`}>{office.name}</a>
                        </li>
                      ))}
                    </ul>
                  </td>
                ) : (
                  <td>{t('map.none')}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
