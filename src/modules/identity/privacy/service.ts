/**
 * What the other modules ask the identity module when they look for a person's records: the accounts the
 * person holds (their trainings, questionnaires and assignments hang on the account), and names folded the
 * way the database folds them, for the modules that keep a name of their own.
 */
import type { Db } from '../../../kernel/db.ts';
import type { DataSubject } from '../../../kernel/personal-data.ts';
import * as store from './store.ts';

const PLAIN: Record<string, string> = { ø: 'o', ł: 'l', đ: 'd' };

/** A name folded as `foldedName` folds the columns: lower case, no accents, letters and digits only. */
export function foldPersonName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłđ]/g, (char) => PLAIN[char] ?? char)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A full name written in one field, folded, in both orders ("Mario Rossi", "Rossi Mario"). */
export function foldedFullNames(subject: DataSubject): string[] {
  const person = subject.person;
  if (!person) return [];
  return [
    foldPersonName(`${person.givenName} ${person.surname}`),
    foldPersonName(`${person.surname} ${person.givenName}`),
  ];
}

export function subjectKeys(subject: DataSubject): store.PersonKeys {
  return {
    email: subject.email,
    fiscalCode: subject.fiscalCode,
    name: subject.person
      ? {
          surname: foldPersonName(subject.person.surname),
          givenName: foldPersonName(subject.person.givenName),
        }
      : undefined,
  };
}

/** The accounts a person holds, found by address, tax code or name, inside the caller's transaction. */
export async function accountIdsOf(db: Db, subject: DataSubject): Promise<string[]> {
  const keys = subjectKeys(subject);
  if (!keys.email && !keys.fiscalCode && !keys.name) return [];
  return store.accountIds(db, keys);
}
