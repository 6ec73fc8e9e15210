/**
 * What the case files ask of the exchange about retention: keep a held case's opinions, and the way both
 * modules read a data subject's identifiers.
 */

import type { Db } from '../../../kernel/db.ts';
import type { DataSubject } from '../../../kernel/personal-data.ts';
import * as store from './store.ts';

export type { SubjectKeys } from './store.ts';

/** The opinions of the case stay whole while its legal hold lasts, also those requested after it was placed. */
export function holdCaseOpinions(db: Db, caseNumber: string, now: Date): Promise<void> {
  return store.holdOpinions(db, caseNumber, now);
}

export function releaseCaseOpinions(db: Db, caseNumber: string): Promise<void> {
  return store.releaseOpinions(db, caseNumber);
}

/** A subject's identifiers as the searches compare them: codes in upper case, names in lower case, trimmed. */
export function subjectKeys(subject: DataSubject): store.SubjectKeys & { email?: string } {
  const fiscalCode = subject.fiscalCode?.trim().toUpperCase();
  const passportNumber = subject.passportNumber?.trim().toUpperCase();
  const email = subject.email?.trim().toLowerCase();
  const person = subject.person && {
    surname: subject.person.surname.trim().toLowerCase(),
    givenName: subject.person.givenName.trim().toLowerCase(),
    birthDate: subject.person.birthDate.trim(),
  };
  return {
    ...(fiscalCode ? { fiscalCode } : {}),
    ...(passportNumber ? { passportNumber } : {}),
    ...(email ? { email } : {}),
    ...(person?.surname && person.givenName && person.birthDate ? { person } : {}),
  };
}
