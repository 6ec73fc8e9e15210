import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatEuro } from '../../../../src/modules/project/finance/contract.ts';
import type { AssignmentList } from '../../../../src/modules/project/time/contract.ts';
import { STAFF_KINDS } from '../../../../src/modules/project/time/contract.ts';
import { api } from '../../../app/api.ts';
import { formatDate } from '../../../ui/dates.ts';
import { LoadError, Loading } from '../../../ui/Loading.tsx';
import { TableScroll } from '../../../ui/TableScroll.tsx';

const hoursFormat = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });

/**
 * The contracts of the project's external assignments, for the legal expert who checks each assignment, its
 * timesheets and its invoices against them: period, hours or deliverables, fee. Employees' costs are not here.
 */
export function AssignmentContracts({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['project', 'assignments', projectId],
    queryFn: () => api.get<AssignmentList>(`/api/project/projects/${projectId}/assignments`),
  });
  return (
    <section className="mt-5 border-top pt-4" aria-labelledby="contratti-incarichi">
      <h2 id="contratti-incarichi" className="h4">
        {t('projectProcurement.assignments.heading')}
      </h2>
      <p>{t('projectProcurement.assignments.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.assignments.length === 0 ? (
        <p>{t('projectProcurement.assignments.empty')}</p>
      ) : (
        <TableScroll label={t('projectProcurement.assignments.tableLabel')}>
          <table className="table table-sm">
            <caption className="visually-hidden">{t('projectProcurement.assignments.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projectProcurement.assignments.person')}</th>
                <th scope="col">{t('projectProcurement.assignments.contract')}</th>
                <th scope="col">{t('projectProcurement.assignments.hours')}</th>
                <th scope="col">{t('projectProcurement.assignments.fee')}</th>
                <th scope="col">{t('projectProcurement.assignments.counted')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    {a.personName}
                    <div className="small text-secondary">
                      {STAFF_KINDS[a.kind]} · {a.organisation}
                    </div>
                  </th>
                  <td>
                    {a.contractReference}
                    <div className="small">
                      {t('projectProcurement.assignments.period', {
                        from: formatDate(a.contractStartsOn),
                        to: formatDate(a.contractEndsOn),
                      })}
                    </div>
                  </td>
                  <td>
                    {a.monthlyHoursCap !== null && (
                      <div>
                        {t('projectProcurement.assignments.monthly', {
                          hours: hoursFormat.format(a.monthlyHoursCap),
                        })}
                      </div>
                    )}
                    {a.totalHoursCap !== null && (
                      <div>
                        {t('projectProcurement.assignments.total', {
                          hours: hoursFormat.format(a.totalHoursCap),
                        })}
                      </div>
                    )}
                    {a.monthlyHoursCap === null &&
                      a.totalHoursCap === null &&
                      t('projectProcurement.assignments.noHours')}
                  </td>
                  <td>
                    {a.feeCents === null ? t('projectProcurement.assignments.noFee') : formatEuro(a.feeCents)}
                    {a.deliverables && <div className="small">{a.deliverables}</div>}
                  </td>
                  <td>
                    {t('projectProcurement.assignments.hoursCounted', {
                      hours: hoursFormat.format(a.hoursCounted),
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
