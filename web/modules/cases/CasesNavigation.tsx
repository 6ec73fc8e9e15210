import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../app/session.ts';

/**
 * The other pages of the module, from the worklist: a new case, the case types, the quotas, the legal
 * expert's questions, the desks.
 */
export function CasesNavigation() {
  const { t } = useTranslation();
  const canSubmit = usePermission('cases.submit');
  const canReadTypes = usePermission('cases.types.read');
  const canManageDesks = usePermission('cases.desks.manage');
  return (
    <div className="d-flex flex-wrap gap-3 mb-4">
      {canSubmit && (
        <Link className="btn btn-primary" to="/pratiche/nuova">
          {t('cases.newCase.link')}
        </Link>
      )}
      {canReadTypes && (
        <Link className="btn btn-outline-primary" to="/pratiche/tipi">
          {t('cases.types.title')}
        </Link>
      )}
      <Link className="btn btn-outline-primary" to="/pratiche/quote">
        {t('cases.quotas.title')}
      </Link>
      <Link className="btn btn-outline-primary" to="/pratiche/quesiti">
        {t('cases.legalQueue.title')}
      </Link>
      {canManageDesks && (
        <Link className="btn btn-outline-primary" to="/pratiche/sportelli">
          {t('cases.desks.title')}
        </Link>
      )}
    </div>
  );
}
