import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { setPasswordForm } from './passwordSchemas.ts';
import { auth } from './requests.ts';

type SetPasswordPageProps = {
  /** A reset link (`/reimposta-password`) or an invitation (`/attiva-account`): the same API, other words. */
  purpose: 'reset' | 'activation';
};

export function SetPasswordPage({ purpose }: SetPasswordPageProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({
    resolver: zodResolver(setPasswordForm),
    defaultValues: { newPassword: '', confirmation: '', token },
  });
  const { errors } = form.formState;
  const confirm = useMutation({
    mutationFn: auth.confirmPasswordReset,
    onError: (error) => setProblem(reportProblem(error, form.setError, ['newPassword'])),
  });
  const text = purpose === 'reset' ? 'setPassword.reset' : 'setPassword.activation';

  const submit = form.handleSubmit(({ newPassword, token }) => {
    setProblem(null);
    confirm.mutate({ token, newPassword });
  });

  return (
    <Page title={t(`${text}.title`)}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <Notice message={confirm.isSuccess ? t(`${text}.done`) : null} />
          {confirm.isSuccess ? (
            <Link className="btn btn-primary" to="/accesso">
              {t('setPassword.signIn')}
            </Link>
          ) : token.length < 20 ? (
            <div className="alert alert-danger">{t('setPassword.missingToken')}</div>
          ) : (
            <>
              <p>{t(`${text}.intro`)}</p>
              <form onSubmit={submit} className="mt-4" noValidate>
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
                <FormProblem message={problem ?? errors.token?.message ?? null} />
                <button type="submit" className="btn btn-primary" disabled={confirm.isPending}>
                  {t(`${text}.submit`)}
                </button>
              </form>
            </>
          )}
        </div>
      </div>
    </Page>
  );
}
