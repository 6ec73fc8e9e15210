/**
 * The staff's work on events: prepare an event with its texts and sessions, publish it, follow its
 * registrations, the interpretation requests and the door.
 */

import type { z } from 'zod';
import { type Caller, hasPermission } from '../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import type {
  checkInInput,
  EventInput,
  eventTextInput,
  registrationsQuery,
  SessionInput,
} from '../contract.ts';
import {
  eventInput,
  MAX_QUESTIONS,
  type QuestionInput,
  questionInput,
  REGISTRATION_STATUSES,
  sessionInput,
} from '../contract.ts';
import {
  DOOR_OPENS_HOURS,
  doorOpen,
  normaliseTicketCode,
  printedTicketCode,
  registrationCloses,
  romeInstant,
} from './rules.ts';
import * as store from './store.ts';

const EVENT_NOT_FOUND = 'L’evento non esiste.';
const THREE_YEARS_MS = 3 * 366 * 24 * 3_600_000;

const mayManage = (caller: Caller) =>
  caller.actor !== null && hasPermission(caller.actor, 'outreach.events.manage');

async function mustFindEvent(platform: Platform, id: string) {
  const event = await store.findEvent(platform.database.db, id);
  if (!event) throw new NotFound(EVENT_NOT_FOUND);
  return event;
}

export async function listEvents(platform: Platform) {
  const rows = await store.listEvents(platform.database.db, false, platform.clock.now());
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    isPublished: row.publishedAt !== null,
    firstSessionAt: row.firstSessionAt ? new Date(row.firstSessionAt) : null,
    sessions: row.sessions,
    confirmed: row.confirmed,
    waiting: row.waiting,
  }));
}

export async function getEvent(platform: Platform, caller: Caller, id: string) {
  const { db } = platform.database;
  const event = await mustFindEvent(platform, id);
  const [translations, sessions, checkInLists, questions] = await Promise.all([
    store.textsOf(db, id),
    store.sessionsOf(db, [id]),
    store.checkInListsOf(db, id),
    store.questionsOf(db, id),
  ]);
  return {
    id: event.id,
    kind: event.kind,
    title: event.title,
    summary: event.summary,
    description: event.description,
    offerHours: event.offerHours,
    publishedAt: event.publishedAt,
    publicUrl: event.publishedAt ? `${platform.config.publicUrl}/portale/it/eventi/${event.id}` : null,
    translations,
    sessions: sessions.map((session) => ({
      id: session.id,
      label: session.label,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      venue: session.venue,
      address: session.address,
      accessibility: session.accessibility,
      capacity: session.capacity,
      registrationUntil: session.registrationUntil,
      requiresApproval: session.requiresApproval,
      pending: session.pending,
      confirmed: session.confirmed,
      offered: session.offered,
      waiting: session.waiting,
      checkedIn: session.checkedIn,
    })),
    questions,
    checkInLists,
    mayManage: mayManage(caller),
  };
}

const QUESTION_NOT_FOUND = 'La domanda non esiste.';

/** Adds a question of the organisers to the event's registration form, after the others. */
export async function addQuestion(platform: Platform, caller: Caller, eventId: string, input: QuestionInput) {
  const parsed = questionInput.parse(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockEvent(unit.db, eventId))) throw new NotFound(EVENT_NOT_FOUND);
    if ((await store.questionsOf(unit.db, eventId)).length >= MAX_QUESTIONS)
      throw new Conflict(`Il modulo ha già ${MAX_QUESTIONS} domande: non se ne possono aggiungere altre.`);
    const id = newId();
    await store.insertQuestion(unit.db, {
      id,
      eventId,
      label: parsed.label,
      kind: parsed.kind,
      options: JSON.stringify(parsed.options),
      required: parsed.required,
      createdAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.question.create',
      entityType: 'outreach_event_question',
      entityId: id,
      before: null,
      after: { eventId, ...parsed },
    });
  });
  return getEvent(platform, caller, eventId);
}

/**
 * Changes a question. Once answered, its kind and choices stay as they were answered (a wording may still be
 * corrected, and whether it is required).
 */
export async function changeQuestion(platform: Platform, caller: Caller, id: string, input: QuestionInput) {
  const parsed = questionInput.parse(input);
  const eventId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.findQuestion(unit.db, id);
    if (!before) throw new NotFound(QUESTION_NOT_FOUND);
    await store.lockEvent(unit.db, before.eventId);
    const answered =
      (await store.questionsOf(unit.db, before.eventId)).find((q) => q.id === id)?.answered ?? 0;
    const sameChoices = JSON.stringify(before.options) === JSON.stringify(parsed.options);
    if (answered > 0 && (parsed.kind !== before.kind || !sameChoices))
      throw new Conflict(
        'La domanda ha già delle risposte: si possono correggere il testo e l’obbligatorietà, non il tipo né le scelte.',
      );
    await store.updateQuestion(unit.db, id, {
      label: parsed.label,
      kind: parsed.kind,
      options: JSON.stringify(parsed.options),
      required: parsed.required,
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.question.change',
      entityType: 'outreach_event_question',
      entityId: id,
      before: { label: before.label, kind: before.kind, options: before.options, required: before.required },
      after: parsed,
    });
    return before.eventId;
  });
  return getEvent(platform, caller, eventId);
}

/** Removes a question nobody answered yet: answers given are never lost. */
export async function removeQuestion(platform: Platform, caller: Caller, id: string) {
  const eventId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.findQuestion(unit.db, id);
    if (!before) throw new NotFound(QUESTION_NOT_FOUND);
    await store.lockEvent(unit.db, before.eventId);
    const answered =
      (await store.questionsOf(unit.db, before.eventId)).find((q) => q.id === id)?.answered ?? 0;
    if (answered > 0)
      throw new Conflict(
        `La domanda ha già ${answered === 1 ? 'una risposta' : `${answered} risposte`}: non si può togliere.`,
      );
    await store.dropQuestion(unit.db, id);
    await unit.audit({
      kind: 'change',
      action: 'outreach.question.remove',
      entityType: 'outreach_event_question',
      entityId: id,
      before: { label: before.label, kind: before.kind, options: before.options, required: before.required },
      after: null,
    });
    return before.eventId;
  });
  return getEvent(platform, caller, eventId);
}

/** The answers of a registration in the questions' order, as the staff read them. */
export function answersOf(questions: readonly store.QuestionRow[], answers: Record<string, string>) {
  return questions.flatMap((question) => {
    const answer = answers[question.id];
    if (answer === undefined) return [];
    const shown = question.kind === 'YES_NO' ? (answer === 'yes' ? 'Sì' : 'No') : answer;
    return [{ question: question.label, answer: shown }];
  });
}

/** A new event in preparation: not on the public site until published; a first check-in list for its door. */
export async function createEvent(platform: Platform, caller: Caller, input: EventInput) {
  const parsed = eventInput.parse(input);
  const id = newId();
  const now = platform.clock.now();
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const row = {
      id,
      ...parsed,
      publishedAt: null,
      createdBy: caller.actor?.userId as string,
      createdAt: now,
    };
    await store.insertEvent(unit.db, row);
    await store.insertCheckInList(unit.db, { id: newId(), eventId: id, name: 'Ingresso', createdAt: now });
    await unit.audit({
      kind: 'change',
      action: 'outreach.event.create',
      entityType: 'outreach_event',
      entityId: id,
      before: null,
      after: row,
    });
  });
  return getEvent(platform, caller, id);
}

export async function changeEvent(platform: Platform, caller: Caller, id: string, input: EventInput) {
  const parsed = eventInput.parse(input);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockEvent(unit.db, id);
    if (!before) throw new NotFound(EVENT_NOT_FOUND);
    await store.updateEvent(unit.db, id, parsed);
    await unit.audit({
      kind: 'change',
      action: 'outreach.event.change',
      entityType: 'outreach_event',
      entityId: id,
      before: {
        kind: before.kind,
        title: before.title,
        summary: before.summary,
        description: before.description,
        offerHours: before.offerHours,
      },
      after: parsed,
    });
  });
  return getEvent(platform, caller, id);
}

/** The text of the public page in another language; Italian is the event's own. */
export async function keepTranslation(
  platform: Platform,
  caller: Caller,
  id: string,
  language: string,
  input: z.infer<typeof eventTextInput>,
) {
  if (language === 'it')
    throw new Invalid([
      { path: 'params.lang', message: 'il testo italiano si modifica nei dati dell’evento' },
    ]);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockEvent(unit.db, id))) throw new NotFound(EVENT_NOT_FOUND);
    const before = await store.textIn(unit.db, id, language);
    await store.keepText(unit.db, { eventId: id, language, ...input, updatedAt: platform.clock.now() });
    await unit.audit({
      kind: 'change',
      action: 'outreach.event.translate',
      entityType: 'outreach_event',
      entityId: id,
      before: before ? { language, ...before } : null,
      after: { language, ...input },
    });
  });
  return getEvent(platform, caller, id);
}

export async function dropTranslation(platform: Platform, caller: Caller, id: string, language: string) {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.textIn(unit.db, id, language);
    if (!before) throw new NotFound('La traduzione non esiste.');
    await store.dropText(unit.db, id, language);
    await unit.audit({
      kind: 'change',
      action: 'outreach.event.untranslate',
      entityType: 'outreach_event',
      entityId: id,
      before: { language, ...before },
      after: null,
    });
  });
  return getEvent(platform, caller, id);
}

/** Adds a session: a date, its venue and its seats. */
export async function addSession(platform: Platform, caller: Caller, eventId: string, input: SessionInput) {
  const parsed = sessionInput.parse(input);
  const { startsAt, endsAt } = {
    startsAt: romeInstant(parsed.day, parsed.startTime),
    endsAt: romeInstant(parsed.day, parsed.endTime),
  };
  const now = platform.clock.now();
  if (startsAt <= now)
    throw new Invalid([{ path: 'body.day', message: 'la sessione deve essere nel futuro' }]);
  if (startsAt.getTime() - now.getTime() > THREE_YEARS_MS)
    throw new Invalid([
      { path: 'body.day', message: 'la sessione è troppo lontana: al massimo tre anni da oggi' },
    ]);
  const closes = registrationCloses(parsed.day, parsed.registrationUntil);
  // A session later today takes registrations until it starts, unless a closing day is given.
  const registrationUntil = !parsed.registrationUntil && closes <= now ? startsAt : closes;
  if (registrationUntil <= now)
    throw new Invalid([
      {
        path: 'body.registrationUntil',
        message: 'le iscrizioni si chiuderebbero prima di aprirsi: indicare un giorno futuro',
      },
    ]);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockEvent(unit.db, eventId))) throw new NotFound(EVENT_NOT_FOUND);
    const row = {
      id: newId(),
      eventId,
      label: parsed.label,
      startsAt,
      endsAt,
      venue: parsed.venue,
      address: parsed.address,
      accessibility: parsed.accessibility,
      capacity: parsed.capacity,
      requiresApproval: parsed.requiresApproval,
      // Never after the session starts.
      registrationUntil: new Date(Math.min(registrationUntil.getTime(), startsAt.getTime())),
      createdAt: now,
    };
    await store.insertSession(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'outreach.session.create',
      entityType: 'outreach_session',
      entityId: row.id,
      before: null,
      after: row,
    });
  });
  return getEvent(platform, caller, eventId);
}

/** Puts an event on the public site (with at least one session), or takes it off. */
export async function setPublished(platform: Platform, caller: Caller, id: string, published: boolean) {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockEvent(unit.db, id);
    if (!before) throw new NotFound(EVENT_NOT_FOUND);
    if (published && (await store.sessionsOf(unit.db, [id])).length === 0)
      throw new Conflict('Aggiungere almeno una data prima di pubblicare l’evento.');
    const publishedAt = published ? (before.publishedAt ?? platform.clock.now()) : null;
    await store.updateEvent(unit.db, id, { publishedAt });
    await unit.audit({
      kind: 'change',
      action: published ? 'outreach.event.publish' : 'outreach.event.unpublish',
      entityType: 'outreach_event',
      entityId: id,
      before: { publishedAt: before.publishedAt },
      after: { publishedAt },
    });
  });
  return getEvent(platform, caller, id);
}

async function mustFindSession(platform: Platform, sessionId: string) {
  const session = await platform.database.db
    .selectFrom('outreachSession')
    .select(['id', 'eventId', 'label'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw new NotFound('La sessione non esiste.');
  return session;
}

/** The registrations of a session, in arrival order: a read of personal data, in the audit trail. */
export async function listRegistrations(
  platform: Platform,
  caller: Caller,
  sessionId: string,
  query: z.infer<typeof registrationsQuery>,
) {
  const session = await mustFindSession(platform, sessionId);
  const questions = await store.questionsOf(platform.database.db, session.eventId);
  const { rows, total } = await store.registrationsOf(
    platform.database.db,
    sessionId,
    { status: query.status, q: query.q },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  await auditRead(platform.database.db, platform.clock, caller, 'outreach_session_registrations', sessionId, {
    page: query.page,
    shown: rows.length,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      ticketCode: printedTicketCode(row.ticketCode),
      name: row.name,
      email: row.email,
      organisation: row.organisation,
      language: row.language,
      accessibilityNeeds: row.accessibilityNeeds,
      interpretationLanguage: row.interpretationLanguage,
      status: row.status,
      position: row.position,
      createdAt: row.createdAt,
      offerExpiresAt: row.offerExpiresAt,
      checkIns: row.checkIns,
      answers: answersOf(questions, row.answers),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The interpretation and mediation requests of an event, per language and session. */
export async function interpretationNeeds(platform: Platform, caller: Caller, eventId: string) {
  await mustFindEvent(platform, eventId);
  const rows = await store.interpretationNeeds(platform.database.db, eventId);
  await auditRead(platform.database.db, platform.clock, caller, 'outreach_event_interpretation', eventId);
  return rows.map((row) => ({ ...row, language: row.language as string }));
}

export async function addCheckInList(platform: Platform, caller: Caller, eventId: string, name: string) {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    if (!(await store.lockEvent(unit.db, eventId))) throw new NotFound(EVENT_NOT_FOUND);
    const id = newId();
    const added = await store.insertCheckInList(unit.db, {
      id,
      eventId,
      name,
      createdAt: platform.clock.now(),
    });
    if (!added) throw new Invalid([{ path: 'body.name', message: `l’evento ha già una lista «${name}»` }]);
    await unit.audit({
      kind: 'change',
      action: 'outreach.checkin-list.create',
      entityType: 'outreach_check_in_list',
      entityId: id,
      before: null,
      after: { eventId, name },
    });
  });
  return getEvent(platform, caller, eventId);
}

const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});
const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Admits a ticket at the door of a list, for the session being let in: once per list. A second scan says when
 * the ticket came in; a ticket of another session or of no live registration is refused with the reason.
 */
export async function checkIn(platform: Platform, caller: Caller, input: z.infer<typeof checkInInput>) {
  const { db } = platform.database;
  const list = await store.findCheckInList(db, input.listId);
  if (!list) throw new NotFound('La lista d’ingresso non esiste.');
  const refused = (message: string) => ({
    outcome: 'NOT_VALID' as const,
    message,
    name: null,
    ticketCode: null,
    checkedInAt: null,
  });
  const session = await db
    .selectFrom('outreachSession')
    .select('eventId')
    .where('id', '=', input.sessionId)
    .executeTakeFirst();
  if (session?.eventId !== list.eventId) throw new NotFound('La data scelta non è di questo evento.');
  const code = normaliseTicketCode(input.code.split('/').at(-1) ?? '');
  if (!code) return refused('Codice non valido: un biglietto ha 8 caratteri, come K7M2-Q9XA.');
  const ticket = await store.ticketByCode(db, code);
  if (!ticket || ticket.eventId !== list.eventId)
    return refused('Nessun biglietto di questo evento ha questo codice.');
  const shown = { name: ticket.name, ticketCode: printedTicketCode(ticket.ticketCode) };
  if (ticket.status !== 'CONFIRMED') {
    await auditRead(db, platform.clock, caller, 'outreach_registration', ticket.id, { door: list.id });
    return {
      ...refused(`Biglietto non valido: ${REGISTRATION_STATUSES[ticket.status].toLowerCase()}.`),
      ...shown,
    };
  }
  if (ticket.sessionId !== input.sessionId) {
    await auditRead(db, platform.clock, caller, 'outreach_registration', ticket.id, { door: list.id });
    return {
      outcome: 'OTHER_SESSION' as const,
      message: `Il biglietto è per un’altra data: ${ticket.sessionLabel}, ${dayFormat.format(ticket.startsAt)}.`,
      ...shown,
      checkedInAt: null,
    };
  }
  if (!doorOpen(platform.clock.now(), ticket)) {
    await auditRead(db, platform.clock, caller, 'outreach_registration', ticket.id, { door: list.id });
    return {
      outcome: 'OTHER_SESSION' as const,
      message:
        `Il biglietto è per ${dayFormat.format(ticket.startsAt)}: l’ingresso si registra da ` +
        `${DOOR_OPENS_HOURS} ore prima dell’inizio alla fine.`,
      ...shown,
      checkedInAt: null,
    };
  }
  return writeTransaction(db, platform.clock, caller, async (unit) => {
    const at = platform.clock.now();
    const admitted = await store.admit(unit.db, {
      listId: list.id,
      registrationId: ticket.id,
      checkedInAt: at,
      checkedInBy: caller.actor?.userId as string,
    });
    if (!admitted) {
      const first = await store.admission(unit.db, list.id, ticket.id);
      await unit.audit({
        kind: 'access',
        action: 'outreach.registration.read',
        entityType: 'outreach_registration',
        entityId: ticket.id,
        details: { door: list.id, again: true },
      });
      return {
        outcome: 'ALREADY' as const,
        message: `Già entrato/a alle ${timeFormat.format(first?.checkedInAt ?? at)} da «${list.name}».`,
        ...shown,
        checkedInAt: first?.checkedInAt ?? null,
      };
    }
    await unit.audit({
      kind: 'change',
      action: 'outreach.registration.check-in',
      entityType: 'outreach_registration',
      entityId: ticket.id,
      before: null,
      after: { listId: list.id, checkedInAt: at.toISOString() },
    });
    return {
      outcome: 'ADMITTED' as const,
      message: `Ingresso registrato: ${ticket.name}.`,
      ...shown,
      checkedInAt: at,
    };
  });
}

/** The door's search by name, when the ticket is not at hand. */
export async function searchAtDoor(
  platform: Platform,
  caller: Caller,
  sessionId: string,
  listId: string,
  q: string,
) {
  await mustFindSession(platform, sessionId);
  const rows = await store.ticketsByName(platform.database.db, sessionId, listId, q);
  await auditRead(platform.database.db, platform.clock, caller, 'outreach_session_registrations', sessionId, {
    door: listId,
    shown: rows.length,
  });
  return rows.map((row) => ({ ...row, ticketCode: printedTicketCode(row.ticketCode) }));
}
