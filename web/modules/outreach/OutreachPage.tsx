import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function OutreachPage() {
  const { t } = useTranslation();
  return (
    <ModulePlaceholder title={t('modules.outreach.title')} description={t('modules.outreach.description')} />
  );
}
