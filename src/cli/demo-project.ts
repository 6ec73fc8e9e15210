/**
 * Demo data of project management: LO.V.I.T. (FAMI 2014-2020, PROG-3858, its real CUP) with its four work
 * packages, ended; LO.V.I.T. 2.0 (FAMI 2021-2027) running around today, its plan partly done, one activity
 * late and one milestone ahead, and the WP supervisor's note of last month. The dates of both are illustrative;
 * the identifiers are the project's own. Loaded through the real use cases.
 */
import type { Platform } from '../kernel/platform.ts';
import { findOrganisationByCode } from '../modules/identity/directory.ts';
import type { ItemInput } from '../modules/project/contract.ts';
import {
  createItem,
  createProject,
  createWorkPackage,
  getProject,
  setPartner,
  writeNote,
} from '../modules/project/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const PACKAGES = [
  { code: 'WP1', title: 'Rafforzamento e potenziamento del Consiglio territoriale per l’immigrazione' },
  {
    code: 'WP2',
    title: 'Potenziamento dello Sportello unico e dello scambio di informazioni con la Questura',
  },
  { code: 'WP3', title: 'Formazione e training on the job per operatori pubblici e privati' },
  { code: 'WP4', title: 'Diffusione dei risultati e sensibilizzazione sui temi dell’immigrazione' },
];

type PlannedItem = Omit<ItemInput, 'status' | 'actualStart' | 'actualEnd'> & {
  done?: true;
  begun?: true;
};

export async function loadDemoProject(demo: DemoPlatform): Promise<void> {
  const platform = withoutMail(demo);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  const supervisor = await memberCaller(platform, 'supervisore@lovit.example', ['project_supervisor']);
  const prefecture = await findOrganisationByCode(platform, 'PREF-LO');
  const lule = await findOrganisationByCode(platform, 'COOP-LULE');
  if (!manager || !supervisor || !prefecture || !lule) return;
  const day = (days: number) => inDays(platform, days);

  const first = await createProject(platform, manager, {
    code: 'PROG-3858',
    acronym: 'LO.V.I.T.',
    title: 'Lodi verso l’integrazione territoriale',
    programme: 'FAMI_2014_2020',
    objective: 'OS2 – ON 2.3 Capacity building e governance dei servizi',
    cup: 'F79I22002140006',
    startsOn: '2022-10-01',
    endsOn: '2023-12-31',
  });
  const second = await createProject(platform, manager, {
    code: 'LOVIT-2',
    acronym: 'LO.V.I.T. 2.0',
    title: 'Lodi verso l’integrazione territoriale 2.0',
    programme: 'FAMI_2021_2027',
    objective: 'Capacity building e governance dei servizi per i cittadini di Paesi terzi',
    cup: null,
    startsOn: day(-420),
    endsOn: day(300),
  });
  for (const project of [first, second]) {
    await setPartner(platform, manager, project.id, {
      organisationId: prefecture.id,
      role: 'LEAD',
      tasks: 'Capofila: coordinamento, Sportello unico, Consiglio territoriale, rendicontazione.',
    });
    await setPartner(platform, manager, project.id, {
      organisationId: lule.id,
      role: 'PARTNER',
      tasks: 'Mediazione linguistico-culturale, consulenza legale, formazione, comunicazione.',
    });
    for (const wp of PACKAGES)
      await createWorkPackage(platform, manager, project.id, {
        ...wp,
        leadOrganisationId: wp.code === 'WP1' || wp.code === 'WP2' ? prefecture.id : lule.id,
      });
  }

  const packages = new Map(
    (await getProject(platform, manager, second.id)).workPackages.map((wp) => [wp.code, wp.id]),
  );
  const plan: [string, PlannedItem][] = [
    [
      'WP1',
      {
        kind: 'ACTIVITY',
        code: 'A1.1',
        title: 'Analisi dei bisogni e delle risorse del territorio',
        plannedStart: day(-400),
        plannedEnd: day(-200),
        done: true,
      },
    ],
    [
      'WP1',
      {
        kind: 'DELIVERABLE',
        code: 'D1.1',
        title: 'Mappa dei bisogni e delle risorse',
        plannedStart: day(-220),
        plannedEnd: day(-190),
        done: true,
      },
    ],
    [
      'WP1',
      {
        kind: 'ACTIVITY',
        code: 'A1.2',
        title: 'Sedute dei tavoli tematici',
        plannedStart: day(-180),
        plannedEnd: day(240),
        begun: true,
      },
    ],
    [
      'WP2',
      {
        kind: 'ACTIVITY',
        code: 'A2.1',
        title: 'Équipe multidisciplinare allo Sportello unico',
        plannedStart: day(-400),
        plannedEnd: day(280),
        begun: true,
        owner: 'Responsabile SUI',
      },
    ],
    [
      'WP2',
      {
        kind: 'ACTIVITY',
        code: 'A2.2',
        title: 'Nuovo modello operativo dello scambio di pareri con la Questura',
        plannedStart: day(-150),
        plannedEnd: day(-20),
        begun: true,
        owner: 'Prefettura e Questura di Lodi',
        risks: 'Tempi di adesione della Questura al nuovo canale firmato.',
        mitigation: 'Incontri tecnici mensili e periodo di prova con doppio canale.',
      },
    ],
    [
      'WP2',
      {
        kind: 'MILESTONE',
        code: 'M2.1',
        title: 'Scambio firmato in esercizio',
        plannedStart: day(60),
        plannedEnd: day(60),
      },
    ],
    [
      'WP3',
      {
        kind: 'ACTIVITY',
        code: 'A3.1',
        title: 'Rilevazione dei fabbisogni formativi',
        plannedStart: day(-360),
        plannedEnd: day(-300),
        done: true,
      },
    ],
    [
      'WP3',
      {
        kind: 'ACTIVITY',
        code: 'A3.2',
        title: 'Percorsi formativi per operatori pubblici e privati',
        plannedStart: day(-280),
        plannedEnd: day(200),
        begun: true,
      },
    ],
    [
      'WP4',
      {
        kind: 'ACTIVITY',
        code: 'A4.1',
        title: 'Campagna informativa multilingue',
        plannedStart: day(-300),
        plannedEnd: day(250),
        begun: true,
      },
    ],
    [
      'WP4',
      {
        kind: 'MILESTONE',
        code: 'M4.1',
        title: 'Convegno finale',
        plannedStart: day(270),
        plannedEnd: day(270),
      },
    ],
  ];
  for (const [code, { done, begun, ...item }] of plan) {
    const started = done || begun;
    await createItem(platform, manager, packages.get(code) as string, {
      ...item,
      status: done ? 'DONE' : begun ? 'IN_PROGRESS' : 'PLANNED',
      actualStart: started ? item.plannedStart : null,
      actualEnd: done ? item.plannedEnd : null,
    });
  }
  const lastMonth = platform.clock.today().subtract({ months: 1 }).toPlainYearMonth().toString();
  await writeNote(platform, supervisor, packages.get('WP2') as string, {
    month: lastMonth,
    text:
      'L’équipe ha seguito le pratiche con il supporto della mediazione in sei lingue. Il nuovo modello di ' +
      'scambio dei pareri con la Questura è in prova: la conclusione slitta perché manca l’ultimo collaudo ' +
      'del canale firmato, fissato per il mese prossimo.',
  });
}
