import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { loginInput } from '../../../src/modules/identity/contract.ts';
import { ApiError } from '../../app/api.ts';
import { adoptSession, SESSION_KEY, safeReturnPath, useSession } from '../../app/session.ts';
import { TextField } from '../../ui/fields.tsx';
import { FormProblem, reportProblem } from '../../ui/forms.tsx';
import { Page } from '../../ui/Page.tsx';
import { auth, keys } from './requests.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const options = useQuery({ queryKey: keys.authOptions, queryFn: auth.options, staleTime: Infinity });
  const form = useForm({ resolver: zodResolver(loginInput), defaultValues: { email: '', password: '' } });
  const { errors } = form.formState;

  const login = useMutation({
    mutationFn: auth.login,
    onSuccess: (view) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      queryClient.setQueryData(SESSION_KEY, adoptSession(view));
      navigate(next, { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        setProblem(error.problem.detail ?? t('login.invalid'));
        form.resetField('password');
        form.setFocus('password');
      } else if (error instanceof ApiError && error.status === 429) {
        // The server says how long to wait.
        setProblem(error.problem.detail ?? t('login.rateLimited'));
      } else {
        setProblem(reportProblem(error, form.setError, ['email', 'password']));
      }
    },
  });

  if (session) return <Navigate to={next} replace />;

  const submit = form.handleSubmit((values) => {
    setProblem(null);
    login.mutate(values);
  });
  const oidc = options.data?.oidc;

  return (
    <Page title={t('login.title')}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <LoginNotice params={params} oidcLabel={oidc?.label} />
          <p>{t('login.intro')}</p>
          <form onSubmit={submit} className="mt-5" noValidate>
            <TextField
              label={t('login.email')}
              type="email"
              autoComplete="username"
              registration={form.register('email')}
              error={errors.email}
            />
            <TextField
              label={t('login.password')}
              type="password"
              autoComplete="current-password"
              registration={form.register('password')}
              error={errors.password}
            />
            <FormProblem message={problem} />
            <div className="d-flex flex-wrap align-items-center gap-4">
              <button type="submit" className="btn btn-primary" disabled={login.isPending}>
                {t('login.submit')}
              </button>
              <Link to="/recupera-password">{t('login.forgotten')}</Link>
            </div>
          </form>
          {oidc?.enabled && (
            <section className="mt-5 pt-4 border-top" aria-labelledby="accesso-identita-digitale">
              <h2 id="accesso-identita-digitale" className="h5">
                {t('login.oidcHeading')}
              </h2>
              <p>{t('login.oidcIntro')}</p>
              <a className="btn btn-outline-primary" href={auth.oidcStartUrl(next)}>
                {oidc.label}
              </a>
            </section>
          )}
        </div>
      </div>
    </Page>
  );
}

/** Why the user is here: the session ended, they signed out, or signing in with SPID/CIE failed. */
function LoginNotice({ params, oidcLabel }: { params: URLSearchParams; oidcLabel: string | undefined }) {
  const { t } = useTranslation();
  const failure = params.get('errore');
  if (params.get('scaduta') === '1') {
    return <div className="alert alert-warning">{t('login.expired')}</div>;
  }
  if (params.get('uscita') === '1') {
    return <div className="alert alert-info">{t('login.signedOut')}</div>;
  }
  if (failure === 'sconosciuto') {
    return <div className="alert alert-danger">{t('login.oidcUnknown')}</div>;
  }
  if (failure) {
    return (
      <div className="alert alert-danger">
        {t('login.oidcFailed', { method: oidcLabel ?? t('login.oidcDefaultLabel') })}
      </div>
    );
  }
  return null;
}
