/**
 * Demo data of the progress reports: a draft intermediate report of LO.V.I.T. 2.0 for the period of its first
 * indicators' snapshot, assembled by the real use case from the demo plan, the monthly notes and that snapshot,
 * so the page opens on a report to edit and export. Loaded after the demo indicators and claims.
 */
import type { Platform } from '../kernel/platform.ts';
import { createReport, listReports } from '../modules/project/report/service.ts';
import { listProjects } from '../modules/project/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

export async function loadDemoProjectReports(demo: DemoPlatform): Promise<void> {
  const platform = withoutMail(demo);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  const project = (await listProjects(platform)).find((p) => p.code === 'LOVIT-2');
  if (!manager || !project) return;
  const list = await listReports(platform, manager, project.id);
  const first = list.snapshots.at(-1);
  if (list.reports.length > 0 || !first) return;
  await createReport(platform, manager, project.id, {
    title: 'Prima relazione intermedia',
    kind: 'INTERMEDIATE',
    from: first.from,
    to: first.to,
    snapshotId: first.id,
  });
}
