import type { z } from 'zod';
import { type Caller, hasPermission } from '../../../kernel/auth.ts';
import { Conflict, Invalid } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import type { quotaInput, riskCountryListInput, riskCountryLists } from '../contract.ts';
import { caseTypes } from '../law/registry.ts';
import { forgetRiskCountryLists } from '../law/risk-lists.ts';
import { actorOf } from '../service.ts';
import * as store from '../store.ts';

/**
 * The case-type definitions. The notes on a rule's uncertain source are for the SUI manager, who answers for the
 * rules (the holder of `cases.assign`); other readers get the definitions without them.
 */
export async function listCaseTypes(platform: Platform, caller: Caller) {
  const registry = await caseTypes(platform.database, platform.clock);
  const seesSourceNotes = hasPermission(actorOf(caller), 'cases.assign');
  return registry.all().map((definition) => ({
    code: definition.code,
    validFrom: definition.validFrom,
    definition: seesSourceNotes
      ? definition
      : { ...definition, term: { ...definition.term, sourceNote: null } },
  }));
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

/** The lists of countries at particular risk, and whether the current year has one. */
export async function listRiskCountryLists(platform: Platform): Promise<z.infer<typeof riskCountryLists>> {
  const rows = await store.riskCountryLists(platform.database.db);
  const year = platform.clock.today().year;
  return {
    year,
    confirmed: rows.some((row) => row.year === year),
    lists: rows.map((row) => ({
      year: row.year,
      countries: row.countries,
      legalBasis: row.legalBasis,
      confirmedAt: row.confirmedAt.toISOString(),
      confirmedBy: row.confirmedByGivenName
        ? `${row.confirmedByGivenName} ${row.confirmedByFamilyName ?? ''}`.trim()
        : null,
    })),
  };
}

/**
 * The SUI manager records and confirms a year's list (DL 145/2024 art. 3, MAECI decree): the open cases of that
 * year in the manager's office are marked again, and silence may be offered for them once their term has run.
 */
export async function confirmRiskCountryList(
  platform: Platform,
  caller: Caller,
  input: z.infer<typeof riskCountryListInput>,
) {
  const actor = actorOf(caller);
  const registry = await caseTypes(platform.database, platform.clock);
  const countries = [...new Set(input.countries)].sort();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const before = await store.riskCountryListOf(db, input.year);
    await store.saveRiskCountryList(db, {
      year: input.year,
      countries,
      legalBasis: input.legalBasis,
      confirmedBy: actor.userId,
      confirmedAt: platform.clock.now(),
    });
    const cases = await store.openCasesOfYear(db, actor.organisationId, input.year);
    const marked = { on: [] as string[], off: [] as string[] };
    for (const row of cases) {
      const applicant = registry
        .version(row.typeCode, row.typeValidFrom)
        .parties.find((party) => party.applicant)?.role;
      const citizenships = row.people.filter((p) => p.role !== applicant).map((p) => p.citizenship);
      const onList = citizenships.some((citizenship) => countries.includes(citizenship));
      if (onList !== row.highRiskCountry) (onList ? marked.on : marked.off).push(row.id);
    }
    await store.setHighRiskCountry(db, marked.on, true);
    await store.setHighRiskCountry(db, marked.off, false);
    await audit({
      kind: 'change',
      action: 'cases.risk-countries.confirm',
      entityType: 'risk_country_list',
      entityId: String(input.year),
      before: before ? { countries: before.countries, legalBasis: before.legalBasis } : null,
      after: { countries, legalBasis: input.legalBasis },
      details: { casesMarked: marked.on.length, casesUnmarked: marked.off.length },
    });
  });
  forgetRiskCountryLists(platform.database);
  return listRiskCountryLists(platform);
}
