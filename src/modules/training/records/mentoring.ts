/**
 * The on-the-job training log of the SUI team: a mentoring of one person by another on a topic, on a day, for
 * some hours. The SUI manager records any in their office; a member of the team records those they gave.
 */
import { type Actor, type Caller, hasPermission } from '../../../kernel/auth.ts';
import { Forbidden, Invalid, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { PERMISSIONS } from '../../../kernel/permissions.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { actorOf } from '../service.ts';
import type { MentoringEntry, MentoringInput, TeamMember } from './contract.ts';
import { minutesOf } from './rules.ts';
import { mentoringEntry } from './service.ts';
import * as store from './store.ts';

const ENTRY_NOT_FOUND = 'La registrazione di affiancamento non esiste.';
/** The SUI team: the roles that take part in on-the-job training, as mentors or mentored. */
const TEAM_ROLES = PERMISSIONS['training.mentoring'].roles;

/** Whether the actor manages the training of their office's people, and so records any of its mentoring. */
const managesTeam = (actor: Actor) => hasPermission(actor, 'training.staff');

/** The people of the actor's office in the SUI team: whom a mentoring may name. */
export async function listTeam(platform: Platform, caller: Caller): Promise<TeamMember[]> {
  const { organisationId } = actorOf(caller);
  const team = await store.teamOf(platform.database.db, organisationId, TEAM_ROLES);
  await auditRead(platform.database.db, platform.clock, caller, 'organisation_team', organisationId, {
    people: team.length,
  });
  return team;
}

export async function recordMentoring(
  platform: Platform,
  caller: Caller,
  input: MentoringInput,
): Promise<MentoringEntry> {
  const actor = actorOf(caller);
  if (input.day > platform.clock.today().toString())
    throw new Invalid([{ path: 'body.day', message: 'la data non può essere futura' }]);
  if (!managesTeam(actor) && input.mentorId !== actor.userId)
    throw new Invalid([
      { path: 'body.mentorId', message: 'puoi registrare solo gli affiancamenti che hai tenuto tu' },
    ]);
  const id = newId();
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const team = new Set(
      (await store.teamOf(db, actor.organisationId, TEAM_ROLES)).map((member) => member.userId),
    );
    const outside = (['menteeId', 'mentorId'] as const)
      .filter((field) => !team.has(input[field]))
      .map((field) => ({
        path: `body.${field}`,
        message: 'la persona non fa parte del team SUI del tuo ufficio',
      }));
    if (outside.length > 0) throw new Invalid(outside);
    const row = {
      id,
      organisationId: actor.organisationId,
      day: input.day,
      menteeId: input.menteeId,
      mentorId: input.mentorId,
      topic: input.topic,
      minutes: minutesOf(input.hours),
      note: input.note ?? null,
      recordedBy: actor.userId,
      recordedAt: platform.clock.now(),
    };
    await store.insertMentoring(db, row);
    await audit({
      kind: 'change',
      action: 'training.mentoring.record',
      entityType: 'training_mentoring',
      entityId: id,
      before: null,
      after: row,
    });
  });
  const [entry] = (
    await store.mentoringLog(platform.database.db, { organisationId: actor.organisationId })
  ).filter((row) => row.id === id);
  if (!entry) throw new NotFound(ENTRY_NOT_FOUND);
  return mentoringEntry(entry);
}

/**
 * The log the actor keeps: every mentoring of the office for the SUI manager, else those the actor gave or
 * received; of one person when asked.
 */
export async function listMentoring(
  platform: Platform,
  caller: Caller,
  query: { personId?: string | undefined },
): Promise<MentoringEntry[]> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const rows = await store.mentoringLog(db, {
    organisationId: actor.organisationId,
    ...(managesTeam(actor) ? {} : { involving: actor.userId }),
  });
  const shown = query.personId
    ? rows.filter((row) => row.menteeId === query.personId || row.mentorId === query.personId)
    : rows;
  await auditRead(
    db,
    platform.clock,
    caller,
    'training_mentoring_log',
    query.personId ?? actor.organisationId,
    {
      entries: shown.length,
    },
  );
  return shown.map(mentoringEntry);
}

/** Removes a mistaken entry: the SUI manager of the office, or who recorded it. */
export async function removeMentoring(platform: Platform, caller: Caller, id: string): Promise<void> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const row = await store.findMentoring(db, id);
    if (!row || row.organisationId !== actor.organisationId) throw new NotFound(ENTRY_NOT_FOUND);
    if (!managesTeam(actor) && row.recordedBy !== actor.userId && row.mentorId !== actor.userId)
      throw new Forbidden(
        'Solo chi l’ha registrata, chi ha affiancato e il responsabile SUI possono toglierla.',
      );
    await store.deleteMentoring(db, id);
    await audit({
      kind: 'change',
      action: 'training.mentoring.remove',
      entityType: 'training_mentoring',
      entityId: id,
      before: row,
      after: null,
    });
  });
}
