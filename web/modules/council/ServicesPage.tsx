import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { THEMES, type Theme } from '../../../src/modules/council/contract.ts';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { needs, needsKeys, PAGE_SIZE, type ServiceView } from './requests.ts';
import { ServiceForm } from './ServiceForm.tsx';

/** The directory of the territory's services, a page at a time; each organisation adds and edits its own. */
export function ServicesPage() {
  const { t } = useTranslation();
  const themeId = useId();
  const [params, setParams] = useSearchParams();
  const theme = params.get('theme') ?? '';
  const page = pageFrom(params);
  const [editing, setEditing] = useState<ServiceView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const services = useQuery({
    queryKey: needsKeys.services(theme, page),
    queryFn: () => needs.services({ ...(theme ? { theme } : {}), page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  // a new theme starts again from the first page
  const chooseTheme = (value: Theme | '') => setParams(value ? { theme: value } : {});
  return (
    <Page title={t('council.services.title')} trail={[{ label: t('modules.council.title'), to: '/cti' }]}>
      <Notice message={notice} />
      <p>{t('council.services.intro')}</p>
      <div className="select-wrapper lovit-field">
        <label htmlFor={themeId}>{t('council.services.filterTheme')}</label>
        <select
          id={themeId}
          value={theme}
          onChange={(event) => chooseTheme(event.target.value as Theme | '')}
        >
          <option value="">{t('council.services.allThemes')}</option>
          {Object.entries(THEMES).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <PagedList
        list={services}
        count={(count) => t('council.services.count', { count })}
        empty={t('council.services.empty')}
      >
        {(items) => (
          <ul className="list-unstyled">
            {items.map((service) => (
              <li key={service.id} className="card card-bg mb-3">
                <article className="card-body" aria-labelledby={`servizio-${service.id}`}>
                  <h2 id={`servizio-${service.id}`} className="h5 card-title">
                    {service.name}
                  </h2>
                  <p className="mb-1">
                    {service.organisationName} · {service.municipalityName}
                    {service.address ? `, ${service.address}` : ''}
                  </p>
                  <p className="mb-1">{service.themes.map((code) => THEMES[code]).join(' · ')}</p>
                  <p className="lovit-prose mb-1">{service.description}</p>
                  {service.hours && (
                    <p className="mb-1">{t('council.services.hoursAre', { hours: service.hours })}</p>
                  )}
                  {service.languages.length > 0 && (
                    <p className="mb-1">
                      {t('council.services.languagesAre', { languages: service.languages.join(', ') })}
                    </p>
                  )}
                  {service.canEdit && (
                    <button
                      type="button"
                      className="btn btn-outline-primary btn-sm"
                      onClick={() => setEditing(service)}
                    >
                      {t('council.services.edit', { name: service.name })}
                    </button>
                  )}
                </article>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      <ServiceForm
        key={editing?.id ?? 'new'}
        service={editing}
        onSaved={(message) => {
          setEditing(null);
          setNotice(message);
        }}
      />
    </Page>
  );
}
