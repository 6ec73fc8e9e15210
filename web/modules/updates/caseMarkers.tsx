import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { keys, updates } from './requests.ts';

/**
 * The case types with a published update the user has not read yet: the worklist marks their rows. Empty for
 * those who do not read legal updates (a mediator).
 */
export function useUnreadCaseTypes(): ReadonlySet<string> {
  const reads = usePermission('updates.read');
  const unread = useQuery({
    queryKey: keys.unreadCaseTypes,
    queryFn: updates.unreadCaseTypes,
    enabled: reads,
    staleTime: 60_000,
  });
  return new Set(unread.data ?? []);
}

/** The worklist's marker on a row whose case type has an update still to read. */
export function UnreadUpdateMarker() {
  const { t } = useTranslation();
  return (
    <span className="badge bg-warning text-dark ms-2" title={t('updates.marker.title')}>
      {t('updates.marker.label')}
    </span>
  );
}

/** On the page of an open case, one notice for each published update that concerns its type. */
export function CaseUpdateNotices({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const reads = usePermission('updates.read');
  const notices = useQuery({
    queryKey: keys.forCase(caseId),
    queryFn: () => updates.forCase(caseId),
    enabled: reads,
  });
  if (!notices.data || notices.data.length === 0) return null;
  return (
    <section aria-label={t('updates.notice.label')} className="mb-4">
      {notices.data.map((notice) => (
        <div key={notice.id} className="alert alert-warning py-2 mb-2">
          {t('updates.notice.text', { date: formatDate(notice.issuedOn) })}{' '}
          <Link to={`/novita-normative/${notice.id}`}>
            {t('updates.notice.read')}
            <span className="visually-hidden">: {notice.title}</span>
          </Link>
          {notice.readAt && <span className="ms-2">({t('updates.notice.alreadyRead')})</span>}
        </div>
      ))}
    </section>
  );
}
