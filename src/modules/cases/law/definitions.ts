/**
 * A case type as data: who the parties are, which documents and opinions it needs, its legal term, its states
 * and the transitions between them, and the documents it ends with. The workflow engine (`../rules.ts`) reads
 * these definitions and nothing else, so a new case type is a new definition, not new code.
 *
 * Transitions name an action from a closed vocabulary (`ACTIONS`): the engine knows what each action does to
 * the legal clock, to opinions and to outcomes; a definition decides between which of its states it applies.
 */
import type { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { OPINION_BODIES, type OpinionBody } from '../../exchange/contract.ts';
import { CASE_EVENT_KINDS } from './deadlines.ts';
import { TERM_STARTS } from './law.ts';

const code = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'codice in maiuscolo: lettere, cifre e _');
const isoDate = z.iso.date();
const label = z.string().trim().min(1).max(200);

/** What an action does beyond moving the case: the engine's vocabulary. */
export const ACTIONS = {
  START_REVIEW: 'Avvia l’istruttoria',
  REQUEST_DOCUMENTS: 'Richiedi integrazione documentale',
  RECORD_DOCUMENTS: 'Registra i documenti ricevuti',
  REQUEST_OPINIONS: 'Richiedi i pareri',
  RESUME_REVIEW: 'Riprendi l’istruttoria',
  SEND_REJECTION_NOTICE: 'Invia il preavviso di rigetto',
  RECORD_OBSERVATIONS: 'Registra le osservazioni',
  CONVOKE: 'Convoca per la firma del contratto di soggiorno',
  ISSUE: 'Rilascia il provvedimento',
  ISSUE_BY_SILENCE: 'Rilascia per decorso del termine',
  REJECT: 'Rigetta con motivazione',
  WITHDRAW: 'Archivia per rinuncia',
} as const;
export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as [Action, ...Action[]];

/** Conditions an action may require, checked by the engine against the case as it is now. */
export const GUARDS = {
  OPINIONS_COMPLETE: 'Tutti i pareri richiesti sono pervenuti',
  NO_UNFAVOURABLE_OPINION: 'Nessun parere contrario',
  CHECKLIST_COMPLETE: 'Tutti i documenti obbligatori sono presenti',
  SILENCE_CONSENT: 'Il termine è decorso e la legge prevede il rilascio per silenzio',
  REJECTION_NOTICE_GIVEN:
    'Il preavviso di rigetto è stato inviato e le osservazioni sono pervenute o il loro termine è scaduto',
} as const;
export type Guard = keyof typeof GUARDS;

export const PARTY_KINDS = ['PERSON', 'EMPLOYER'] as const;

export const caseTypeVersion = z
  .object({
    code,
    validFrom: isoDate,
    name: label,
    legalReference: label,
    formCodes: z.array(z.string().max(20)).max(10).default([]),
    /** Inside the decreto flussi: ranked by arrival against the province's quota for a year and sector. */
    quota: z.object({ sectors: z.array(code).min(1) }).nullable(),
    /** Entry-visa procedures are outside art. 10-bis since DL 145/2024. */
    rejectionNoticeApplies: z.boolean(),
    term: z.object({
      termDays: z.number().int().min(1).max(3650),
      /** The event the days run from: the submission, or (DL 146/2025) the imputation to the quota. */
      startsFrom: z.enum(TERM_STARTS).default('SUBMISSION'),
      silenceMeansConsent: z.boolean(),
      legalBasis: z.string().min(1),
      /** Where the rule's source is not settled: for the manager's eyes on the case-type page only. */
      sourceNote: z.string().trim().min(1).max(1000).nullable().default(null),
    }),
    parties: z
      .array(
        z.object({
          role: code,
          kind: z.enum(PARTY_KINDS),
          label,
          required: z.boolean(),
          applicant: z.boolean(),
        }),
      )
      .min(1),
    documents: z.array(z.object({ code, label, required: z.boolean() })),
    opinions: z.array(
      z.object({
        body: z.enum(Object.keys(OPINION_BODIES) as [OpinionBody, ...OpinionBody[]]),
        label,
        responseDays: z.number().int().min(1).max(365),
        /** An unfavourable answer of this body is an impediment (motivi ostativi). */
        impedimentOnUnfavourable: z.boolean(),
        /**
         * The rule under which the body's silence past its deadline counts as consent (never for applicants
         * from the yearly high-risk list); null when silence only escalates to the SUI manager.
         */
        silenceConsentRule: z.string().min(1).nullable().default(null),
      }),
    ),
    states: z
      .array(
        z.object({
          code,
          label,
          closed: z.boolean(),
          /** Waiting for the bodies' opinions: what the worklist filter "in attesa di pareri" finds. */
          awaitingOpinions: z.boolean().default(false),
        }),
      )
      .min(2),
    initialState: code,
    /** Where a case inside the quota goes when none is left. */
    quotaExhaustedState: code.nullable(),
    transitions: z
      .array(
        z.object({
          action: z.enum(ACTION_NAMES),
          from: z.array(code).min(1),
          to: code,
          guards: z.array(z.enum(Object.keys(GUARDS) as [Guard, ...Guard[]])).default([]),
          clockEvent: z.enum(CASE_EVENT_KINDS).nullable().default(null),
          reasonRequired: z.boolean().default(false),
          /** The outcome document the action produces. */
          outcome: code.nullable().default(null),
        }),
      )
      .min(1),
    outcomes: z.array(
      z.object({
        code,
        label,
        favourable: z.boolean(),
        /** Days the document stays valid from issue, when the law counts its validity in days. */
        validityDays: z.number().int().min(1).nullable().default(null),
        /** Calendar months the document stays valid from issue (art. 2963 c.4 c.c.: same day, or month's end). */
        validityMonths: z.number().int().min(1).max(120).nullable().default(null),
        legalReference: label,
        /** Where and when the document may be challenged, printed on it (art. 3 c.4 L. 241/1990). */
        appeal: z.string().trim().min(1).max(400).nullable().default(null),
      }),
    ),
  })
  .superRefine((definition, context) => {
    const states = new Set(definition.states.map((state) => state.code));
    const outcomes = new Set(definition.outcomes.map((outcome) => outcome.code));
    const issue = (path: (string | number)[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    if (states.size !== definition.states.length) issue(['states'], 'stati duplicati');
    if (!states.has(definition.initialState)) issue(['initialState'], 'stato iniziale sconosciuto');
    if (definition.quotaExhaustedState !== null && !states.has(definition.quotaExhaustedState))
      issue(['quotaExhaustedState'], 'stato di quota esaurita sconosciuto');
    if ((definition.quota === null) !== (definition.quotaExhaustedState === null))
      issue(['quotaExhaustedState'], 'obbligatorio se e solo se il tipo è soggetto a quota');
    definition.transitions.forEach((transition, index) => {
      for (const from of transition.from)
        if (!states.has(from)) issue(['transitions', index, 'from'], `stato sconosciuto: ${from}`);
      if (!states.has(transition.to))
        issue(['transitions', index, 'to'], `stato sconosciuto: ${transition.to}`);
      if (transition.outcome !== null && !outcomes.has(transition.outcome))
        issue(['transitions', index, 'outcome'], `esito sconosciuto: ${transition.outcome}`);
    });
    const closed = new Set(definition.states.filter((state) => state.closed).map((state) => state.code));
    definition.transitions.forEach((transition, index) => {
      if (transition.from.some((from) => closed.has(from)))
        issue(['transitions', index, 'from'], 'uno stato chiuso non ha azioni');
    });
    if (definition.quotaExhaustedState !== null && !closed.has(definition.quotaExhaustedState))
      issue(['quotaExhaustedState'], 'lo stato di quota esaurita deve essere chiuso');
    const sendsNotice = definition.transitions.some(
      (transition) => transition.action === 'SEND_REJECTION_NOTICE',
    );
    if (sendsNotice !== definition.rejectionNoticeApplies)
      issue(['rejectionNoticeApplies'], 'non coerente con la presenza dell’azione di preavviso di rigetto');
    definition.outcomes.forEach((outcome, index) => {
      if (outcome.validityDays !== null && outcome.validityMonths !== null)
        issue(
          ['outcomes', index, 'validityMonths'],
          'indicare la validità in giorni oppure in mesi, non entrambe',
        );
    });
    if (definition.term.startsFrom === 'QUOTA_IMPUTATION' && definition.quota === null)
      issue(['term', 'startsFrom'], 'l’imputazione alla quota vale solo per i tipi soggetti a quota');
    if (definition.parties.filter((party) => party.applicant).length !== 1)
      issue(['parties'], 'una e una sola parte è il richiedente');
  });
export type CaseTypeVersion = z.output<typeof caseTypeVersion>;
export type CaseTypeVersionInput = z.input<typeof caseTypeVersion>;
type Outcome = CaseTypeVersion['outcomes'][number];

/**
 * The last day an outcome document is valid, issued on a day: months by the calendar, the month's last day when
 * it lacks the issue day (art. 2963 c.4 c.c., art. 155 c.2 c.p.c.), never 30-day blocks.
 */
export function validUntil(
  outcome: Pick<Outcome, 'validityDays' | 'validityMonths'>,
  issuedOn: Temporal.PlainDate,
): Temporal.PlainDate | null {
  if (outcome.validityMonths !== null) return issuedOn.add({ months: outcome.validityMonths });
  if (outcome.validityDays !== null) return issuedOn.add({ days: outcome.validityDays });
  return null;
}
