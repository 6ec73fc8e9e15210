/**
 * The case types LOVIT ships with, as definitions (see `definitions.ts`), one version per term version in
 * `law.ts`. They are loaded into the database at start-up; a further type is imported as JSON
 * (`lovit case-types:import`) without touching this file or the engine.
 */
import type { CaseTypeVersionInput, Guard } from './definitions.ts';
import { type CaseType, TERM_VERSIONS } from './law.ts';

type Part = Omit<CaseTypeVersionInput, 'code' | 'validFrom' | 'term'>;
type Transition = Part['transitions'][number];

const REVIEW_STATES = [
  { code: 'UNDER_REVIEW', label: 'In istruttoria', closed: false },
  { code: 'INTEGRATION_REQUESTED', label: 'Integrazione documentale richiesta', closed: false },
  { code: 'AWAITING_OPINIONS', label: 'In attesa dei pareri', closed: false, awaitingOpinions: true },
  { code: 'REJECTION_NOTICE_SENT', label: 'Preavviso di rigetto inviato', closed: false },
  { code: 'CONVOKED', label: 'Richiedente convocato', closed: false },
  { code: 'ISSUED', label: 'Provvedimento rilasciato', closed: true },
  { code: 'REJECTED', label: 'Rigettata', closed: true },
  { code: 'WITHDRAWN', label: 'Archiviata per rinuncia', closed: true },
] as const;
const OPEN_STATES = [
  'UNDER_REVIEW',
  'INTEGRATION_REQUESTED',
  'AWAITING_OPINIONS',
  'REJECTION_NOTICE_SENT',
  'CONVOKED',
];
const READY_TO_DECIDE: Guard[] = ['OPINIONS_COMPLETE', 'NO_UNFAVOURABLE_OPINION', 'CHECKLIST_COMPLETE'];

/** The review workflow shared by the SUI procedures: art. 2 c.7 and art. 10-bis L. 241/1990, opinions, outcome. */
function reviewTransitions(options: {
  initial: string;
  silence: boolean;
  rejectionNotice: boolean;
}): Transition[] {
  const decidable = ['UNDER_REVIEW', 'AWAITING_OPINIONS'];
  // art. 10-bis L. 241/1990: a rejection follows the notice and the applicant's observations or their window
  const rejection: Transition[] = options.rejectionNotice
    ? [
        {
          action: 'SEND_REJECTION_NOTICE',
          // missing documents after a request are a ground for refusal too
          from: [...decidable, 'INTEGRATION_REQUESTED'],
          to: 'REJECTION_NOTICE_SENT',
          clockEvent: 'REJECTION_NOTICE_SENT',
          reasonRequired: true,
        },
        {
          action: 'RECORD_OBSERVATIONS',
          from: ['REJECTION_NOTICE_SENT'],
          to: 'UNDER_REVIEW',
          clockEvent: 'OBSERVATIONS_RECEIVED',
          reasonRequired: true,
        },
        {
          action: 'REJECT',
          from: ['REJECTION_NOTICE_SENT', 'UNDER_REVIEW'],
          to: 'REJECTED',
          guards: ['REJECTION_NOTICE_GIVEN'],
          reasonRequired: true,
          outcome: 'REJECTION_DECREE',
        },
      ]
    : [
        {
          action: 'REJECT',
          from: decidable,
          to: 'REJECTED',
          reasonRequired: true,
          outcome: 'REJECTION_DECREE',
        },
      ];
  // art. 22 c.5.01 TUI: once the term passes the clearance is due, whatever step the office has reached
  const silence: Transition[] = options.silence
    ? [
        {
          action: 'ISSUE_BY_SILENCE',
          from: [options.initial, ...decidable, 'INTEGRATION_REQUESTED', 'CONVOKED'],
          to: 'ISSUED',
          guards: ['SILENCE_CONSENT'],
          outcome: 'CLEARANCE',
        },
      ]
    : [];
  return [
    { action: 'START_REVIEW', from: [options.initial], to: 'UNDER_REVIEW' },
    {
      action: 'REQUEST_DOCUMENTS',
      from: decidable,
      to: 'INTEGRATION_REQUESTED',
      clockEvent: 'INTEGRATION_REQUESTED',
      reasonRequired: true,
    },
    {
      action: 'RECORD_DOCUMENTS',
      from: ['INTEGRATION_REQUESTED'],
      to: 'UNDER_REVIEW',
      clockEvent: 'DOCUMENTS_RECEIVED',
    },
    { action: 'REQUEST_OPINIONS', from: ['UNDER_REVIEW'], to: 'AWAITING_OPINIONS' },
    {
      action: 'RESUME_REVIEW',
      from: ['AWAITING_OPINIONS'],
      to: 'UNDER_REVIEW',
      guards: ['OPINIONS_COMPLETE'],
    },
    // art. 2 c.7 L. 241/1990: documents that never come do not stop the review; the clock restarts at 30 days
    { action: 'RESUME_REVIEW', from: ['INTEGRATION_REQUESTED'], to: 'UNDER_REVIEW' },
    ...rejection,
    { action: 'CONVOKE', from: ['UNDER_REVIEW'], to: 'CONVOKED', guards: READY_TO_DECIDE },
    { action: 'ISSUE', from: ['CONVOKED'], to: 'ISSUED', guards: READY_TO_DECIDE, outcome: 'CLEARANCE' },
    ...silence,
    { action: 'WITHDRAW', from: [options.initial, ...OPEN_STATES], to: 'WITHDRAWN', reasonRequired: true },
  ];
}

// art. 29 D.Lgs. 104/2010 (c.p.a.): annulment before the TAR within 60 days
const APPEAL_TO_TAR =
  'Avverso il presente provvedimento è ammesso ricorso al TAR entro 60 giorni (art. 29 D.Lgs. 104/2010).';
// art. 30 c.6 TUI: the refusal of a family reunification is challenged before the ordinary courts
const APPEAL_TO_ORDINARY_COURT =
  'Avverso il presente provvedimento è ammessa opposizione all’autorità giudiziaria ordinaria ' +
  '(art. 30 c.6 D.Lgs. 286/1998).';

const rejectionDecree = (legalReference: string, appeal = APPEAL_TO_TAR) => ({
  code: 'REJECTION_DECREE',
  label: 'Decreto di rigetto',
  favourable: false,
  validityDays: null,
  validityMonths: null,
  legalReference,
  appeal,
});

// art. 22 c.5 TUI: the nulla osta is valid at most 6 months from issue, counted by the calendar [V]
const WORK_CLEARANCE_OUTCOME = {
  code: 'CLEARANCE',
  label: 'Nulla osta al lavoro',
  favourable: true,
  validityMonths: 6,
  legalReference: 'art. 22 c.5 D.Lgs. 286/1998: validità non superiore a sei mesi dal rilascio',
};

const POLICE_OPINION = {
  body: 'POLICE_HQ',
  label: 'Parere della Questura sui motivi ostativi',
  // office policy, not law: the law sets the SUI's overall term only (art. 22 c.5 TUI)
  responseDays: 20,
  impedimentOnUnfavourable: true,
} as const;
/** Work permits inside the quota: no ostative finding in time and quota available means issue. */
const WORK_POLICE_OPINION = {
  ...POLICE_OPINION,
  silenceConsentRule:
    'art. 22 c.5.01 D.Lgs. 286/1998: elementi ostativi non comunicati nel termine (escluso per i Paesi a rischio)',
} as const;
const LABOUR_OPINION = {
  body: 'LABOUR_INSPECTORATE',
  label: 'Parere dell’Ispettorato Territoriale del Lavoro sulle condizioni di lavoro',
  responseDays: 20,
  impedimentOnUnfavourable: false,
} as const;

const EMPLOYER_AND_WORKER = [
  { role: 'EMPLOYER', kind: 'EMPLOYER', label: 'Datore di lavoro', required: true, applicant: true },
  { role: 'WORKER', kind: 'PERSON', label: 'Lavoratore', required: true, applicant: false },
] as const;

// art. 22 c.2 TUI, art. 24-bis TUI, art. 30-bis Reg. [V]/[P]
const WORK_DOCUMENTS = [
  { code: 'PASSPORT_COPY', label: 'Copia del passaporto del lavoratore', required: true },
  { code: 'RESIDENCE_CONTRACT_PROPOSAL', label: 'Proposta di contratto di soggiorno', required: true },
  { code: 'HOUSING', label: 'Sistemazione alloggiativa del lavoratore', required: true },
  {
    code: 'CPI_UNAVAILABILITY',
    label: 'Verifica di indisponibilità presso il Centro per l’Impiego',
    required: true,
  },
  { code: 'EMPLOYER_CERTIFICATION', label: 'Asseverazione (art. 24-bis TUI)', required: true },
  { code: 'REVENUE_STAMP', label: 'Marca da bollo', required: false },
];

const WORK_STATES = [
  { code: 'QUOTA_ASSIGNED', label: 'Ammessa nella quota', closed: false },
  { code: 'QUOTA_EXHAUSTED', label: 'Quota esaurita', closed: true },
  ...REVIEW_STATES,
];

const PARTS: Record<CaseType, Part> = {
  WORK_CLEARANCE: {
    name: 'Nulla osta al lavoro subordinato',
    legalReference: 'art. 22 D.Lgs. 286/1998',
    formCodes: ['B2020', 'A-bis'],
    quota: { sectors: ['NON_SEASONAL', 'HOME_CARE'] },
    // DL 145/2024: art. 10-bis L. 241/1990 does not apply to entry-visa procedures; the nulla osta is the
    // first step of one, but SUIs still send the notice for quota applications (stranieriinitalia 2023) [V]
    rejectionNoticeApplies: true,
    parties: [...EMPLOYER_AND_WORKER],
    documents: WORK_DOCUMENTS,
    opinions: [WORK_POLICE_OPINION, LABOUR_OPINION],
    states: WORK_STATES,
    initialState: 'QUOTA_ASSIGNED',
    quotaExhaustedState: 'QUOTA_EXHAUSTED',
    transitions: reviewTransitions({ initial: 'QUOTA_ASSIGNED', silence: true, rejectionNotice: true }),
    outcomes: [WORK_CLEARANCE_OUTCOME, rejectionDecree('art. 22 D.Lgs. 286/1998; art. 10-bis L. 241/1990')],
  },
  SEASONAL_WORK: {
    name: 'Nulla osta al lavoro stagionale',
    legalReference: 'art. 24 D.Lgs. 286/1998',
    formCodes: ['C-stag'],
    quota: { sectors: ['AGRICULTURE', 'TOURISM'] },
    rejectionNoticeApplies: true,
    parties: [...EMPLOYER_AND_WORKER],
    documents: WORK_DOCUMENTS.filter((document) => document.code !== 'CPI_UNAVAILABILITY'),
    opinions: [WORK_POLICE_OPINION, LABOUR_OPINION],
    states: WORK_STATES,
    initialState: 'QUOTA_ASSIGNED',
    quotaExhaustedState: 'QUOTA_EXHAUSTED',
    transitions: reviewTransitions({ initial: 'QUOTA_ASSIGNED', silence: true, rejectionNotice: true }),
    outcomes: [
      // art. 24 c.2 TUI: from 20 days up to 9 months, for the season [V]
      {
        ...WORK_CLEARANCE_OUTCOME,
        label: 'Nulla osta al lavoro stagionale',
        legalReference: 'art. 24 c.2 TUI',
      },
      rejectionDecree('art. 24 D.Lgs. 286/1998; art. 10-bis L. 241/1990'),
    ],
  },
  FAMILY_REUNIFICATION_CLEARANCE: {
    name: 'Nulla osta al ricongiungimento familiare',
    legalReference: 'art. 29 D.Lgs. 286/1998',
    formCodes: ['SM', 'T', 'GN'],
    quota: null,
    rejectionNoticeApplies: true,
    parties: [
      { role: 'APPLICANT', kind: 'PERSON', label: 'Richiedente', required: true, applicant: true },
      {
        role: 'FAMILY_MEMBER',
        kind: 'PERSON',
        label: 'Familiare da ricongiungere',
        required: true,
        applicant: false,
      },
    ],
    // art. 29 c.3 TUI [V]
    documents: [
      { code: 'RESIDENCE_PERMIT', label: 'Permesso di soggiorno del richiedente', required: true },
      { code: 'PASSPORT_COPY', label: 'Copia del passaporto del familiare', required: true },
      { code: 'INCOME', label: 'Documentazione del reddito (assegno sociale)', required: true },
      { code: 'HOUSING_CERTIFICATE', label: 'Certificato di idoneità alloggiativa', required: true },
      { code: 'KINSHIP', label: 'Documentazione del rapporto di parentela', required: true },
      {
        code: 'HEALTH_INSURANCE',
        label: 'Assicurazione sanitaria (genitori ultrasessantacinquenni)',
        required: false,
      },
    ],
    opinions: [POLICE_OPINION],
    states: [{ code: 'SUBMITTED', label: 'Presentata', closed: false }, ...REVIEW_STATES],
    initialState: 'SUBMITTED',
    quotaExhaustedState: null,
    transitions: reviewTransitions({ initial: 'SUBMITTED', silence: false, rejectionNotice: true }),
    outcomes: [
      {
        code: 'CLEARANCE',
        label: 'Nulla osta al ricongiungimento familiare',
        favourable: true,
        validityMonths: 6,
        legalReference: 'art. 29 c.8 D.Lgs. 286/1998',
      },
      rejectionDecree('art. 29 D.Lgs. 286/1998; art. 10-bis L. 241/1990', APPEAL_TO_ORDINARY_COURT),
    ],
  },
  PERMIT_CONVERSION: {
    name: 'Conversione del permesso di soggiorno',
    legalReference: 'art. 6 c.1 e art. 24 c.10 D.Lgs. 286/1998',
    formCodes: ['VA', 'Z'],
    quota: null,
    rejectionNoticeApplies: true,
    parties: [
      { role: 'APPLICANT', kind: 'PERSON', label: 'Richiedente', required: true, applicant: true },
      { role: 'EMPLOYER', kind: 'EMPLOYER', label: 'Datore di lavoro', required: false, applicant: false },
    ],
    documents: [
      { code: 'RESIDENCE_PERMIT', label: 'Permesso di soggiorno in corso di validità', required: true },
      { code: 'PASSPORT_COPY', label: 'Copia del passaporto', required: true },
      {
        code: 'JOB_OFFER',
        label: 'Proposta di contratto di lavoro (almeno 20 ore settimanali)',
        required: true,
      },
      { code: 'REVENUE_STAMP', label: 'Marca da bollo da 16 €', required: true },
    ],
    opinions: [POLICE_OPINION],
    states: [{ code: 'SUBMITTED', label: 'Presentata', closed: false }, ...REVIEW_STATES],
    initialState: 'SUBMITTED',
    quotaExhaustedState: null,
    transitions: reviewTransitions({ initial: 'SUBMITTED', silence: false, rejectionNotice: true }),
    outcomes: [
      {
        code: 'CLEARANCE',
        label: 'Nulla osta alla conversione',
        favourable: true,
        validityDays: null,
        legalReference: 'art. 6 c.1 D.Lgs. 286/1998; art. 14 DPR 394/1999',
      },
      rejectionDecree('art. 6 D.Lgs. 286/1998; art. 10-bis L. 241/1990'),
    ],
  },
};

/** Every built-in definition version: one per term version of each type. */
export const BUILT_IN_CASE_TYPES: CaseTypeVersionInput[] = Object.entries(PARTS).flatMap(([code, part]) =>
  TERM_VERSIONS[code as CaseType].map(({ validFrom, ...term }) => ({
    code,
    validFrom,
    term,
    ...part,
  })),
);
