import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDateTime } from '../../ui/dates.ts';
import { SelectField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { AgendaItemDocuments, AttachDocumentForm } from './AgendaDocuments.tsx';
import { AttendancePanel } from './AttendancePanel.tsx';
import { MeetingActions } from './MeetingActions.tsx';
import { MeetingChanges } from './MeetingChanges.tsx';
import { MinutesPanel } from './MinutesPanel.tsx';
import { PublicSummaryPanel } from './PublicSummaryPanel.tsx';
import { council, keys, type MeetingView } from './requests.ts';

/** A meeting: agenda, attendance, decisions, minutes and the actions it assigned. */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: keys.meeting(id), queryFn: () => council.meeting(id) });
  const trail = [{ label: t('modules.council.title'), to: '/cti' }];
  if (meeting.isPending || meeting.error)
    return (
      <Page title={t('council.meetings.loading')} trail={trail}>
        {meeting.error ? <LoadError error={meeting.error} /> : <Loading />}
      </Page>
    );
  const data = meeting.data;
  return (
    <Page
      title={`${data.tableName} – ${data.title}`}
      trail={[...trail, { label: data.tableName, to: `/cti/tavoli/${data.tableId}` }]}
    >
      <dl className="row">
        <dt className="col-sm-3">{t('council.meetings.when')}</dt>
        <dd className="col-sm-9">{formatDateTime(data.startsAt)}</dd>
        <dt className="col-sm-3">{t('council.meetings.where')}</dt>
        <dd className="col-sm-9">
          {data.place}
          {data.onlineUrl && (
            <span className="d-block">
              <a href={data.onlineUrl}>{data.onlineUrl}</a>
            </span>
          )}
        </dd>
        <dt className="col-sm-3">{t('council.meetings.state')}</dt>
        <dd className="col-sm-9">{t(`council.meetings.status.${data.status}`)}</dd>
        {data.cancelReason && (
          <>
            <dt className="col-sm-3">{t('council.meetings.cancelReason')}</dt>
            <dd className="col-sm-9">{data.cancelReason}</dd>
          </>
        )}
      </dl>
      <Agenda meeting={data} />
      <AttendancePanel meeting={data} />
      <MinutesPanel meeting={data} />
      {data.canManage && data.minutesStatus === 'APPROVED' && <PublicSummaryPanel meetingId={data.id} />}
      <MeetingActions meeting={data} />
      <MeetingChanges meeting={data} />
    </Page>
  );
}

function Agenda({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const canDecide = meeting.canManage && meeting.status === 'HELD' && meeting.minutesStatus !== 'APPROVED';
  return (
    <section aria-labelledby="odg" className="mt-4">
      <h2 id="odg" className="h4">
        {t('council.meetings.agenda')}
      </h2>
      <ol>
        {meeting.agenda.map((item) => (
          <li key={item.id} className="mb-2">
            <span className="fw-semibold">{item.title}</span>{' '}
            <span className="text-secondary">
              {item.presenter ? t('council.meetings.presentedBy', { name: item.presenter }) : ''}{' '}
              {t('council.meetings.minutes', { count: item.durationMinutes })}
            </span>
            <AgendaItemDocuments meetingId={meeting.id} item={item} />
            {meeting.decisions
              .filter((decision) => decision.agendaItemId === item.id)
              .map((decision) => (
                <p key={decision.id} className="mb-0">
                  <span className="badge bg-primary me-2">{t('council.decisions.label')}</span>
                  {decision.text}
                </p>
              ))}
          </li>
        ))}
      </ol>
      {meeting.canManage && meeting.status !== 'CANCELLED' && <AttachDocumentForm meeting={meeting} />}
      {canDecide && <DecisionForm meeting={meeting} />}
    </section>
  );
}

function DecisionForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const empty = { agendaItemId: meeting.agenda[0]?.id ?? '', text: '' };
  const form = useForm({ defaultValues: empty });
  const decide = useMutation({
    mutationFn: (values: typeof empty) => council.decide(meeting.id, values),
    onSuccess: (view) => {
      setProblem(null);
      form.reset(empty);
      queryClient.setQueryData(keys.meeting(meeting.id), view);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['agendaItemId', 'text'])),
  });
  return (
    <form onSubmit={form.handleSubmit((values) => decide.mutate(values))} noValidate className="lovit-form">
      <h3 className="h6 mb-5">{t('council.decisions.formTitle')}</h3>
      <SelectField label={t('council.decisions.item')} registration={form.register('agendaItemId')}>
        {meeting.agenda.map((item) => (
          <option key={item.id} value={item.id}>
            {item.position}. {item.title}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('council.decisions.text')}
        error={form.formState.errors.text}
        {...form.register('text')}
      />
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={decide.isPending}>
        {t('council.decisions.record')}
      </button>
    </form>
  );
}
