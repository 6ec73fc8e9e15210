/**
 * What each module keeps about people, told to the privacy module without it reading anyone else's tables:
 * how long each kind of record is kept and how it is disposed of, where a person's records are (for an access
 * request, GDPR art. 15), and which processing activities the module carries out (the register, art. 30).
 * Each module registers one provider where the modules are assembled (`modules/index.ts`).
 */
import type { AuditedRecord } from './audit.ts';
import type { Db } from './db.ts';

/** A person as an access request names them: any one of the three ways is enough. */
export type DataSubject = {
  /** Upper case, as printed on the tessera sanitaria. */
  fiscalCode?: string;
  passportNumber?: string;
  /** Surname, given name and birth date (YYYY-MM-DD) together. */
  person?: { surname: string; givenName: string; birthDate: string };
  /** Records kept by e-mail address only (event registrations, press contacts, trainees). */
  email?: string;
};

/**
 * Whose records a search may find: those of the searching office. Modules whose records belong to an office
 * (case files, opinions) keep to it; the others hold the Prefettura's own processing, which only a Prefettura's
 * office may search.
 */
export type SubjectScope = { organisationId: string };

/** One record found about a person: a line for the summary, its data for the machine-readable file. */
export type SubjectRecord = {
  /** The heading it is listed under in the summary, in Italian (e.g. "Pratiche SUI"). */
  section: string;
  /** One line a clerk reads: what the record is, its number and date in words. */
  title: string;
  /** The record's fields as they are kept, for the JSON file of the export. */
  data: Record<string, unknown>;
  /** Stored files of the record: the file store's hash and the name it gets in the export. */
  files?: readonly { sha256: string; name: string }[];
  /** The record as the audit trail names it, so that the reads about it can be found too. */
  entity?: { type: string; id: string };
};

/** A kind of record with its own retention: what it is, why it is kept, what disposal does to it. */
export type RetentionCategory = {
  /** Stable key, `<module>.<kind>`, e.g. `cases.closed-refused`. */
  key: string;
  /** For people, in Italian: "Pratiche concluse con rigetto". */
  label: string;
  /** From when the time runs, in Italian: "dalla chiusura della pratica". */
  runsFrom: string;
  /** The default legal basis, in Italian; the administrator may correct it. */
  legalBasis: string;
  defaultMonths: number;
  /**
   * The shortest time the administrator may set, where the law or the evidence the records give asks for one
   * (the audit trail, case files); 1 month when absent.
   */
  minMonths?: number;
  /** Deleted outright, or kept with the personal fields removed (counts and figures survive). */
  action: 'delete' | 'anonymise';
  /** How many records are due: their time ran out before `cutoff` and nothing holds them. */
  countDue(db: Db, cutoff: Date): Promise<number>;
  /** Disposes of at most `limit` due records inside the caller's transaction; returns how many. */
  dispose(db: Db, cutoff: Date, limit: number): Promise<number>;
};

/** A line of the register of processing activities (GDPR art. 30), in Italian. */
export type ProcessingActivity = {
  name: string;
  purpose: string;
  legalBasis: string;
  /** Whose data: "cittadini stranieri richiedenti", "datori di lavoro"… */
  dataSubjects: readonly string[];
  /** Which data: "dati anagrafici", "documenti d'identità", "dati giudiziari (art. 10)"… */
  dataCategories: readonly string[];
  /** To whom they are disclosed: "Questura di Lodi (scambio pareri)"… */
  recipients: readonly string[];
  /** The retention categories that apply, by key. */
  retention: readonly string[];
};

export type PersonalDataProvider = {
  module: string;
  categories: readonly RetentionCategory[];
  activities: readonly ProcessingActivity[];
  /** Every record of the module about the person, read inside the caller's transaction. */
  findSubject(db: Db, subject: DataSubject, scope: SubjectScope): Promise<SubjectRecord[]>;
  /**
   * The module's records under legal hold, as the audit trail names them: the entries about them are kept
   * when the trail's time runs out, until the hold is lifted.
   */
  heldRecords?(db: Db): Promise<AuditedRecord[]>;
};

const providers: PersonalDataProvider[] = [];

export function registerPersonalData(provider: PersonalDataProvider): void {
  if (providers.some((known) => known.module === provider.module)) return;
  for (const category of provider.categories) {
    if (providers.some((known) => known.categories.some((other) => other.key === category.key))) {
      throw new Error(`retention category ${category.key} registered twice`);
    }
  }
  providers.push(provider);
}

export function personalDataProviders(): readonly PersonalDataProvider[] {
  return providers;
}

export function retentionCategories(): readonly RetentionCategory[] {
  return providers.flatMap((provider) => provider.categories);
}
