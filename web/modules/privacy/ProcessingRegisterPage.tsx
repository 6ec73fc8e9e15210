import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ProcessingRegister } from '../../../src/modules/privacy/processing/contract.ts';
import { api } from '../../app/api.ts';
import { useSignedInSession } from '../../app/session.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from '../identity/administration.ts';

type Activity = ProcessingRegister['activities'][number];

const listed = (items: readonly string[]) => (items.length ? items.join('; ') : 'nessuno');

function ActivitySection({ activity }: { activity: Activity }) {
  return (
    <section className="mb-5">
      <h2 className="h4">{activity.name}</h2>
      <dl className="row">
        <dt className="col-sm-3">Finalità</dt>
        <dd className="col-sm-9">{activity.purpose}</dd>
        <dt className="col-sm-3">Base giuridica</dt>
        <dd className="col-sm-9">{activity.legalBasis}</dd>
        <dt className="col-sm-3">Interessati</dt>
        <dd className="col-sm-9">{listed(activity.dataSubjects)}</dd>
        <dt className="col-sm-3">Categorie di dati</dt>
        <dd className="col-sm-9">{listed(activity.dataCategories)}</dd>
        <dt className="col-sm-3">Destinatari</dt>
        <dd className="col-sm-9">{listed(activity.recipients)}</dd>
        <dt className="col-sm-3">Conservazione</dt>
        <dd className="col-sm-9">
          {activity.retention.length ? (
            <ul className="mb-0">
              {activity.retention.map((retention) => (
                <li key={retention.key}>
                  {retention.description}
                  {!retention.isScheduled && ' – valore predefinito'}
                </li>
              ))}
            </ul>
          ) : (
            'non indicata'
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
      title="Registro delle attività di trattamento"
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <p>
        Il registro previsto dall’art. 30 del Regolamento (UE) 2016/679, generato dai dati di LOVIT: le
        attività dichiarate da ogni modulo e i tempi di conservazione come impostati oggi.
      </p>
      <p>
        <a className="btn btn-outline-primary" href="/api/privacy/register.pdf" download>
          Scarica PDF
        </a>
      </p>
      {register.isPending ? (
        <Loading />
      ) : register.error ? (
        <LoadError error={register.error} />
      ) : (
        <>
          <section className="mb-5">
            <h2 className="h4">Titolare del trattamento</h2>
            <dl className="row">
              <dt className="col-sm-3">Titolare</dt>
              <dd className="col-sm-9">{register.data.controller.name}</dd>
              {register.data.controller.address && (
                <>
                  <dt className="col-sm-3">Indirizzo</dt>
                  <dd className="col-sm-9">{register.data.controller.address}</dd>
                </>
              )}
              {register.data.controller.email && (
                <>
                  <dt className="col-sm-3">Posta elettronica</dt>
                  <dd className="col-sm-9">{register.data.controller.email}</dd>
                </>
              )}
              <dt className="col-sm-3">Responsabile della protezione dei dati</dt>
              <dd className="col-sm-9">{register.data.controller.dataProtectionOfficer}</dd>
              <dt className="col-sm-3">Aggiornato al</dt>
              <dd className="col-sm-9">{register.data.generatedOn}</dd>
            </dl>
          </section>
          {register.data.activities.length ? (
            register.data.activities.map((activity) => (
              <ActivitySection key={`${activity.module}:${activity.name}`} activity={activity} />
            ))
          ) : (
            <p>Nessuna attività di trattamento è dichiarata dai moduli in uso.</p>
          )}
        </>
      )}
    </Page>
  );
}
