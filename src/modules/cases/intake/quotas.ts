import type { z } from 'zod';
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { quotaInput } from '../contract.ts';
import { caseTypes } from '../law/registry.ts';
import { actorOf } from '../service.ts';
import * as store from '../store.ts';

export async function listCaseTypes(platform: Platform) {
  const registry = await caseTypes(platform.database, platform.clock);
  return registry
    .all()
    .map((definition) => ({ code: definition.code, validFrom: definition.validFrom, definition }));
}

export async function listQuotas(platform: Platform, caller: Caller, year: number) {
  const actor = actorOf(caller);
  const rows = await store.listQuotas(platform.database.db, actor.organisationId, year);
  return rows.map(({ year, sector, total, used, legalBasis }) => ({ year, sector, total, used, legalBasis }));
}

export async function setQuota(platform: Platform, caller: Caller, input: z.infer<typeof quotaInput>) {
  const actor = actorOf(caller);
  const registry = await caseTypes(platform.database, platform.clock);
  const sectors = new Set(registry.all().flatMap((definition) => definition.quota?.sectors ?? []));
  if (!sectors.has(input.sector))
    throw new Invalid([
      { path: 'body.sector', message: `settore sconosciuto: ammessi ${[...sectors].sort().join(', ')}` },
    ]);
  return writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const key = { organisationId: actor.organisationId, year: input.year, sector: input.sector };
    const before = await store.findQuota(db, key);
    if (before && input.total < before.used)
      throw new Conflict(`La quota non può scendere sotto i ${before.used} posti già assegnati.`, {}, [
        { path: 'body.total', message: `almeno ${before.used}` },
      ]);
    const row = await store.setQuota(db, { ...key, total: input.total, legalBasis: input.legalBasis });
    await audit({
      kind: 'change',
      action: 'cases.quota.set',
      entityType: 'quota',
      entityId: `${input.year}/${input.sector}`,
      before: before ? { total: before.total } : null,
      after: { total: row.total, legalBasis: row.legalBasis },
    });
    return {
      year: row.year,
      sector: row.sector,
      total: row.total,
      used: row.used,
      legalBasis: row.legalBasis,
    };
  });
}
