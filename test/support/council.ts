/** A thematic table ready for meetings: the Prefettura's secretariat, and the member organisations seated. */
import type { TestApp } from './app.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './identity.ts';

export type Seat = {
  organisation: string;
  type: 'MUNICIPALITY' | 'THIRD_SECTOR';
  representativeName: string;
  representativeEmail: string;
};

export type CouncilSetUp = {
  secretariat: Session;
  secretariatEmail: string;
  tableId: string;
  /** The ids of the seated organisations, in the order given; the first coordinates the table. */
  organisationIds: string[];
  /** Sends a POST as the secretariat. */
  post: (url: string, payload: object) => Promise<Awaited<ReturnType<TestApp['app']['inject']>>>;
};

export async function setUpCouncilTable(
  t: TestApp,
  table: { name: string; theme: 'WORK' | 'HEALTH' | 'SCHOOL' },
  seats: readonly Seat[],
): Promise<CouncilSetUp> {
  const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
  const secretariatEmail = (
    await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'council_secretariat' }])
  ).email;
  const secretariat = await signIn(t.app, secretariatEmail);
  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: secretariat.headers, payload });
  const organisationIds: string[] = [];
  for (const seat of seats)
    organisationIds.push(
      (await makeOrganisation(t.platform, { name: seat.organisation, type: seat.type })).id,
    );
  const created = await post('/api/council/tables', {
    kind: 'THEMATIC',
    ...table,
    mandate: 'Analizzare i bisogni del territorio e proporre interventi.',
    startsOn: '2026-01-01',
    coordinatorOrganisationId: organisationIds[0],
  });
  const tableId: string = created.json().id;
  for (const [index, seat] of seats.entries())
    await post(`/api/council/tables/${tableId}/members`, {
      organisationId: organisationIds[index],
      representativeName: seat.representativeName,
      representativeEmail: seat.representativeEmail,
      fromOn: '2026-01-01',
    });
  return { secretariat, secretariatEmail, tableId, organisationIds, post };
}

/** A user with the council member's role in an organisation, signed in. */
export async function signInCouncilMember(t: TestApp, organisationId: string) {
  const { email } = await makeUser(t.platform, [{ organisationId, role: 'council_member' }]);
  return { email, session: await signIn(t.app, email) };
}
