import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { answerInput } from '../../../src/modules/council/contract.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { type AnswerInput, council, keys, type MeetingView } from './requests.ts';

/** Who was invited and what they answered; the member's own answer; the register on the day. */
export function AttendancePanel({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const own = meeting.attendance.find((row) => row.organisationId === meeting.ownOrganisationId);
  return (
    <section aria-labelledby="presenze" className="mt-5">
      <h2 id="presenze" className="h4">
        {t('council.attendance.title')}
      </h2>
      {own && meeting.status === 'CONVENED' && <AnswerForm meeting={meeting} current={own} />}
      <TableScroll label={t('council.attendance.title')}>
        <table className="table">
          <caption className="visually-hidden">{t('council.attendance.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('council.members.organisation')}</th>
              <th scope="col">{t('council.attendance.answer')}</th>
              <th scope="col">{t('council.attendance.register')}</th>
              <th scope="col">{t('council.attendance.convocation')}</th>
            </tr>
          </thead>
          <tbody>
            {meeting.attendance.map((row) => (
              <tr key={row.organisationId}>
                <th scope="row">{row.organisationName}</th>
                <td>
                  {row.answer
                    ? t(`council.attendance.answers.${row.answer}`)
                    : t('council.attendance.noAnswer')}
                  {row.delegateName && <span className="d-block small">{row.delegateName}</span>}
                </td>
                <td>
                  {row.attended === null
                    ? '—'
                    : row.attended
                      ? t('council.attendance.attended', { name: row.attendeeName })
                      : t('council.attendance.missing')}
                </td>
                <td>
                  {row.convocation
                    ? t(`council.attendance.convocations.${row.convocation.status}`, {
                        at: formatDateTime(row.convocation.sentAt),
                      })
                    : '—'}
                  <span className="d-block small text-break">{row.invitedEmail}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {meeting.canManage && meeting.status !== 'CANCELLED' && <RegisterForm meeting={meeting} />}
    </section>
  );
}

type Own = MeetingView['attendance'][number];

function AnswerForm({ meeting, current }: { meeting: MeetingView; current: Own }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm({
    resolver: resolverWithBlanksAsNull(answerInput, ['delegateName']),
    defaultValues: { answer: current.answer ?? 'PRESENT', delegateName: current.delegateName ?? null },
  });
  const answer = useMutation({
    mutationFn: (values: AnswerInput) =>
      council.answer(meeting.id, {
        answer: values.answer,
        delegateName: values.answer === 'DELEGATE' ? values.delegateName : null,
      }),
    onSuccess: (view) => {
      setProblem(null);
      setNotice(t('council.attendance.answered'));
      queryClient.setQueryData(keys.meeting(meeting.id), view);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['answer', 'delegateName'])),
  });
  const isDelegate = form.watch('answer') === 'DELEGATE';
  return (
    <form
      onSubmit={form.handleSubmit((values) => answer.mutate(values))}
      noValidate
      className="lovit-form mb-4"
    >
      <h3 className="h6 mb-5">{t('council.attendance.yourAnswer')}</h3>
      <Notice message={notice} />
      <div className="row">
        <div className="col-12 col-md-4">
          <SelectField label={t('council.attendance.answer')} registration={form.register('answer')}>
            {(['PRESENT', 'DELEGATE', 'ABSENT'] as const).map((code) => (
              <option key={code} value={code}>
                {t(`council.attendance.answers.${code}`)}
              </option>
            ))}
          </SelectField>
        </div>
        {isDelegate && (
          <div className="col-12 col-md-8">
            <TextField
              label={t('council.attendance.delegateName')}
              registration={form.register('delegateName')}
              error={form.formState.errors.delegateName}
            />
          </div>
        )}
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={answer.isPending}>
        {t('council.attendance.send')}
      </button>
    </form>
  );
}

function RegisterForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    defaultValues: {
      entries: meeting.attendance.map((row) => ({
        organisationId: row.organisationId,
        attended: row.attended ?? row.answer !== 'ABSENT',
        attendeeName: row.attendeeName ?? row.delegateName ?? '',
      })),
    },
  });
  const register = useMutation({
    mutationFn: (values: {
      entries: { organisationId: string; attended: boolean; attendeeName: string }[];
    }) =>
      council.register(meeting.id, {
        entries: values.entries.map((entry) => ({
          ...entry,
          attendeeName: entry.attended && entry.attendeeName.trim() ? entry.attendeeName : null,
        })),
      }),
    onSuccess: (view) => {
      setProblem(null);
      queryClient.setQueryData(keys.meeting(meeting.id), view);
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['entries'])),
  });
  return (
    <form onSubmit={form.handleSubmit((values) => register.mutate(values))} noValidate className="lovit-form">
      <h3 className="h6 mb-5">{t('council.attendance.registerTitle')}</h3>
      {meeting.attendance.map((row, index) => (
        <div key={row.organisationId} className="row align-items-end">
          <div className="col-12 col-md-5">
            <div className="form-check">
              <input id={`${id}-${index}`} type="checkbox" {...form.register(`entries.${index}.attended`)} />
              <label htmlFor={`${id}-${index}`}>
                {t('council.attendance.present', { name: row.organisationName })}
              </label>
            </div>
          </div>
          <div className="col-12 col-md-7">
            <TextField
              label={t('council.attendance.attendeeOf', { name: row.organisationName })}
              registration={form.register(`entries.${index}.attendeeName`)}
              error={form.formState.errors.entries?.[index]?.attendeeName}
            />
          </div>
        </div>
      ))}
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={register.isPending}>
        {t('council.attendance.saveRegister')}
      </button>
    </form>
  );
}
