import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';
import { Page } from './Page.tsx';

type ModulePlaceholderProps = {
  title: string;
  description: string;
};

/** The page of a module whose screens are not there yet: what it is for, and that it is coming. */
export function ModulePlaceholder({ title, description }: ModulePlaceholderProps) {
  const { t } = useTranslation();
  return (
    <Page title={title}>
      <p className="lead">{description}</p>
      <div className="callout note">
        <div className="callout-inner">
          <div className="callout-title">
            <Icon name="it-info-circle" />
            <span className="text">{t('modules.comingSoon.title')}</span>
          </div>
          <p>{t('modules.comingSoon.text')}</p>
        </div>
      </div>
    </Page>
  );
}
