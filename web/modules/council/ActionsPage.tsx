import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { ActionsList } from './ActionsList.tsx';
import { council, keys } from './requests.ts';

/** The actions of the tables the user sits at, the earliest due first; the overdue ones on request. */
export function ActionsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [overdue, setOverdue] = useState(false);
  const actions = useQuery({ queryKey: keys.actions(overdue), queryFn: () => council.actions(overdue) });
  return (
    <Page title={t('council.actions.title')} trail={[{ label: t('modules.council.title'), to: '/cti' }]}>
      <p>{t('council.actions.intro')}</p>
      <div className="form-check mb-3">
        <input
          id={id}
          type="checkbox"
          checked={overdue}
          onChange={(event) => setOverdue(event.target.checked)}
        />
        <label htmlFor={id}>{t('council.actions.onlyOverdue')}</label>
      </div>
      {actions.isPending ? (
        <Loading />
      ) : actions.error ? (
        <LoadError error={actions.error} />
      ) : (
        <ActionsList
          items={actions.data}
          empty={t(overdue ? 'council.actions.noneOverdue' : 'council.actions.none')}
        />
      )}
    </Page>
  );
}
