import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { inviteUserInput } from '../../../src/modules/identity/contract.ts';
import { useFormDraft } from '../../app/drafts.ts';
import { useSignedInSession } from '../../app/session.ts';
import { DraftRestored } from '../../ui/DraftRestored.tsx';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from './administration.ts';
import { EMPTY_MEMBERSHIP, MembershipFields } from './MembershipFields.tsx';
import { users } from './requests.ts';

const resolver = resolverWithBlanksAsNull(inviteUserInput, ['fiscalCode']);
const FIELDS = ['email', 'givenName', 'familyName', 'fiscalCode', 'memberships'];

/** Invites a user: the account is created without a password, and an e-mail brings the link to set one. */
export function InviteUserPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver,
    defaultValues: {
      email: '',
      givenName: '',
      familyName: '',
      fiscalCode: '',
      memberships: [EMPTY_MEMBERSHIP],
    },
  });
  const { errors } = form.formState;
  const isRestored = useFormDraft(form, 'invito');
  const invite = useMutation({
    mutationFn: users.invite,
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      navigate('/amministrazione/utenti', { state: { notice: t('users.invited', { email: user.email }) } });
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, FIELDS)),
  });

  const submit = form.handleSubmit((values) => {
    setProblem(null);
    invite.mutate(values);
  });

  return (
    <Page
      title={t('users.inviteTitle')}
      trail={administrationTrail(session, t('modules.administration.title'), [
        { label: t('administration.users.title'), to: '/amministrazione/utenti' },
      ])}
    >
      <p>{t('users.inviteIntro')}</p>
      <DraftRestored isRestored={isRestored} />
      <FormProvider {...form}>
        <form onSubmit={submit} noValidate className="lovit-form">
          <div className="row">
            <div className="col-12 col-md-6">
              <TextField
                label={t('users.givenName')}
                autoComplete="off"
                registration={form.register('givenName')}
                error={errors.givenName}
              />
            </div>
            <div className="col-12 col-md-6">
              <TextField
                label={t('users.familyName')}
                autoComplete="off"
                registration={form.register('familyName')}
                error={errors.familyName}
              />
            </div>
            <div className="col-12 col-md-6">
              <TextField
                label={t('users.email')}
                type="email"
                autoComplete="off"
                hint={t('users.emailHint')}
                registration={form.register('email')}
                error={errors.email}
              />
            </div>
            <div className="col-12 col-md-6">
              <TextField
                label={t('users.fiscalCode')}
                hint={t('users.fiscalCodeHint')}
                autoCapitalize="characters"
                registration={form.register('fiscalCode')}
                error={errors.fiscalCode}
              />
            </div>
          </div>
          <fieldset>
            <legend className="h5">{t('memberships.heading')}</legend>
            <MembershipFields />
          </fieldset>
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
            {t('users.sendInvitation')}
          </button>
        </form>
      </FormProvider>
    </Page>
  );
}
