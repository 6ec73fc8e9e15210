import type { ComponentType } from 'react';
import { CasesPage } from '../modules/cases/CasesPage.tsx';
import { CouncilPage } from '../modules/council/CouncilPage.tsx';
import { OpinionsPage } from '../modules/exchange/OpinionsPage.tsx';
import { AdministrationPage } from '../modules/identity/AdministrationPage.tsx';
import { OutreachPage } from '../modules/outreach/OutreachPage.tsx';
import { ProjectPage } from '../modules/project/ProjectPage.tsx';
import { TrainingPage } from '../modules/training/TrainingPage.tsx';

export type ModuleEntry = {
  path: string;
  key: 'cases' | 'opinions' | 'council' | 'training' | 'outreach' | 'project' | 'administration';
  Page: ComponentType;
};

/** The back-office modules, in menu order: each is one entry of the main navigation and one route. */
export const modules: readonly ModuleEntry[] = [
  { path: '/pratiche', key: 'cases', Page: CasesPage },
  { path: '/pareri', key: 'opinions', Page: OpinionsPage },
  { path: '/cti', key: 'council', Page: CouncilPage },
  { path: '/formazione', key: 'training', Page: TrainingPage },
  { path: '/comunicazione', key: 'outreach', Page: OutreachPage },
  { path: '/progetto', key: 'project', Page: ProjectPage },
  { path: '/amministrazione', key: 'administration', Page: AdministrationPage },
];
