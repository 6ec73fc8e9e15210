import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Readiness =
  | { state: 'checking' }
  | { state: 'ok' }
  | { state: 'degraded'; failed: string[] }
  | { state: 'unreachable' };

/** The server's readiness report: `{ status, checks: { name: 'ok' | 'error' } }`, also sent with a 503. */
async function fetchReadiness(signal: AbortSignal): Promise<Readiness> {
  const response = await fetch('/readyz', { signal, headers: { accept: 'application/json' } });
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('status' in body)) return { state: 'unreachable' };
  if (body.status === 'ok' && response.ok) return { state: 'ok' };
  const checks =
    'checks' in body && typeof body.checks === 'object' && body.checks !== null ? body.checks : {};
  const failed = Object.entries(checks)
    .filter(([, result]) => result !== 'ok')
    .map(([name]) => name);
  return { state: 'degraded', failed };
}

export function PlatformStatus() {
  const { t } = useTranslation();
  const [readiness, setReadiness] = useState<Readiness>({ state: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    fetchReadiness(controller.signal).then(setReadiness, () => {
      if (!controller.signal.aborted) setReadiness({ state: 'unreachable' });
    });
    return () => controller.abort();
  }, []);

  const checkName = (name: string) => t(`status.checks.${name}`, { defaultValue: name });

  const failure = (() => {
    if (readiness.state === 'unreachable') return t('status.unreachable');
    if (readiness.state !== 'degraded') return undefined;
    if (readiness.failed.length === 0) return t('status.down');
    return t('status.degraded', { checks: readiness.failed.map(checkName).join(', ') });
  })();

  return (
    <>
      <div role="status">
        {readiness.state === 'checking' && <p className="text-secondary">{t('status.checking')}</p>}
        {readiness.state === 'ok' && <div className="alert alert-success">{t('status.ok')}</div>}
      </div>
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
    </>
  );
}
