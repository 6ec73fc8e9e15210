import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProcessingRegister } from '../../../src/modules/privacy/processing/contract.ts';
import { api } from '../../app/api.ts';
import { useSignedInSession } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from '../identity/administration.ts';

type Activity = ProcessingRegister['activities'][number];

function ActivitySection({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const listed = (items: readonly string[]) =>
    items.length ? items.join('; ') : t('privacyPages.register.none');
  return (
    <section className="mb-5">
      <h2 className="h4">{activity.name}</h2>
      <dl className="row">
        <dt className="col-sm-3">{t('privacyPages.register.purpose')}</dt>
        <dd className="col-sm-9">{activity.purpose}</dd>
        <dt className="col-sm-3">{t('privacyPages.register.legalBasis')}</dt>
        <dd className="col-sm-9">{activity.legalBasis}</dd>
        <dt className="col-sm-3">{t('privacyPages.register.dataSubjects')}</dt>
        <dd className="col-sm-9">{listed(activity.dataSubjects)}</dd>
        <dt className="col-sm-3">{t('privacyPages.register.dataCategories')}</dt>
        <dd className="col-sm-9">{listed(activity.dataCategories)}</dd>
        <dt className="col-sm-3">{t('privacyPages.register.recipients')}</dt>
        <dd className="col-sm-9">{listed(activity.recipients)}</dd>
        <dt className="col-sm-3">{t('privacyPages.register.retention')}</dt>
        <dd className="col-sm-9">
          {activity.retention.length ? (
            <ul className="mb-0">
              {activity.retention.map((retention) => (
                <li key={retention.key}>
                  {retention.isScheduled
                    ? retention.description
                    : t('privacyPages.register.defaultRetention', { description: retention.description })}
                </li>
              ))}
            </ul>
          ) : (
            t('privacyPages.register.noRetention')
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The register of processing activities (GDPR art. 30) as LOVIT generates it, with its PDF. */
export function ProcessingRegisterPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const register = useQuery({
    queryKey: ['privacy', 'register'],
    queryFn: () => api.get<ProcessingRegister>('/api/privacy/register'),
  });

  return (
    <Page
      title={t('privacyPages.register.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <p>{t('privacyPages.register.intro')}</p>
      <p>
        <a className="btn btn-outline-primary" href="/api/privacy/register.pdf" download>
          {t('privacyPages.register.pdf')}
        </a>
      </p>
      {register.isPending ? (
        <Loading />
      ) : register.error ? (
        <LoadError error={register.error} />
      ) : (
        <>
          <section className="mb-5">
            <h2 className="h4">{t('privacyPages.register.controllerHeading')}</h2>
            <dl className="row">
              <dt className="col-sm-3">{t('privacyPages.register.controller')}</dt>
              <dd className="col-sm-9">{register.data.controller.name}</dd>
              {register.data.controller.address && (
                <>
                  <dt className="col-sm-3">{t('privacyPages.register.address')}</dt>
                  <dd className="col-sm-9">{register.data.controller.address}</dd>
                </>
              )}
              {register.data.controller.email && (
                <>
                  <dt className="col-sm-3">{t('privacyPages.register.email')}</dt>
                  <dd className="col-sm-9">{register.data.controller.email}</dd>
                </>
              )}
              <dt className="col-sm-3">{t('privacyPages.register.dataProtectionOfficer')}</dt>
              <dd className="col-sm-9">{register.data.controller.dataProtectionOfficer}</dd>
              <dt className="col-sm-3">{t('privacyPages.register.updatedOn')}</dt>
              <dd className="col-sm-9">{register.data.generatedOn}</dd>
            </dl>
          </section>
          {register.data.activities.length ? (
            register.data.activities.map((activity) => (
              <ActivitySection key={`${activity.module}:${activity.name}`} activity={activity} />
            ))
          ) : (
            <p>{t('privacyPages.register.empty')}</p>
          )}
        </>
      )}
    </Page>
  );
}
