import { useTranslation } from 'react-i18next';
import { ModulePlaceholder } from '../../ui/ModulePlaceholder.tsx';

export function CasesPage() {
  const { t } = useTranslation();
  return <ModulePlaceholder title={t('modules.cases.title')} description={t('modules.cases.description')} />;
}
