import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { MeetingSummary } from '../../../src/modules/council/contract.ts';
import { formatDate, formatDateTime } from '../../ui/dates.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { ConveneForm } from './ConveneForm.tsx';
import { consultant, consultantKeys, type FacilitationView } from './consultantRequests.ts';
import { ProposalCard } from './ProposalCard.tsx';

type DeskTable = FacilitationView['tables'][number];

/** The consultant's desk: the tables assigned to them, what they may propose on each, and their proposals. */
export function ConsultantPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const arrivalNotice = (useLocation().state as { notice?: string } | null)?.notice;
  const page = pageFrom(params);
  const desk = useQuery({ queryKey: consultantKeys.desk, queryFn: consultant.desk });
  const proposals = useQuery({
    queryKey: consultantKeys.proposals('', page),
    queryFn: () => consultant.proposals('', page),
    placeholderData: keepPreviousData,
  });
  return (
    <Page
      title={t('councilConsultant.desk.title')}
      trail={[{ label: t('modules.council.title'), to: '/cti' }]}
    >
      <Notice message={arrivalNotice} />
      <p>{t('councilConsultant.desk.intro')}</p>
      <p className="small text-secondary">{t('councilConsultant.desk.questionnairesNote')}</p>
      {desk.isPending ? (
        <Loading />
      ) : desk.error ? (
        <LoadError error={desk.error} />
      ) : desk.data.tables.length === 0 ? (
        <p className="alert alert-info">{t('councilConsultant.desk.none')}</p>
      ) : (
        desk.data.tables.map((table) => <DeskTableSection key={table.id} table={table} />)
      )}
      <h2 className="h4 mt-5">{t('councilConsultant.desk.myProposals')}</h2>
      <PagedList
        list={proposals}
        count={(count) => t('councilConsultant.proposals.count', { count })}
        empty={t('councilConsultant.desk.noProposals')}
      >
        {(items) => (
          <ul className="list-unstyled">
            {items.map((proposal) => (
              <ProposalCard key={proposal.id} proposal={proposal} />
            ))}
          </ul>
        )}
      </PagedList>
    </Page>
  );
}

function DeskTableSection({ table }: { table: DeskTable }) {
  const { t } = useTranslation();
  const headingId = useId();
  const held = table.meetings.filter(
    (meeting) => meeting.status === 'HELD' && meeting.minutesStatus !== 'APPROVED',
  );
  return (
    <section aria-labelledby={headingId} className="card card-bg mb-4">
      <div className="card-body">
        <h2 id={headingId} className="h4 card-title">
          {table.name}
        </h2>
        <p className="small text-secondary">
          {t('councilConsultant.desk.assignedAt', { day: formatDate(table.assignedAt) })}
        </p>
        <h3 className="h5">{t('councilConsultant.desk.meetings')}</h3>
        {table.meetings.length === 0 ? (
          <p>{t('councilConsultant.desk.noMeetings')}</p>
        ) : (
          <ul>
            {table.meetings.map((meeting) => (
              <li key={meeting.id}>
                {formatDateTime(meeting.startsAt)} – {meeting.title}{' '}
                <span className="badge bg-light text-dark">
                  {t(`council.minutes.status.${meeting.minutesStatus}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <TableQuestionnaires table={table} />
        {held.map((meeting) => (
          <MinutesDraftForm key={meeting.id} meeting={meeting} />
        ))}
        <ConveneForm tableId={table.id} asProposal />
        <NeedsEntryForm tableId={table.id} />
      </div>
    </section>
  );
}

function TableQuestionnaires({ table }: { table: DeskTable }) {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="h5 mt-4">{t('councilConsultant.questionnaires.ofDesk')}</h3>
      {table.questionnaires.length === 0 ? (
        <p>{t('councilConsultant.questionnaires.none')}</p>
      ) : (
        <ul>
          {table.questionnaires.map((questionnaire) => (
            <li key={questionnaire.id}>
              <Link to={`/cti/questionari-dei-tavoli/${questionnaire.id}`}>{questionnaire.title}</Link>{' '}
              <span className="badge bg-light text-dark">{t(`surveys.status.${questionnaire.status}`)}</span>{' '}
              {t('surveys.page.figures', {
                answers: questionnaire.responses,
                invited: questionnaire.invited,
              })}
            </li>
          ))}
        </ul>
      )}
      <Link className="btn btn-outline-primary btn-sm" to={`/cti/consulenza/tavoli/${table.id}/questionario`}>
        {t('councilConsultant.questionnaires.prepare')}
      </Link>
    </>
  );
}

function MinutesDraftForm({ meeting }: { meeting: MeetingSummary }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm({ defaultValues: { text: '' } });
  const propose = useMutation({
    mutationFn: (values: { text: string }) => consultant.proposeMinutes(meeting.id, values.text),
    onSuccess: () => {
      form.reset({ text: '' });
      setProblem(null);
      setDone(t('councilConsultant.desk.minutesProposed'));
      void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['text'])),
  });
  return (
    <section aria-labelledby={headingId} className="mt-4">
      <h3 id={headingId} className="h5">
        {t('councilConsultant.desk.minutesTitle', { title: meeting.title })}
      </h3>
      <Notice message={done} />
      <form
        onSubmit={form.handleSubmit((values) => propose.mutate(values))}
        noValidate
        className="lovit-form"
      >
        <TextAreaField
          label={t('councilConsultant.desk.minutesText')}
          rows={8}
          error={form.formState.errors.text}
          {...form.register('text')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={propose.isPending}>
          {t('councilConsultant.desk.proposeMinutes')}
        </button>
      </form>
    </section>
  );
}

function NeedsEntryForm({ tableId }: { tableId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm({ defaultValues: { title: '', text: '' } });
  const propose = useMutation({
    mutationFn: (values: { title: string; text: string }) => consultant.proposeNeeds(tableId, values),
    onSuccess: () => {
      form.reset({ title: '', text: '' });
      setProblem(null);
      setDone(t('councilConsultant.desk.needsProposed'));
      void queryClient.invalidateQueries({ queryKey: consultantKeys.all });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['title', 'text'])),
  });
  return (
    <section aria-labelledby={headingId} className="mt-4">
      <h3 id={headingId} className="h5">
        {t('councilConsultant.desk.needsTitle')}
      </h3>
      <Notice message={done} />
      <form
        onSubmit={form.handleSubmit((values) => propose.mutate(values))}
        noValidate
        className="lovit-form"
      >
        <TextField
          label={t('councilConsultant.desk.needsHeading')}
          registration={form.register('title')}
          error={form.formState.errors.title}
        />
        <TextAreaField
          label={t('councilConsultant.desk.needsText')}
          rows={4}
          error={form.formState.errors.text}
          {...form.register('text')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={propose.isPending}>
          {t('councilConsultant.desk.proposeNeeds')}
        </button>
      </form>
    </section>
  );
}
