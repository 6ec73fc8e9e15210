/**
 * The cases the legal expert and the mediators reach (decision 049): one check before every route of a case,
 * and the filters of the lists that show cases or their appointments. A case out of reach answers 404.
 */
import type { Actor } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { NotFound } from '../../../kernel/errors.ts';
import type { LovitApp } from '../../../kernel/http.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { caseReachOf, readsWholeCase } from './rules.ts';
import * as teamStore from './store.ts';

/** The routes of a case that a mediator may call on a case of theirs: its heading and its appointments. */
const MEDIATOR_ROUTES = new Set(['/api/cases/:id', '/api/cases/:id/appointments']);

const outOfReach = () => new NotFound('La pratica non esiste o non è accessibile.');

/** Whether the actor sees this case of their office (not whether it exists: the route's own look-up says so). */
export async function isCaseWithinReach(db: Db, actor: Actor, caseId: string): Promise<boolean> {
  const reach = caseReachOf(actor);
  if (reach.kind === 'OFFICE') return true;
  return (await teamStore.casesWithinReach(db, actor.organisationId, reach, [caseId])).has(caseId);
}

/** Among appointments, those the actor sees: every one for the SUI's staff, those of cases in reach otherwise. */
export async function appointmentsWithinReach<
  Row extends { caseId: string | null; mediatorId: string | null },
>(db: Db, actor: Actor, rows: readonly Row[]): Promise<Row[]> {
  const reach = caseReachOf(actor);
  if (reach.kind === 'OFFICE') return [...rows];
  const caseIds = [...new Set(rows.flatMap((row) => (row.caseId ? [row.caseId] : [])))];
  const reached = await teamStore.casesWithinReach(db, actor.organisationId, reach, caseIds);
  return rows.filter((row) =>
    row.caseId ? reached.has(row.caseId) : reach.asMediator && row.mediatorId === actor.userId,
  );
}

/**
 * Every route of one case (`/api/cases/:id…`) answers 404 to a team member for a case out of their reach, and
 * to a mediator for anything of the case beyond its heading and appointments. Registered before the routes.
 */
export function registerCaseReach(app: LovitApp, platform: Platform): void {
  app.addHook('preHandler', async (request) => {
    const url = request.routeOptions.url;
    const actor = request.caller?.actor;
    if (!actor || !url?.startsWith('/api/cases/:id')) return;
    const reach = caseReachOf(actor);
    if (reach.kind === 'OFFICE') return;
    if (!readsWholeCase(reach) && !MEDIATOR_ROUTES.has(url)) throw outOfReach();
    const { id } = request.params as { id: string };
    if (!(await isCaseWithinReach(platform.database.db, actor, id))) throw outOfReach();
  });
}
