/**
 * Versioned legal data for SUI case files: time limits per case type, the rules that stop the clock, and the
 * public holidays. A case uses the versions in force on its submission date. Each source carries the mark of
 * the project's research on SUI procedures: [V] verified, [P] partially verified (secondary source, or part
 * of the rule), [U] unverified.
 */
import { Temporal } from 'temporal-polyfill';
import type { HolidayCalendar, HolidayRule } from './calendar.ts';

/** A legal date as written in law data. */
export type IsoDate = `${number}-${number}-${number}`;

export const CASE_TYPES = [
  'WORK_CLEARANCE',
  'SEASONAL_WORK',
  'FAMILY_REUNIFICATION_CLEARANCE',
  'PERMIT_CONVERSION',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** The event the term is counted from: the submission, or the imputation of the request to the quota. */
export const TERM_STARTS = ['SUBMISSION', 'QUOTA_IMPUTATION'] as const;
export type TermStart = (typeof TERM_STARTS)[number];

/** The time limit of a case type from a given date on. */
export type TermVersion = {
  validFrom: IsoDate;
  /** Calendar days from the starting event for the SUI to decide. */
  termDays: number;
  startsFrom: TermStart;
  /** Whether the clearance is due once the term passes without a decision (tacit approval). */
  silenceMeansConsent: boolean;
  legalBasis: string;
  /** Where the source of the rule is not settled: shown to the manager on the case-type page, never to users. */
  sourceNote: string | null;
};

// DL 146/2025 (GU n. 230 of 3.10.2025), in force 4.10.2025; conv. L. 179/2025
const DL_146_2025_IN_FORCE: IsoDate = '2025-10-04';

const SILENCE_NOT_REREAD =
  'Il testo vigente dell’art. 29 c.8 TUI non è stato riletto sull’assenza di silenzio-assenso: dopo il termine ' +
  'restano la diffida e il ricorso contro il silenzio.';

export const TERM_VERSIONS: Readonly<Record<CaseType, readonly TermVersion[]>> = {
  WORK_CLEARANCE: [
    // art. 22 c.5 TUI: 60 days [V]; art. 22 c.5.01 TUI: automatic issue, permanent since DL 20/2023 [V]
    {
      validFrom: '2023-03-11',
      termDays: 60,
      startsFrom: 'SUBMISSION',
      silenceMeansConsent: true,
      legalBasis:
        'art. 22 c.5 TUI: 60 giorni dalla presentazione; rilascio automatico art. 22 c.5.01 TUI (DL 20/2023) ' +
        'senza elementi ostativi della Questura e con quota disponibile, mai per i Paesi a particolare ' +
        'rischio (DL 145/2024 art. 3)',
      sourceNote: null,
    },
    // art. 22 c.5 TUI as amended by DL 146/2025 art. 1: the 60 days run from the imputation to the quota [V]
    {
      validFrom: DL_146_2025_IN_FORCE,
      termDays: 60,
      startsFrom: 'QUOTA_IMPUTATION',
      silenceMeansConsent: true,
      legalBasis:
        'art. 22 c.5 TUI come modificato dal DL 146/2025 art. 1 (L. 179/2025): 60 giorni dall’imputazione ' +
        'della domanda alla quota; rilascio automatico art. 22 c.5.01 TUI senza elementi ostativi della ' +
        'Questura e con quota disponibile, mai per i Paesi a particolare rischio (DL 145/2024 art. 3)',
      sourceNote: null,
    },
  ],
  SEASONAL_WORK: [
    // art. 24 c.2 TUI: 20 days [V]; silence: art. 24 c.2-bis TUI and art. 22 c.5.01 TUI [V]
    {
      validFrom: '2023-03-11',
      termDays: 20,
      startsFrom: 'SUBMISSION',
      silenceMeansConsent: true,
      legalBasis:
        'art. 24 c.2 TUI: 20 giorni dalla presentazione; silenzio-assenso art. 24 c.2-bis TUI (DL 5/2012) e ' +
        'rilascio automatico art. 22 c.5.01 TUI (DL 20/2023)',
      sourceNote: null,
    },
    // art. 22 c.5 TUI as amended by DL 146/2025 art. 1: the seasonal 20 days also run from the imputation [V]
    {
      validFrom: DL_146_2025_IN_FORCE,
      termDays: 20,
      startsFrom: 'QUOTA_IMPUTATION',
      silenceMeansConsent: true,
      legalBasis:
        'art. 24 c.2 TUI e art. 22 c.5 TUI come modificato dal DL 146/2025 art. 1 (L. 179/2025): 20 giorni ' +
        'dall’imputazione della domanda alla quota; silenzio-assenso art. 24 c.2-bis TUI e rilascio ' +
        'automatico art. 22 c.5.01 TUI',
      sourceNote: null,
    },
  ],
  FAMILY_REUNIFICATION_CLEARANCE: [
    // art. 29 c.8 TUI: 90 days since DL 13/2017 [V]; no tacit approval in later texts [P]
    {
      validFrom: '2017-08-17',
      termDays: 90,
      startsFrom: 'SUBMISSION',
      silenceMeansConsent: false,
      legalBasis: 'art. 29 c.8 TUI come modificato dal DL 13/2017: 90 giorni; nessun silenzio-assenso',
      sourceNote: SILENCE_NOT_REREAD,
    },
    // art. 29 c.8 TUI as amended by DL 146/2025 art. 7: 150 days for applications from 4.10.2025 [V]
    {
      validFrom: DL_146_2025_IN_FORCE,
      termDays: 150,
      startsFrom: 'SUBMISSION',
      silenceMeansConsent: false,
      legalBasis:
        'art. 29 c.8 TUI come modificato dal DL 146/2025 art. 7 (L. 179/2025): 150 giorni; nessun silenzio-assenso',
      sourceNote: SILENCE_NOT_REREAD,
    },
  ],
  PERMIT_CONVERSION: [
    // art. 6 c.1 TUI, art. 14 Reg., art. 24 c.10 TUI [V]; 60 days: Regione Toscana SUI procedure sheets [U]
    {
      validFrom: '2023-03-11',
      termDays: 60,
      startsFrom: 'SUBMISSION',
      silenceMeansConsent: false,
      legalBasis:
        'art. 6 c.1 TUI, art. 14 DPR 394/1999, art. 24 c.10 TUI: 60 giorni; nessun silenzio-assenso',
      sourceNote:
        'Il termine di 60 giorni viene dalle schede procedurali dei SUI (Regione Toscana), non da un testo ' +
        'di legge: confermarlo prima di farvi affidamento.',
    },
  ],
};

/** The rules that stop the clock, from a given date on. */
export type ClockRules = {
  validFrom: IsoDate;
  integration: {
    /** Longest suspension for one request of documents, in calendar days. */
    maxDays: number;
    /** How many requests may suspend the term. */
    maxSuspensions: number;
    legalBasis: string;
  };
  rejectionNotice: {
    /** Days the applicant has, from receipt of the notice, to file observations. */
    observationDays: number;
    /** Days after the observations are filed before the term runs again. */
    restartAfterObservationsDays: number;
    legalBasis: string;
  };
};

export const CLOCK_RULE_VERSIONS: readonly ClockRules[] = [
  // art. 2 c.7 L. 241/1990 [V]; art. 10-bis L. 241/1990 after DL 76/2020: suspension, not interruption [V]
  {
    validFrom: '2020-07-17',
    integration: {
      maxDays: 30,
      maxSuspensions: 1,
      legalBasis: 'art. 2 c.7 L. 241/1990: sospensione una sola volta, per non più di 30 giorni',
    },
    rejectionNotice: {
      observationDays: 10,
      restartAfterObservationsDays: 10,
      legalBasis:
        'art. 10-bis L. 241/1990 (DL 76/2020, L. 120/2020): il preavviso sospende il termine, che ' +
        'riprende 10 giorni dopo le osservazioni o alla scadenza dei 10 giorni',
    },
  },
];

/** The rules a case follows: those in force on its submission date. */
export type CaseRules = { caseType: string; term: TermVersion; clock: ClockRules };

/** The clock rules in force on a date, if any. */
export function clockRulesOn(date: Temporal.PlainDate): ClockRules | undefined {
  return versionInForce(CLOCK_RULE_VERSIONS, date);
}

export type NoRulesInForce = {
  code: 'NO_RULES_IN_FORCE';
  caseType: CaseType;
  /** Which data has no version in force: the case type's term, or the clock rules. */
  missing: 'TERM' | 'CLOCK';
  submittedOn: string;
  earliestValidFrom: string;
};

export type RulesSelection = { ok: true; rules: CaseRules } | { ok: false; error: NoRulesInForce };

function versionInForce<T extends { validFrom: IsoDate }>(
  versions: readonly T[],
  date: Temporal.PlainDate,
): T | undefined {
  return versions
    .filter((version) => Temporal.PlainDate.compare(Temporal.PlainDate.from(version.validFrom), date) <= 0)
    .reduce<T | undefined>(
      (latest, version) => (latest === undefined || version.validFrom > latest.validFrom ? version : latest),
      undefined,
    );
}

function earliestValidFrom(versions: readonly { validFrom: IsoDate }[]): string {
  return versions.map((version) => version.validFrom).sort()[0] ?? '';
}

/** The term and clock rules in force on the submission date, or why there are none. */
export function selectRules(caseType: CaseType, submittedOn: Temporal.PlainDate): RulesSelection {
  const terms = TERM_VERSIONS[caseType];
  const term = versionInForce(terms, submittedOn);
  const clock = versionInForce(CLOCK_RULE_VERSIONS, submittedOn);
  if (term && clock) return { ok: true, rules: { caseType, term, clock } };
  const missing = term ? 'CLOCK' : 'TERM';
  const versions = missing === 'TERM' ? terms : CLOCK_RULE_VERSIONS;
  return {
    ok: false,
    error: {
      code: 'NO_RULES_IN_FORCE',
      caseType,
      missing,
      submittedOn: submittedOn.toString(),
      earliestValidFrom: earliestValidFrom(versions),
    },
  };
}

function fixed(month: number, day: number, name: string, validFrom: IsoDate, basis: string): HolidayRule {
  return { kind: 'FIXED', month, day, name, validFrom, legalBasis: basis };
}

const L_260_1949 = 'art. 2 L. 260/1949';
/** The date of L. 260/1949, from which the long-standing holidays are observed. */
const SINCE_1949: IsoDate = '1949-05-27';

/** National public holidays. Not in the domain file: sources are the laws named on each line. */
export const NATIONAL_HOLIDAYS: readonly HolidayRule[] = [
  // art. 2 L. 260/1949
  fixed(1, 1, 'Capodanno', SINCE_1949, L_260_1949),
  // DPR 792/1985 restored Epiphany (abolished by L. 54/1977)
  fixed(1, 6, 'Epifania', '1985-12-28', `${L_260_1949}; DPR 792/1985`),
  // art. 2 L. 260/1949: every Sunday is a holiday, Easter Sunday included
  { kind: 'EASTER', daysAfterEaster: 0, name: 'Pasqua', validFrom: SINCE_1949, legalBasis: L_260_1949 },
  // art. 2 L. 260/1949: "il giorno di lunedì dopo Pasqua"
  {
    kind: 'EASTER',
    daysAfterEaster: 1,
    name: "Lunedì dell'Angelo",
    validFrom: SINCE_1949,
    legalBasis: L_260_1949,
  },
  // art. 2 L. 260/1949
  fixed(4, 25, 'Anniversario della Liberazione', SINCE_1949, L_260_1949),
  // art. 2 L. 260/1949
  fixed(5, 1, 'Festa del Lavoro', SINCE_1949, L_260_1949),
  // L. 336/2000 restored 2 June as a holiday (moved to a Sunday by L. 54/1977)
  fixed(6, 2, 'Festa della Repubblica', '2000-11-20', 'art. 1 L. 260/1949; L. 336/2000'),
  // art. 2 L. 260/1949
  fixed(8, 15, 'Assunzione', SINCE_1949, L_260_1949),
  // L. 151/2025, in force 1.1.2026 [P: secondary sources, not in the domain file]
  fixed(10, 4, "San Francesco d'Assisi, patrono d'Italia", '2026-01-01', `${L_260_1949}; L. 151/2025`),
  // art. 2 L. 260/1949
  fixed(11, 1, 'Ognissanti', SINCE_1949, L_260_1949),
  // art. 2 L. 260/1949
  fixed(12, 8, 'Immacolata Concezione', SINCE_1949, L_260_1949),
  // art. 2 L. 260/1949
  fixed(12, 25, 'Natale', SINCE_1949, L_260_1949),
  // art. 2 L. 260/1949
  fixed(12, 26, 'Santo Stefano', SINCE_1949, L_260_1949),
];

/** Lodi's patron saint: a holiday for the offices in the city. */
export const LODI_PATRON_DAYS: readonly HolidayRule[] = [
  // patron saint's day of the office's municipality, observed like the national list; basis not verified [U]
  fixed(1, 19, 'San Bassiano, patrono di Lodi', SINCE_1949, 'festa del santo patrono del comune'),
];

// A term ending on a holiday moves to the next non-holiday (art. 155 c.4 c.p.c., art. 2963 c.3 c.c.) and
// every Sunday is a holiday (art. 2 L. 260/1949). The Saturday extension of art. 155 c.5 c.p.c. (and art. 52
// c.5 c.p.a.) covers acts in court proceedings, not the time an office has to decide; the domain file is
// silent, so Saturday counts as a working day by default, which never lengthens the office's term.
export const SATURDAY_IS_WORKING_DAY = true;

/** The calendar of an office: national holidays plus the local patron days it observes. */
export function officeCalendar(
  patronDays: readonly HolidayRule[],
  saturdayIsWorkingDay: boolean = SATURDAY_IS_WORKING_DAY,
): HolidayCalendar {
  return { holidays: [...NATIONAL_HOLIDAYS, ...patronDays], saturdayIsWorkingDay };
}

/** Lodi's calendar with its patron day: the desks' opening hours. */
export const LODI_CALENDAR: HolidayCalendar = officeCalendar(LODI_PATRON_DAYS);

/**
 * The yearly list of countries at particular risk (DL 145/2024 art. 3; MAECI decree): data per year, kept in
 * the database and confirmed by the SUI manager. A year's list never carries over to the next.
 */
export type RiskCountryList = { year: number; countries: readonly string[]; confirmed: boolean };

/** What the yearly list says of a worker: on it, off it, or unknown because the list is not confirmed. */
export type RiskAssessment = { highRiskCountry: boolean; riskListConfirmed: boolean };

/** Whether any of the citizenships is on the year's list; without a confirmed list, nothing is known. */
export function assessRisk(list: RiskCountryList | null, citizenships: readonly string[]): RiskAssessment {
  if (!list?.confirmed) return { highRiskCountry: false, riskListConfirmed: false };
  return {
    highRiskCountry: citizenships.some((citizenship) => list.countries.includes(citizenship)),
    riskListConfirmed: true,
  };
}
