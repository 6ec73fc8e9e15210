/**
 * Use cases of opinions between bodies: the SUI requests them (from the case workflow) and reads where they
 * stand; the bodies read their inbox. Answers, questions and replies are in `answers.ts`.
 */
import type { Temporal } from 'temporal-polyfill';
import type { Config } from '../../config.ts';
import type { AuditRecord } from '../../kernel/audit.ts';
import type { Actor } from '../../kernel/auth.ts';
import type { Db } from '../../kernel/db.ts';
import type { Platform } from '../../kernel/platform.ts';
import { PROBLEM_CATEGORIES } from './contract.ts';
import { answererOf, type Payload, requestAll } from './messages.ts';
import * as problemsStore from './problems/store.ts';
import { type CaseFactsForOpinion, clockOf, firstDueOn, subjectFor } from './rules.ts';
import { bodyName, nodeOf, type RequestRow, sideOf } from './scope.ts';
import * as store from './store.ts';

export { recordOnBehalf } from './answers.ts';
export { getOpinion, inbox, titleOf } from './reading.ts';

// ---- requested by the case workflow, in its transaction

export type RequiredOpinion = {
  id: string;
  body: string;
  label: string;
  responseDays: number;
  silenceConsentRule: string | null;
};

export async function requestOpinions(
  db: Db,
  config: Config,
  input: {
    requester: { organisationId: string; name: string };
    caseNumber: string;
    caseType: { code: string; name: string };
    facts: CaseFactsForOpinion;
    opinions: readonly RequiredOpinion[];
    now: Date;
    today: Temporal.PlainDate;
  },
): Promise<AuditRecord[]> {
  const node = nodeOf(config);
  const byAnswerer = new Map<string, Payload<'opinion.requested'>[]>();
  for (const opinion of input.opinions) {
    const answerer = answererOf(node, opinion.body);
    byAnswerer.set(answerer, [
      ...(byAnswerer.get(answerer) ?? []),
      {
        id: opinion.id,
        requesterOrganisationId: input.requester.organisationId,
        requesterName: input.requester.name,
        body: opinion.body as Payload<'opinion.requested'>['body'],
        caseNumber: input.caseNumber,
        caseTypeCode: input.caseType.code,
        caseTypeName: input.caseType.name,
        label: opinion.label,
        subject: subjectFor(opinion.body, input.facts),
        requestedAt: input.now.toISOString(),
        requestedOn: input.today.toString(),
        responseDays: opinion.responseDays,
        dueOn: firstDueOn(input.today.toString(), opinion.responseDays),
        silenceRule: opinion.silenceConsentRule,
      },
    ]);
  }
  const records: AuditRecord[] = [];
  for (const [answerer, payloads] of byAnswerer)
    records.push(...(await requestAll(db, node, answerer, payloads, input.now)));
  return records;
}

/** The state and clock of a case's opinions, for the case page. */
export async function opinionStates(db: Db, ids: readonly string[], today: Temporal.PlainDate) {
  if (ids.length === 0) return new Map<string, ReturnType<typeof stateOf>>();
  const rows = await store.requestsByIds(db, ids);
  const open = await store.openQuestions(db, ids);
  return new Map(
    rows.map((row) => [
      row.id,
      stateOf(
        row,
        today,
        open.filter((q) => q.opinionId === row.id),
      ),
    ]),
  );
}

function stateOf(
  row: RequestRow,
  today: Temporal.PlainDate,
  openQuestions: { id: string; question: string; askedBy: string; askedOn: string }[],
) {
  return { state: row.state, clock: clockOf(row, today), silenceRule: row.silenceRule, openQuestions };
}

// ---- figures

const WEEKS = 12;

/** Which opinions an actor's figures cover: a body its own, an office its own, the supervision all. */
export function figureScopeOf(actor: Actor): store.FigureScope {
  if (sideOf(actor) === 'BODY') return { kind: 'BODY', organisationId: actor.organisationId };
  if (actor.roles.some((role) => role === 'project_supervisor' || role === 'council_secretariat'))
    return { kind: 'ALL', organisationId: actor.organisationId };
  return { kind: 'OFFICE', organisationId: actor.organisationId };
}

const round = (value: unknown) =>
  value === null || value === undefined ? null : Math.round(Number(value) * 10) / 10;

/** A count with its median and 90th percentile in days, rounded to a tenth. */
export const durations = (row: { n: unknown; median: unknown; p90: unknown }) => ({
  count: Number(row.n),
  medianDays: round(row.median),
  p90Days: round(row.p90),
});

/**
 * Where opinions wait: for each body and case type, how long they take (median, p90; before and after
 * `split`), how many are overdue now, answered per week; and the problems raised, by category. Figures only.
 */
export async function opinionFigures(platform: Platform, scope: store.FigureScope, split: string) {
  const db = platform.database.db;
  const today = platform.clock.today();
  const [bodyRows, weekly, problems] = await Promise.all([
    store.answerTimes(db, scope, today.toString(), split),
    store.answeredPerWeek(db, scope, today.subtract({ weeks: WEEKS }).toString()),
    problemsStore.problemCounts(db),
  ]);
  return {
    bodies: bodyRows.map((row) => ({
      body: row.body,
      bodyName: bodyName(row.body),
      caseType: row.caseTypeCode,
      caseTypeName: row.caseTypeName,
      answer: durations(row),
      before: durations({ n: row.beforeN, median: row.beforeMedian, p90: row.beforeP90 }),
      after: durations({ n: row.afterN, median: row.afterMedian, p90: row.afterP90 }),
      overdueNow: Number(row.overdue),
      openNow: Number(row.open),
      silentConsents: Number(row.silent),
    })),
    weekly: weekly.map((row) => ({ week: row.week, body: row.body, answered: Number(row.answered) })),
    problems: problems.map((row) => ({
      category: row.category,
      categoryName: PROBLEM_CATEGORIES[row.category as keyof typeof PROBLEM_CATEGORIES] ?? row.category,
      open: Number(row.open),
      resolved: Number(row.resolved),
    })),
  };
}
