/**
 * What the public portal may say about a case to whoever knows its number and one party's passport number and
 * birth date: the state, whether the clock is suspended, the legal due date and the missing documents. Nothing
 * else about the file leaves this function.
 */
import { sql } from 'kysely';
import type { Platform } from '../../../kernel/platform.ts';
import { currentChecklistCodes } from '../documents/store.ts';
import { caseTypes } from '../law/registry.ts';
import { missingDocumentsOf } from '../rules.ts';

export type PublicCaseStatus = {
  caseId: string;
  number: string;
  typeCode: string;
  state: string;
  closed: boolean;
  clockSuspended: boolean;
  /** The legal due date; null once the case is closed. */
  dueOn: string | null;
  /** Required checklist items with no document yet: codes, with the office's (Italian) label. */
  missingDocuments: { code: string; label: string }[];
};

/** Passport numbers as people type them: any case, with or without spaces and dashes. */
export const normalisePassport = (value: string) => value.toUpperCase().replace(/[\s-]/g, '');

/** The case whose number is given and that has a party with that passport and birth date; null otherwise. */
export async function findPublicCaseStatus(
  platform: Platform,
  query: { number: string; passport: string; birthDate: string },
): Promise<PublicCaseStatus | null> {
  const { db } = platform.database;
  const row = await db
    .selectFrom('caseFile as c')
    .innerJoin('caseParty as cp', 'cp.caseId', 'c.id')
    .innerJoin('person as p', 'p.id', 'cp.personId')
    .select([
      'c.id',
      'c.number',
      'c.typeCode',
      'c.typeValidFrom',
      'c.state',
      'c.closed',
      'c.clockSuspended',
      'c.dueOn',
    ])
    .where('c.number', '=', query.number)
    .where(
      sql<string>`upper(replace(replace(p.passport_number, ' ', ''), '-', ''))`,
      '=',
      normalisePassport(query.passport),
    )
    .where('p.birthDate', '=', query.birthDate)
    .executeTakeFirst();
  if (!row) return null;
  const definition = (await caseTypes(platform.database, platform.clock)).version(
    row.typeCode,
    row.typeValidFrom,
  );
  const missing = row.closed ? [] : missingDocumentsOf(definition, await currentChecklistCodes(db, row.id));
  return {
    caseId: row.id,
    number: row.number,
    typeCode: row.typeCode,
    state: row.state,
    closed: row.closed,
    clockSuspended: row.clockSuspended,
    dueOn: row.closed ? null : row.dueOn,
    missingDocuments: missing.map((code) => ({
      code,
      label: definition.documents.find((document) => document.code === code)?.label ?? code,
    })),
  };
}
