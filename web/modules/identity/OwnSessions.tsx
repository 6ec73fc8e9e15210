import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { leaveSession } from '../../app/session.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDateTime } from '../../ui/dates.ts';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { TableScroll } from '../../ui/TableScroll.tsx';
import { auth, keys, type OwnSession } from './requests.ts';

/** The user's open sessions, this one marked, each of the others can be ended from here. */
export function OwnSessions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery({ queryKey: keys.ownSessions, queryFn: auth.ownSessions });
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const onError = (error: Error) =>
    setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic'));

  const end = useMutation({
    mutationFn: (session: OwnSession) => auth.endOwnSession(session.id),
    onSuccess: () => {
      setNotice(t('sessions.ended'));
      return queryClient.invalidateQueries({ queryKey: keys.ownSessions });
    },
    onError,
  });
  const endEverywhere = useMutation({
    mutationFn: auth.logoutEverywhere,
    onSuccess: () => leaveSession(queryClient, () => navigate('/accesso?uscita=1')),
    onError,
  });

  if (sessions.isPending) return <Loading />;
  if (sessions.error) return <LoadError error={sessions.error} />;

  return (
    <>
      <Notice message={notice} />
      {problem && (
        <div className="alert alert-danger" role="alert">
          {problem}
        </div>
      )}
      <TableScroll label={t('sessions.caption')}>
        <table className="table align-middle">
          <caption className="visually-hidden">{t('sessions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.method')}</th>
              <th scope="col">{t('sessions.started')}</th>
              <th scope="col">{t('sessions.lastSeen')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('sessions.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((session) => (
              <tr key={session.id}>
                <th scope="row" className="fw-normal">
                  {describeDevice(session.userAgent) ?? t('sessions.unknownDevice')}
                  {session.clientAddress && <span className="d-block small">{session.clientAddress}</span>}
                </th>
                <td>{t(`sessions.methods.${session.authMethod}`)}</td>
                <td>{formatDateTime(session.createdAt)}</td>
                <td>{formatDateTime(session.lastSeenAt)}</td>
                <td className="text-end">
                  {session.current ? (
                    <span className="badge bg-primary">{t('sessions.current')}</span>
                  ) : (
                    <button
                      type="button"
                      className="btn btn-outline-danger btn-sm"
                      onClick={() => end.mutate(session)}
                      disabled={end.isPending}
                      aria-label={t('sessions.endLabel', {
                        device: describeDevice(session.userAgent) ?? t('sessions.unknownDevice'),
                        started: formatDateTime(session.createdAt),
                      })}
                    >
                      {t('sessions.end')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <button type="button" className="btn btn-outline-danger mt-3" onClick={() => setConfirming(true)}>
        {t('sessions.endEverywhere')}
      </button>
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('sessions.confirmTitle')}
        message={t('sessions.confirmMessage')}
        confirmLabel={t('sessions.endEverywhere')}
        isPending={endEverywhere.isPending}
        onConfirm={() => endEverywhere.mutate()}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/(Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox su Windows" from a user agent string; undefined when it says nothing recognisable. */
function describeDevice(userAgent: string | null): string | undefined {
  if (!userAgent) return undefined;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}
