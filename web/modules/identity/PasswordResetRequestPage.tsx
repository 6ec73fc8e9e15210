import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { passwordResetRequestInput } from '../../../src/modules/identity/contract.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { auth } from './requests.ts';

/** Asks for a link to set a new password. The answer is the same whether the address is known or not. */
export function PasswordResetRequestPage() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm({ resolver: zodResolver(passwordResetRequestInput), defaultValues: { email: '' } });
  const request = useMutation({
    mutationFn: auth.requestPasswordReset,
    onError: (error) => setProblem(reportProblem(error, form.setError, ['email'])),
  });

  const submit = form.handleSubmit((values) => {
    setProblem(null);
    request.mutate(values);
  });

  return (
    <Page title={t('passwordReset.title')} trail={[{ label: t('login.title'), to: '/accesso' }]}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <p>{t('passwordReset.intro')}</p>
          <Notice message={request.isSuccess ? t('passwordReset.sent') : null} />
          {!request.isSuccess && (
            <form onSubmit={submit} className="mt-4" noValidate>
              <TextField
                label={t('login.email')}
                type="email"
                autoComplete="email"
                registration={form.register('email')}
                error={form.formState.errors.email}
              />
              <FormProblem message={problem} />
              <button type="submit" className="btn btn-primary" disabled={request.isPending}>
                {t('passwordReset.submit')}
              </button>
            </form>
          )}
          <p className="mt-4">
            <Link to="/accesso">{t('passwordReset.backToLogin')}</Link>
          </p>
        </div>
      </div>
    </Page>
  );
}
