/** What the bodies and the SUI read of opinions: the inbox, a page at a time, and one opinion whole. */
import type { Temporal } from 'temporal-polyfill';
import type { OpinionSubject } from '../../db/tables/exchange.ts';
import { type Caller, hasPermission } from '../../kernel/auth.ts';
import { Invalid } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead } from '../../kernel/transaction.ts';
import type { InboxQuery, OpinionDetail } from './contract.ts';
import type { Node } from './messages.ts';
import { checkAnswer, clockOf } from './rules.ts';
import { actorOf, bodyName, nodeOf, type RequestRow, scopedRequest, scopeOf, sideOf } from './scope.ts';
import * as store from './store.ts';

export function titleOf(subject: OpinionSubject): string {
  const people = subject.persons.map((p) => `${p.surname} ${p.givenName}`);
  const employers = subject.employers.map((e) => e.name);
  return [...people, ...employers].join(' – ');
}

function summaryOf(row: RequestRow, today: Temporal.PlainDate, node: Node) {
  const subject = row.subject as OpinionSubject;
  return {
    id: row.id,
    body: row.body,
    bodyName: bodyName(row.body),
    caseNumber: row.caseNumber,
    caseTypeCode: row.caseTypeCode,
    caseTypeName: row.caseTypeName,
    label: row.label,
    requesterName: row.requesterName,
    title: titleOf(subject),
    requestedOn: row.requestedOn,
    state: row.state,
    outcome: row.outcome,
    clock: clockOf(row, today),
    remote: row.originNode !== node.id || row.answererNode !== node.id,
  };
}

const cursorOf = (row: { dueOn: string; id: string }) =>
  Buffer.from(`${row.dueOn}|${row.id}`).toString('base64url');

function parseCursor(after: string): { dueOn: string; id: string } {
  const [dueOn, id] = Buffer.from(after, 'base64url').toString().split('|');
  if (!dueOn || !id || !/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || !/^[0-9a-f-]{36}$/.test(id))
    throw new Invalid([{ path: 'querystring.after', message: 'posizione di pagina non valida' }]);
  return { dueOn, id };
}

/** The inbox of a body (or the requests of a SUI), soonest deadline first. */
export async function inbox(platform: Platform, caller: Caller, query: InboxQuery) {
  const actor = actorOf(caller);
  const today = platform.clock.today();
  const soon = today.add({ days: 3 }).toString();
  const rows = await store.inboxRows(
    platform.database.db,
    scopeOf(actor),
    {
      ...query,
      after: query.after ? parseCursor(query.after) : null,
      today: today.toString(),
      soon,
    },
    query.pageSize + 1,
  );
  const page = rows.slice(0, query.pageSize);
  const last = page.at(-1);
  const node = nodeOf(platform.config);
  return {
    items: page.map((row) => summaryOf(row, today, node)),
    next: rows.length > query.pageSize && last ? cursorOf(last) : null,
  };
}

export async function getOpinion(platform: Platform, caller: Caller, id: string): Promise<OpinionDetail> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const row = await scopedRequest(db, actor, id, false);
  const [answers, questions] = await Promise.all([store.answers(db, id), store.questions(db, id)]);
  await auditRead(db, platform.clock, caller, 'opinion_request', id, { caseNumber: row.caseNumber });
  const today = platform.clock.today();
  const side = sideOf(actor);
  const latest = answers.filter((a) => !answers.some((b) => b.correctsId === a.id)).at(-1)?.id ?? null;
  const mayAnswer = side === 'BODY' && hasPermission(actor, 'exchange.answer');
  return {
    ...summaryOf(row, today, nodeOf(platform.config)),
    responseDays: row.responseDays,
    silenceRule: row.silenceRule,
    closedAt: row.closedAt?.toISOString() ?? null,
    subject: row.subject as OpinionDetail['subject'],
    answers: answers.map((a) => ({
      id: a.id,
      outcome: a.outcome,
      reasons: a.reasons,
      answeredBy: a.answeredBy,
      answeredAt: a.answeredAt.toISOString(),
      answeredOn: a.answeredOn,
      correctsId: a.correctsId,
      attachments: a.attachments,
    })),
    questions: questions.map((q) => ({
      id: q.id,
      question: q.question,
      askedBy: q.askedBy,
      askedOn: q.askedOn,
      reply: q.reply,
      repliedBy: q.repliedBy,
      repliedOn: q.repliedOn,
    })),
    can: {
      answer: mayAnswer && checkAnswer(row.state, latest, null).ok,
      correct: mayAnswer && latest !== null,
      ask: mayAnswer && row.state === 'PENDING',
      reply: side === 'SUI' && hasPermission(actor, 'cases.act') && questions.some((q) => q.reply === null),
    },
  };
}
