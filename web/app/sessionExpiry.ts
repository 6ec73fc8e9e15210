import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { SessionView } from '../../src/modules/identity/contract.ts';
import { onCsrfRejected, onSessionExpired } from './api.ts';
import { saveDrafts } from './drafts.ts';
import { leaveSession, loginPathFor, PUBLIC_PATHS, SESSION_KEY } from './session.ts';

/**
 * When a request finds the session gone, keeps what the user was typing and sends them to sign in again,
 * to come back to the same page afterwards. When it finds the CSRF token outdated, reads the session again.
 */
export function useSessionExpiryRedirect(): void {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(() => {
    onSessionExpired(() => {
      const { pathname, search } = window.location;
      if (PUBLIC_PATHS.includes(pathname)) return;
      const session = queryClient.getQueryData<SessionView | null>(SESSION_KEY);
      if (session) saveDrafts(session.user.id);
      leaveSession(queryClient, () => navigate(loginPathFor({ pathname, search }, true)));
    });
    onCsrfRejected(() => void queryClient.invalidateQueries({ queryKey: SESSION_KEY }));
    return () => {
      onSessionExpired(null);
      onCsrfRejected(null);
    };
  }, [navigate, queryClient]);
}
