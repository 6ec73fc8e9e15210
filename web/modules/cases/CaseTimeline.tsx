import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { TableScroll } from '../../ui/TableScroll.tsx';
import type { CaseDetail } from './requests.ts';

type CaseTimelineProps = {
  detail: CaseDetail;
  /** The Italian name of a state code, when the case type is known. */
  stateName: (code: string) => string;
};

/** Every step the case went through, oldest first: who, when, on which legal day, why; one card each on a phone. */
export function CaseTimeline({ detail, stateName }: CaseTimelineProps) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="pratica-cronologia" className="mb-5">
      <h2 id="pratica-cronologia" className="h4">
        {t('cases.timeline.heading')}
      </h2>
      <TableScroll label={t('cases.timeline.caption')}>
        <table className="table table-sm lovit-cards">
          <caption className="visually-hidden">{t('cases.timeline.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.timeline.at')}</th>
              <th scope="col">{t('cases.timeline.event')}</th>
              <th scope="col">{t('cases.timeline.states')}</th>
              <th scope="col">{t('cases.timeline.actor')}</th>
              <th scope="col">{t('cases.timeline.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.timeline.map((event) => (
              <tr key={event.id}>
                <td className="text-nowrap" data-label={t('cases.timeline.at')}>
                  {formatDateTime(event.at)}
                  {event.onDay !== legalDayOf(event.at) && (
                    <span className="d-block small">
                      {t('cases.timeline.onDay', { day: formatDate(event.onDay) })}
                    </span>
                  )}
                </td>
                <th scope="row" className="fw-normal lovit-card-title">
                  {event.label}
                </th>
                <td data-label={t('cases.timeline.states')}>
                  {event.toState
                    ? event.fromState
                      ? t('cases.timeline.transition', {
                          from: stateName(event.fromState),
                          to: stateName(event.toState),
                        })
                      : stateName(event.toState)
                    : ''}
                </td>
                <td className="text-break" data-label={t('cases.timeline.actor')}>
                  {event.actor}
                </td>
                <td data-label={t('cases.timeline.reason')}>{event.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

const romeDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });

/** The day an instant falls on in Rome (`2026-03-02`): the legal day, unless the event names another. */
function legalDayOf(iso: string): string {
  return romeDay.format(new Date(iso));
}
