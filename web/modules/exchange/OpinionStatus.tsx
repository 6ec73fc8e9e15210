import { useTranslation } from 'react-i18next';
import { CLOCK_STATUSES, OPINION_OUTCOMES, OPINION_STATES } from '../../../src/modules/exchange/contract.ts';
import { formatDate } from '../../ui/dates.ts';

type ClockStatus = keyof typeof CLOCK_STATUSES;
export type Clock = { status: ClockStatus; dueOn: string; daysLeft: number | null };

const COLOURS: Record<ClockStatus, string> = {
  ON_TIME: 'bg-success',
  DUE_SOON: 'bg-warning',
  OVERDUE: 'bg-danger',
  PAUSED: 'bg-secondary',
  CLOSED: 'bg-dark',
};

/** Where an opinion stands against its response term: the words say it, the colour only repeats them. */
export function ClockBadge({ status }: { status: ClockStatus }) {
  return <span className={`badge ${COLOURS[status]}`}>{CLOCK_STATUSES[status]}</span>;
}

/** The due date, the days left (or late) while the term runs, and the clock's status. */
export function OpinionClock({ clock }: { clock: Clock }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="d-block text-nowrap">{formatDate(clock.dueOn)}</span>
      {clock.daysLeft !== null && (
        <span className="d-block text-nowrap">
          {clock.daysLeft >= 0
            ? t('exchange.clock.daysLeft', { count: clock.daysLeft })
            : t('exchange.clock.daysLate', { count: -clock.daysLeft })}
        </span>
      )}
      <ClockBadge status={clock.status} />
    </>
  );
}

type StateProps = { state: keyof typeof OPINION_STATES; outcome: keyof typeof OPINION_OUTCOMES | null };

/** Where the opinion stands, and the answer in force once given (silence says it in the state already). */
export function OpinionState({ state, outcome }: StateProps) {
  return (
    <>
      <span className="d-block">{OPINION_STATES[state]}</span>
      {outcome && outcome !== 'SILENT_CONSENT' && (
        <span className="d-block">{OPINION_OUTCOMES[outcome]}</span>
      )}
    </>
  );
}
