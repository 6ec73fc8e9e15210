import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { mentoringInput } from '../../../src/modules/training/records/contract.ts';
import { usePermission, useSignedInSession } from '../../app/session.ts';
import { formatDate } from '../../ui/dates.ts';
import { ReadOnlyField, SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { TextAreaField } from '../cases/TextAreaField.tsx';
import { hours, type MentoringInput, recordKeys, records } from './recordRequests.ts';

const FIELDS = ['day', 'menteeId', 'mentorId', 'topic', 'hours', 'note'] as const;

/** The SUI team's on-the-job training: the log, and the form to add the hours of a mentoring. */
export function MentoringPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const managesTeam = usePermission('training.staff');
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const team = useQuery({ queryKey: recordKeys.team, queryFn: records.team });
  const log = useQuery({ queryKey: recordKeys.mentoring, queryFn: records.mentoring });
  const empty: MentoringInput = {
    day: '',
    menteeId: '',
    mentorId: managesTeam ? '' : session.user.id,
    topic: '',
    hours: 1,
    note: null,
  };
  const form = useForm({
    resolver: resolverWithBlanksAsNull(mentoringInput, ['note']),
    defaultValues: empty,
  });
  const { errors } = form.formState;
  const save = useMutation({
    mutationFn: records.record,
    onSuccess: (entry) => {
      setProblem(null);
      setDone(
        t('training.mentoring.recorded', {
          hours: hours(entry.hours),
          name: entry.menteeName,
          topic: entry.topic,
        }),
      );
      form.reset(empty);
      void queryClient.invalidateQueries({ queryKey: ['training'] });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, FIELDS)),
  });
  const people = team.data ?? [];
  return (
    <Page
      title={t('training.mentoring.title')}
      trail={[{ label: t('modules.training.title'), to: '/formazione' }]}
    >
      <p className="lead">
        {t(managesTeam ? 'training.mentoring.introManager' : 'training.mentoring.intro')}
      </p>
      <Notice message={done} />
      <form onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-4">
            <TextField
              type="date"
              label={t('training.mentoring.day')}
              registration={form.register('day')}
              error={errors.day}
            />
          </div>
          <div className="col-12 col-md-4">
            <SelectField
              label={t('training.mentoring.mentee')}
              registration={form.register('menteeId')}
              error={errors.menteeId}
            >
              <option value="">{t('training.mentoring.choose')}</option>
              {people.map((person) => (
                <option key={person.userId} value={person.userId}>
                  {person.name}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="col-12 col-md-4">
            {managesTeam ? (
              <SelectField
                label={t('training.mentoring.mentor')}
                registration={form.register('mentorId')}
                error={errors.mentorId}
              >
                <option value="">{t('training.mentoring.choose')}</option>
                {people.map((person) => (
                  <option key={person.userId} value={person.userId}>
                    {person.name}
                  </option>
                ))}
              </SelectField>
            ) : (
              <ReadOnlyField
                label={t('training.mentoring.mentor')}
                value={`${session.user.givenName} ${session.user.familyName}`}
              />
            )}
          </div>
        </div>
        <div className="row">
          <div className="col-12 col-md-8">
            <TextField
              label={t('training.mentoring.topic')}
              registration={form.register('topic')}
              error={errors.topic}
            />
          </div>
          <div className="col-12 col-md-4">
            <TextField
              type="number"
              step="0.25"
              label={t('training.mentoring.hours')}
              hint={t('training.mentoring.hoursHint')}
              registration={form.register('hours', { valueAsNumber: true })}
              error={errors.hours}
            />
          </div>
        </div>
        <TextAreaField
          label={t('training.mentoring.note')}
          hint={t('common.optional')}
          error={errors.note}
          {...form.register('note')}
        />
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('training.mentoring.submit')}
        </button>
      </form>
      <h2 className="h4 mt-4">{t('training.mentoring.log')}</h2>
      {log.isPending ? (
        <Loading />
      ) : log.error ? (
        <LoadError error={log.error} />
      ) : log.data.length === 0 ? (
        <p className="alert alert-info">{t('training.mentoring.empty')}</p>
      ) : (
        <TableScroll label={t('training.mentoring.log')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('training.mentoring.day')}</th>
                <th scope="col">{t('training.mentoring.mentee')}</th>
                <th scope="col">{t('training.mentoring.mentor')}</th>
                <th scope="col">{t('training.mentoring.topic')}</th>
                <th scope="col">{t('training.mentoring.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry) => (
                <tr key={entry.id}>
                  <td className="text-nowrap">{formatDate(entry.day)}</td>
                  <th scope="row">{entry.menteeName}</th>
                  <td>{entry.mentorName}</td>
                  <td>{entry.topic}</td>
                  <td>{hours(entry.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Page>
  );
}
