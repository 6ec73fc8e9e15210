import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function OpinionsPage() {
  const { t } = useTranslation();
  return (
    <ModulePlaceholder title={t('modules.opinions.title')} description={t('modules.opinions.description')} />
  );
}
