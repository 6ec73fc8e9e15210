import { SYSTEM_CALLER } from '../kernel/auth.ts';
import type { Platform } from '../kernel/platform.ts';
import type { NewOrganisation, Role } from '../modules/identity/contract.ts';
import { createOrganisation, createUser, isDirectoryEmpty } from '../modules/identity/directory.ts';

const ORGANISATIONS: NewOrganisation[] = [
  {
    code: 'PREF-LO',
    name: 'Prefettura di Lodi – Ufficio Territoriale del Governo',
    type: 'PREFECTURE',
    municipalityIstatCode: '098031',
  },
  { code: 'QUEST-LO', name: 'Questura di Lodi', type: 'POLICE_HQ', municipalityIstatCode: '098031' },
  {
    code: 'ITL-LO',
    name: 'Ispettorato Territoriale del Lavoro di Lodi',
    type: 'LABOUR_INSPECTORATE',
    municipalityIstatCode: '098031',
  },
  { code: 'COM-098031', name: 'Comune di Lodi', type: 'MUNICIPALITY', municipalityIstatCode: '098031' },
  { code: 'COM-098019', name: 'Comune di Codogno', type: 'MUNICIPALITY', municipalityIstatCode: '098019' },
  {
    code: 'COM-098010',
    name: 'Comune di Casalpusterlengo',
    type: 'MUNICIPALITY',
    municipalityIstatCode: '098010',
  },
  {
    code: 'COM-098050',
    name: 'Comune di Sant’Angelo Lodigiano',
    type: 'MUNICIPALITY',
    municipalityIstatCode: '098050',
  },
  {
    code: 'COM-098032',
    name: 'Comune di Lodi Vecchio',
    type: 'MUNICIPALITY',
    municipalityIstatCode: '098032',
  },
  { code: 'COOP-LULE', name: 'LULE Società Cooperativa Sociale onlus', type: 'COOPERATIVE' },
  { code: 'REV-DEMO', name: 'Studio di revisione indipendente (demo)', type: 'OTHER' },
];

type DemoUser = {
  role: Role;
  email: string;
  givenName: string;
  familyName: string;
  organisation: string;
  /** The office the person works for on secondment, with the same role, besides their own organisation. */
  secondedTo?: string;
};

/** One demo account per role: e-mail, name, organisation. */
export const DEMO_USERS: DemoUser[] = [
  {
    role: 'admin',
    email: 'admin@lovit.example',
    givenName: 'Anna',
    familyName: 'Amministratrice',
    organisation: 'PREF-LO',
  },
  {
    role: 'sui_operator',
    email: 'operatore.sui@lovit.example',
    givenName: 'Marco',
    familyName: 'Bianchi',
    organisation: 'PREF-LO',
  },
  {
    role: 'sui_manager',
    email: 'responsabile.sui@lovit.example',
    givenName: 'Giulia',
    familyName: 'Ferrari',
    organisation: 'PREF-LO',
  },
  {
    role: 'questura_officer',
    email: 'funzionario.questura@lovit.example',
    givenName: 'Luca',
    familyName: 'Russo',
    organisation: 'QUEST-LO',
  },
  {
    role: 'inspectorate_officer',
    email: 'ispettore.itl@lovit.example',
    givenName: 'Paola',
    familyName: 'Colombo',
    organisation: 'ITL-LO',
  },
  {
    role: 'legal_expert',
    email: 'esperto.legale@lovit.example',
    givenName: 'Stefano',
    familyName: 'Ricci',
    organisation: 'COOP-LULE',
    secondedTo: 'PREF-LO',
  },
  {
    role: 'mediator',
    email: 'mediatrice@lovit.example',
    givenName: 'Amina',
    familyName: 'El Idrissi',
    organisation: 'COOP-LULE',
    secondedTo: 'PREF-LO',
  },
  {
    role: 'council_secretariat',
    email: 'segreteria.cti@lovit.example',
    givenName: 'Francesca',
    familyName: 'Galli',
    organisation: 'PREF-LO',
  },
  {
    role: 'council_member',
    email: 'componente.cti@lovit.example',
    givenName: 'Roberto',
    familyName: 'Conti',
    organisation: 'COM-098031',
  },
  {
    role: 'trainer',
    email: 'formatore@lovit.example',
    givenName: 'Elena',
    familyName: 'Marino',
    organisation: 'COOP-LULE',
  },
  {
    role: 'trainee',
    email: 'corsista@lovit.example',
    givenName: 'Davide',
    familyName: 'Greco',
    organisation: 'COM-098019',
  },
  {
    role: 'communications',
    email: 'comunicazione@lovit.example',
    givenName: 'Sara',
    familyName: 'Lombardi',
    organisation: 'PREF-LO',
  },
  {
    role: 'project_manager',
    email: 'project.manager@lovit.example',
    givenName: 'Andrea',
    familyName: 'Moretti',
    organisation: 'PREF-LO',
  },
  {
    role: 'project_supervisor',
    email: 'supervisore@lovit.example',
    givenName: 'Maria',
    familyName: 'Barbieri',
    organisation: 'PREF-LO',
  },
  {
    role: 'auditor',
    email: 'revisore@lovit.example',
    givenName: 'Giorgio',
    familyName: 'Fontana',
    organisation: 'REV-DEMO',
  },
  {
    role: 'project_partner',
    email: 'referente.lule@lovit.example',
    givenName: 'Chiara',
    familyName: 'Rinaldi',
    organisation: 'COOP-LULE',
  },
  {
    role: 'council_consultant',
    email: 'consulente.cti@lovit.example',
    givenName: 'Alberto',
    familyName: 'Caruso',
    organisation: 'COOP-LULE',
  },
];

/**
 * The other mediators of the cooperative seconded to the SUI, so that each main language of the applicants has
 * one (their languages and hours are set by the demo team, `demo-team.ts`).
 */
export const DEMO_MEDIATORS: DemoUser[] = [
  ['oksana.kovalenko', 'Oksana', 'Kovalenko'],
  ['imran.qureshi', 'Imran', 'Qureshi'],
  ['li.wei', 'Wei', 'Li'],
  ['blerina.dervishi', 'Blerina', 'Dervishi'],
].map(([name, givenName, familyName]) => ({
  role: 'mediator' as const,
  email: `${name}@lovit.example`,
  givenName: givenName as string,
  familyName: familyName as string,
  organisation: 'COOP-LULE',
  secondedTo: 'PREF-LO',
}));

/** The password of every demo account: for demonstrations and tests only, never on real data. */
export const DEMO_PASSWORD = 'lovit-demo-2026';

/** Loads the demo directory into an empty database; returns false when there was data already. */
export async function loadDemoData(
  platform: Pick<Platform, 'database' | 'clock'>,
  options: { password: string } = { password: DEMO_PASSWORD },
): Promise<boolean> {
  if (!(await isDirectoryEmpty(platform))) return false;
  const ids = new Map<string, string>();
  for (const organisation of ORGANISATIONS) {
    ids.set(organisation.code, (await createOrganisation(platform, SYSTEM_CALLER, organisation)).id);
  }
  const idOf = (code: string, email: string) => {
    const id = ids.get(code);
    if (!id) throw new Error(`demo user ${email} names unknown organisation ${code}`);
    return id;
  };
  for (const { role, organisation, secondedTo, ...user } of [...DEMO_USERS, ...DEMO_MEDIATORS]) {
    const organisationId = idOf(organisation, user.email);
    const secondment = secondedTo
      ? [{ organisationId: idOf(secondedTo, user.email), role, secondedFrom: organisationId }]
      : [];
    await createUser(platform, SYSTEM_CALLER, { ...user, password: options.password }, [
      { organisationId, role },
      ...secondment,
    ]);
  }
  return true;
}
