import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function TrainingPage() {
  const { t } = useTranslation();
  return (
    <ModulePlaceholder title={t('modules.training.title')} description={t('modules.training.description')} />
  );
}
