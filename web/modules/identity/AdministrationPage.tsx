import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasAnyPermission, useSignedInSession } from '../../app/session.ts';
import { Page } from '../../ui/Page.tsx';
import { ADMINISTRATION_SECTIONS } from './administration.ts';

/** The entry to Amministrazione: the parts the user may open. */
export function AdministrationPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const sections = ADMINISTRATION_SECTIONS.filter(({ permission }) =>
    hasAnyPermission(session, [permission]),
  );
  return (
    <Page title={t('modules.administration.title')}>
      <p className="lead">{t('modules.administration.description')}</p>
      <div className="row mt-4">
        {sections.map(({ path, key }) => (
          <div className="col-12 col-md-6 mb-4" key={path}>
            <div className="card card-bg h-100 rounded shadow-sm">
              <div className="card-body">
                <h2 className="card-title h5">
                  <Link to={path}>{t(`administration.${key}.title`)}</Link>
                </h2>
                <p className="card-text">{t(`administration.${key}.description`)}</p>
              </div>
            </div>
          </div>
        ))}
      </div>
    </Page>
  );
}
