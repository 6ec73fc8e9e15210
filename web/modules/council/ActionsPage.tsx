import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { ActionsList } from './ActionsList.tsx';
import { council, keys } from './requests.ts';

/** The actions of the tables the user sits at, the earliest due first; the overdue ones on request. */
export function ActionsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const overdue = params.get('scadute') === 'si';
  const page = pageFrom(params);
  const actions = useQuery({
    queryKey: keys.actions(overdue, page),
    queryFn: () => council.actions(overdue, page),
    placeholderData: keepPreviousData,
  });
  return (
    <Page title={t('council.actions.title')} trail={[{ label: t('modules.council.title'), to: '/cti' }]}>
      <p>{t('council.actions.intro')}</p>
      <div className="form-check mb-3">
        <input
          id={id}
          type="checkbox"
          checked={overdue}
          onChange={(event) => setParams(event.target.checked ? { scadute: 'si' } : {})}
        />
        <label htmlFor={id}>{t('council.actions.onlyOverdue')}</label>
      </div>
      <PagedList
        list={actions}
        count={(count) => t('council.actions.count', { count })}
        empty={t(overdue ? 'council.actions.noneOverdue' : 'council.actions.none')}
      >
        {(items) => <ActionsList items={items} />}
      </PagedList>
    </Page>
  );
}
