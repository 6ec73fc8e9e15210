/** Use cases of SUI case files: intake, the case page, actions, opinions recorded by the office. */
import { Temporal } from 'temporal-polyfill';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Actor, Caller } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import { OPINION_BODIES, type OpinionBody } from '../exchange/contract.ts';
import { opinionStates } from '../exchange/service.ts';
import { TEAM_EVENT_LABELS } from './appointments/contract.ts';
import type { actionInput, CaseDetail, CaseSummary, IntakeInput, opinionInput } from './contract.ts';
import { checklistOf, documentViewOf } from './documents/service.ts';
import * as documents from './documents/store.ts';
import type { IntakeTypeFacts } from './intake/batch.ts';
import { IMPUTATION_EVENT_LABELS } from './intake/contract.ts';
import { checkSubmission } from './intake/rules.ts';
import { bodyHashOf, enqueueSubmission, type IntakeOutcome } from './intake/service.ts';
import type { HolidayCalendar } from './law/calendar.ts';
import type { CaseEvent, CaseEventKind, Deadline } from './law/deadlines.ts';
import { ACTIONS, type Action, type CaseTypeVersion } from './law/definitions.ts';
import { explainDueDate } from './law/explanation.ts';
import { assessRisk, officeCalendar } from './law/law.ts';
import { caseTypes } from './law/registry.ts';
import { riskCountryListIn, riskCountryListOf } from './law/risk-lists.ts';
import * as opinions from './opinions.ts';
import {
  NOTICE_RECEIPT_EVENT,
  outcomeViewOf,
  recordOutcome,
  rejectionNoticeViewOf,
} from './outcomes/service.ts';
import { latestNoticeReceipt } from './outcomes/store.ts';
import {
  actionsFor,
  type CaseFacts,
  caseRules,
  type DueDateBounds,
  deadlineOf,
  deadlineStatusOn,
  decide,
  dueDateBoundsOn,
  missingDocumentsOf,
  observationWindowOf,
} from './rules.ts';
import * as store from './store.ts';
import { caseDetailWithinReach, caseReachOf } from './team/rules.ts';

export const DUE_SOON_DAYS = 7;
const day = (value: string) => Temporal.PlainDate.from(value);

const calendars = new WeakMap<Config, { desks: HolidayCalendar; terms: HolidayCalendar }>();
function calendarsOf(config: Config) {
  let known = calendars.get(config);
  if (!known) {
    const { month, day: dayOfMonth, name, inLegalTerms } = config.office.patronDay;
    const patronDays = [
      {
        kind: 'FIXED' as const,
        month,
        day: dayOfMonth,
        name,
        validFrom: '1949-05-27',
        legalBasis: 'festa del santo patrono',
      },
    ];
    const desks = officeCalendar(patronDays);
    known = { desks, terms: inLegalTerms ? desks : officeCalendar([]) };
    calendars.set(config, known);
  }
  return known;
}

/** The office calendar of the desks: national holidays and the patron saint's day of the configuration. */
export const calendarOf = (config: Config): HolidayCalendar => calendarsOf(config).desks;

/**
 * The calendar of legal terms: the national holidays, and the patron day only when the office chose so
 * (its standing for a state office is not settled; default off, recorded with each due date).
 */
export const legalCalendarOf = (config: Config): HolidayCalendar => calendarsOf(config).terms;

/** The year whose list of countries at particular risk a case follows: its quota year, else its submission's. */
const riskYearOf = (row: { quotaYear: number | null; submittedOn: string }) =>
  row.quotaYear ?? Number(row.submittedOn.slice(0, 4));

export function actorOf(caller: Caller): Actor {
  if (!caller.actor) throw new NotFound();
  return caller.actor;
}

const withBodyPaths = (errors: { path: string; message: string }[]) =>
  errors.map((error) => ({ ...error, path: `body.${error.path}` }));

// ---- intake

const intakeFacts = new WeakMap<CaseTypeVersion, IntakeTypeFacts>();
function intakeFactsOf(definition: CaseTypeVersion): IntakeTypeFacts {
  let facts = intakeFacts.get(definition);
  if (!facts) {
    const { code, validFrom, initialState, quotaExhaustedState, quota } = definition;
    facts = { code, validFrom, initialState, quotaExhaustedState, quota };
    intakeFacts.set(definition, facts);
  }
  return facts;
}

/** Per configuration, whose calendar (the patron's day) the dates depend on. */
const initialDueDates = new WeakMap<Config, Map<string, string>>();
/**
 * The due date of a case before any event: the same for every case of a type submitted (and imputed) on one
 * day, so computed once (a click day submits thousands a second).
 */
function initialDueDate(
  config: Config,
  definition: CaseTypeVersion,
  dates: { submittedOn: string; quotaImputedOn: string | null },
  today: Temporal.PlainDate,
): string {
  const key = `${definition.code}|${definition.validFrom}|${dates.submittedOn}|${dates.quotaImputedOn}`;
  let known = initialDueDates.get(config);
  if (!known) {
    known = new Map();
    initialDueDates.set(config, known);
  }
  let due = known.get(key);
  if (due === undefined) {
    if (known.size > 1000) known.clear();
    const facts = factsOf(definition, {
      state: definition.initialState,
      ...dates,
      highRiskCountry: false,
      riskListConfirmed: false,
    });
    due = deadlineOf(definition, facts, legalCalendarOf(config), today).legalDueDate.toString();
    known.set(key, due);
  }
  return due;
}

/**
 * The names of the people of every case whose family name, folded as `foldedName` does, is among the words
 * given: for the council, which must not publish them.
 */
export function personNamesAmong(db: Db, familyNames: readonly string[]) {
  return familyNames.length ? store.personNamesAmong(db, familyNames) : Promise.resolve([]);
}

export async function submit(
  platform: Platform,
  caller: Caller,
  input: IntakeInput,
  options: {
    channel: 'DESK' | 'API' | 'IMPORT';
    idempotencyKey: string | null;
    ticket: number;
    /** The fingerprint of the request body, when there is one; otherwise of the parsed input. */
    bodyHash?: string;
    /**
     * The real days of an imported application: its submission and its imputation to the quota (null when not
     * imputed yet). Without them the application is submitted, and imputed, today.
     */
    dates?: { submittedOn: Temporal.PlainDate; quotaImputedOn: Temporal.PlainDate | null };
  },
): Promise<IntakeOutcome> {
  const actor = actorOf(caller);
  const registry = await caseTypes(platform.database, platform.clock);
  const now = platform.clock.now();
  const today = platform.clock.today();
  const submittedOn = options.dates?.submittedOn ?? today;
  // The types' versions and the risk list are those of the submission day, also for an imported file.
  const definition = registry.inForce(input.type, submittedOn);
  if (!definition)
    throw new Invalid([
      { path: 'body.type', message: `tipo di pratica sconosciuto: ammessi ${registry.codes().join(', ')}` },
    ]);
  const checked = checkSubmission(input, definition, today);
  if (!checked.ok) throw new Invalid(withBodyPaths(checked.errors));
  const applicant = definition.parties.find((party) => party.applicant)?.role;
  const citizenships = checked.value.parties.flatMap((party) =>
    party.person && party.role !== applicant ? [party.person.citizenship] : [],
  );
  const riskList = await riskCountryListOf(platform.database, platform.clock, submittedOn.year);
  const { highRiskCountry } = assessRisk(riskList, citizenships);
  // art. 21 c.1 TUI: LOVIT ranks a live application against the quota on arrival, which imputes it
  const imputedOn = options.dates ? options.dates.quotaImputedOn : today;
  const dates = {
    submittedOn: submittedOn.toString(),
    quotaImputedOn: definition.quota && imputedOn ? imputedOn.toString() : null,
  };
  const dueOn = initialDueDate(platform.config, definition, dates, today);
  return enqueueSubmission(
    platform,
    {
      organisationId: actor.organisationId,
      provinceCode: platform.config.office.provinceCode,
      definition: intakeFactsOf(definition),
      input: {
        quotaSector: input.quotaSector,
        externalReference: input.externalReference,
        details: input.details,
      },
      checked: checked.value,
      channel: options.channel,
      idempotencyKey: options.idempotencyKey,
      bodyHash: options.bodyHash ?? bodyHashOf(input),
      receivedAt: now,
      ...dates,
      dueOn,
      patronDayInTerms: platform.config.office.patronDay.inLegalTerms,
      highRiskCountry,
      audit: {
        at: now,
        actorUserId: actor.userId,
        actorLabel: actor.email,
        organisationId: actor.organisationId,
        requestId: caller.requestId,
        clientAddress: caller.clientAddress,
      },
    },
    options.ticket,
  );
}

// ---- facts and views

type EventRow = Awaited<ReturnType<typeof store.caseEvents>>[number];
type OpinionRow = Awaited<ReturnType<typeof store.caseOpinions>>[number];

function factsOf(
  definition: CaseTypeVersion,
  row: {
    state: string;
    submittedOn: string;
    quotaImputedOn: string | null;
    highRiskCountry: boolean;
    riskListConfirmed: boolean;
    quotaRank?: number | null;
  },
  events: readonly EventRow[] = [],
  opinions: readonly OpinionRow[] = [],
  /** Checklist codes a current document answers. */
  presentDocuments: readonly string[] = [],
): CaseFacts {
  return {
    state: row.state,
    submittedOn: day(row.submittedOn),
    quotaImputedOn: row.quotaImputedOn ? day(row.quotaImputedOn) : null,
    clockEvents: events.flatMap((event) =>
      event.clockEvent
        ? [{ kind: event.clockEvent as CaseEventKind, on: day(event.onDay) } satisfies CaseEvent]
        : [],
    ),
    opinions: opinions.map((opinion) => ({ body: opinion.body, outcome: opinion.outcome })),
    missingDocuments: missingDocumentsOf(definition, presentDocuments),
    quotaAvailable: definition.quota === null || (row.quotaRank ?? null) !== null,
    highRiskCountry: row.highRiskCountry,
    riskListConfirmed: row.riskListConfirmed,
  };
}

/** A case's facts as stored now, read in the transaction that is about to change it. */
export async function storedFactsOf(
  db: Db,
  definition: CaseTypeVersion,
  row: {
    id: string;
    state: string;
    submittedOn: string;
    quotaImputedOn: string | null;
    quotaYear: number | null;
    highRiskCountry: boolean;
    quotaRank: number | null;
  },
): Promise<CaseFacts> {
  const [events, existingOpinions, present, riskList] = await Promise.all([
    store.caseEvents(db, row.id),
    store.caseOpinions(db, row.id),
    documents.currentChecklistCodes(db, row.id),
    riskCountryListIn(db, riskYearOf(row)),
  ]);
  return factsOf(
    definition,
    { ...row, riskListConfirmed: riskList !== null },
    events,
    existingOpinions,
    present,
  );
}

const EVENT_LABELS: Record<string, string> = {
  ...ACTIONS,
  SUBMITTED: 'Domanda presentata',
  QUOTA_EXHAUSTED: 'Chiusa per quota esaurita',
  ASSIGNED: 'Assegnazione',
  OPINION_RECORDED: 'Parere registrato',
  OPINION_RECEIVED: 'Parere registrato',
  OPINION_CORRECTED: 'Parere rettificato',
  OPINION_QUESTION: 'Richiesta di informazioni dell’ente al SUI',
  OPINION_QUESTION_ANSWERED: 'Risposta del SUI all’ente',
  OPINION_SILENT_CONSENT: 'Parere per silenzio-assenso',
  DOCUMENT_ADDED: 'Documento acquisito',
  [NOTICE_RECEIPT_EVENT]: 'Ricevimento del preavviso di rigetto registrato',
  ...TEAM_EVENT_LABELS,
  ...IMPUTATION_EVENT_LABELS,
};

const stateLabel = (definition: CaseTypeVersion, code: string) =>
  definition.states.find((state) => state.code === code)?.label ?? code;

type SummaryRow = {
  id: string;
  number: string;
  typeCode: string;
  state: string;
  title: string;
  language: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  receivedAt: Date;
  dueOn: string | null;
  clockSuspended: boolean;
  awaitingOpinions: boolean;
};

/** The bounds of the due-date statuses on a day: due soon means within `DUE_SOON_DAYS`. */
export const dueDateBounds = (today: Temporal.PlainDate) => dueDateBoundsOn(today, DUE_SOON_DAYS);

/** What the worklist shows of a case, and the case page too. */
export function summaryOf(definition: CaseTypeVersion, row: SummaryRow, bounds: DueDateBounds): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    type: row.typeCode,
    typeName: definition.name,
    state: row.state,
    stateLabel: stateLabel(definition, row.state),
    title: row.title,
    language: row.language,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    receivedAt: row.receivedAt.toISOString(),
    dueOn: row.dueOn,
    deadlineStatus: deadlineStatusOn(row.dueOn, row.clockSuspended, bounds),
    awaitingOpinions: row.awaitingOpinions,
  };
}

/** The legal clock of a case today, computed from its events as the case page computes it. */
export async function caseClockToday(
  platform: Platform,
  row: {
    id: string;
    typeCode: string;
    typeValidFrom: string;
    state: string;
    submittedOn: string;
    quotaImputedOn: string | null;
    quotaYear: number | null;
    highRiskCountry: boolean;
    quotaRank: number | null;
  },
): Promise<{ deadline: Deadline; clockEvents: readonly CaseEvent[]; integrationMaxDays: number }> {
  const { db } = platform.database;
  const definition = (await caseTypes(platform.database, platform.clock)).version(
    row.typeCode,
    row.typeValidFrom,
  );
  const [events, caseOpinions, present, riskList] = await Promise.all([
    store.caseEvents(db, row.id),
    store.caseOpinions(db, row.id),
    documents.currentChecklistCodes(db, row.id),
    riskCountryListOf(platform.database, platform.clock, riskYearOf(row)),
  ]);
  const facts = factsOf(
    definition,
    { ...row, riskListConfirmed: riskList !== null },
    events,
    caseOpinions,
    present,
  );
  const today = platform.clock.today();
  return {
    deadline: deadlineOf(definition, facts, legalCalendarOf(platform.config), today),
    clockEvents: facts.clockEvents,
    integrationMaxDays: caseRules(definition, facts.submittedOn).clock.integration.maxDays,
  };
}

export async function getCase(platform: Platform, caller: Caller, id: string): Promise<CaseDetail> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const page = await store.casePage(db, actor.organisationId, id);
  if (!page) throw new NotFound('La pratica non esiste o non è accessibile.');
  const { parties, events, opinions, documents: documentRows, outcomes: outcomeRows, ...row } = page;
  const registry = await caseTypes(platform.database, platform.clock);
  const definition = registry.version(row.typeCode, row.typeValidFrom);
  const today = platform.clock.today();
  const opinionState = await opinionStates(
    db,
    opinions.map((opinion) => opinion.id),
    today,
  );
  const checklist = checklistOf(definition, documentRows);
  const present = checklist.filter((item) => item.present).map((item) => item.code);
  const riskList = await riskCountryListOf(platform.database, platform.clock, riskYearOf(row));
  const facts = factsOf(
    definition,
    { ...row, riskListConfirmed: riskList !== null },
    events,
    opinions,
    present,
  );
  const calendar = legalCalendarOf(platform.config);
  const deadline = row.closed ? null : deadlineOf(definition, facts, calendar, today);
  const window = observationWindowOf(facts, calendar, today);
  const receipt = row.closed || window.state === 'NO_NOTICE' ? undefined : await latestNoticeReceipt(db, id);
  await auditRead(db, platform.clock, caller, 'case', id, { number: row.number });
  const details = (events.find((event) => event.kind === 'SUBMITTED' || event.kind === 'QUOTA_EXHAUSTED')
    ?.data?.details ?? {}) as Record<string, unknown>;
  return caseDetailWithinReach(caseReachOf(actor), {
    ...summaryOf(definition, row, dueDateBounds(today)),
    typeValidFrom: row.typeValidFrom,
    legalReference: definition.legalReference,
    submittedOn: row.submittedOn,
    channel: row.channel,
    externalReference: row.externalReference,
    quota:
      row.quotaYear && row.quotaSector && row.quotaRank
        ? { year: row.quotaYear, sector: row.quotaSector, rank: row.quotaRank }
        : null,
    version: row.version,
    deadline: deadline && {
      legalDueDate: deadline.legalDueDate.toString(),
      daysLeft: deadline.daysLeft,
      status: deadline.status,
      suspendedDays: deadline.suspendedDays,
      suspensions: deadline.suspensions.map((s) => ({
        kind: s.kind,
        from: s.from.toString(),
        to: s.to.toString(),
        days: s.days,
        ongoing: s.ongoing,
        capped: s.capped,
      })),
      canIssueBySilence: deadline.canIssueBySilence,
      silenceReason: deadline.silenceReason,
      legalBasis: deadline.legalBasis,
      explanation: explainDueDate(deadline, {
        submittedOn: facts.submittedOn,
        patronDay: platform.config.office.patronDay,
      }),
    },
    parties: parties.map((party) => ({
      role: party.role,
      label: definition.parties.find((p) => p.role === party.role)?.label ?? party.role,
      person: party.personId
        ? {
            id: party.personId,
            surname: party.surname ?? '',
            givenName: party.givenName ?? '',
            sex: party.sex ?? 'M',
            birthDate: party.birthDate ?? '',
            birthPlace: party.birthPlace ?? '',
            citizenship: party.citizenship ?? '',
            citizenshipCadastralCode: party.citizenshipCadastralCode,
            passport:
              party.passportNumber && party.passportExpiry
                ? { number: party.passportNumber, expiry: party.passportExpiry }
                : null,
            fiscalCode: party.personFiscalCode,
            fiscalCodeWarnings: party.fiscalCodeWarnings ?? [],
            address: party.personAddress,
            email: party.personEmail,
            phone: party.personPhone,
            preferredLanguage: party.preferredLanguage,
          }
        : null,
      employer: party.employerId
        ? {
            id: party.employerId,
            kind: party.employerKind ?? 'COMPANY',
            name: party.employerName ?? '',
            fiscalCode: party.employerFiscalCode ?? '',
            vatNumber: party.vatNumber,
            address: party.employerAddress ?? '',
            pec: party.pec,
            email: party.employerEmail,
            phone: party.employerPhone,
          }
        : null,
    })),
    checklist,
    documents: documentRows.map(documentViewOf),
    outcomes: outcomeRows.map(outcomeViewOf),
    rejectionNotice: row.closed ? null : rejectionNoticeViewOf(id, window, receipt),
    opinions: opinions.map((opinion) => {
      const exchange = opinionState.get(opinion.id);
      return {
        id: opinion.id,
        body: opinion.body,
        bodyName: OPINION_BODIES[opinion.body as OpinionBody] ?? opinion.body,
        requestedAt: opinion.requestedAt.toISOString(),
        dueOn: exchange?.clock.dueOn ?? opinion.dueOn,
        answeredAt: opinion.answeredAt?.toISOString() ?? null,
        outcome: opinion.outcome,
        notes: opinion.notes,
        state: exchange?.state ?? (opinion.outcome ? 'ANSWERED' : 'PENDING'),
        clock: exchange?.clock ?? { status: 'CLOSED', dueOn: opinion.dueOn, daysLeft: null },
        silenceRule: exchange?.silenceRule ?? null,
        openQuestions: exchange?.openQuestions ?? [],
      };
    }),
    timeline: events.map((event) => ({
      id: event.id,
      at: event.at.toISOString(),
      onDay: event.onDay,
      kind: event.kind,
      label: EVENT_LABELS[event.kind] ?? event.kind,
      fromState: event.fromState,
      toState: event.toState,
      actor: event.actorLabel,
      reason: event.reason,
    })),
    actions: deadline ? actionsFor(definition, facts, deadline, today, calendar) : [],
    details,
  });
}

// ---- actions

/** The legal day a user gives for an event (documents received yesterday), today if none; never the future. */
function dayNotAfter(value: string | undefined, today: Temporal.PlainDate, path: string): Temporal.PlainDate {
  const date = value ? day(value) : today;
  if (Temporal.PlainDate.compare(date, today) > 0)
    throw new Invalid([{ path, message: 'la data non può essere nel futuro' }]);
  return date;
}

export async function act(
  platform: Platform,
  caller: Caller,
  id: string,
  input: z.infer<typeof actionInput>,
): Promise<CaseDetail> {
  const actor = actorOf(caller);
  const today = platform.clock.today();
  const onDay = dayNotAfter(input.onDay, today, 'body.onDay');
  const registry = await caseTypes(platform.database, platform.clock);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit, auditAll }) => {
    const row = await store.lockCase(db, actor.organisationId, id);
    if (!row) throw new NotFound('La pratica non esiste o non è accessibile.');
    if (row.version !== input.version)
      throw new Conflict('La pratica è stata modificata da un altro utente: ricarica la pagina.', {
        currentVersion: row.version,
      });
    if (Temporal.PlainDate.compare(onDay, day(row.submittedOn)) < 0)
      throw new Invalid([
        { path: 'body.onDay', message: 'la data dell’evento precede la presentazione della domanda' },
      ]);
    const definition = registry.version(row.typeCode, row.typeValidFrom);
    const facts = await storedFactsOf(db, definition, row);
    const calendar = legalCalendarOf(platform.config);
    const decision = decide(
      definition,
      facts,
      { action: input.action, reason: input.reason ?? null },
      deadlineOf(definition, facts, calendar, today),
      today,
      calendar,
    );
    if (!decision.ok) throw refusal(decision, definition);
    const now = platform.clock.now();
    const eventId = newId();
    await store.insertEvent(db, {
      id: eventId,
      caseId: id,
      at: now,
      onDay: onDay.toString(),
      kind: decision.action,
      fromState: decision.from,
      toState: decision.to,
      clockEvent: decision.clockEvent,
      actorUserId: actor.userId,
      actorLabel: actor.email,
      reason: input.reason ?? null,
    });
    const requested =
      decision.action === 'REQUEST_OPINIONS'
        ? await opinions.requestCaseOpinions(db, platform.config, actor, {
            caseFile: row,
            definition,
            alreadyRequested: facts.opinions.map((opinion) => opinion.body),
            now,
            today,
          })
        : [];
    await auditAll(requested);
    const nextFacts: CaseFacts = {
      ...facts,
      state: decision.to,
      clockEvents: decision.clockEvent
        ? [...facts.clockEvents, { kind: decision.clockEvent, on: onDay }]
        : facts.clockEvents,
    };
    const next = deadlineOf(definition, nextFacts, calendar, today);
    await store.updateCase(db, id, {
      state: decision.to,
      closed: decision.closed,
      awaitingOpinions: decision.awaitingOpinions,
      dueOn: decision.closed ? null : next.legalDueDate.toString(),
      patronDayInTerms: platform.config.office.patronDay.inLegalTerms,
      clockSuspended: !decision.closed && next.status === 'SUSPENDED',
      updatedAt: now,
    });
    const outcome = decision.outcome
      ? await recordOutcome(db, {
          caseFile: row,
          definition,
          code: decision.outcome,
          action: decision.action,
          reason: input.reason ?? null,
          issuedOn: onDay,
          now,
          issuedBy: actor.userId,
        })
      : null;
    await audit({
      kind: 'change',
      action: `cases.case.${decision.action.toLowerCase()}`,
      entityType: 'case',
      entityId: id,
      before: { state: decision.from, dueOn: row.dueOn },
      after: {
        state: decision.to,
        dueOn: decision.closed ? null : next.legalDueDate.toString(),
        patronDayInTerms: platform.config.office.patronDay.inLegalTerms,
      },
      details: {
        event: eventId,
        ...(outcome ? { outcome: { id: outcome.id, code: outcome.code, number: outcome.number } } : {}),
      },
    });
  });
  return getCase(platform, caller, id);
}

function refusal(decision: Exclude<ReturnType<typeof decide>, { ok: true }>, definition: CaseTypeVersion) {
  switch (decision.code) {
    case 'NOT_ALLOWED_NOW':
      return new Conflict(
        `Azione non consentita nello stato «${stateLabel(definition, decision.state)}». ` +
          (decision.allowed.length
            ? `Azioni possibili: ${decision.allowed.map((action: Action) => ACTIONS[action]).join('; ')}.`
            : 'Nessuna azione è possibile: la pratica è chiusa.'),
        { state: decision.state, allowed: decision.allowed },
        [{ path: 'body.action', message: 'azione non consentita ora' }],
      );
    case 'GUARD_FAILED':
      return new Conflict(
        `Azione non ancora possibile: ${decision.blockedBy.map((b) => b.message).join('; ')}.`,
        { blockedBy: decision.blockedBy },
        [{ path: 'body.action', message: decision.blockedBy.map((b) => b.message).join('; ') }],
      );
    case 'REASON_REQUIRED':
      return new Invalid([{ path: 'body.reason', message: 'indicare la motivazione' }]);
  }
}

// ---- opinions recorded by the SUI when a body answered outside LOVIT

export async function recordOpinion(
  platform: Platform,
  caller: Caller,
  caseId: string,
  opinionId: string,
  input: z.infer<typeof opinionInput>,
): Promise<CaseDetail> {
  const today = platform.clock.today();
  await opinions.recordOpinion(
    platform,
    caller,
    caseId,
    opinionId,
    input,
    dayNotAfter(input.answeredOn, today, 'body.answeredOn'),
  );
  return getCase(platform, caller, caseId);
}
