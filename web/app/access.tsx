import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { Permission } from '../../src/modules/identity/contract.ts';
import { LoadError } from '../ui/Loading.tsx';
import { Page } from '../ui/Page.tsx';
import { hasAnyPermission, loginPathFor, useSession } from './session.ts';

/** The pages behind sign-in: without a session, the user is sent to sign in and brought back here. */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: session, isPending, error } = useSession();
  if (isPending) {
    return (
      <div className="container lovit-container py-5">
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  }
  if (error) {
    return (
      <Page title={t('errors.unavailableTitle')}>
        <LoadError error={error} />
      </Page>
    );
  }
  if (!session) return <Navigate to={loginPathFor(location)} replace />;
  return <Outlet />;
}

/** A page for the holders of any of the given permissions; others are told so, not shown the page. */
export function RequirePermission({
  anyOf,
  children,
}: {
  anyOf: readonly Permission[];
  children: ReactNode;
}) {
  const { data: session } = useSession();
  if (!hasAnyPermission(session, anyOf)) return <ForbiddenPage />;
  return children;
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('forbidden.title')}>
      <p className="lead">{t('forbidden.description')}</p>
      <Link className="btn btn-primary" to="/">
        {t('notFound.home')}
      </Link>
    </Page>
  );
}
