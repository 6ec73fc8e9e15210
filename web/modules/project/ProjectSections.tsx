import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Permission } from '../../../src/modules/identity/contract.ts';
import { useSignedInSession } from '../../app/session.ts';
import { Page } from '../../ui/Page.tsx';

type Section = {
  path: string;
  label:
    | 'plan'
    | 'budget'
    | 'expenses'
    | 'procurement'
    | 'staff'
    | 'timesheets'
    | 'claims'
    | 'indicators'
    | 'reports';
};

/** Who sees each section of a project: the plan is everyone's; the rest follows the permission matrix. */
const SECTIONS: (Section & { anyOf: Permission[] })[] = [
  { path: '', label: 'plan', anyOf: ['project.access'] },
  { path: '/budget', label: 'budget', anyOf: ['project.finance.read'] },
  { path: '/spese', label: 'expenses', anyOf: ['project.finance.read'] },
  { path: '/acquisti', label: 'procurement', anyOf: ['project.procurement.read'] },
  { path: '/personale', label: 'staff', anyOf: ['project.finance.read'] },
  {
    path: '/fogli-ore',
    label: 'timesheets',
    anyOf: ['project.timesheets.own', 'project.timesheets.approve'],
  },
  { path: '/domande-di-rimborso', label: 'claims', anyOf: ['project.claims.read'] },
  { path: '/indicatori', label: 'indicators', anyOf: ['project.access'] },
  { path: '/relazioni', label: 'reports', anyOf: ['project.access'] },
];

/** The sections of one project, as tabs under its title; the current one is marked for screen readers too. */
export function ProjectSections({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const { permissions } = useSignedInSession();
  const visible = SECTIONS.filter((section) => section.anyOf.some((p) => permissions.includes(p)));
  return (
    <nav aria-label={t('project.sections.label')} className="mb-4">
      <ul className="nav nav-tabs flex-nowrap overflow-auto">
        {visible.map((section) => (
          <li className="nav-item" key={section.label}>
            <NavLink className="nav-link text-nowrap" end to={`/progetto/${projectId}${section.path}`}>
              {t(`project.sections.${section.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The frame of a project's section page: its title, the way back to the projects and to the project (named by its
 * acronym once known), and the sections' tabs.
 */
export function ProjectSectionPage({
  projectId,
  acronym,
  title,
  children,
}: {
  projectId: string;
  acronym: string | undefined;
  title: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Page
      title={title}
      trail={[
        { label: t('modules.project.title'), to: '/progetto' },
        { label: acronym ?? t('project.sections.project'), to: `/progetto/${projectId}` },
      ]}
    >
      <ProjectSections projectId={projectId} />
      {children}
    </Page>
  );
}
