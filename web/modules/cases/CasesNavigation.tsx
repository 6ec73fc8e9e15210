import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission, useSignedInSession } from '../../app/session.ts';

/**
 * The other pages of the module, from the worklist: a new case, the case types, the quotas, the legal
 * expert's questions, the mediators (and a mediator's own profile), the desks, the convocation's languages.
 */
export function CasesNavigation() {
  const { t } = useTranslation();
  const canSubmit = usePermission('cases.submit');
  const canReadTypes = usePermission('cases.types.read');
  const canManageDesks = usePermission('cases.desks.manage');
  const session = useSignedInSession();
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
      <Link className="btn btn-outline-primary" to="/pratiche/mediatori">
        {t('cases.mediators.title')}
      </Link>
      {session.roles.includes('mediator') && (
        <Link className="btn btn-outline-primary" to={`/pratiche/mediatori/${session.user.id}`}>
          {t('cases.mediators.myProfile')}
        </Link>
      )}
      {canManageDesks && (
        <Link className="btn btn-outline-primary" to="/pratiche/sportelli">
          {t('cases.desks.title')}
        </Link>
      )}
      <Link className="btn btn-outline-primary" to="/pratiche/convocazioni">
        {t('cases.convocations.title')}
      </Link>
    </div>
  );
}
