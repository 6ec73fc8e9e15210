import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type User, userPatch } from '../../../src/modules/identity/contract.ts';
import { useFormDraft } from '../../app/drafts.ts';
import { DraftRestored } from '../../ui/DraftRestored.tsx';
import { ReadOnlyField, TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem, resolverWithBlanksAsNull } from '../../ui/forms.tsx';
import { keys, type UserDetails, users } from './requests.ts';

const resolver = resolverWithBlanksAsNull(userPatch, ['fiscalCode']);

export function UserDetailsForm({ user, onSaved }: { user: User; onSaved: (notice: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver,
    defaultValues: {
      givenName: user.givenName,
      familyName: user.familyName,
      fiscalCode: user.fiscalCode ?? '',
    },
  });
  const { errors } = form.formState;
  const isRestored = useFormDraft(form, 'utente');
  const save = useMutation({
    mutationFn: (values: Partial<UserDetails>) => users.update(user.id, values),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.user(user.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      onSaved(t('common.saved'));
    },
    onError: (error) =>
      setProblem(reportProblem(error, form.setError, ['givenName', 'familyName', 'fiscalCode'])),
  });

  const submit = form.handleSubmit((values) => {
    setProblem(null);
    save.mutate(values);
  });

  return (
    <>
      <DraftRestored isRestored={isRestored} />
      <form onSubmit={submit} noValidate className="lovit-form">
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              label={t('users.givenName')}
              registration={form.register('givenName')}
              error={errors.givenName}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              label={t('users.familyName')}
              registration={form.register('familyName')}
              error={errors.familyName}
            />
          </div>
          <div className="col-12 col-md-6">
            <ReadOnlyField label={t('users.email')} value={user.email} />
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
        <FormProblem message={problem} />
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
