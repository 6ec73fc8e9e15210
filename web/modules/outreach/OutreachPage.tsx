import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { CoverageSection } from './CoverageSection.tsx';
import { NewsSection } from './NewsSection.tsx';
import { PublicationsSection } from './PublicationsSection.tsx';
import { type EventSummary, keys, outreach } from './requests.ts';
import { momentOf } from './words.ts';

/**
 * Communication: the events with their registrations, the portal's news for those who write and review it, the
 * publications with their print run, the press coverage log and the way to the press office, and the portal's
 * sheets and glossary for their writers.
 */
export function OutreachPage() {
  const { t } = useTranslation();
  const editsSheets = usePermission('portal.sheets.edit');
  const manages = usePermission('outreach.events.manage');
  const writesNews = usePermission('outreach.articles.manage');
  const readsNews = usePermission('outreach.articles.review');
  const managesPublications = usePermission('outreach.publications.manage');
  const keepsPressLog = usePermission('outreach.press.manage');
  // the mediators, whose interpreting at events the staff assign
  const interprets = usePermission('cases.mediators.profile');
  return (
    <Page title={t('modules.outreach.title')}>
      <p className="lead">{t('outreach.events.intro')}</p>
      {(editsSheets || manages || writesNews || managesPublications || keepsPressLog || interprets) && (
        <ul className="list-inline">
          {manages && (
            <li className="list-inline-item">
              <Link className="btn btn-primary" to="/comunicazione/eventi/nuovo">
                {t('outreach.events.new')}
              </Link>
            </li>
          )}
          {writesNews && (
            <li className="list-inline-item">
              <Link className="btn btn-primary" to="/comunicazione/notizie/nuova">
                {t('outreach.news.new')}
              </Link>
            </li>
          )}
          {managesPublications && (
            <li className="list-inline-item">
              <Link className="btn btn-primary" to="/comunicazione/pubblicazioni/nuova">
                {t('outreach.publications.new')}
              </Link>
            </li>
          )}
          {keepsPressLog && (
            <li className="list-inline-item">
              <Link to="/comunicazione/ufficio-stampa">{t('outreach.pressOffice.title')}</Link>
            </li>
          )}
          {interprets && (
            <li className="list-inline-item">
              <Link to="/comunicazione/interpretariato">{t('outreach.interpreters.mine.title')}</Link>
            </li>
          )}
          {editsSheets && (
            <>
              <li className="list-inline-item">
                <Link to="/comunicazione/schede">{t('portal.sheets.title')}</Link>
              </li>
              <li className="list-inline-item">
                <Link to="/comunicazione/glossario">{t('portal.glossary.title')}</Link>
              </li>
            </>
          )}
        </ul>
      )}
      <Events manages={manages} />
      {readsNews && <NewsSection manages={writesNews} />}
      <PublicationsSection manages={managesPublications} />
      <CoverageSection manages={keepsPressLog} />
    </Page>
  );
}

function Events({ manages }: { manages: boolean }) {
  const { t } = useTranslation();
  const events = useQuery({ queryKey: keys.events, queryFn: outreach.events });
  return (
    <section aria-labelledby="eventi" className="mt-4">
      <h2 id="eventi" className="h4">
        {t('outreach.events.title')}
      </h2>
      {events.isPending ? (
        <Loading />
      ) : events.error ? (
        <LoadError error={events.error} />
      ) : events.data.length === 0 ? (
        <p className="alert alert-info">
          {t(manages ? 'outreach.events.emptyManager' : 'outreach.events.empty')}
        </p>
      ) : (
        <EventsTable items={events.data} />
      )}
    </section>
  );
}

function EventsTable({ items }: { items: EventSummary[] }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('outreach.events.title')}>
      <table className="table">
        <caption className="visually-hidden">{t('outreach.events.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outreach.events.name')}</th>
            <th scope="col">{t('outreach.events.kind')}</th>
            <th scope="col">{t('outreach.events.firstDate')}</th>
            <th scope="col">{t('outreach.events.portal')}</th>
            <th scope="col">{t('outreach.events.confirmed')}</th>
            <th scope="col">{t('outreach.events.waiting')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event) => (
            <tr key={event.id}>
              <th scope="row">
                <Link to={`/comunicazione/eventi/${event.id}`}>{event.title}</Link>
              </th>
              <td>{t(`outreach.events.kinds.${event.kind}`)}</td>
              <td>{event.firstSessionAt ? momentOf(event.firstSessionAt) : t('outreach.events.noDate')}</td>
              <td>{t(event.isPublished ? 'outreach.events.published' : 'outreach.events.inPreparation')}</td>
              <td>{event.confirmed}</td>
              <td>{event.waiting}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
