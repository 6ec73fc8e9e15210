/**
 * The problem log shared by the offices: a problem raised on a case or on the procedure in general, with
 * an owner, a status and a resolution, so that recurring causes of delay are visible to the CTI and the
 * project supervisor.
 */
import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { ProblemQuery, problemInput, problemUpdate, problemView } from '../contract.ts';
import * as store from './store.ts';

type ProblemView = z.infer<typeof problemView>;

export function listProblems(platform: Platform, query: ProblemQuery): Promise<ProblemView[]> {
  return store.problems(platform.database.db, query);
}

async function getProblem(platform: Platform, id: string): Promise<ProblemView> {
  const row = await store.problem(platform.database.db, id);
  if (!row) throw new NotFound('Il problema non esiste.');
  return row;
}

async function activeOrganisation(platform: Platform, id: string): Promise<void> {
  if (!(await store.isActiveOrganisation(platform.database.db, id)))
    throw new Invalid([{ path: 'body.ownerOrganisationId', message: 'ente non trovato o non attivo' }]);
}

export async function raiseProblem(platform: Platform, caller: Caller, input: z.infer<typeof problemInput>) {
  const actor = caller.actor;
  if (!actor) throw new Error('raising a problem needs a signed-in actor');
  await activeOrganisation(platform, input.ownerOrganisationId);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = {
      id,
      caseNumber: input.caseNumber ?? null,
      category: input.category,
      title: input.title,
      description: input.description,
      raisedByOrganisationId: actor.organisationId,
      raisedBy: actor.email,
      ownerOrganisationId: input.ownerOrganisationId,
      status: 'OPEN' as const,
      resolution: null,
      raisedOn: platform.clock.today().toString(),
      resolvedOn: null,
      updatedAt: platform.clock.now(),
    };
    await store.insertProblem(db, row);
    await audit({
      kind: 'change',
      action: 'exchange.problem.raise',
      entityType: 'exchange_problem',
      entityId: id,
      before: null,
      after: {
        category: row.category,
        title: row.title,
        caseNumber: row.caseNumber,
        owner: row.ownerOrganisationId,
      },
    });
  });
  return getProblem(platform, id);
}

/** The raising office or the owner moves a problem on; resolving it needs the resolution adopted. */
export async function updateProblem(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof problemUpdate>,
) {
  const actor = caller.actor;
  if (!actor) throw new Error('updating a problem needs a signed-in actor');
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.lockProblem(db, id);
    if (!row) throw new NotFound('Il problema non esiste.');
    if (![row.raisedByOrganisationId, row.ownerOrganisationId].includes(actor.organisationId))
      throw new Conflict('Solo l’ente che ha segnalato il problema o quello incaricato possono aggiornarlo.');
    if (row.version !== input.version)
      throw new Conflict('Il problema è stato aggiornato da un altro utente: ricarica la pagina.', {
        currentVersion: row.version,
      });
    const patch = {
      status: input.status,
      resolution: input.resolution ?? row.resolution,
      resolvedOn: input.status === 'RESOLVED' ? platform.clock.today().toString() : null,
      updatedAt: platform.clock.now(),
      version: row.version + 1,
    };
    await store.updateProblem(db, id, patch);
    await audit({
      kind: 'change',
      action: 'exchange.problem.update',
      entityType: 'exchange_problem',
      entityId: id,
      before: { status: row.status, resolution: row.resolution },
      after: { status: patch.status, resolution: patch.resolution },
    });
  });
  return getProblem(platform, id);
}
