import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function ProjectPage() {
  const { t } = useTranslation();
  return (
    <ModulePlaceholder title={t('modules.project.title')} description={t('modules.project.description')} />
  );
}
