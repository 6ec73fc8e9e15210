/**
 * What the other modules ask the identity module when they look for a person's records: the accounts the
 * person holds (their trainings, questionnaires and assignments hang on the account). An account is the
 * person's when its address or fiscal code is the one given; by surname, given name and birth date only when
 * it has a fiscal code that carries that birth date, since an account keeps no birth date of its own and a
 * name alone finds every namesake.
 */
import type { Db } from '../../../kernel/db.ts';
import type { DataSubject } from '../../../kernel/personal-data.ts';
import { fiscalCodeFits } from './rules.ts';
import * as store from './store.ts';

const PLAIN: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd' };

/** A name folded as `foldedName` folds the columns: lower case, no accents, letters and digits only. */
function foldPersonName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłđ]/g, (char) => PLAIN[char] ?? char)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** An account found for a person; `byOwnKey` when by its own address or fiscal code. */
export type FoundAccount = { id: string; byOwnKey: boolean };

export async function accountsFound(db: Db, subject: DataSubject): Promise<FoundAccount[]> {
  const email = subject.email?.toLowerCase();
  const fiscalCode = subject.fiscalCode?.toUpperCase();
  const person = subject.person;
  if (!email && !fiscalCode && !person) return [];
  const candidates = await store.candidateAccounts(db, {
    email,
    fiscalCode,
    name: person
      ? { surname: foldPersonName(person.surname), givenName: foldPersonName(person.givenName) }
      : undefined,
  });
  return candidates.flatMap((account) => {
    const byOwnKey =
      (email !== undefined && account.email.toLowerCase() === email) ||
      (fiscalCode !== undefined && account.fiscalCode === fiscalCode);
    const byPerson =
      person !== undefined && account.fiscalCode !== null && fiscalCodeFits(account.fiscalCode, person);
    return byOwnKey || byPerson ? [{ id: account.id, byOwnKey }] : [];
  });
}

/** The ids of the accounts a person holds, inside the caller's transaction. */
export async function accountIdsOf(db: Db, subject: DataSubject): Promise<string[]> {
  return (await accountsFound(db, subject)).map((account) => account.id);
}
