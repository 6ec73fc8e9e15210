/**
 * Enrolment in an edition: by the person, or by the head of their organisation; a place while there is one,
 * the waitlist after, and the first in the waitlist takes a place the moment one frees, in the same transaction.
 */
import { type Caller, hasPermission, SYSTEM_CALLER } from '../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Platform } from '../../kernel/platform.ts';
import { type UnitOfWork, writeTransaction } from '../../kernel/transaction.ts';
import { ORGANISATION_TYPES, type OrganisationType, ROLES } from '../identity/contract.ts';
import { type EnrolmentResult, type MyEnrolment, TRACKS } from './contract.ts';
import { placeLetter, reminderLetter, withdrawalLetter } from './letters.ts';
import { isComplete, isEligible, placeFor, promotable, sessionHours, waitlistOrder } from './rules.ts';
import {
  actorOf,
  EDITION_NOT_FOUND,
  getEdition,
  hoursAttended,
  mustRunCourse,
  runsCourse,
} from './service.ts';
import * as store from './store.ts';

const ENROLMENT_NOT_FOUND = 'L’iscrizione non esiste.';

/** Queues the e-mail of a confirmed place, with the sessions as calendar entries. */
async function mailPlace(
  platform: Platform,
  unit: UnitOfWork,
  enrolment: { id: string; editionId: string; userId: string; organisationId: string },
  isPromotion: boolean,
) {
  const edition = await store.findEdition(unit.db, enrolment.editionId);
  const person = await store.memberOf(unit.db, enrolment.userId, enrolment.organisationId);
  if (!edition || !person?.isActive) return;
  const sessions = await store.sessionsOf(unit.db, [enrolment.editionId]);
  const trainers = await store.trainersOf(unit.db, [edition.courseId]);
  await unit.mail(
    placeLetter(
      {
        recipientName: person.name,
        recipientEmail: person.email,
        courseTitle: edition.courseTitle,
        editionName: edition.name,
        sessions,
        isPromotion,
        cancelUntil: edition.cancelUntil,
        mayCancel: mayStillCancel(platform, edition),
        trainers,
        link: `${platform.config.publicUrl}/formazione/edizioni/${edition.id}`,
      },
      platform.clock.now(),
    ),
    { topic: isPromotion ? 'training.promotion' : 'training.place', entityId: enrolment.id },
  );
}

/** Who may be enrolled by whom, refused with the field at fault when a head names the wrong person. */
function refuseWhoCannotAttend(
  person: Awaited<ReturnType<typeof store.memberOf>>,
  edition: store.EditionRow,
  isOwn: boolean,
): asserts person is NonNullable<typeof person> {
  const staffFault = (message: string) => new Invalid([{ path: 'body.userId', message }]);
  if (!person) throw staffFault('la persona non fa parte del tuo ente');
  if (!person.isActive) throw staffFault(`l’utenza di ${person.name} è disattivata: non può essere iscritta`);
  if (!person.isParticipant)
    throw staffFault(
      `${person.name} non partecipa alla formazione: per iscriverla serve il ruolo «${ROLES.trainee}» nel tuo ente`,
    );
  if (isEligible(edition.track, person.type)) return;
  if (isOwn)
    throw new Conflict(
      'Il corso è riservato agli operatori di un altro percorso: il tuo ente non può iscrivere le sue persone.',
    );
  throw staffFault(
    `il corso è riservato a: ${TRACKS[edition.track]}; le persone di un ente di tipo «${
      ORGANISATION_TYPES[person.type as OrganisationType] ?? person.type
    }» non possono iscriversi`,
  );
}

/**
 * Enrols a person (the caller, or one of the caller's staff) in an edition. The edition is locked first, so two
 * requests for the last place are served one after the other: one gets it, the other the waitlist.
 */
async function enrol(platform: Platform, caller: Caller, editionId: string, userId: string) {
  const actor = actorOf(caller);
  return writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db, audit } = unit;
    const locked = await store.lockEdition(db, editionId);
    const edition = locked && (await store.findEdition(db, editionId));
    if (!edition) throw new NotFound(EDITION_NOT_FOUND);
    const person = await store.memberOf(db, userId, actor.organisationId);
    refuseWhoCannotAttend(person, edition, userId === actor.userId);
    const lastSession = edition.lastSessionAt ? new Date(edition.lastSessionAt) : null;
    if (!lastSession || lastSession <= platform.clock.now())
      throw new Conflict('L’edizione è già conclusa: non accetta iscrizioni.');
    const existing = await store.liveEnrolment(db, editionId, userId);
    if (existing)
      throw new Conflict(
        existing.status === 'ENROLLED'
          ? `${person.name} è già iscritto/a a questa edizione.`
          : `${person.name} è già in lista d’attesa per questa edizione.`,
      );
    const status = placeFor(locked.capacity, await store.countEnrolled(db, editionId));
    const row = {
      id: newId(),
      editionId,
      userId,
      organisationId: actor.organisationId,
      status,
      enrolledBy: actor.userId,
      requestedAt: platform.clock.now(),
      promotedAt: null,
      cancelledAt: null,
    };
    await store.insertEnrolment(db, row);
    await audit({
      kind: 'change',
      action: status === 'ENROLLED' ? 'training.enrolment.place' : 'training.enrolment.waitlist',
      entityType: 'training_enrolment',
      entityId: row.id,
      before: null,
      after: row,
    });
    if (status === 'ENROLLED') {
      await mailPlace(platform, unit, row, false);
      return {
        enrolmentId: row.id,
        status,
        position: null,
        message: `Iscrizione confermata: ${person.name} ha un posto in «${edition.courseTitle}».`,
      } satisfies EnrolmentResult;
    }
    const position = (await store.waiting(db, editionId)).length;
    return {
      enrolmentId: row.id,
      status,
      position,
      message:
        `I posti sono esauriti: ${person.name} è in lista d’attesa (posizione ${position}). ` +
        'Se un posto si libera, l’iscrizione passa a confermata e arriva un’e-mail.',
    } satisfies EnrolmentResult;
  });
}

export function enrolSelf(platform: Platform, caller: Caller, editionId: string) {
  return enrol(platform, caller, editionId, actorOf(caller).userId);
}

export function enrolStaff(platform: Platform, caller: Caller, editionId: string, userId: string) {
  return enrol(platform, caller, editionId, userId);
}

/** Fills the free places of an edition from its waitlist, in order, with the e-mail of each new place. */
async function promoteWaiting(platform: Platform, unit: UnitOfWork, editionId: string, capacity: number) {
  const enrolled = await store.countEnrolled(unit.db, editionId);
  for (const next of promotable(await store.waiting(unit.db, editionId), capacity, enrolled)) {
    const at = platform.clock.now();
    await store.updateEnrolment(unit.db, next.id, { status: 'ENROLLED', promotedAt: at });
    await unit.audit({
      kind: 'change',
      action: 'training.enrolment.promote',
      entityType: 'training_enrolment',
      entityId: next.id,
      before: { status: 'WAITLISTED' },
      after: { status: 'ENROLLED', promotedAt: at.toISOString() },
    });
    await mailPlace(platform, unit, next, true);
  }
}

/**
 * Changes the places of an edition: never below the people who hold one; new places go at once to the first in
 * the waitlist, each with the e-mail of their place.
 */
export async function changeCapacity(
  platform: Platform,
  caller: Caller,
  editionId: string,
  capacity: number,
) {
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const locked = await store.lockEdition(unit.db, editionId);
    if (!locked) throw new NotFound(EDITION_NOT_FOUND);
    await mustRunCourse(unit.db, actorOf(caller), locked.courseId);
    const enrolled = await store.countEnrolled(unit.db, editionId);
    if (capacity < enrolled)
      throw new Invalid([
        {
          path: 'body.capacity',
          message: `${enrolled} persone hanno già un posto: i posti non possono scendere sotto questo numero`,
        },
      ]);
    await store.updateCapacity(unit.db, editionId, capacity);
    await unit.audit({
      kind: 'change',
      action: 'training.edition.capacity',
      entityType: 'training_edition',
      entityId: editionId,
      before: { capacity: locked.capacity },
      after: { capacity },
    });
    await promoteWaiting(platform, unit, editionId, capacity);
  });
  return getEdition(platform, caller, editionId);
}

/** Whether the person may still withdraw by themselves: until the edition's deadline, that day included. */
const mayStillCancel = (platform: Platform, edition: { cancelUntil: string }) =>
  platform.clock.today().toString() <= edition.cancelUntil;

/**
 * Ends an enrolment in the transaction that locked its edition: the change is audited with its details, and a
 * freed place goes at once to the first in the waitlist.
 */
async function endEnrolment(
  platform: Platform,
  unit: UnitOfWork,
  enrolment: { id: string; editionId: string; status: string },
  capacity: number,
  action: string,
  details: Record<string, unknown> = {},
) {
  const at = platform.clock.now();
  await store.updateEnrolment(unit.db, enrolment.id, { status: 'CANCELLED', cancelledAt: at });
  await unit.audit({
    kind: 'change',
    action,
    entityType: 'training_enrolment',
    entityId: enrolment.id,
    before: { status: enrolment.status },
    after: { status: 'CANCELLED', cancelledAt: at.toISOString(), ...details },
  });
  if (enrolment.status === 'ENROLLED') await promoteWaiting(platform, unit, enrolment.editionId, capacity);
}

/**
 * Withdraws an enrolment: the person's own, or one of their staff for the head of the organisation, until
 * the edition's deadline. A freed place goes at once to the first in the waitlist.
 */
export async function cancelEnrolment(platform: Platform, caller: Caller, enrolmentId: string) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db } = unit;
    const seen = await store.findEnrolment(db, enrolmentId);
    const isOwn = seen?.userId === actor.userId;
    const isStaff = seen?.organisationId === actor.organisationId && hasPermission(actor, 'training.staff');
    if (!seen || !(isOwn || isStaff)) throw new NotFound(ENROLMENT_NOT_FOUND);
    const locked = await store.lockEdition(db, seen.editionId);
    const edition = await store.findEdition(db, seen.editionId);
    const enrolment = await store.lockEnrolment(db, enrolmentId);
    if (!locked || !edition || !enrolment) throw new NotFound(ENROLMENT_NOT_FOUND);
    if (enrolment.status === 'CANCELLED') throw new Conflict('L’iscrizione è già annullata.');
    if (!mayStillCancel(platform, edition))
      throw new Conflict(
        'Il termine per annullare l’iscrizione è passato: per rinunciare scrivi ai formatori del corso.',
      );
    await endEnrolment(platform, unit, enrolment, locked.capacity, 'training.enrolment.cancel');
  });
}

/**
 * The course's staff (its trainers, the project's staff) withdraw a participant at any time until the edition
 * ends, deadline or not, giving the reason: the person is told by e-mail, and a freed place goes at once to the
 * first in the waitlist.
 */
export async function withdrawEnrolment(
  platform: Platform,
  caller: Caller,
  enrolmentId: string,
  reason: string,
) {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const { db } = unit;
    const seen = await store.findEnrolment(db, enrolmentId);
    const locked = seen && (await store.lockEdition(db, seen.editionId));
    if (!seen || !locked || !(await runsCourse(db, actor, locked.courseId)))
      throw new NotFound(ENROLMENT_NOT_FOUND);
    const edition = await store.findEdition(db, seen.editionId);
    const enrolment = await store.lockEnrolment(db, enrolmentId);
    if (!edition || !enrolment) throw new NotFound(ENROLMENT_NOT_FOUND);
    if (enrolment.status === 'CANCELLED') throw new Conflict('L’iscrizione è già annullata.');
    const lastSession = edition.lastSessionAt ? new Date(edition.lastSessionAt) : null;
    if (lastSession && lastSession <= platform.clock.now())
      throw new Conflict('L’edizione è conclusa: le sue iscrizioni restano come sono.');
    await endEnrolment(platform, unit, enrolment, locked.capacity, 'training.enrolment.withdraw', { reason });
    const person = await store.memberOf(db, enrolment.userId, enrolment.organisationId);
    if (person?.isActive)
      await unit.mail(
        withdrawalLetter({
          recipientName: person.name,
          recipientEmail: person.email,
          courseTitle: edition.courseTitle,
          editionName: edition.name,
          reason,
          trainers: await store.trainersOf(db, [edition.courseId]),
        }),
        { topic: 'training.withdrawal', entityId: enrolment.id },
      );
  });
}

/** The caller's enrolments, with hours attended and whether each course is complete. */
export async function myEnrolments(platform: Platform, caller: Caller): Promise<MyEnrolment[]> {
  const actor = actorOf(caller);
  const db = platform.database.db;
  const rows = await store.enrolmentsOf(db, actor.userId);
  const sessions = await store.sessionsOf(
    db,
    rows.map((row) => row.editionId),
  );
  const hours = await Promise.all(
    rows.map((row) =>
      hoursAttended(
        platform,
        sessions.filter((session) => session.editionId === row.editionId),
        actor.userId,
      ),
    ),
  );
  const result: MyEnrolment[] = [];
  for (const [index, row] of rows.entries()) {
    const own = sessions.filter((session) => session.editionId === row.editionId);
    const totalHours = own.reduce((sum, session) => sum + sessionHours(session), 0);
    const attended = hours[index]?.get(actor.userId) ?? 0;
    const position =
      row.status === 'WAITLISTED'
        ? waitlistOrder(await store.waiting(db, row.editionId)).findIndex((entry) => entry.id === row.id) + 1
        : null;
    result.push({
      enrolmentId: row.id,
      editionId: row.editionId,
      courseTitle: row.courseTitle,
      editionName: row.editionName,
      status: row.status,
      position,
      firstSessionAt: own[0]?.startsAt.toISOString() ?? null,
      hoursAttended: attended,
      totalHours,
      isComplete: isComplete(attended, totalHours, row.completionPercent),
    });
  }
  return result;
}

/**
 * Reminds everyone with a place of the sessions starting tomorrow (Europe/Rome), once per session. Run by the
 * daily job; a session is marked reminded in the transaction that queues its e-mails.
 */
export async function remindSessions(platform: Platform): Promise<number> {
  const tomorrow = platform.clock.today().add({ days: 1 });
  const from = new Date(tomorrow.toZonedDateTime('Europe/Rome').epochMilliseconds);
  const to = new Date(tomorrow.add({ days: 1 }).toZonedDateTime('Europe/Rome').epochMilliseconds);
  const sessions = await store.sessionsToRemind(platform.database.db, from, to);
  let sent = 0;
  for (const session of sessions) {
    await writeTransaction(
      platform.database.db,
      platform.clock,
      SYSTEM_CALLER,
      async ({ db, audit, mail }) => {
        const people = (await store.participants(db, session.editionId)).filter(
          (person) => person.status === 'ENROLLED',
        );
        const at = platform.clock.now();
        await store.markReminded(db, session.id, at);
        await audit({
          kind: 'change',
          action: 'training.session.remind',
          entityType: 'training_session',
          entityId: session.id,
          before: { remindedAt: null },
          after: { remindedAt: at.toISOString(), people: people.length },
        });
        for (const person of people) {
          await mail(
            reminderLetter({
              recipientName: person.name,
              recipientEmail: person.email,
              courseTitle: session.courseTitle,
              editionName: session.editionName,
              session,
              link: `${platform.config.publicUrl}/formazione/presenza`,
            }),
            { topic: 'training.reminder', entityId: session.id },
          );
          sent += 1;
        }
      },
    );
  }
  return sent;
}
