/** An office ready for the portal tests: a prefecture with a SUI manager and operator, a quota and a desk. */
import { expect } from 'vitest';
import type { Role } from '../../src/kernel/permissions.ts';
import { loadPortalContent } from '../../src/modules/portal/sheets/content.ts';
import type { TestApp } from './app.ts';
import { workPermitApplication } from './cases.ts';
import { makeOrganisation, makeUser, type Session, signIn } from './identity.ts';
import { setQuota } from './intake.ts';

export const DESK_PLACE = 'Prefettura di Lodi, Corso Umberto I 40, 26900 Lodi (LO), piano terra';

export type PortalOffice = {
  organisationId: string;
  manager: Session;
  deskId: string;
  member(role: Role): Promise<{ id: string; session: Session }>;
  /** A work-permit case through the API, with the worker's passport number and birth date. */
  newCase(n: number): Promise<{ id: string; number: string; passport: string; birthDate: string }>;
};

export async function openPortalOffice(t: TestApp): Promise<PortalOffice> {
  await loadPortalContent(t.platform);
  const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
  const member = async (role: Role) => {
    const user = await makeUser(t.platform, [{ organisationId: prefecture.id, role }]);
    return { id: user.id, session: await signIn(t.app, user.email) };
  };
  const manager = (await member('sui_manager')).session;
  await setQuota(t.app, manager, 100);
  const desk = await t.app.inject({
    method: 'POST',
    url: '/api/desks',
    headers: manager.headers,
    payload: {
      name: 'Sportello 1',
      place: DESK_PLACE,
      openings: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday,
        opens: '09:00',
        closes: '12:00',
        slotMinutes: 30,
      })),
    },
  });
  expect(desk.statusCode).toBe(201);
  return {
    organisationId: prefecture.id,
    manager,
    deskId: desk.json().id,
    member,
    async newCase(n) {
      const application = workPermitApplication(n);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: manager.headers,
        payload: application,
      });
      expect(created.statusCode).toBe(201);
      const worker = application.parties.find((party) => party.role === 'WORKER');
      const person = worker && 'person' in worker ? worker.person : undefined;
      return {
        ...(created.json() as { id: string; number: string }),
        passport: person?.passport?.number ?? '',
        birthDate: person?.birthDate ?? '',
      };
    },
  };
}

/** The visible text of a page's main part, for comparing answers. */
export const mainText = (html: string) =>
  /<main[^>]*>([\s\S]*)<\/main>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() ?? '';

export const form = (values: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(values).toString(),
});

/** Two services of the council's directory, in Codogno and in Lodi. */
export const HOUSING = {
  name: 'Sportello casa',
  description: 'Orientamento alla ricerca di un alloggio – testo interno della scheda.',
  municipalityIstatCode: '098019',
  address: 'Via Roma 1, Codogno',
  themes: ['HOUSING'],
  targetGroups: ['Famiglie in ricongiungimento'],
  languages: ['ar', 'en'],
  eligibility: 'Residenti nel Basso Lodigiano',
  hours: 'Martedì 9–12',
  phone: '0377 123456',
  email: 'casa@caritas.example',
};
export const SCHOOL = {
  name: 'Corso di italiano serale',
  description: 'Corso A1–A2.',
  municipalityIstatCode: '098031',
  themes: ['SCHOOL', 'WORK'],
  targetGroups: [],
  languages: ['uk'],
  url: 'https://caritas.example/corsi',
};

/** Services of the council's directory, listed by a third-sector organisation through the API. */
export async function listTerritorialServices(t: TestApp, services: object[]): Promise<void> {
  const caritas = await makeOrganisation(t.platform, { type: 'THIRD_SECTOR', name: 'Caritas Lodigiana' });
  const user = await makeUser(t.platform, [{ organisationId: caritas.id, role: 'council_member' }]);
  const member = await signIn(t.app, user.email);
  for (const payload of services) {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/council/services',
      headers: member.headers,
      payload,
    });
    expect(created.statusCode).toBe(201);
  }
}
