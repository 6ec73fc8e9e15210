import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function CouncilPage() {
  const { t } = useTranslation();
  return (
    <ModulePlaceholder title={t('modules.council.title')} description={t('modules.council.description')} />
  );
}
