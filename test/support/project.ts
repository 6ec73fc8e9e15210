import type { Role } from '../../src/kernel/permissions.ts';
import type { TestApp } from './app.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './identity.ts';

/**
 * The organisations of a project's API test: the Prefettura (the lead), the cooperative (the partner) and a
 * second cooperative whose referent must never reach the first one's records.
 */
export async function projectOrganisations(t: TestApp, second = 'Cooperativa Altrove') {
  const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
  const coop = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: 'Cooperativa LULE' });
  const other = await makeOrganisation(t.platform, { type: 'COOPERATIVE', name: second });
  return { prefectureId: prefecture.id, coopId: coop.id, otherId: other.id };
}

/** One user per person of the test, with the role in the organisation given, signed in. */
export async function signInPeople<P extends string>(
  t: TestApp,
  people: readonly (readonly [P, string, Role])[],
  sessions: Record<P, Session>,
): Promise<void> {
  for (const [who, organisationId, role] of people) {
    const user = await makeUser(t.platform, [{ organisationId, role }]);
    sessions[who] = await signIn(t.app, user.email);
  }
}
