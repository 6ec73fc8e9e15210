import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { changePasswordForm } from './passwordSchemas.ts';
import { auth } from './requests.ts';

const EMPTY = { currentPassword: '', newPassword: '', confirmation: '' };

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(changePasswordForm), defaultValues: EMPTY });
  const { errors } = form.formState;
  const change = useMutation({
    mutationFn: auth.changePassword,
    onSuccess: () => form.reset(EMPTY),
    onError: (error) => setProblem(reportProblem(error, form.setError, ['currentPassword', 'newPassword'])),
  });

  const submit = form.handleSubmit(({ currentPassword, newPassword }) => {
    setProblem(null);
    change.reset();
    change.mutate({ currentPassword, newPassword });
  });

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <Notice message={change.isSuccess ? t('profile.passwordChanged') : null} />
        <form onSubmit={submit} className="lovit-form" noValidate>
          <TextField
            label={t('password.current')}
            type="password"
            autoComplete="current-password"
            registration={form.register('currentPassword')}
            error={errors.currentPassword}
          />
          <TextField
            label={t('password.new')}
            type="password"
            autoComplete="new-password"
            hint={t('password.hint')}
            registration={form.register('newPassword')}
            error={errors.newPassword}
          />
          <TextField
            label={t('password.confirmation')}
            type="password"
            autoComplete="new-password"
            registration={form.register('confirmation')}
            error={errors.confirmation}
          />
          <FormProblem message={problem} />
          <button type="submit" className="btn btn-primary" disabled={change.isPending}>
            {t('profile.changePasswordSubmit')}
          </button>
        </form>
      </div>
    </div>
  );
}
