import { randomBytes } from 'node:crypto';
import { SYSTEM_CALLER } from '../../src/kernel/auth.ts';
import type { LovitApp } from '../../src/kernel/http.ts';
import { ROLE_NAMES, type Role } from '../../src/kernel/permissions.ts';
import type { Platform } from '../../src/kernel/platform.ts';
import type { NewOrganisation, SessionView } from '../../src/modules/identity/contract.ts';
import { createOrganisation, createUser } from '../../src/modules/identity/directory.ts';

export const PASSWORD = 'una password lunga e sicura';

const unique = () => randomBytes(4).toString('hex').toUpperCase();

export function makeOrganisation(platform: Platform, overrides: Partial<NewOrganisation> = {}) {
  const code = overrides.code ?? `ENTE-${unique()}`;
  return createOrganisation(platform, SYSTEM_CALLER, {
    code,
    name: `Ente ${code}`,
    type: 'OTHER',
    ...overrides,
  });
}

export async function makeUser(
  platform: Platform,
  memberships: { organisationId: string; role: Role }[],
  overrides: { email?: string; password?: string | null; fiscalCode?: string } = {},
) {
  const email = overrides.email ?? `utente.${unique().toLowerCase()}@lovit.example`;
  const password = overrides.password === null ? undefined : (overrides.password ?? PASSWORD);
  return createUser(
    platform,
    SYSTEM_CALLER,
    {
      email,
      givenName: 'Mario',
      familyName: 'Rossi',
      ...(overrides.fiscalCode ? { fiscalCode: overrides.fiscalCode } : {}),
      ...(password === undefined ? {} : { password }),
    },
    memberships,
  );
}

export type Session = { cookie: string; csrf: string; view: SessionView; headers: Record<string, string> };

/** Signs in through the real login route and returns what a browser would hold. */
export async function signIn(app: LovitApp, email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login of ${email} failed: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'lovit_session');
  if (!set) throw new Error('no session cookie');
  const cookie = `lovit_session=${set.value}`;
  const view = res.json() as SessionView;
  return { cookie, csrf: view.csrfToken, view, headers: { cookie, 'x-csrf-token': view.csrfToken } };
}

/** One user of each role in an organisation, signed in: what a route-by-route walk needs. */
export async function signInEveryRole(app: LovitApp, platform: Platform, organisationId: string) {
  const sessions = new Map<Role, Session>();
  for (const role of ROLE_NAMES) {
    const user = await makeUser(platform, [{ organisationId, role }]);
    sessions.set(role, await signIn(app, user.email));
  }
  return sessions;
}
