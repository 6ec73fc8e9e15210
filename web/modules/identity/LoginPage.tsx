import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const [isSubmitted, setSubmitted] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
  };

  return (
    <Page title={t('login.title')}>
      <div className="row">
        <div className="col-12 col-md-8 col-lg-6">
          <p>{t('login.intro')}</p>
          <form onSubmit={submit} className="mt-5">
            <div className="form-group">
              <label htmlFor="accesso-email" className="active">
                {t('login.email')}
              </label>
              <input
                id="accesso-email"
                name="email"
                type="email"
                className="form-control"
                autoComplete="username"
              />
            </div>
            <div className="form-group">
              <label htmlFor="accesso-password" className="active">
                {t('login.password')}
              </label>
              <input
                id="accesso-password"
                name="password"
                type="password"
                className="form-control"
                autoComplete="current-password"
              />
            </div>
            <button type="submit" className="btn btn-primary">
              {t('login.submit')}
            </button>
          </form>
          <div role="status" className="mt-4">
            {isSubmitted && <div className="alert alert-info">{t('login.unavailable')}</div>}
          </div>
        </div>
      </div>
    </Page>
  );
}
