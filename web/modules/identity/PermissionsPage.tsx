import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { administrationTrail } from './administration.ts';
import { keys, permissions } from './requests.ts';

/** Which role may do what: permissions as rows, roles as columns. Read-only: the matrix is in the code. */
export function PermissionsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const matrix = useQuery({ queryKey: keys.permissions, queryFn: permissions.matrix, staleTime: Infinity });

  return (
    <Page
      title={t('administration.permissions.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <p>{t('permissions.intro')}</p>
      {matrix.isPending ? (
        <Loading />
      ) : matrix.error ? (
        <LoadError error={matrix.error} />
      ) : (
        <TableScroll label={t('permissions.caption')} className="lovit-matrix">
          <table className="table table-bordered table-sm">
            <caption>{t('permissions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('permissions.permission')}</th>
                {matrix.data.roles.map(({ role, label }) => (
                  <th scope="col" key={role} className="lovit-matrix-role">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.data.permissions.map((entry) => (
                <tr key={entry.permission}>
                  <th scope="row" className="fw-normal">
                    {entry.label}
                  </th>
                  {matrix.data.roles.map(({ role }) =>
                    entry.roles.includes(role) ? (
                      <td key={role} className="text-center">
                        <span aria-hidden="true">✓</span>
                        <span className="visually-hidden">{t('permissions.granted')}</span>
                      </td>
                    ) : (
                      <td key={role} className="text-center">
                        <span className="visually-hidden">{t('permissions.notGranted')}</span>
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}
