import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allowedModules } from '../../app/modules.ts';
import { useSignedInSession } from '../../app/session.ts';
import { useTerritory } from '../../app/territory.ts';
import { Page } from '../../ui/Page.tsx';
import { PlatformStatus } from './PlatformStatus.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const entries = allowedModules(session);
  const { data: territory } = useTerritory();
  return (
    <Page title={t('home.title')}>
      <p className="lead">
        {territory
          ? t('home.intro', { institution: territory.institution.shortName })
          : t('home.introUnnamed')}
      </p>
      <section className="mt-5" aria-labelledby="stato-piattaforma">
        <h2 id="stato-piattaforma" className="h4">
          {t('status.heading')}
        </h2>
        <PlatformStatus />
      </section>
      <section className="mt-5" aria-labelledby="moduli">
        <h2 id="moduli" className="h4">
          {t('home.modulesHeading')}
        </h2>
        {entries.length === 0 && <p>{t('home.noModules')}</p>}
        <div className="row">
          {entries.map(({ path, key }) => (
            <div className="col-12 col-md-6 col-lg-4 mb-4" key={path}>
              <div className="card card-bg h-100 rounded shadow-sm">
                <div className="card-body">
                  <h3 className="card-title h5">
                    <Link to={path}>{t(`modules.${key}.title`)}</Link>
                  </h3>
                  <p className="card-text">{t(`modules.${key}.description`)}</p>
                </div>
              </div>
            </div>
          ))}
        </div>
      </section>
    </Page>
  );
}
