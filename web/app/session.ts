import { type QueryClient, useQuery } from '@tanstack/react-query';
import { flushSync } from 'react-dom';
import type { Permission, SessionView } from '../../src/modules/identity/contract.ts';
import { ApiError, api, rememberCsrfToken } from './api.ts';

export const SESSION_KEY = ['session'] as const;

/** Pages anyone may open: signing in and setting a password. */
export const PUBLIC_PATHS = ['/accesso', '/recupera-password', '/reimposta-password', '/attiva-account'];

async function fetchSession(): Promise<SessionView | null> {
  try {
    return adoptSession(await api.get<SessionView>('/api/auth/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      rememberCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Takes a session view the server sent: its CSRF token goes with every later change. */
export function adoptSession(view: SessionView): SessionView {
  rememberCsrfToken(view.csrfToken);
  return view;
}

/** The signed-in user and their rights in the current organisation; null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** The session of a page that is only shown to signed-in users (see RequireSession). */
export function useSignedInSession(): SessionView {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession used outside RequireSession');
  return data;
}

export function hasAnyPermission(
  session: SessionView | null | undefined,
  permissions: readonly Permission[],
) {
  return !!session && permissions.some((permission) => session.permissions.includes(permission));
}

export function usePermission(permission: Permission): boolean {
  const { data } = useSession();
  return hasAnyPermission(data, [permission]);
}

/** Only a path of this site may follow sign-in: anything else could send the user to another one. */
export function safeReturnPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export function loginPathFor(location: { pathname: string; search: string }, isExpired = false): string {
  const params = new URLSearchParams();
  if (isExpired) params.set('scaduta', '1');
  params.set('next', `${location.pathname}${location.search}`);
  return `/accesso?${params}`;
}

/**
 * Forgets the session and everything read under it, then goes to the sign-in page. The session is gone
 * before the new page renders, and the page renders at once, so that no page behind sign-in sees the change
 * and sends the user to sign in a second time.
 */
export function leaveSession(queryClient: QueryClient, goToSignIn: () => void): void {
  rememberCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
  queryClient.setQueryData(SESSION_KEY, null);
  flushSync(goToSignIn);
}
