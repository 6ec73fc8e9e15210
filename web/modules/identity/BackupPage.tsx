import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { backupStatus } from '../../../src/modules/ops/contract.ts';
import { ApiError, api } from '../../app/api.ts';
import { useSignedInSession } from '../../app/session.ts';
import { formatDateTime } from '../../ui/dates.ts';
import { FormProblem } from '../../ui/forms.tsx';
import { LoadError, Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { administrationTrail } from './administration.ts';

type BackupStatus = z.infer<typeof backupStatus>;

const STATUS_KEY = ['ops', 'backup'] as const;

const megabytes = (bytes: number) =>
  new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
const seconds = (ms: number) =>
  new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 }).format(ms / 1000);

/** When the latest run, succeeded or failed, started. */
function latestRun(status: BackupStatus | undefined): string | null {
  const times = [status?.lastSuccess?.at, status?.lastFailure?.at].filter((at): at is string => Boolean(at));
  return times.sort().at(-1) ?? null;
}

/** The backups of the platform: the last one that succeeded, the last failure, the schedule, "Esegui ora". */
export function BackupPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  // The latest run when "Esegui ora" was pressed: the page asks again until a newer one is recorded.
  const [awaitedAfter, setAwaitedAfter] = useState<string | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => api.get<BackupStatus>('/api/ops/backup'),
    refetchInterval: (query) =>
      awaitedAfter !== undefined && latestRun(query.state.data) === awaitedAfter ? 3000 : false,
  });
  const isWaiting = awaitedAfter !== undefined && latestRun(status.data) === awaitedAfter;
  const notice = awaitedAfter === undefined ? null : t(isWaiting ? 'backup.queued' : 'backup.finished');
  const runNow = useMutation({
    mutationFn: () => api.post('/api/ops/backup/run'),
    onSuccess: () => {
      setProblem(null);
      setAwaitedAfter(latestRun(status.data));
      void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.userMessage : t('errors.generic')),
  });

  return (
    <Page
      title={t('administration.backup.title')}
      trail={administrationTrail(session, t('modules.administration.title'))}
    >
      <p>{t('backup.intro')}</p>
      <Notice message={notice} />
      <FormProblem message={problem} />
      {status.isPending ? (
        <Loading />
      ) : status.error ? (
        <LoadError error={status.error} />
      ) : (
        <>
          <dl className="row">
            <dt className="col-sm-4">{t('backup.lastSuccess')}</dt>
            <dd className="col-sm-8">
              {status.data.lastSuccess
                ? t('backup.successDetails', {
                    at: formatDateTime(status.data.lastSuccess.at),
                    size: megabytes(status.data.lastSuccess.sizeBytes),
                    duration: seconds(status.data.lastSuccess.durationMs),
                  })
                : t('backup.never')}
            </dd>
            {status.data.lastSuccess && (
              <>
                <dt className="col-sm-4">{t('backup.archive')}</dt>
                <dd className="col-sm-8">{status.data.lastSuccess.archive}</dd>
              </>
            )}
            <dt className="col-sm-4">{t('backup.schedule')}</dt>
            <dd className="col-sm-8">
              {t('backup.scheduleDetails', {
                time: status.data.schedule.time,
                keep: status.data.schedule.keep,
                folder: status.data.schedule.folder,
              })}
            </dd>
          </dl>
          {status.data.lastFailure && (
            <div className="alert alert-danger" role="alert">
              <p className="fw-semibold mb-1">
                {t('backup.lastFailure', { at: formatDateTime(status.data.lastFailure.at) })}
              </p>
              <p className="mb-0">{status.data.lastFailure.message}</p>
            </div>
          )}
          {status.data.canRunNow ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => runNow.mutate()}
              disabled={runNow.isPending || isWaiting}
            >
              {t('backup.runNow')}
            </button>
          ) : (
            <p>{t('backup.noJobs')}</p>
          )}
        </>
      )}
    </Page>
  );
}
