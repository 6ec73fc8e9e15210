import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { QuestionFigures } from '../surveys/ResultsPage.tsx';
import { problemText } from './changes.ts';
import {
  type EventCertificate,
  FOLLOW_UP_AUDIENCES,
  type FollowUp,
  type FollowUpSurveyInput,
  followUp,
  followUpKeys,
} from './followUp.ts';
import { momentOf } from './words.ts';

/**
 * After the event: for each date, who came in and the attendance certificates (open them, revoke one), and the
 * anonymous follow-up questionnaire (send it, close it, read its results).
 */
export function FollowUpPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const data = useQuery({ queryKey: followUpKeys.event(eventId), queryFn: () => followUp.ofEvent(eventId) });
  return (
    <section className="mt-4" aria-labelledby="dopo-evento">
      <h2 id="dopo-evento" className="h4">
        {t('outreach.followUp.title')}
      </h2>
      <Notice message={notice} />
      {data.isPending ? (
        <Loading />
      ) : data.error ? (
        <LoadError error={data.error} />
      ) : (
        <>
          <Certificates eventId={eventId} data={data.data} onDone={setNotice} />
          <Questionnaire eventId={eventId} data={data.data} onDone={setNotice} />
        </>
      )}
    </section>
  );
}

type PartProps = { eventId: string; data: FollowUp; onDone: (notice: string) => void };

function Certificates({ eventId, data, onDone }: PartProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: followUp.openCertificates,
    onSuccess: (view) => {
      client.setQueryData(followUpKeys.event(eventId), view);
      setProblem(null);
      onDone(t('outreach.followUp.opened'));
    },
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  return (
    <>
      <h3 className="h5">{t('outreach.followUp.certificates')}</h3>
      <FormProblem message={problem} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('outreach.followUp.session')}</th>
            <th scope="col">{t('outreach.followUp.checkedIn')}</th>
            <th scope="col">{t('outreach.followUp.issued')}</th>
            <th scope="col">{t('outreach.followUp.requests')}</th>
          </tr>
        </thead>
        <tbody>
          {data.sessions.map((session) => (
            <tr key={session.id}>
              <th scope="row">
                {session.label} – {momentOf(session.startsAt)}
              </th>
              <td>{session.checkedIn}</td>
              <td>
                {t('outreach.followUp.issuedCount', { count: session.issued })}
                {session.revoked > 0 && ` ${t('outreach.followUp.revokedCount', { count: session.revoked })}`}
              </td>
              <td>
                {session.requestsUntil ? (
                  t('outreach.followUp.openUntil', { date: momentOf(session.requestsUntil) })
                ) : session.hasEnded && session.checkedIn > 0 ? (
                  <button
                    type="button"
                    className="btn btn-primary btn-sm"
                    disabled={open.isPending}
                    onClick={() => open.mutate(session.id)}
                  >
                    {t('outreach.followUp.open', { label: session.label })}
                  </button>
                ) : (
                  t(session.hasEnded ? 'outreach.followUp.nobody' : 'outreach.followUp.notEnded')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.certificates.length > 0 && (
        <ul className="list-unstyled">
          {data.certificates.map((certificate) => (
            <CertificateLine
              key={certificate.id}
              eventId={eventId}
              certificate={certificate}
              onDone={onDone}
            />
          ))}
        </ul>
      )}
    </>
  );
}

function CertificateLine({
  eventId,
  certificate,
  onDone,
}: {
  eventId: string;
  certificate: EventCertificate;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [isRevoking, setRevoking] = useState(false);
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' } });
  const [problem, setProblem] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: ({ reason }: { reason: string }) => followUp.revoke(certificate.id, reason),
    onSuccess: () => {
      setRevoking(false);
      void client.invalidateQueries({ queryKey: followUpKeys.event(eventId) });
      onDone(t('outreach.followUp.revoked', { number: certificate.number }));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['reason'])),
  });
  return (
    <li className="mb-2">
      <a href={certificate.pdfUrl}>{certificate.number}</a> – {certificate.holderName},{' '}
      {t('outreach.followUp.issuedAt', { date: momentOf(certificate.issuedAt) })}
      {certificate.isRevoked ? (
        ` – ${t('outreach.followUp.revokedBecause', { reason: certificate.revocationReason ?? '' })}`
      ) : isRevoking ? (
        <form noValidate onSubmit={form.handleSubmit((values) => revoke.mutate(values))}>
          <FormProblem message={problem} />
          <TextField
            label={t('outreach.followUp.reason')}
            registration={form.register('reason')}
            error={form.formState.errors.reason}
          />
          <button type="submit" className="btn btn-danger btn-sm" disabled={revoke.isPending}>
            {t('outreach.followUp.revoke', { number: certificate.number })}
          </button>
        </form>
      ) : (
        <button type="button" className="btn btn-link btn-sm" onClick={() => setRevoking(true)}>
          {t('outreach.followUp.revoke', { number: certificate.number })}
        </button>
      )}
    </li>
  );
}

function Questionnaire({ eventId, data, onDone }: PartProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<FollowUpSurveyInput>({
    defaultValues: { audience: 'CHECKED_IN', title: data.proposal.title, intro: data.proposal.intro },
  });
  const changed = (notice: string) => () => {
    setProblem(null);
    void client.invalidateQueries({ queryKey: followUpKeys.event(eventId) });
    onDone(notice);
  };
  const launch = useMutation({
    mutationFn: (input: FollowUpSurveyInput) => followUp.launch(eventId, input),
    onSuccess: changed(t('outreach.followUp.launched')),
    onError: (error) => setProblem(reportProblem(error, form.setError, ['audience', 'title', 'intro'])),
  });
  const close = useMutation({
    mutationFn: () => followUp.close(eventId),
    onSuccess: changed(t('outreach.followUp.closed')),
    onError: (error) => setProblem(problemText(error, t('errors.generic'))),
  });
  const survey = data.survey;
  return (
    <>
      <h3 className="h5 mt-3">{t('outreach.followUp.survey')}</h3>
      <FormProblem message={problem} />
      {survey ? (
        <>
          <p>
            {t('outreach.followUp.surveyState', {
              title: survey.title,
              date: momentOf(survey.launchedAt),
              invited: survey.invited,
              answered: survey.answered,
            })}{' '}
            {t(`outreach.followUp.status.${survey.status}`)}
          </p>
          {survey.status === 'OPEN' ? (
            <button type="button" className="btn btn-secondary" onClick={() => close.mutate()}>
              {t('outreach.followUp.close')}
            </button>
          ) : (
            <Results eventId={eventId} />
          )}
        </>
      ) : !data.sessions.some((session) => session.hasEnded) ? (
        <p className="alert alert-info">{t('outreach.followUp.notYet')}</p>
      ) : (
        <form noValidate onSubmit={form.handleSubmit((values) => launch.mutate(values))}>
          <p>{t('outreach.followUp.surveyIntro')}</p>
          <ul>
            {data.proposal.questions.map((question) => (
              <li key={question}>{question}</li>
            ))}
          </ul>
          <SelectField
            label={t('outreach.followUp.audience')}
            registration={form.register('audience')}
            error={form.formState.errors.audience}
          >
            {Object.entries(FOLLOW_UP_AUDIENCES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('outreach.followUp.surveyTitle')}
            registration={form.register('title')}
            error={form.formState.errors.title}
          />
          <TextField
            label={t('outreach.followUp.surveyIntroField')}
            registration={form.register('intro')}
            error={form.formState.errors.intro}
          />
          <button type="submit" className="btn btn-primary" disabled={launch.isPending}>
            {t('outreach.followUp.launch')}
          </button>
        </form>
      )}
    </>
  );
}

function Results({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const results = useQuery({
    queryKey: followUpKeys.results(eventId),
    queryFn: () => followUp.results(eventId),
  });
  if (results.isPending) return <Loading />;
  if (results.error) return <LoadError error={results.error} />;
  const view = results.data;
  return (
    <div>
      <h4 className="h6">{t('outreach.followUp.results', { count: view.answers })}</h4>
      {view.withheld ? (
        <p>{view.withheld}</p>
      ) : (
        view.questions.map((question, index) => (
          <QuestionFigures key={question.key} number={index + 1} question={question} />
        ))
      )}
    </div>
  );
}
