import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function AdministrationPage() {
  const { t } = useTranslation();
  return (
    <ModulePlaceholder
      title={t('modules.administration.title')}
      description={t('modules.administration.description')}
    />
  );
}
