import { useTranslation } from 'react-i18next';

/** Tells the user that the values in the form are the ones they had typed before the session ended. */
export function DraftRestored({ isRestored }: { isRestored: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="status">{isRestored && <div className="alert alert-info">{t('drafts.restored')}</div>}</div>
  );
}
