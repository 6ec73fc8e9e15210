import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { actionInput } from '../../../src/modules/council/contract.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { PagedList } from '../../ui/PagedList.tsx';
import { pageFrom } from '../../ui/Pagination.tsx';
import { ActionsList } from './ActionsList.tsx';
import { OrganisationOptions } from './OrganisationOptions.tsx';
import { type ActionInput, council, keys, type MeetingView } from './requests.ts';

/** The actions a meeting assigned, and the secretariat's form to assign one more. */
export function MeetingActions({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const page = pageFrom(useSearchParams()[0]);
  const actions = useQuery({
    queryKey: keys.meetingActions(meeting.id, page),
    queryFn: () => council.meetingActions(meeting.id, page),
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="azioni" className="mt-5">
      <h2 id="azioni" className="h4">
        {t('council.actions.ofMeeting')}
      </h2>
      <PagedList
        list={actions}
        count={(count) => t('council.actions.count', { count })}
        empty={t('council.actions.noneAssigned')}
      >
        {(items) => <ActionsList items={items} />}
      </PagedList>
      {meeting.canManage && meeting.status === 'HELD' && <AssignForm meeting={meeting} />}
    </section>
  );
}

function AssignForm({ meeting }: { meeting: MeetingView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const empty: ActionInput = {
    title: '',
    agendaItemId: null,
    decisionId: null,
    ownerOrganisationId: '',
    ownerName: '',
    ownerEmail: '',
    dueOn: '',
  };
  const form = useForm({
    resolver: resolverWithBlanksAsNull(actionInput, ['agendaItemId', 'decisionId']),
    defaultValues: empty,
  });
  const { errors } = form.formState;
  const assign = useMutation({
    mutationFn: (values: ActionInput) => council.assign(meeting.id, values),
    onSuccess: () => {
      setProblem(null);
      form.reset(empty);
      void queryClient.invalidateQueries({ queryKey: keys.all });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, Object.keys(empty))),
  });
  return (
    <form
      onSubmit={form.handleSubmit((values) => assign.mutate(values))}
      noValidate
      className="lovit-form mt-3"
    >
      <h3 className="h6 mb-5">{t('council.actions.formTitle')}</h3>
      <TextField
        label={t('council.actions.what')}
        registration={form.register('title')}
        error={errors.title}
      />
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField label={t('council.actions.fromDecision')} registration={form.register('decisionId')}>
            <option value="">{t('council.actions.noDecision')}</option>
            {meeting.decisions.map((decision) => (
              <option key={decision.id} value={decision.id}>
                {decision.text}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            label={t('council.actions.ownerOrganisation')}
            registration={form.register('ownerOrganisationId')}
            error={errors.ownerOrganisationId}
          >
            <OrganisationOptions />
          </SelectField>
        </div>
        <div className="col-12 col-md-4">
          <TextField
            label={t('council.actions.ownerName')}
            registration={form.register('ownerName')}
            error={errors.ownerName}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            type="email"
            label={t('council.actions.ownerEmail')}
            registration={form.register('ownerEmail')}
            error={errors.ownerEmail}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            type="date"
            label={t('council.actions.dueOn')}
            registration={form.register('dueOn')}
            error={errors.dueOn}
          />
        </div>
      </div>
      <FormProblem message={problem} />
      <button type="submit" className="btn btn-primary" disabled={assign.isPending}>
        {t('council.actions.assign')}
      </button>
    </form>
  );
}
