import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { setMembershipsInput, type User } from '../../../src/modules/identity/contract.ts';
import { useFormDraft } from '../../app/drafts.ts';
import { DraftRestored } from '../../ui/DraftRestored.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { MembershipFields, membershipRow } from './MembershipFields.tsx';
import { keys, type Membership, users } from './requests.ts';

/** Replaces the roles of a user with the rows of the form, all at once. */
export function MembershipsForm({ user, onSaved }: { user: User; onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(setMembershipsInput),
    defaultValues: {
      memberships: user.memberships.map(membershipRow),
    },
  });
  const isRestored = useFormDraft(form, 'ruoli');
  const save = useMutation({
    mutationFn: (memberships: Membership[]) => users.setMemberships(user.id, memberships),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.user(user.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      form.reset({
        memberships: saved.memberships.map(membershipRow),
      });
      onSaved(t('memberships.saved'));
    },
    onError: (error) => setProblem(reportProblem(error, form.setError, ['memberships'])),
  });

  const submit = form.handleSubmit(({ memberships }) => {
    setProblem(null);
    save.mutate(memberships);
  });

  return (
    <>
      <DraftRestored isRestored={isRestored} />
      <FormProvider {...form}>
        <form onSubmit={submit} noValidate className="lovit-form">
          <MembershipFields />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('memberships.submit')}
          </button>
        </form>
      </FormProvider>
    </>
  );
}
