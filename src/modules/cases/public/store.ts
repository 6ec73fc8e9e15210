/**
 * What the public portal may say about a case to whoever knows its number and one party's passport number and
 * birth date: the state, what its legal clock is doing today and the missing documents. Nothing else about the
 * file leaves this function.
 */
import { sql } from 'kysely';
import type { Platform } from '../../../kernel/platform.ts';
import { currentChecklistCodes } from '../documents/store.ts';
import { caseTypes } from '../law/registry.ts';
import { missingDocumentsOf } from '../rules.ts';
import { caseClockToday } from '../service.ts';
import { type PublicWording, publicWording } from './rules.ts';

export type PublicCaseStatus = {
  caseId: string;
  number: string;
  typeCode: string;
  wording: PublicWording;
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
      'c.submittedOn',
      'c.quotaImputedOn',
      'c.quotaYear',
      'c.highRiskCountry',
      'c.quotaRank',
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
  const clock = row.closed ? null : await caseClockToday(platform, row);
  const wording = publicWording({
    state: row.state,
    closed: row.closed,
    deadline: clock?.deadline ?? null,
    clockEvents: clock?.clockEvents ?? [],
    integrationMaxDays: clock?.integrationMaxDays ?? 0,
    today: platform.clock.today(),
  });
  return {
    caseId: row.id,
    number: row.number,
    typeCode: row.typeCode,
    wording,
    missingDocuments: wording.listsMissingDocuments
      ? missingDocumentsOf(definition, await currentChecklistCodes(db, row.id)).map((code) => ({
          code,
          label: definition.documents.find((document) => document.code === code)?.label ?? code,
        }))
      : [],
  };
}
