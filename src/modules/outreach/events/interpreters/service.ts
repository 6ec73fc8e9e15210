/**
 * The SUI's mediators at the events: the staff assign one per session and language asked for, change or
 * remove the assignment, and the mediator is told each time by e-mail; the mediator sees the sessions they
 * interpret at, with how many asked and nobody's name (decision 070).
 */
import type { Caller } from '../../../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../../../kernel/errors.ts';
import { newId } from '../../../../kernel/ids.ts';
import type { Platform } from '../../../../kernel/platform.ts';
import { auditRead, NothingToDo, type UnitOfWork, writeTransaction } from '../../../../kernel/transaction.ts';
import { listMediators } from '../../../cases/team/service.ts';
import { SIGN_LANGUAGE } from '../form.ts';
import {
  type AssignmentChange,
  type AssignmentInput,
  assignmentChange,
  assignmentInput,
  choosableMediators,
  type Mediator,
} from './contract.ts';
import { interpretingLetter } from './letters.ts';
import { lettersForChange } from './rules.ts';
import * as store from './store.ts';

const TAKEN =
  'Per questa lingua e questa data un mediatore è già stato assegnato, forse da un collega proprio ora: ricaricare la pagina.';
const GONE = 'L’incarico non esiste più: forse un collega lo ha appena tolto. Ricaricare la pagina.';
const PAST = 'La data è già passata: gli incarichi restano come sono stati registrati.';
export const MY_INTERPRETING_PATH = '/comunicazione/interpretariato';

type OfficeMediator = { id: string; name: string; languages: string[] };

const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });
const languageName = (code: string) =>
  code === SIGN_LANGUAGE ? 'lingua dei segni italiana (LIS)' : (languageNames.of(code) ?? code);

/** The mediators of the caller's office, by name, with their languages. */
async function officeMediators(platform: Platform, caller: Caller): Promise<OfficeMediator[]> {
  const rows = await listMediators(platform, caller);
  return rows
    .map(({ id, name, languages }) => ({ id, name, languages }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

async function interpretersOf(platform: Platform, eventId: string, mediators: OfficeMediator[]) {
  const rows = await store.assignmentsOf(platform.database.db, eventId);
  const languagesOf = new Map(mediators.map((mediator) => [mediator.id, mediator.languages]));
  return {
    assignments: rows.map((row) => ({
      ...row,
      coversLanguage: languagesOf.get(row.mediatorId)?.includes(row.language) ?? false,
    })),
    mediators,
  };
}

/** Who interprets at each session of an event, and the mediators the staff may choose from. */
export async function listInterpreters(platform: Platform, caller: Caller, eventId: string) {
  if (!(await store.eventExists(platform.database.db, eventId))) throw new NotFound('L’evento non esiste.');
  const view = await interpretersOf(platform, eventId, await officeMediators(platform, caller));
  await auditRead(platform.database.db, platform.clock, caller, 'outreach_event_interpreters', eventId, {
    shown: view.assignments.length,
  });
  return view;
}

async function openSession(platform: Platform, unit: UnitOfWork, sessionId: string) {
  const session = await store.sessionOf(unit.db, sessionId);
  if (!session) throw new NotFound('La data non esiste.');
  if (session.endsAt <= platform.clock.now()) throw new Conflict(PAST);
  return session;
}

/** The chosen mediator, if the office has them and they may interpret the language (see `choosableMediators`). */
function chosenMediator(mediators: Mediator[], mediatorId: string, language: string) {
  const chosen = mediators.find((mediator) => mediator.id === mediatorId);
  if (!chosen)
    throw new Invalid([
      { path: 'body.mediatorId', message: 'Scegliere un mediatore attivo dell’ufficio dall’elenco' },
    ]);
  if (!choosableMediators(mediators, language).mediators.includes(chosen))
    throw new Invalid([
      {
        path: 'body.mediatorId',
        message: `${chosen.name} non copre la lingua ${languageName(language)}: scegliere un mediatore che la copre`,
      },
    ]);
  return chosen;
}

async function tell(
  platform: Platform,
  unit: UnitOfWork,
  kind: 'ASSIGNED' | 'CHANGED' | 'REMOVED',
  assignment: { id: string; mediatorId: string; language: string; note: string | null },
  session: store.InterpretedSession,
) {
  const contact = await store.contactOf(unit.db, assignment.mediatorId);
  if (!contact) return;
  const mail = interpretingLetter({
    kind,
    to: contact.email,
    name: contact.name,
    eventTitle: session.title,
    session,
    languageName: languageName(assignment.language),
    people: await store.peopleAsking(unit.db, session.id, assignment.language),
    note: assignment.note,
    link: `${platform.config.publicUrl}${MY_INTERPRETING_PATH}`,
  });
  await unit.mail(mail, { topic: `outreach.interpreter.${kind.toLowerCase()}`, entityId: assignment.id });
}

const isTaken = (error: unknown) => (error as { code?: unknown }).code === '23505';

/** Gives a session's interpreting in a language asked for to a mediator, who is told by e-mail. */
export async function assignInterpreter(
  platform: Platform,
  caller: Caller,
  sessionId: string,
  input: AssignmentInput,
) {
  const parsed = assignmentInput.parse(input);
  const mediators = await officeMediators(platform, caller);
  const eventId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const session = await openSession(platform, unit, sessionId);
    if ((await store.peopleAsking(unit.db, sessionId, parsed.language)) === 0)
      throw new Invalid([
        {
          path: 'body.language',
          message: 'per questa data nessuno ha chiesto un interprete in questa lingua',
        },
      ]);
    const mediator = chosenMediator(mediators, parsed.mediatorId, parsed.language);
    if (await store.findAssignment(unit.db, sessionId, parsed.language)) throw new Conflict(TAKEN);
    const row = {
      id: newId(),
      sessionId,
      language: parsed.language,
      mediatorId: mediator.id,
      note: parsed.note ?? null,
      assignedBy: caller.actor?.userId as string,
      assignedAt: platform.clock.now(),
    };
    // Another colleague's assignment committed after the check above meets the unique pair here.
    await store.insertAssignment(unit.db, row).catch((error: unknown) => {
      throw isTaken(error) ? new Conflict(TAKEN) : error;
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.interpreter.assign',
      entityType: 'outreach_interpreter',
      entityId: row.id,
      before: null,
      after: row,
    });
    await tell(platform, unit, 'ASSIGNED', row, session);
    return session.eventId;
  });
  return interpretersOf(platform, eventId, mediators);
}

/** Gives the interpreting to another mediator, or changes the note: whoever is concerned is told. */
export async function changeInterpreter(
  platform: Platform,
  caller: Caller,
  id: string,
  input: AssignmentChange,
) {
  const parsed = assignmentChange.parse(input);
  const mediators = await officeMediators(platform, caller);
  const eventId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockAssignment(unit.db, id);
    if (!before) throw new NotFound(GONE);
    const session = await openSession(platform, unit, before.sessionId);
    const after = { ...before, mediatorId: parsed.mediatorId, note: parsed.note ?? null };
    const told = lettersForChange(before, after);
    if (!told.assigned && !told.changed) throw new NothingToDo(session.eventId);
    if (told.assigned) chosenMediator(mediators, after.mediatorId, before.language);
    await store.updateAssignment(unit.db, id, {
      mediatorId: after.mediatorId,
      note: after.note,
      assignedBy: caller.actor?.userId as string,
      assignedAt: platform.clock.now(),
    });
    await unit.audit({
      kind: 'change',
      action: 'outreach.interpreter.change',
      entityType: 'outreach_interpreter',
      entityId: id,
      before: { mediatorId: before.mediatorId, note: before.note },
      after: { mediatorId: after.mediatorId, note: after.note },
    });
    if (told.removed) await tell(platform, unit, 'REMOVED', before, session);
    if (told.assigned) await tell(platform, unit, 'ASSIGNED', after, session);
    if (told.changed) await tell(platform, unit, 'CHANGED', after, session);
    return session.eventId;
  });
  return interpretersOf(platform, eventId, mediators);
}

/** Takes the interpreting away from its mediator, who is told not to come. */
export async function removeInterpreter(platform: Platform, caller: Caller, id: string) {
  const mediators = await officeMediators(platform, caller);
  const eventId = await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const before = await store.lockAssignment(unit.db, id);
    if (!before) throw new NotFound(GONE);
    const session = await openSession(platform, unit, before.sessionId);
    await store.deleteAssignment(unit.db, id);
    await unit.audit({
      kind: 'change',
      action: 'outreach.interpreter.remove',
      entityType: 'outreach_interpreter',
      entityId: id,
      before,
      after: null,
    });
    await tell(platform, unit, 'REMOVED', before, session);
    return session.eventId;
  });
  return interpretersOf(platform, eventId, mediators);
}

/**
 * The sessions the caller interprets at, the next first: when, where, the language and how many asked. Counts
 * only, no one's name or needs: not a read of personal data.
 */
export async function myInterpreting(platform: Platform, caller: Caller) {
  const userId = caller.actor?.userId;
  if (!userId) return [];
  return store.interpretingOf(platform.database.db, userId, platform.clock.now());
}
