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
        <p className="container lovit-container pt-4 mb-0">
          <Link to="/comunicazione/schede">{t('portal.sheets.title')}</Link>
        </p>
      )}
      <ModulePlaceholder
        title={t('modules.outreach.title')}
        description={t('modules.outreach.description')}
      />
    </>
  );
}
