import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { appointments, keys } from './requests.ts';
import './team.css';

/**
 * The convocation letter as it goes out in each language it is translated into: the Italian text, which counts,
 * then the translation, on a made-up appointment; what the office fills in is in guillemets.
 */
export function ConvocationsPage() {
  const { t } = useTranslation();
  const samples = useQuery({
    queryKey: keys.convocations,
    queryFn: appointments.convocationSamples,
    staleTime: 300_000,
  });
  return (
    <Page
      title={t('cases.convocations.title')}
      trail={[{ label: t('modules.cases.title'), to: '/pratiche' }]}
    >
      <p>{t('cases.convocations.intro')}</p>
      {samples.isPending ? (
        <Loading />
      ) : samples.error ? (
        <LoadError error={samples.error} />
      ) : (
        samples.data.map((sample) => (
          <section key={sample.language} aria-labelledby={`convocazione-${sample.language}`} className="mb-5">
            <h2 id={`convocazione-${sample.language}`} className="h4" lang={sample.language}>
              {sample.name}
            </h2>
            <p>
              <span className="fw-semibold">{t('cases.convocations.subject')}</span>{' '}
              <span dir="auto">{sample.subject}</span>
            </p>
            <pre className="lovit-letter" dir="auto">
              {sample.text}
            </pre>
          </section>
        ))
      )}
    </Page>
  );
}
