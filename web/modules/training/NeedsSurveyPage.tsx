import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDate } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { feedback, feedbackKeys, type NeedsSurveyInput } from './feedbackRequests.ts';
import { PlanControl } from './PlanControl.tsx';

/** The training needs surveys: those launched, and a new one from the template. */
export function NeedsSurveyPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: feedbackKeys.needs, queryFn: feedback.needsSurveys });
  return (
    <Page
      title={t('trainingFeedback.needs.title')}
      trail={[{ label: t('modules.training.title'), to: '/formazione' }]}
    >
      <p className="lead">{t('trainingFeedback.needs.intro')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : list.data.length === 0 ? (
        <p className="alert alert-info">{t('trainingFeedback.needs.none')}</p>
      ) : (
        <TableScroll label={t('trainingFeedback.needs.listLabel')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('trainingFeedback.needs.survey')}</th>
                <th scope="col">{t('trainingFeedback.needs.status')}</th>
                <th scope="col" className="text-end">
                  {t('trainingFeedback.needs.answers')}
                </th>
                <th scope="col">{t('trainingFeedback.needs.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((survey) => (
                <tr key={survey.id}>
                  <th scope="row">
                    <Link to={`/formazione/fabbisogni/${survey.id}`}>{survey.title}</Link>
                  </th>
                  <td>
                    {t(`surveys.status.${survey.status}`)}
                    {survey.anonymous ? ` · ${t('surveys.anonymous')}` : ''}
                  </td>
                  <td className="text-end">{survey.responses}</td>
                  <td>
                    <Link to={`/questionari/${survey.id}`}>{t('trainingFeedback.needs.manage')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ProposedTopics />
      <LaunchForm />
    </Page>
  );
}

/** The topics the legal expert proposed from legal updates: waiting for a course, or in one. */
function ProposedTopics() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const page = pageFrom(useSearchParams()[0]);
  const list = useQuery({
    queryKey: feedbackKeys.proposals(page),
    queryFn: () => feedback.proposals(page),
    placeholderData: keepPreviousData,
  });
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: feedbackKeys.proposalsAll });
    void queryClient.invalidateQueries({ queryKey: feedbackKeys.template });
  };
  return (
    <section aria-labelledby="argomenti-proposti" className="mt-5">
      <h2 id="argomenti-proposti" className="h4">
        {t('trainingFeedback.needs.proposals.title')}
      </h2>
      <p>{t('trainingFeedback.needs.proposals.intro')}</p>
      <PagedList
        list={list}
        count={(count) => t('trainingFeedback.needs.proposals.count', { count })}
        empty={t('trainingFeedback.needs.proposals.none')}
      >
        {(items) => (
          <TableScroll label={t('trainingFeedback.needs.proposals.label')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('trainingFeedback.needs.proposals.topic')}</th>
                  <th scope="col">{t('trainingFeedback.needs.proposals.summaryColumn')}</th>
                  <th scope="col">{t('trainingFeedback.needs.proposals.proposed')}</th>
                  <th scope="col">{t('trainingFeedback.needs.programme')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((proposal) => (
                  <tr key={proposal.id}>
                    <th scope="row">{proposal.title}</th>
                    <td>
                      <details className="small">
                        <summary>
                          {t('trainingFeedback.needs.proposals.summary')}
                          <span className="visually-hidden"> – {proposal.title}</span>
                        </summary>
                        <p className="lovit-prose mb-0">{proposal.summary}</p>
                      </details>
                    </td>
                    <td>
                      {t('trainingFeedback.needs.proposals.by', {
                        date: formatDate(proposal.proposedAt),
                        name: proposal.proposedBy,
                      })}
                    </td>
                    <td>
                      <PlanControl
                        topic={proposal.title}
                        course={proposal.course}
                        change={(courseId) =>
                          courseId === null
                            ? feedback.unplanProposal(proposal.id)
                            : feedback.planProposal(proposal.id, courseId)
                        }
                        onChanged={changed}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </PagedList>
    </section>
  );
}

function LaunchForm() {
  const template = useQuery({ queryKey: feedbackKeys.template, queryFn: feedback.template });
  if (template.isPending) return <Loading />;
  if (template.error) return <LoadError error={template.error} />;
  return <TemplateForm defaults={{ ...template.data, anonymous: true, reminderDays: 7 }} />;
}

function TemplateForm({ defaults }: { defaults: NeedsSurveyInput }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<NeedsSurveyInput>({ defaultValues: defaults });
  const { errors } = form.formState;
  const launch = useMutation({
    mutationFn: (values: NeedsSurveyInput) =>
      feedback.launch({ ...values, reminderDays: values.reminderDays ? Number(values.reminderDays) : null }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.needs });
      void navigate(`/questionari/${created.id}`);
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, ['title', 'intro', 'topics', 'reminderDays'])),
  });
  return (
    <form
      className="lovit-form mt-5"
      noValidate
      onSubmit={form.handleSubmit((values) => launch.mutate(values))}
      aria-labelledby="nuova-rilevazione"
    >
      <h2 id="nuova-rilevazione" className="h4">
        {t('trainingFeedback.needs.launch')}
      </h2>
      <p>{t('trainingFeedback.needs.templateNote')}</p>
      <TextField
        label={t('trainingFeedback.needs.fields.title')}
        registration={form.register('title')}
        error={errors.title}
      />
      <TextAreaField
        label={t('trainingFeedback.needs.fields.intro')}
        {...form.register('intro')}
        error={errors.intro}
      />
      <TextAreaField
        label={t('trainingFeedback.needs.fields.topics')}
        hint={t('trainingFeedback.needs.fields.topicsHint')}
        {...form.register('topics')}
        error={errors.topics}
        rows={10}
      />
      <TextField
        label={t('trainingFeedback.needs.fields.reminderDays')}
        type="number"
        registration={form.register('reminderDays')}
        error={errors.reminderDays}
      />
      <div className="form-check mb-4">
        <input id="rilevazione-anonima" type="checkbox" {...form.register('anonymous')} />
        <label htmlFor="rilevazione-anonima">{t('trainingFeedback.needs.fields.anonymous')}</label>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={launch.isPending}>
        {t('trainingFeedback.needs.create')}
      </button>
    </form>
  );
}
