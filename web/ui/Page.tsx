import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Breadcrumb, type Crumb } from './Breadcrumb.tsx';

type PageProps = {
  title: string;
  /** The pages above this one, shown as a breadcrumb above the heading. */
  trail?: readonly Crumb[];
  children: ReactNode;
};

/** The frame of every page: its one h1 and the document title that goes with it. */
export function Page({ title, trail, children }: PageProps) {
  const { t } = useTranslation();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  return (
    <div className="container lovit-container py-5">
      {trail && <Breadcrumb trail={trail} />}
      <h1 className="mb-4" tabIndex={-1} data-page-heading>
        {title}
      </h1>
      {children}
    </div>
  );
}
