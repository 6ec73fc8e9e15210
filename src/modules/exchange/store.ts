/**
 * Queries on the opinion requests (as each side sees them), their answers and questions, the opinions' clock
 * and the figures. The federation's keys, outbox and inbox are in `federation/store.ts`.
 */
import { type Insertable, sql } from 'kysely';
import type {
  OpinionAnswerTable,
  OpinionQuestionTable,
  OpinionRequestTable,
} from '../../db/tables/exchange.ts';
import type { Db } from '../../kernel/db.ts';
import type { InboxQuery } from './contract.ts';

// ---- the requests a side sees

/** Whose requests a reader sees: a body those addressed to its office, the SUI its office's own. */
export type RequestScope = { side: 'BODY' | 'SUI'; organisationId: string };

function visibleRequests(db: Db, scope: RequestScope) {
  const query = db.selectFrom('opinionRequest').selectAll();
  return scope.side === 'BODY'
    ? query.where('organisationId', '=', scope.organisationId)
    : query.where('requesterOrganisationId', '=', scope.organisationId);
}

export function visibleRequest(db: Db, scope: RequestScope, id: string) {
  return visibleRequests(db, scope).where('id', '=', id).executeTakeFirst();
}

export function lockVisibleRequest(db: Db, scope: RequestScope, id: string) {
  return visibleRequests(db, scope).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function lockVisibleRequests(db: Db, scope: RequestScope, ids: readonly string[]) {
  return visibleRequests(db, scope).where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/** What an inbox page asks for: a state, a clock (overdue, or due by `soon`), a case type, words; from `after`. */
export type InboxFilter = Pick<InboxQuery, 'state' | 'clock' | 'caseType' | 'q'> & {
  after: { dueOn: string; id: string } | null;
  today: string;
  soon: string;
};

/** A side's requests matching `filter`, soonest deadline first, at most `limit`. */
export function inboxRows(db: Db, scope: RequestScope, filter: InboxFilter, limit: number) {
  let select = visibleRequests(db, scope);
  if (filter.state === 'open') select = select.where('state', 'in', ['PENDING', 'QUESTION']);
  else if (filter.state === 'closed') select = select.where('state', 'in', ['ANSWERED', 'SILENT_CONSENT']);
  else if (filter.state !== 'all') select = select.where('state', '=', filter.state);
  if (filter.clock === 'OVERDUE')
    select = select.where('state', '=', 'PENDING').where('dueOn', '<', filter.today);
  if (filter.clock === 'DUE_SOON')
    select = select
      .where('state', '=', 'PENDING')
      .where('dueOn', '>=', filter.today)
      .where('dueOn', '<=', filter.soon);
  if (filter.caseType) select = select.where('caseTypeCode', '=', filter.caseType);
  if (filter.q)
    select = select.where('searchText', 'like', `%${filter.q.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
  const after = filter.after;
  if (after)
    select = select.where((eb) =>
      eb.or([
        eb('dueOn', '>', after.dueOn),
        eb.and([eb('dueOn', '=', after.dueOn), eb('id', '>', after.id)]),
      ]),
    );
  return select.orderBy('dueOn').orderBy('id').limit(limit).execute();
}

// ---- requests, answers and questions

export function insertRequests(db: Db, rows: Insertable<OpinionRequestTable>[]) {
  if (rows.length === 0) return Promise.resolve([]);
  return db
    .insertInto('opinionRequest')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
}

export function lockRequest(db: Db, id: string) {
  return db.selectFrom('opinionRequest').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function request(db: Db, id: string) {
  return db.selectFrom('opinionRequest').selectAll().where('id', '=', id).executeTakeFirst();
}

export function requestsByIds(db: Db, ids: readonly string[]) {
  return db.selectFrom('opinionRequest').selectAll().where('id', 'in', ids).execute();
}

export function updateRequest(db: Db, id: string, patch: Partial<Insertable<OpinionRequestTable>>) {
  return db.updateTable('opinionRequest').set(patch).where('id', '=', id).execute();
}

export function insertAnswer(db: Db, row: Insertable<OpinionAnswerTable>) {
  return db.insertInto('opinionAnswer').values(row).execute();
}

/** Among `sha256s`, the files attached to some answer. */
export async function storedAttachments(db: Db, sha256s: readonly string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const { rows } = await sql<{ sha256: string }>`
    select distinct file ->> 'sha256' as sha256
    from opinion_answer, jsonb_array_elements(attachments) as file
    where file ->> 'sha256' in (${sql.join(sha256s)})`.execute(db);
  return rows.map((row) => row.sha256);
}

export function answers(db: Db, opinionId: string) {
  return db
    .selectFrom('opinionAnswer')
    .selectAll()
    .where('opinionId', '=', opinionId)
    .orderBy('answeredAt')
    .orderBy('id')
    .execute();
}

export async function latestAnswerId(db: Db, opinionId: string): Promise<string | null> {
  const row = await db
    .selectFrom('opinionAnswer as a')
    .select('a.id')
    .where('a.opinionId', '=', opinionId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('opinionAnswer as c').select('c.id').whereRef('c.correctsId', '=', 'a.id'))),
    )
    .executeTakeFirst();
  return row?.id ?? null;
}

export function insertQuestion(db: Db, row: Insertable<OpinionQuestionTable>) {
  return db.insertInto('opinionQuestion').values(row).execute();
}

export function questions(db: Db, opinionId: string) {
  return db
    .selectFrom('opinionQuestion')
    .selectAll()
    .where('opinionId', '=', opinionId)
    .orderBy('askedAt')
    .execute();
}

/** The questions still waiting for the SUI's reply on these opinions. */
export function openQuestions(db: Db, opinionIds: readonly string[]) {
  return db
    .selectFrom('opinionQuestion')
    .select(['id', 'opinionId', 'question', 'askedBy', 'askedOn'])
    .where('opinionId', 'in', opinionIds)
    .where('reply', 'is', null)
    .execute();
}

/** Replies to an open question of this opinion; undefined when the opinion has no such open question. */
export function replyQuestion(
  db: Db,
  opinionId: string,
  id: string,
  patch: { reply: string; repliedBy: string; repliedAt: Date | string; repliedOn: string },
) {
  return db
    .updateTable('opinionQuestion')
    .set(patch)
    .where('id', '=', id)
    .where('opinionId', '=', opinionId)
    .where('reply', 'is', null)
    .returning(['id', 'opinionId', 'askedOn'])
    .executeTakeFirst();
}

/** The active office that answers for a body (the first by name); null when there is none. */
export async function answeringOrganisation(db: Db, body: string): Promise<string | null> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('type', '=', body)
    .where('isActive', '=', true)
    .orderBy('name')
    .executeTakeFirst();
  return row?.id ?? null;
}

// ---- the opinions' clock

/** Requests sent from `originNode` still pending past their due day and not yet escalated, oldest first. */
export function lapsedRequests(db: Db, originNode: string, today: string, limit: number) {
  return db
    .selectFrom('opinionRequest')
    .select('id')
    .where('originNode', '=', originNode)
    .where('state', '=', 'PENDING')
    .where('dueOn', '<', today)
    .where('escalatedOn', 'is', null)
    .orderBy('dueOn')
    .limit(limit)
    .execute();
}

/** Requests answered at `answererNode`, pending and not yet reminded, due between `today` and `soon`. */
export function requestsDueSoon(db: Db, answererNode: string, today: string, soon: string, limit: number) {
  return db
    .selectFrom('opinionRequest')
    .selectAll()
    .where('answererNode', '=', answererNode)
    .where('state', '=', 'PENDING')
    .where('remindedOn', 'is', null)
    .where('dueOn', '>=', today)
    .where('dueOn', '<=', soon)
    .orderBy('dueOn')
    .limit(limit)
    .execute();
}

/** The e-mail addresses of an organisation's active users holding one of `roles`. */
export async function emailsOfMembers(db: Db, organisationId: string, roles: readonly string[]) {
  const rows = await db
    .selectFrom('membership as m')
    .innerJoin('appUser as u', 'u.id', 'm.userId')
    .select('u.email')
    .distinct()
    .where('m.organisationId', '=', organisationId)
    .where('m.role', 'in', roles)
    .where('u.isActive', '=', true)
    .execute();
  return rows.map((row) => row.email);
}

// ---- figures

/** Whose opinions a figure counts: a body's own, an office's own requests, or all of them. */
export type FigureScope = { kind: 'BODY' | 'OFFICE' | 'ALL'; organisationId: string };

const DAY_SECONDS = 86_400;

function scopedOpinions(db: Db, scope: FigureScope) {
  return db
    .selectFrom('opinionRequest as o')
    .$call((q) =>
      scope.kind === 'BODY'
        ? q.where('o.organisationId', '=', scope.organisationId)
        : scope.kind === 'OFFICE'
          ? q.where('o.requesterOrganisationId', '=', scope.organisationId)
          : q,
    );
}

/** Answer times per body and case type (all, before and after `split`), overdue, open and silent now. */
export function answerTimes(db: Db, scope: FigureScope, today: string, split: string) {
  const answerDays = sql<number>`extract(epoch from (o.closed_at - o.requested_at)) / ${DAY_SECONDS}`;
  const stats = (where: ReturnType<typeof sql<boolean>>) => ({
    n: sql<number>`count(*) filter (where o.state = 'ANSWERED' and ${where})`,
    median: sql<number>`percentile_cont(0.5) within group (order by ${answerDays}) filter (where o.state = 'ANSWERED' and ${where})`,
    p90: sql<number>`percentile_cont(0.9) within group (order by ${answerDays}) filter (where o.state = 'ANSWERED' and ${where})`,
  });
  const all = stats(sql<boolean>`true`);
  const before = stats(sql<boolean>`o.requested_on < ${split}`);
  const after = stats(sql<boolean>`o.requested_on >= ${split}`);
  return scopedOpinions(db, scope)
    .select([
      'o.body',
      'o.caseTypeCode',
      sql<string>`min(o.case_type_name)`.as('caseTypeName'),
      all.n.as('n'),
      all.median.as('median'),
      all.p90.as('p90'),
      before.n.as('beforeN'),
      before.median.as('beforeMedian'),
      before.p90.as('beforeP90'),
      after.n.as('afterN'),
      after.median.as('afterMedian'),
      after.p90.as('afterP90'),
      sql<number>`count(*) filter (where o.state = 'PENDING' and o.due_on < ${today})`.as('overdue'),
      sql<number>`count(*) filter (where o.state in ('PENDING', 'QUESTION'))`.as('open'),
      sql<number>`count(*) filter (where o.state = 'SILENT_CONSENT')`.as('silent'),
    ])
    .groupBy(['o.body', 'o.caseTypeCode'])
    .orderBy('o.body')
    .orderBy('o.caseTypeCode')
    .execute();
}

/** Opinions closed per week and body since `from`. */
export function answeredPerWeek(db: Db, scope: FigureScope, from: string) {
  return scopedOpinions(db, scope)
    .select([
      sql<string>`to_char(date_trunc('week', o.closed_at at time zone 'Europe/Rome'), 'YYYY-MM-DD')`.as(
        'week',
      ),
      'o.body',
      sql<number>`count(*)`.as('answered'),
    ])
    .where('o.closedAt', 'is not', null)
    .where(sql<boolean>`o.closed_at >= ${from}::date`)
    .groupBy([sql`1`, 'o.body'])
    .orderBy(sql`1`)
    .execute();
}
