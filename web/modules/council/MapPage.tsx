import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THEMES, type Theme } from '../../../src/modules/council/contract.ts';
import { useTerritory } from '../../app/territory.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { type MapView, needs, needsKeys } from './requests.ts';
import './council.css';

/** Blue from no need (1) to a very high one (5); grey where nobody reported. */
const NEED_COLOURS = ['#e8f1fa', '#b9d4ee', '#7fb0e0', '#3d85c6', '#0b4f8a'];
const fillOf = (need: number | null) =>
  need === null ? '#f2f2f2' : (NEED_COLOURS[Math.min(4, Math.max(0, Math.round(need) - 1))] as string);

/** The map of the province: per theme, the needs reported and the services available, with the gaps marked. */
export function MapPage() {
  const { t } = useTranslation();
  const themeId = useId();
  const [theme, setTheme] = useState<Theme>('HOUSING');
  const map = useQuery({ queryKey: needsKeys.map(theme), queryFn: () => needs.map(theme) });
  return (
    <Page title={t('council.map.title')} trail={[{ label: t('modules.council.title'), to: '/cti' }]}>
      <p>{t('council.map.intro')}</p>
      <div className="select-wrapper lovit-field mt-4">
        <label htmlFor={themeId}>{t('council.tables.theme')}</label>
        <select id={themeId} value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
          {Object.entries(THEMES)
            .filter(([code]) => code !== 'GENERAL')
            .map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
        </select>
      </div>
      {map.isPending ? (
        <Loading />
      ) : map.error ? (
        <LoadError error={map.error} />
      ) : (
        <NeedsMap map={map.data} />
      )}
    </Page>
  );
}

function NeedsMap({ map }: { map: MapView }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { data: territory } = useTerritory();
  const reported = map.municipalities
    .filter((m) => m.need !== null || m.services > 0)
    .sort(
      (a, b) =>
        Number(b.isGap) - Number(a.isGap) || (b.need ?? 0) - (a.need ?? 0) || a.name.localeCompare(b.name),
    );
  const gaps = map.municipalities.filter((m) => m.isGap).length;
  return (
    <>
      <p role="status">{t('council.map.summary', { count: gaps, theme: THEMES[map.theme] })}</p>
      <div className="row">
        <div className="col-12 col-lg-8">
          <figure>
            <svg viewBox={map.viewBox} className="lovit-map" role="img" aria-labelledby={titleId}>
              <title id={titleId}>
                {t('council.map.svgTitle', { theme: THEMES[map.theme], province: territory?.name ?? '' })}
              </title>
              {map.municipalities.map((m) => (
                <g key={m.code} data-municipality={m.name}>
                  <path
                    d={m.path}
                    fill={fillOf(m.need)}
                    stroke={m.isGap ? '#c00' : '#5c6f82'}
                    strokeWidth={m.isGap ? 2.5 : 0.6}
                  >
                    <title>
                      {t('council.map.cell', {
                        name: m.name,
                        need: m.need ?? t('council.map.noReport'),
                        services: m.services,
                      })}
                    </title>
                  </path>
                  {m.services > 0 && (
                    <circle
                      cx={m.centre.x}
                      cy={m.centre.y}
                      r={4 + Math.min(m.services, 4)}
                      fill="#008055"
                      stroke="#fff"
                    />
                  )}
                </g>
              ))}
              <path d={map.outline} fill="none" stroke="#17324d" strokeWidth={1.2} pointerEvents="none" />
            </svg>
            <figcaption className="small text-secondary">{map.attribution}</figcaption>
          </figure>
        </div>
        <div className="col-12 col-lg-4">
          <Legend />
        </div>
      </div>
      <h2 className="h4 mt-4">{t('council.map.tableTitle')}</h2>
      {reported.length === 0 ? (
        <p className="alert alert-info">{t('council.map.empty')}</p>
      ) : (
        <TableScroll label={t('council.map.tableTitle')}>
          <table className="table">
            <caption className="visually-hidden">{t('council.map.tableTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('council.map.municipality')}</th>
                <th scope="col">{t('council.map.need')}</th>
                <th scope="col">{t('council.map.reports')}</th>
                <th scope="col">{t('council.map.services')}</th>
              </tr>
            </thead>
            <tbody>
              {reported.map((m) => (
                <tr key={m.code}>
                  <th scope="row">
                    {m.name} {m.isGap && <span className="badge bg-danger">{t('council.map.gap')}</span>}
                  </th>
                  <td>{m.need ?? '—'}</td>
                  <td>{m.reports}</td>
                  <td>{m.services}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="legenda" className="mt-3">
      <h2 id="legenda" className="h6">
        {t('council.map.legend')}
      </h2>
      <ul className="list-unstyled small">
        {NEED_COLOURS.map((colour, index) => (
          <li key={colour}>
            <span className="lovit-swatch" style={{ background: colour }} aria-hidden="true" />{' '}
            {t('council.map.level', { level: index + 1 })}
          </li>
        ))}
        <li>
          <span className="lovit-swatch" style={{ background: '#f2f2f2' }} aria-hidden="true" />{' '}
          {t('council.map.noReport')}
        </li>
        <li>
          <span
            className="lovit-swatch lovit-swatch-round"
            style={{ background: '#008055' }}
            aria-hidden="true"
          />{' '}
          {t('council.map.serviceDot')}
        </li>
        <li>
          <span className="lovit-swatch" style={{ border: '3px solid #c00' }} aria-hidden="true" />{' '}
          {t('council.map.gapLegend')}
        </li>
      </ul>
    </section>
  );
}
