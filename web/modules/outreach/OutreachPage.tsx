import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function OutreachPage() {
  const { t } = useTranslation();
  const editsSheets = usePermission('portal.sheets.edit');
  return (
    <>
      {editsSheets && (
        <ul className="container lovit-container pt-4 mb-0 list-unstyled">
          <li>
            <Link to="/comunicazione/schede">{t('portal.sheets.title')}</Link>
          </li>
          <li>
            <Link to="/comunicazione/glossario">{t('portal.glossary.title')}</Link>
          </li>
        </ul>
      )}
      <ModulePlaceholder
        title={t('modules.outreach.title')}
        description={t('modules.outreach.description')}
      />
    </>
  );
}
