/** A prefecture's intake desk for case submission tests: a manager, a portal client and a quota. */
import { expect } from 'vitest';
import { SYSTEM_CALLER } from '../../src/kernel/auth.ts';
import type { Backend } from '../../src/kernel/db.ts';
import { createApiClient } from '../../src/modules/identity/service.ts';
import { startTestApp, type TestApp } from './app.ts';
import { openTestDatabase, type TestDatabase } from './database.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './identity.ts';

export interface IntakeDesk {
  database: TestDatabase;
  t: TestApp;
  /** The SUI manager of the prefecture. */
  manager: Session;
  /** The authorisation header of the national portal's API client. */
  bearer: Record<string, string>;
}

/** Starts the application (with `options`) and gives it the 2026 non-seasonal quota of `quota` places. */
export async function openIntakeDesk(
  backend: Backend,
  quota: number,
  options: Parameters<typeof startTestApp>[1] = {},
): Promise<IntakeDesk> {
  const database = await openTestDatabase(backend);
  const t = await startTestApp(database, options);
  const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
  const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]);
  const manager = await signIn(t.app, user.email);
  const client = await createApiClient(t.platform, SYSTEM_CALLER, {
    organisationCode: 'PREF-LO',
    name: 'Portale ALI',
  });
  await setQuota(t.app, manager, quota, 'DPCM 2.10.2025, ripartizione provinciale');
  return { database, t, manager, bearer: { authorization: `Bearer ${client.token}` } };
}

/** Sets the office's 2026 quota for non-seasonal work, the sector of the tests' applications, as its manager. */
export async function setQuota(
  app: TestApp['app'],
  manager: Pick<Session, 'headers'>,
  total: number,
  legalBasis = 'DPCM 2.10.2025',
): Promise<void> {
  const answer = await app.inject({
    method: 'PUT',
    url: '/api/quotas',
    headers: manager.headers,
    payload: { year: 2026, sector: 'NON_SEASONAL', total, legalBasis },
  });
  expect(answer.statusCode).toBe(200);
}
