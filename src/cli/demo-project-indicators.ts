/**
 * Demo data of the project's indicators: LO.V.I.T. 2.0's indicators (fami-reporting.md §6) bound to the
 * modules' sources, one entered by hand with its evidence, and two snapshots of past reporting periods, so the
 * page shows values from the demo's cases, meetings, training and events at first start. Loaded after
 * `loadDemoProject`, through the real use cases.
 */
import type { Platform } from '../kernel/platform.ts';
import type { IndicatorInput } from '../modules/project/indicators/contract.ts';
import {
  addManualValue,
  createIndicator,
  indicatorsPage,
  takeSnapshot,
} from '../modules/project/indicators/service.ts';
import { listProjects } from '../modules/project/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

type DemoIndicator = Omit<IndicatorInput, 'workPackageId'> & { wp: string };

const INDICATORS: DemoIndicator[] = [
  {
    wp: 'WP1',
    code: 'O1.1',
    name: 'Sedute del Consiglio e dei tavoli tematici',
    kind: 'OUTPUT',
    unit: 'sedute',
    baseline: 0,
    target: 12,
    source: 'council.meetings-held',
  },
  {
    wp: 'WP1',
    code: 'O1.2',
    name: 'Enti partecipanti alle sedute',
    kind: 'OUTPUT',
    unit: 'enti',
    baseline: 0,
    target: 20,
    source: 'council.organisations-present',
  },
  {
    wp: 'WP1',
    code: 'O1.3',
    name: 'Analisi dei bisogni e delle risorse consegnata',
    kind: 'OUTPUT',
    unit: 'sì = 1',
    baseline: 0,
    target: 1,
    source: 'MANUAL',
  },
  {
    wp: 'WP1',
    code: 'O1.4',
    name: 'Iniziative programmate dai tavoli',
    kind: 'OUTPUT',
    unit: 'iniziative',
    baseline: 0,
    target: 6,
    source: 'council.initiatives',
  },
  {
    wp: 'WP2',
    code: 'O2.1',
    name: 'Pratiche SUI trattate',
    kind: 'OUTPUT',
    unit: 'pratiche',
    baseline: 0,
    target: 1500,
    source: 'cases.handled',
  },
  {
    wp: 'WP2',
    code: 'O2.2',
    name: 'Pratiche trattate con il supporto dell’équipe',
    kind: 'OUTPUT',
    unit: 'pratiche',
    baseline: 0,
    target: 300,
    source: 'cases.team-support',
  },
  {
    wp: 'WP2',
    code: 'O2.3',
    name: 'Persone assistite',
    kind: 'OUTPUT',
    unit: 'persone',
    baseline: 0,
    target: 1200,
    source: 'cases.people-assisted',
  },
  {
    wp: 'WP2',
    code: 'R2.1',
    name: 'Tempo medio di risposta ai pareri di Questura e Ispettorato',
    kind: 'RESULT',
    unit: 'giorni',
    baseline: 45,
    target: 20,
    source: 'exchange.opinion-answer-days',
  },
  {
    wp: 'WP3',
    code: 'O3.1',
    name: 'Operatori pubblici formati',
    kind: 'OUTPUT',
    unit: 'operatori',
    baseline: 0,
    target: 60,
    source: 'training.operators-trained-public',
  },
  {
    wp: 'WP3',
    code: 'O3.2',
    name: 'Operatori del privato sociale formati',
    kind: 'OUTPUT',
    unit: 'operatori',
    baseline: 0,
    target: 40,
    source: 'training.operators-trained-private',
  },
  {
    wp: 'WP3',
    code: 'O3.3',
    name: 'Aggiornamenti normativi e giurisprudenziali',
    kind: 'OUTPUT',
    unit: 'aggiornamenti',
    baseline: 0,
    target: 24,
    source: 'updates.published',
  },
  {
    wp: 'WP4',
    code: 'O4.1',
    name: 'Articoli pubblicati sul sito',
    kind: 'OUTPUT',
    unit: 'articoli',
    baseline: 0,
    target: 30,
    source: 'outreach.articles',
  },
  {
    wp: 'WP4',
    code: 'O4.2',
    name: 'Sessioni di eventi tenute',
    kind: 'OUTPUT',
    unit: 'sessioni',
    baseline: 0,
    target: 10,
    source: 'outreach.sessions-held',
  },
  {
    wp: 'WP4',
    code: 'O4.3',
    name: 'Partecipanti agli eventi',
    kind: 'OUTPUT',
    unit: 'partecipanti',
    baseline: 0,
    target: 400,
    source: 'outreach.participants',
  },
];

export async function loadDemoProjectIndicators(demo: DemoPlatform): Promise<void> {
  const platform = withoutMail(demo);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  if (!manager) return;
  const project = (await listProjects(platform)).find((p) => p.code === 'LOVIT-2');
  if (!project) return;
  const page = await indicatorsPage(platform, manager, project.id);
  if (page.indicators.length > 0) return;
  const packages = new Map(page.workPackages.map((wp) => [wp.code, wp.id]));
  for (const { wp, ...indicator } of INDICATORS)
    await createIndicator(platform, manager, project.id, {
      ...indicator,
      workPackageId: packages.get(wp) ?? null,
    });
  const defined = await indicatorsPage(platform, manager, project.id);
  const analysis = defined.indicators.find((i) => i.code === 'O1.3');
  if (analysis)
    await addManualValue(platform, manager, analysis.id, {
      value: 1,
      measuredOn: inDays(platform, -190),
      note: 'Mappa dei bisogni e delle risorse (D1.1) consegnata al Consiglio e approvata in seduta plenaria.',
    });
  const day = (days: number) => inDays(platform, days);
  await takeSnapshot(platform, manager, project.id, {
    label: 'Primo periodo',
    from: project.startsOn,
    to: day(-31),
  });
  await takeSnapshot(platform, manager, project.id, {
    label: 'Secondo periodo',
    from: day(-30),
    to: day(0),
  });
}
