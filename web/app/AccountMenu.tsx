import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { auth } from '../modules/identity/requests.ts';
import { Icon } from '../ui/Icon.tsx';
import { clearDrafts } from './drafts.ts';
import { leaveSession, useSession } from './session.ts';

/** The right end of the slim header: sign in, or the signed-in user's profile and sign-out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: auth.logout,
    onSettled: () => {
      clearDrafts();
      leaveSession(queryClient, () => navigate('/accesso?uscita=1'));
    },
  });

  if (!session) {
    return (
      <Link className="btn btn-primary btn-icon btn-full" to="/accesso">
        <span className="rounded-icon">
          <Icon name="it-user" className="icon-primary" />
        </span>
        <span>{t('header.signIn')}</span>
      </Link>
    );
  }

  return (
    <div className="d-flex align-items-center gap-1 gap-md-3">
      <Link className="btn btn-primary btn-icon btn-full px-2" to="/profilo">
        <span className="rounded-icon">
          <Icon name="it-user" className="icon-primary" />
        </span>
        <span>{t('header.profile')}</span>
      </Link>
      <button
        type="button"
        className="btn btn-primary btn-icon btn-full px-2"
        onClick={() => signOut.mutate()}
        disabled={signOut.isPending}
      >
        <Icon name="it-logout" className="icon-white" />
        <span>{t('header.signOut')}</span>
      </button>
    </div>
  );
}
