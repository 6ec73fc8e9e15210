import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

type PageProps = {
  title: string;
  children: ReactNode;
};

/** The frame of every page: its one h1 and the document title that goes with it. */
export function Page({ title, children }: PageProps) {
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  return (
    <div className="container lovit-container py-5">
      <h1 className="mb-4" tabIndex={-1} data-page-heading>
        {title}
      </h1>
      {children}
    </div>
  );
}
