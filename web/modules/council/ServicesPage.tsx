import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { THEMES, type Theme } from '../../../src/modules/council/contract.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { needs, needsKeys, type ServiceView } from './requests.ts';
import { ServiceForm } from './ServiceForm.tsx';

/** The directory of the territory's services; each organisation adds and edits its own. */
export function ServicesPage() {
  const { t } = useTranslation();
  const themeId = useId();
  const [theme, setTheme] = useState<Theme | ''>('');
  const [editing, setEditing] = useState<ServiceView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const services = useQuery({
    queryKey: needsKeys.services(theme),
    queryFn: () => needs.services(theme || undefined),
  });
  return (
    <Page title={t('council.services.title')} trail={[{ label: t('modules.council.title'), to: '/cti' }]}>
      <Notice message={notice} />
      <p>{t('council.services.intro')}</p>
      <div className="select-wrapper lovit-field">
        <label htmlFor={themeId}>{t('council.services.filterTheme')}</label>
        <select id={themeId} value={theme} onChange={(event) => setTheme(event.target.value as Theme | '')}>
          <option value="">{t('council.services.allThemes')}</option>
          {Object.entries(THEMES).map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {services.isPending ? (
        <Loading />
      ) : services.error ? (
        <LoadError error={services.error} />
      ) : services.data.length === 0 ? (
        <p className="alert alert-info">{t('council.services.empty')}</p>
      ) : (
        <ul className="list-unstyled">
          {services.data.map((service) => (
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
