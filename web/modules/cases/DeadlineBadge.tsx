import { useTranslation } from 'react-i18next';
import { DEADLINE_STATUSES } from '../../../src/modules/cases/contract.ts';

type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

const COLOURS: Record<DeadlineStatus, string> = {
  ON_TIME: 'bg-success',
  DUE_SOON: 'bg-warning',
  OVERDUE: 'bg-danger',
  SUSPENDED: 'bg-secondary',
  CLOSED: 'bg-dark',
};

function isDeadlineStatus(status: string): status is DeadlineStatus {
  return (DEADLINE_STATUSES as readonly string[]).includes(status);
}

/** Where a case stands against its legal term: the words say it, the colour only repeats them. */
export function DeadlineBadge({ status }: { status: string | null }) {
  const { t } = useTranslation();
  if (status === null || !isDeadlineStatus(status)) return null;
  return <span className={`badge ${COLOURS[status]}`}>{t(`cases.deadline.${status}`)}</span>;
}
