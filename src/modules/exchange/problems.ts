/**
 * The problem log shared by the offices: a problem raised on a case or on the procedure in general, with
 * an owner, a status and a resolution, so that recurring causes of delay are visible to the CTI and the
 * project supervisor.
 */
import type { z } from 'zod';
import type { Caller } from '../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { writeTransaction } from '../../kernel/transaction.ts';
import type { problemInput, problemQuery, problemUpdate, problemView } from './contract.ts';

type ProblemView = z.infer<typeof problemView>;

function listQuery(platform: Platform) {
  return platform.database.db
    .selectFrom('exchangeProblem as p')
    .innerJoin('organisation as raiser', 'raiser.id', 'p.raisedByOrganisationId')
    .innerJoin('organisation as owner', 'owner.id', 'p.ownerOrganisationId')
    .select([
      'p.id',
      'p.caseNumber',
      'p.category',
      'p.title',
      'p.description',
      'p.raisedBy',
      'p.raisedByOrganisationId',
      'raiser.name as raisedByOrganisation',
      'p.ownerOrganisationId',
      'owner.name as ownerOrganisation',
      'p.status',
      'p.resolution',
      'p.raisedOn',
      'p.resolvedOn',
      'p.version',
    ]);
}

export async function listProblems(
  platform: Platform,
  query: z.infer<typeof problemQuery>,
): Promise<ProblemView[]> {
  let select = listQuery(platform);
  if (query.status === 'unresolved') select = select.where('p.status', '!=', 'RESOLVED');
  else if (query.status !== 'all') select = select.where('p.status', '=', query.status);
  if (query.category) select = select.where('p.category', '=', query.category);
  return select.orderBy('p.raisedOn', 'desc').orderBy('p.id', 'desc').limit(500).execute();
}

async function getProblem(platform: Platform, id: string): Promise<ProblemView> {
  const row = await listQuery(platform).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Il problema non esiste.');
  return row;
}

async function activeOrganisation(platform: Platform, id: string): Promise<void> {
  const found = await platform.database.db
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', id)
    .where('isActive', '=', true)
    .executeTakeFirst();
  if (!found)
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
    await db.insertInto('exchangeProblem').values(row).execute();
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
    const row = await db
      .selectFrom('exchangeProblem')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
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
    await db.updateTable('exchangeProblem').set(patch).where('id', '=', id).execute();
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
