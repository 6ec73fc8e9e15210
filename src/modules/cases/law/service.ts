/**
 * Case types as data: a new type, or a new version of one valid from a date, is imported as JSON without
 * touching the code. A version already loaded is never replaced: the cases that follow it keep their rules.
 */
import { z } from 'zod';
import type { Actor, Caller } from '../../../kernel/auth.ts';
import { Conflict, Invalid } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import * as store from '../store.ts';
import { isCaseWithinReach } from '../team/reach.ts';
import { caseTypeVersion } from './definitions.ts';
import { caseTypes, reloadCaseTypes } from './registry.ts';

const importFile = z.array(caseTypeVersion).min(1, 'il file non contiene alcun tipo di pratica');

/** Imports case-type versions (a JSON array of definitions); answers the versions imported. */
export async function importCaseTypes(
  platform: Pick<Platform, 'database' | 'clock'>,
  caller: Caller,
  file: unknown,
): Promise<{ code: string; validFrom: string }[]> {
  const parsed = importFile.safeParse(file);
  if (!parsed.success)
    throw new Invalid(
      parsed.error.issues.map((issue) => ({
        path: ['file', ...issue.path].join('.'),
        message: issue.message,
      })),
    );
  const versions = parsed.data;
  const imported = await writeTransaction(
    platform.database.db,
    platform.clock,
    caller,
    async ({ db, audit }) => {
      const existing = await store.caseTypeVersionsAmong(db, versions);
      if (existing.length > 0)
        throw new Conflict(
          'Queste versioni esistono già e non si sostituiscono: indicare una nuova data di validità.',
          {},
          existing.map((row) => ({
            path: `file.${row.code}`,
            message: `versione dal ${row.validFrom} già presente`,
          })),
        );
      await store.saveCaseTypes(db, versions, platform.clock.now());
      for (const version of versions)
        await audit({
          kind: 'change',
          action: 'cases.case-type.import',
          entityType: 'case_type_version',
          entityId: `${version.code}/${version.validFrom}`,
          before: null,
          after: { name: version.name, validFrom: version.validFrom },
        });
      return versions.map(({ code, validFrom }) => ({ code, validFrom }));
    },
  );
  // This process reads them at once; the others within the registry's reload interval.
  reloadCaseTypes(platform.database);
  return imported;
}

/** The case types by code, with their name and the valid-from dates of their versions: for other modules. */
export async function caseTypeCatalogue(
  platform: Pick<Platform, 'database' | 'clock'>,
): Promise<{ code: string; name: string; versions: string[] }[]> {
  const registry = await caseTypes(platform.database, platform.clock);
  return registry.codes().map((code) => {
    const versions = registry.all().filter((version) => version.code === code);
    return {
      code,
      name: versions.at(-1)?.name ?? code,
      versions: versions.map((version) => version.validFrom),
    };
  });
}

/**
 * The type of a case of the actor's office within their reach (decision 049), and whether it is still open;
 * undefined for a case they do not see.
 */
export async function caseTypeOfCase(
  platform: Pick<Platform, 'database'>,
  actor: Actor,
  caseId: string,
): Promise<{ typeCode: string; isOpen: boolean } | undefined> {
  const { db } = platform.database;
  const row = await store.findCase(db, actor.organisationId, caseId);
  if (!row || !(await isCaseWithinReach(db, actor, caseId))) return undefined;
  return { typeCode: row.typeCode, isOpen: !row.closed };
}
