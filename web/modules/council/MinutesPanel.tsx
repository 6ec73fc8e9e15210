import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/dates.ts';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { council, keys, type MeetingView } from './requests.ts';

/** The minutes: every version the reader may see, the comments on them, and the secretariat's steps. */
export function MinutesPanel({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const latest = meeting.minutes.at(-1);
  const older = meeting.minutes.slice(0, -1).reverse();
  const isInvited = meeting.attendance.some((row) => row.organisationId === meeting.ownOrganisationId);
  return (
    <section aria-labelledby="verbale" className="mt-5">
      <h2 id="verbale" className="h4">
        {t('council.minutes.title')}{' '}
        <span className="badge bg-light text-dark">
          {t(`council.minutes.status.${meeting.minutesStatus}`)}
        </span>
      </h2>
      {latest ? (
        <article aria-label={t('council.minutes.version', { version: latest.version })}>
          <p className="small text-secondary">
            {t('council.minutes.savedBy', {
              version: latest.version,
              name: latest.savedBy,
              at: formatDateTime(latest.savedAt),
            })}
          </p>
          <div className="lovit-prose border rounded p-3">{latest.text}</div>
        </article>
      ) : (
        <p className="alert alert-info">
          {t(meeting.canManage ? 'council.minutes.none' : 'council.minutes.notYet')}
        </p>
      )}
      {older.map((version) => (
        <details key={version.version} className="mt-2">
          <summary>{t('council.minutes.version', { version: version.version })}</summary>
          <div className="lovit-prose p-2">{version.text}</div>
        </details>
      ))}
      <Comments meeting={meeting} />
      {meeting.minutesStatus === 'CIRCULATED' && isInvited && <CommentForm meeting={meeting} />}
      {meeting.canManage && meeting.status === 'HELD' && meeting.minutesStatus !== 'APPROVED' && (
        <Editor meeting={meeting} text={latest?.text ?? ''} />
      )}
    </section>
  );
}

function Comments({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  if (meeting.comments.length === 0) return null;
  return (
    <>
      <h3 className="h6 mt-4">{t('council.minutes.comments')}</h3>
      <ul className="list-unstyled">
        {meeting.comments.map((comment) => (
          <li key={comment.id} className="border-start ps-3 mb-2">
            <p className="small mb-1">
              {t('council.minutes.commentBy', {
                name: comment.author,
                organisation: comment.organisationName,
                version: comment.version,
                at: formatDateTime(comment.at),
              })}
            </p>
            <p className="lovit-prose mb-0">{comment.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function useMeetingUpdate(meetingId: string) {
  const queryClient = useQueryClient();
  return (view: MeetingView) => queryClient.setQueryData(keys.meeting(meetingId), view);
}

function CommentForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const update = useMeetingUpdate(meeting.id);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ defaultValues: { text: '' } });
  const comment = useMutation({
    mutationFn: (values: { text: string }) => council.comment(meeting.id, values.text),
    onSuccess: (view) => {
      setProblem(null);
      form.reset({ text: '' });
      update(view);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['text'])),
  });
  return (
    <form onSubmit={form.handleSubmit((values) => comment.mutate(values))} noValidate className="lovit-form">
      <TextAreaField
        label={t('council.minutes.yourComment')}
        error={form.formState.errors.text}
        {...form.register('text')}
      />
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={comment.isPending}>
        {t('council.minutes.sendComment')}
      </button>
    </form>
  );
}

function Editor({ meeting, text }: { meeting: MeetingView; text: string }) {
  const { t } = useTranslation();
  const update = useMeetingUpdate(meeting.id);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ values: { text } });
  const onError = (error: unknown) => setProblem(reportProblem(error, form.setError, ['text']));
  const onSuccess = (view: MeetingView) => {
    setProblem(null);
    update(view);
  };
  const save = useMutation({
    mutationFn: (value: string) => council.saveMinutes(meeting.id, value),
    onSuccess,
    onError,
  });
  const circulate = useMutation({ mutationFn: () => council.circulate(meeting.id), onSuccess, onError });
  const approve = useMutation({ mutationFn: () => council.approve(meeting.id), onSuccess, onError });
  const status = meeting.minutesStatus;
  return (
    <form
      onSubmit={form.handleSubmit((values) => save.mutate(values.text))}
      noValidate
      className="lovit-form mt-4"
    >
      <TextAreaField
        label={t('council.minutes.editor')}
        hint={t('council.minutes.editorHint')}
        rows={10}
        error={form.formState.errors.text}
        {...form.register('text')}
      />
      <FormProblem message={problem} />
      <div className="d-flex flex-wrap gap-2">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('council.minutes.save')}
        </button>
        {(status === 'DRAFT' || status === 'REVISED') && (
          <button type="button" className="btn btn-outline-primary" onClick={() => circulate.mutate()}>
            {t('council.minutes.circulate')}
          </button>
        )}
        {(status === 'CIRCULATED' || status === 'REVISED') && (
          <button type="button" className="btn btn-success" onClick={() => approve.mutate()}>
            {t('council.minutes.approve')}
          </button>
        )}
      </div>
    </form>
  );
}
