import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { type CaseTypeDefinition, caseTypes, keys } from './requests.ts';
import { latestTypes } from './vocabulary.ts';

/** The case types as data: each with its versions, the rules in force from each date. */
export function CaseTypesPage() {
  const { t } = useTranslation();
  const types = useQuery({ queryKey: keys.types, queryFn: caseTypes.list, staleTime: 300_000 });
  return (
    <Page title={t('cases.types.title')} trail={[{ label: t('modules.cases.title'), to: '/pratiche' }]}>
      <p>{t('cases.types.intro')}</p>
      {types.isPending ? (
        <Loading />
      ) : types.error ? (
        <LoadError error={types.error} />
      ) : (
        <TableScroll label={t('cases.types.caption')}>
          <table className="table">
            <caption className="visually-hidden">{t('cases.types.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.types.name')}</th>
                <th scope="col">{t('cases.types.code')}</th>
                <th scope="col">{t('cases.types.legalReference')}</th>
                <th scope="col">{t('cases.types.versions')}</th>
              </tr>
            </thead>
            <tbody>
              {latestTypes(types.data).map((type) => (
                <tr key={type.code}>
                  <th scope="row" className="fw-normal">
                    <Link to={`/pratiche/tipi/${type.code}`}>{type.name}</Link>
                  </th>
                  <td>
                    <code>{type.code}</code>
                  </td>
                  <td>{type.legalReference}</td>
                  <td>
                    <ul className="list-unstyled mb-0">
                      {types.data
                        .filter(({ code }) => code === type.code)
                        .map(({ definition }) => (
                          <li key={definition.validFrom}>{versionSummary(definition, t)}</li>
                        ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}

export function versionSummary(definition: CaseTypeDefinition, t: TFunction): string {
  return t('cases.types.versionSummary', {
    from: formatDate(definition.validFrom),
    count: definition.term.termDays,
    silence: definition.term.silenceMeansConsent ? t('cases.types.silenceYes') : t('cases.types.silenceNo'),
  });
}
