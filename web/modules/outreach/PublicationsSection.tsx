import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { keys, type PublicationSummary, publications } from './requests.ts';
import { languagesText, numberOf } from './words.ts';

/** The brochures, leaflets, posters and reports, with their languages, their print run and their downloads. */
export function PublicationsSection({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: keys.publications, queryFn: publications.list });
  return (
    <section aria-labelledby="pubblicazioni" className="mt-5">
      <h2 id="pubblicazioni" className="h4">
        {t('outreach.publications.title')}
      </h2>
      <p>{t('outreach.publications.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">
          {t(manages ? 'outreach.publications.emptyManager' : 'outreach.publications.empty')}
        </p>
      ) : (
        <PublicationsTable items={list.data} />
      )}
    </section>
  );
}

function PublicationsTable({ items }: { items: PublicationSummary[] }) {
  const { t } = useTranslation();
  const title = t('outreach.publications.title');
  const labels = {
    kind: t('outreach.publications.kind'),
    status: t('outreach.publications.status'),
    languages: t('outreach.publications.languages'),
    printed: t('outreach.publications.copiesPrinted'),
    distributed: t('outreach.publications.copiesDistributed'),
    downloads: t('outreach.publications.downloads'),
  };
  return (
    <TableScroll label={title}>
      <table className="table lovit-cards">
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outreach.publications.titleField')}</th>
            <th scope="col">{labels.kind}</th>
            <th scope="col">{labels.status}</th>
            <th scope="col">{labels.languages}</th>
            <th scope="col">{labels.printed}</th>
            <th scope="col">{labels.distributed}</th>
            <th scope="col">{labels.downloads}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((publication) => (
            <tr key={publication.id}>
              <th scope="row" className="lovit-card-title">
                <Link to={`/comunicazione/pubblicazioni/${publication.id}`}>{publication.title}</Link>
              </th>
              <td data-label={labels.kind}>{t(`outreach.publications.kinds.${publication.kind}`)}</td>
              <td data-label={labels.status}>
                {t(
                  publication.isPublished
                    ? 'outreach.publications.published'
                    : 'outreach.publications.inPreparation',
                )}
              </td>
              <td data-label={labels.languages}>
                {publication.languages.length > 0
                  ? languagesText(publication.languages)
                  : t('outreach.publications.noFiles')}
              </td>
              <td data-label={labels.printed}>{numberOf(publication.copiesPrinted)}</td>
              <td data-label={labels.distributed}>{numberOf(publication.copiesDistributed)}</td>
              <td data-label={labels.downloads}>{numberOf(publication.downloads)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
