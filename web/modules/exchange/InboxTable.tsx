import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { formatDate } from '../../ui/dates.ts';
import { type More, useLoadMore } from '../../ui/KeysetList.tsx';
import { toggled } from '../../ui/selection.ts';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { OpinionClock, OpinionState } from './OpinionStatus.tsx';
import type { OpinionSummary } from './requests.ts';

type InboxTableProps = {
  items: OpinionSummary[];
  /** The opinions chosen for a favourable answer; null when the user does not answer. */
  selected: ReadonlySet<string> | null;
  onSelect: (selected: ReadonlySet<string>) => void;
  more: More;
};

/** Only an opinion waiting for its answer can be answered favourably with others. */
export const isSelectable = (item: OpinionSummary) => item.state === 'PENDING';

export function InboxTable({ items, selected, onSelect, more }: InboxTableProps) {
  const { t } = useTranslation();
  const { bodyRef, button } = useLoadMore(items.length, more, t('exchange.inbox.more'));
  const selectable = items.filter(isSelectable);
  const isAllSelected =
    selected !== null && selectable.length > 0 && selectable.every((item) => selected.has(item.id));

  return (
    <>
      <TableScroll label={t('exchange.inbox.caption')}>
        <table className="table">
          <caption className="visually-hidden">{t('exchange.inbox.caption')}</caption>
          <thead>
            <tr>
              {selected && (
                <th scope="col">
                  {selectable.length > 0 && (
                    <Checkbox
                      label={t('exchange.inbox.selectAll')}
                      checked={isAllSelected}
                      onChange={() =>
                        onSelect(isAllSelected ? new Set() : new Set(selectable.map((item) => item.id)))
                      }
                    />
                  )}
                </th>
              )}
              <th scope="col">{t('exchange.inbox.case')}</th>
              <th scope="col">{t('exchange.inbox.title')}</th>
              <th scope="col">{t('exchange.inbox.caseType')}</th>
              {!selected && <th scope="col">{t('exchange.inbox.body')}</th>}
              <th scope="col">{t('exchange.inbox.requestedOn')}</th>
              <th scope="col">{t('exchange.inbox.dueOn')}</th>
              <th scope="col">{t('exchange.inbox.state')}</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {items.map((item) => (
              <tr key={item.id}>
                {selected && (
                  <td>
                    {isSelectable(item) && (
                      <Checkbox
                        label={t('exchange.inbox.select', { number: item.caseNumber })}
                        checked={selected.has(item.id)}
                        onChange={() => onSelect(toggled(selected, item.id))}
                      />
                    )}
                  </td>
                )}
                <th scope="row" className="fw-normal text-nowrap">
                  <Link to={`/pareri/${item.id}`}>{item.caseNumber}</Link>
                  <span className="d-block small">{item.label}</span>
                </th>
                <td>{item.title}</td>
                <td>{item.caseTypeName}</td>
                {!selected && <td>{item.bodyName}</td>}
                <td className="text-nowrap">{formatDate(item.requestedOn)}</td>
                <td>
                  <OpinionClock clock={item.clock} />
                </td>
                <td>
                  <OpinionState state={item.state} outcome={item.outcome} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {button}
    </>
  );
}
