import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sentence } from '../../ui/fields.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { type Interpreting, interpreterKeys, interpreters } from './interpreters.ts';
import { languageName, whenOf } from './words.ts';

/**
 * The mediator's coming sessions at the events: when and where, the language, how many asked for it and what
 * the staff noted. Nobody's name: the mediator needs the count to prepare, not the people (decision 070).
 */
export function MyInterpretingPage() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: interpreterKeys.mine, queryFn: interpreters.mine });
  return (
    <Page
      title={t('outreach.interpreters.mine.title')}
      trail={[{ label: t('modules.outreach.title'), to: '/comunicazione' }]}
    >
      <p className="lead">{t('outreach.interpreters.mine.intro')}</p>
      {mine.isPending ? (
        <Loading />
      ) : mine.error ? (
        <LoadError error={mine.error} />
      ) : mine.data.length === 0 ? (
        <p className="alert alert-info">{t('outreach.interpreters.mine.empty')}</p>
      ) : (
        mine.data.map((row) => <Assignment key={row.id} row={row} />)
      )}
    </Page>
  );
}

function Assignment({ row }: { row: Interpreting }) {
  const { t } = useTranslation();
  const headingId = `incarico-${row.id}`;
  return (
    <section aria-labelledby={headingId} className="card card-bg mb-4">
      <div className="card-body">
        <h2 id={headingId} className="h5 card-title">
          {row.eventTitle} – {row.sessionLabel}
        </h2>
        <dl className="row mb-0">
          <dt className="col-sm-4">{t('outreach.interpreters.mine.when')}</dt>
          <dd className="col-sm-8">{whenOf(row)}</dd>
          <dt className="col-sm-4">{t('outreach.interpreters.mine.where')}</dt>
          <dd className="col-sm-8">
            {row.venue}, {row.address}
          </dd>
          <dt className="col-sm-4">{t('outreach.interpreters.mine.language')}</dt>
          <dd className="col-sm-8">
            {sentence(languageName(row.language))}:{' '}
            {t('outreach.interpreters.mine.people', { count: row.people })}
          </dd>
          <dt className="col-sm-4">{t('outreach.interpreters.mine.accessibility')}</dt>
          <dd className="col-sm-8 lovit-prose">{row.accessibility}</dd>
          {row.note && (
            <>
              <dt className="col-sm-4">{t('outreach.interpreters.mine.note')}</dt>
              <dd className="col-sm-8 lovit-prose">{row.note}</dd>
            </>
          )}
        </dl>
      </div>
    </section>
  );
}
