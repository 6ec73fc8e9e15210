import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { THEMES } from '../../../src/modules/council/contract.ts';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { council, keys, type TableSummary } from './requests.ts';
import { TableForm } from './TableForm.tsx';

/** The council's home: the plenary and the thematic tables the user sits at (all of them for the secretariat). */
export function CouncilPage() {
  const { t } = useTranslation();
  const manages = usePermission('council.manage');
  const facilitates = usePermission('council.tables.facilitate');
  const [notice, setNotice] = useState<string | null>(null);
  const tables = useQuery({ queryKey: keys.tables, queryFn: council.tables });
  const year = new Date().getFullYear();
  return (
    <Page title={t('modules.council.title')}>
      <Notice message={notice} />
      <p className="lead">{t('council.intro')}</p>
      <ul className="list-inline">
        <li className="list-inline-item">
          <Link to="/cti/azioni">{t('council.actions.title')}</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/cti/iniziative">{t('council.initiatives.title')}</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/cti/mappa">{t('council.links.map')}</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/cti/servizi">{t('council.links.services')}</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/cti/questionari">{t('council.links.questionnaires')}</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/cti/concertazione">{t('councilConsultant.links.concertation')}</Link>
        </li>
        {facilitates && (
          <li className="list-inline-item">
            <Link to="/cti/consulenza">{t('councilConsultant.links.desk')}</Link>
          </li>
        )}
        {manages && (
          <li className="list-inline-item">
            <Link to="/cti/proposte">{t('councilConsultant.links.proposals')}</Link>
          </li>
        )}
        {manages && (
          <li className="list-inline-item">
            <a href={`/api/council/report/${year}`}>{t('council.links.report', { year })}</a>
          </li>
        )}
      </ul>
      <h2 className="h4 mt-4">{t('council.tables.title')}</h2>
      {tables.isPending ? (
        <Loading />
      ) : tables.error ? (
        <LoadError error={tables.error} />
      ) : tables.data.length === 0 ? (
        <p className="alert alert-info">
          {t(manages ? 'council.tables.emptyManager' : 'council.tables.empty')}
        </p>
      ) : (
        <TablesList items={tables.data} />
      )}
      {manages && <TableForm onCreated={setNotice} />}
    </Page>
  );
}

function TablesList({ items }: { items: TableSummary[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('council.tables.title')}>
      <table className="table">
        <caption className="visually-hidden">{t('council.tables.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('council.tables.name')}</th>
            <th scope="col">{t('council.tables.theme')}</th>
            <th scope="col">{t('council.tables.coordinator')}</th>
            <th scope="col">{t('council.tables.period')}</th>
            <th scope="col">{t('council.tables.members')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((table) => (
            <tr key={table.id}>
              <th scope="row">
                <Link to={`/cti/tavoli/${table.id}`}>{table.name}</Link>
              </th>
              <td>{THEMES[table.theme]}</td>
              <td>{table.coordinatorName}</td>
              <td className="text-nowrap">
                {formatDate(table.startsOn)}
                {table.endsOn ? ` – ${formatDate(table.endsOn)}` : ''}
              </td>
              <td>{table.memberCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
