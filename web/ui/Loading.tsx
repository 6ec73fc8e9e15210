import { useTranslation } from 'react-i18next';
import { ApiError, fieldPath } from '../app/api.ts';
import { sentence } from './fields.tsx';

/** Shown while data is on its way. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="text-secondary">
      {t('common.loading')}
    </p>
  );
}

type LoadErrorProps = {
  error: unknown;
  /** Names of the query's parameters as the page shows them (`userId` → "Identificativo dell'utente"). */
  labels?: Record<string, string>;
};

/** Why data could not be shown, with each refused parameter when the server names them. */
export function LoadError({ error, labels = {} }: LoadErrorProps) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) {
    return (
      <div className="alert alert-danger" role="alert">
        {t('errors.generic')}
      </div>
    );
  }
  const fieldErrors = error.problem.errors ?? [];
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-0">{error.userMessage}</p>
      {fieldErrors.length > 0 && (
        <ul className="mb-0 mt-2">
          {fieldErrors.map(({ path, message }) => {
            const name = fieldPath(path);
            return (
              <li key={path}>
                {labels[name] ?? name}: {sentence(message)}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
