/**
 * Attendance: the register of a session, marked by its trainer, and the self check-in with the code that
 * rotates every 30 seconds on the trainer's screen, good only while the session runs, once per person.
 */
import type { Caller } from '../../kernel/auth.ts';
import { Conflict, Invalid, NotFound } from '../../kernel/errors.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../kernel/transaction.ts';
import { checkInCode, checkInQr, matchesWindow, normaliseCheckInCode } from './check-in.ts';
import type { CheckInCodeView, CheckInResult, RegisterView } from './contract.ts';
import { acceptedWindows, checkInRefusal, codeWindow, windowEndsAt } from './rules.ts';
import { actorOf, runsCourse, sessionView } from './service.ts';
import * as store from './store.ts';

const SESSION_NOT_FOUND = 'La sessione non esiste.';

const timeFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
});

/** A session the caller runs (as one of the course's trainers, or overseeing training); 404 otherwise. */
async function runSession(platform: Platform, caller: Caller, sessionId: string) {
  const actor = actorOf(caller);
  const session = await store.findSession(platform.database.db, sessionId);
  if (!session) throw new NotFound(SESSION_NOT_FOUND);
  if (!(await runsCourse(platform.database.db, actor, session.courseId)))
    throw new NotFound(SESSION_NOT_FOUND);
  return session;
}

export async function getRegister(
  platform: Platform,
  caller: Caller,
  sessionId: string,
): Promise<RegisterView> {
  const session = await runSession(platform, caller, sessionId);
  const db = platform.database.db;
  const people = (await store.participants(db, session.editionId)).filter((p) => p.status === 'ENROLLED');
  const present = new Set((await store.attendanceOf(db, [sessionId])).map((row) => row.userId));
  await auditRead(db, platform.clock, caller, 'training_session', sessionId, { people: people.length });
  return {
    session: sessionView(session),
    editionId: session.editionId,
    editionName: session.editionName,
    courseTitle: session.courseTitle,
    people: people.map((person) => ({
      userId: person.userId,
      name: person.name,
      organisationName: person.organisationName,
      isPresent: present.has(person.userId),
    })),
  };
}

/** The trainer marks a person present or absent in the register of a session. */
export async function markAttendance(
  platform: Platform,
  caller: Caller,
  sessionId: string,
  input: { userId: string; present: boolean },
) {
  const actor = actorOf(caller);
  const session = await runSession(platform, caller, sessionId);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    const enrolment = await store.liveEnrolment(db, session.editionId, input.userId);
    if (enrolment?.status !== 'ENROLLED')
      throw new Invalid([{ path: 'body.userId', message: 'la persona non è iscritta a questa edizione' }]);
    if (session.startsAt > platform.clock.now())
      throw new Conflict('La sessione non è ancora cominciata: le presenze si segnano dal suo inizio.');
    const changed = input.present
      ? await store.insertAttendance(db, {
          sessionId,
          userId: input.userId,
          method: 'REGISTER',
          recordedBy: actor.userId,
          recordedAt: platform.clock.now(),
        })
      : await store.deleteAttendance(db, sessionId, input.userId);
    await audit({
      kind: 'change',
      action: input.present ? 'training.attendance.mark' : 'training.attendance.unmark',
      entityType: 'training_session',
      entityId: sessionId,
      before: null,
      after: { userId: input.userId, present: input.present, changed },
    });
  });
  return getRegister(platform, caller, sessionId);
}

/** The code on the trainer's screen now, its QR and when it changes; only while the session runs. */
export async function currentCode(
  platform: Platform,
  caller: Caller,
  sessionId: string,
): Promise<CheckInCodeView> {
  const session = await runSession(platform, caller, sessionId);
  const now = platform.clock.now();
  const refusal = checkInRefusal(session, now);
  if (refusal === 'not-started')
    throw new Conflict(
      `Il codice compare all’inizio della sessione, alle ${timeFormat.format(session.startsAt)}.`,
    );
  if (refusal === 'ended')
    throw new Conflict('La sessione è terminata: le presenze si registrano solo durante.');
  const window = codeWindow(now);
  const code = checkInCode(session.checkInSecret, session.id, window);
  const url = `${platform.config.publicUrl}/formazione/presenza?sessione=${session.id}&codice=${code}`;
  return { code, url, qrSvg: await checkInQr(url), changesAt: windowEndsAt(window).toISOString() };
}

const checkInFault = (message: string) => new Invalid([{ path: 'body.code', message }], message);

/**
 * A participant records their own presence with the code on the trainer's screen. Without a session (the code
 * typed by hand), the code is tried on the sessions running now in which the person holds a place.
 */
export async function checkIn(
  platform: Platform,
  caller: Caller,
  input: { sessionId?: string | undefined; code: string },
): Promise<CheckInResult> {
  const actor = actorOf(caller);
  const code = normaliseCheckInCode(input.code);
  if (!code)
    throw checkInFault('il codice ha 6 caratteri, lettere e cifre, come sullo schermo del formatore');
  const now = platform.clock.now();
  const db = platform.database.db;
  const candidates = input.sessionId
    ? [input.sessionId]
    : (await store.runningSessionsOf(db, actor.userId, now)).map((row) => row.id);
  if (candidates.length === 0)
    throw checkInFault(
      'non hai sessioni in corso ora: il codice vale solo durante la sessione a cui sei iscritto/a',
    );
  for (const sessionId of candidates) {
    const session = await store.findSession(db, sessionId);
    if (!session) throw new NotFound(SESSION_NOT_FOUND);
    const refusal = checkInRefusal(session, now);
    if (refusal === 'not-started')
      throw checkInFault(
        `la sessione comincia alle ${timeFormat.format(session.startsAt)}: il codice non vale ancora`,
      );
    if (refusal === 'ended') throw checkInFault('la sessione è terminata: il codice non vale più');
    if (matchesWindow(session.checkInSecret, session.id, code, acceptedWindows(now)) === null) {
      if (candidates.length > 1) continue;
      throw checkInFault('codice scaduto o errato: digita quello che vedi ora sullo schermo');
    }
    return recordCheckIn(platform, caller, session);
  }
  throw checkInFault('codice scaduto o errato: digita quello che vedi ora sullo schermo');
}

async function recordCheckIn(
  platform: Platform,
  caller: Caller,
  session: store.SessionRow,
): Promise<CheckInResult> {
  const actor = actorOf(caller);
  await writeTransaction(platform.database.db, platform.clock, caller, async ({ db, audit }) => {
    if (!(await store.insertCheckIn(db, session.id, session.editionId, actor.userId, platform.clock.now()))) {
      const enrolment = await store.liveEnrolment(db, session.editionId, actor.userId);
      if (enrolment?.status !== 'ENROLLED')
        throw checkInFault(
          'non risulti iscritto/a a questa edizione del corso: la presenza non è registrata',
        );
      throw new Conflict('La tua presenza a questa sessione è già registrata.');
    }
    await audit({
      kind: 'change',
      action: 'training.attendance.check_in',
      entityType: 'training_session',
      entityId: session.id,
      before: null,
      after: { userId: actor.userId },
    });
  });
  return {
    courseTitle: session.courseTitle,
    editionName: session.editionName,
    sessionStartsAt: session.startsAt.toISOString(),
    message: `Presenza registrata: «${session.courseTitle}», sessione delle ${timeFormat.format(session.startsAt)}.`,
  };
}
