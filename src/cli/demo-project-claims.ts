/**
 * Demo data of the reimbursement claims: the first intermediate claim of LO.V.I.T. 2.0, taking the complete and
 * eligible expenses of the project's first months, submitted by the project manager and awaiting the verification
 * of the independent auditor (revisore@lovit.example). Loaded through the real use cases, after the demo budget
 * and expenses.
 */
import type { Platform } from '../kernel/platform.ts';
import { claimCandidates, createClaim, listClaims, submitClaim } from '../modules/project/claims/service.ts';
import { listProjects } from '../modules/project/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

export async function loadDemoProjectClaims(demo: DemoPlatform): Promise<void> {
  const platform = withoutMail(demo);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  const auditor = await memberCaller(platform, 'revisore@lovit.example', ['auditor']);
  const project = (await listProjects(platform)).find((p) => p.code === 'LOVIT-2');
  if (!manager || !auditor || !project) return;
  if ((await listClaims(platform, manager, project.id)).claims.length > 0) return;
  const period = { periodStart: project.startsOn, periodEnd: inDays(platform, -100) };
  const { candidates } = await claimCandidates(platform, manager, project.id, period);
  const expenseIds = candidates.filter((c) => c.blockedBy === null).map((c) => c.id);
  if (expenseIds.length === 0) return;
  const claim = await createClaim(platform, manager, project.id, {
    kind: 'INTERMEDIATE',
    ...period,
    expenseIds,
  });
  await submitClaim(platform, manager, claim.id);
}
