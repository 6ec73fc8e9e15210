import type { ComponentType } from 'react';
import type { Permission, SessionView } from '../../src/modules/identity/contract.ts';
import { WorklistPage } from '../modules/cases/casesRoutes.tsx';
import { CouncilPage } from '../modules/council/CouncilPage.tsx';
import { OpinionsPage } from '../modules/exchange/OpinionsPage.tsx';
import { AdministrationPage } from '../modules/identity/AdministrationPage.tsx';
import { ADMINISTRATION_PERMISSIONS } from '../modules/identity/administration.ts';
import { OutreachPage } from '../modules/outreach/outreachRoutes.tsx';
import { ProjectPage } from '../modules/project/ProjectPage.tsx';
import { SurveysPage } from '../modules/surveys/SurveysPage.tsx';
import { TrainingPage } from '../modules/training/TrainingPage.tsx';
import { UpdatesPage } from '../modules/updates/UpdatesPage.tsx';
import { hasAnyPermission } from './session.ts';

export type ModuleEntry = {
  path: string;
  key:
    | 'cases'
    | 'opinions'
    | 'council'
    | 'training'
    | 'outreach'
    | 'project'
    | 'surveys'
    | 'administration'
    | 'updates';
  /** A user holding any of these may open the module. */
  permissions: readonly Permission[];
  Page: ComponentType;
};

/** The back-office modules, in menu order: each is one entry of the main navigation and one route. */
export const modules: readonly ModuleEntry[] = [
  { path: '/pratiche', key: 'cases', permissions: ['cases.access'], Page: WorklistPage },
  { path: '/pareri', key: 'opinions', permissions: ['exchange.access'], Page: OpinionsPage },
  // The legal expert's work and the SUI's reading: next to the cases it reaches (decision 056).
  { path: '/novita-normative', key: 'updates', permissions: ['updates.read'], Page: UpdatesPage },
  { path: '/cti', key: 'council', permissions: ['council.access'], Page: CouncilPage },
  {
    path: '/formazione',
    key: 'training',
    permissions: ['training.access', 'training.staff', 'training.mentoring'],
    Page: TrainingPage,
  },
  { path: '/comunicazione', key: 'outreach', permissions: ['outreach.access'], Page: OutreachPage },
  { path: '/progetto', key: 'project', permissions: ['project.access'], Page: ProjectPage },
  // Those who build questionnaires, and those who take part in what they are sent for (anyone invited also
  // reaches a questionnaire through the link in the invitation).
  {
    path: '/questionari',
    key: 'surveys',
    permissions: ['surveys.build', 'council.access', 'training.access', 'outreach.access'],
    Page: SurveysPage,
  },
  {
    path: '/amministrazione',
    key: 'administration',
    permissions: ADMINISTRATION_PERMISSIONS,
    Page: AdministrationPage,
  },
];

/** The modules a user may open, for the menu and the desk. */
export function allowedModules(session: SessionView | null | undefined): readonly ModuleEntry[] {
  return modules.filter(({ permissions }) => hasAnyPermission(session, permissions));
}
