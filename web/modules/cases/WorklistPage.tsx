import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { formatDate } from '../../ui/dates.ts';
import { KeysetResults, type More, useLoadMore } from '../../ui/KeysetList.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { toggled, useSelection } from '../../ui/selection.ts';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { UnreadUpdateMarker, useUnreadCaseTypes } from '../updates/caseMarkers.tsx';
import { BulkAssignment } from './BulkAssignment.tsx';
import { CasesNavigation } from './CasesNavigation.tsx';
import { DeadlineBadge } from './DeadlineBadge.tsx';
import { type CaseSummary, cases, caseTypes, keys, officeStaff, WORKLIST_PAGE_SIZE } from './requests.ts';
import { SavedViews } from './SavedViews.tsx';
import { languageName } from './vocabulary.ts';
import { filtersFrom, WorklistFiltersForm } from './WorklistFilters.tsx';

/** The worklist of the SUI: open cases by legal due date, filtered, a page after another, assigned in bulk. */
export function WorklistPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [params] = useSearchParams();
  const canAssign = usePermission('cases.assign');
  const canReadTypes = usePermission('cases.types.read');
  const canReadStaff = usePermission('identity.users.read');
  const [notice, setNotice] = useState<string | null>(
    (useLocation().state as { notice?: string } | null)?.notice ?? null,
  );
  const filters = filtersFrom(params);
  const types = useQuery({
    queryKey: keys.types,
    queryFn: caseTypes.list,
    enabled: canReadTypes,
    staleTime: 300_000,
  });
  const staff = useQuery({
    queryKey: keys.officeStaff(session.organisation.id),
    queryFn: () => officeStaff(session.organisation.id),
    enabled: canReadStaff,
    staleTime: 300_000,
  });
  const list = useInfiniteQuery({
    queryKey: keys.worklist(filters),
    queryFn: ({ pageParam, signal }) =>
      cases.worklist({ ...filters, after: pageParam, pageSize: WORKLIST_PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
  const [selected, setSelected] = useSelection(params.toString());

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const isReady = (!canReadTypes || !types.isPending) && (!canReadStaff || !staff.isPending);

  return (
    <Page title={t('modules.cases.title')}>
      <Notice message={notice} />
      <CasesNavigation />
      {isReady ? <WorklistFiltersForm types={types.data} staff={staff.data} /> : <Loading />}
      <SavedViews onChange={setNotice} />
      {canAssign && staff.data && (
        <BulkAssignment
          selected={[...selected]}
          staff={staff.data}
          onAssigned={(message) => {
            setSelected(new Set());
            setNotice(message);
          }}
        />
      )}
      <KeysetResults
        list={list}
        count={items.length}
        texts={{
          count: t('cases.worklist.count', { count: items.length }),
          countMore: t('cases.worklist.countMore', { count: items.length }),
          empty: t('cases.worklist.empty'),
        }}
        labels={filterLabels(t)}
      >
        {(more) => (
          <WorklistTable
            items={items}
            selected={canAssign ? selected : null}
            onSelect={setSelected}
            more={more}
          />
        )}
      </KeysetResults>
    </Page>
  );
}

function filterLabels(t: TFunction): Record<string, string> {
  return {
    q: t('cases.filters.q'),
    type: t('cases.filters.type'),
    state: t('cases.filters.state'),
    assignee: t('cases.filters.assignee'),
    deadline: t('cases.filters.deadline'),
    awaitingOpinions: t('cases.filters.opinions'),
    language: t('cases.filters.language'),
    closed: t('cases.filters.closed'),
    sort: t('cases.filters.sort'),
    after: t('cases.worklist.more'),
  };
}

type WorklistTableProps = {
  items: CaseSummary[];
  /** The cases chosen for assignment; null when the user does not assign. */
  selected: ReadonlySet<string> | null;
  onSelect: (selected: ReadonlySet<string>) => void;
  more: More;
};

function WorklistTable({ items, selected, onSelect, more }: WorklistTableProps) {
  const { t } = useTranslation();
  const isAllSelected = selected !== null && items.every((item) => selected.has(item.id));
  // decision 049: a mediator's rows carry no office due date or assignee, so their columns are not shown
  const canAct = usePermission('cases.act');
  const canAnswer = usePermission('cases.legal.answer');
  const readsWholeCases = canAct || canAnswer;
  const unreadTypes = useUnreadCaseTypes();

  const toggle = (id: string) => {
    if (selected) onSelect(toggled(selected, id));
  };

  const { bodyRef, button } = useLoadMore(items.length, more, t('cases.worklist.more'));

  return (
    <>
      <TableScroll label={t('cases.worklist.caption')} className="lovit-worklist">
        <table className="table lovit-cards">
          <caption className="visually-hidden">{t('cases.worklist.caption')}</caption>
          <thead>
            <tr>
              {selected && (
                <th scope="col">
                  <Checkbox
                    label={t('cases.worklist.selectAll')}
                    checked={isAllSelected}
                    onChange={() =>
                      onSelect(isAllSelected ? new Set() : new Set(items.map((item) => item.id)))
                    }
                  />
                </th>
              )}
              <th scope="col">{t('cases.worklist.number')}</th>
              <th scope="col">{t('cases.worklist.title')}</th>
              <th scope="col">{t('cases.worklist.type')}</th>
              <th scope="col">{t('cases.worklist.state')}</th>
              {readsWholeCases && <th scope="col">{t('cases.worklist.dueOn')}</th>}
              {readsWholeCases && <th scope="col">{t('cases.worklist.assignee')}</th>}
              <th scope="col">{t('cases.worklist.language')}</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {items.map((item) => (
              <tr key={item.id}>
                {selected && (
                  <td>
                    <Checkbox
                      label={t('cases.worklist.select', { number: item.number })}
                      checked={selected.has(item.id)}
                      onChange={() => toggle(item.id)}
                    />
                  </td>
                )}
                <th scope="row" className="fw-normal text-nowrap lovit-card-title">
                  <Link to={`/pratiche/${item.id}`}>{item.number}</Link>
                </th>
                <td data-label={t('cases.worklist.title')}>{item.title}</td>
                <td data-label={t('cases.worklist.type')}>
                  {item.typeName}
                  {unreadTypes.has(item.type) && <UnreadUpdateMarker />}
                </td>
                <td data-label={t('cases.worklist.state')}>{item.stateLabel}</td>
                {readsWholeCases && (
                  <td data-label={t('cases.worklist.dueOn')}>
                    {item.dueOn && <span className="text-nowrap me-2">{formatDate(item.dueOn)}</span>}
                    <DeadlineBadge status={item.deadlineStatus} />
                  </td>
                )}
                {readsWholeCases && (
                  <td data-label={t('cases.worklist.assignee')}>
                    {item.assignee?.name ?? t('cases.worklist.unassigned')}
                  </td>
                )}
                <td data-label={t('cases.worklist.language')}>
                  {languageName(item.language) || t('common.none')}
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
