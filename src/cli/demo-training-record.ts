/**
 * Demo data of the training record, so that it shows figures at first start: an edition of a public bodies'
 * course held in the past three weeks, attended in full by the demo trainee
 * and on-the-job hours of the SUI team logged by the SUI manager. Loaded through
 * the real use cases, on clocks set back to when each thing happened.
 */
import { SettableClock } from '../kernel/clock.ts';
import type { Platform } from '../kernel/platform.ts';
import { markAttendance } from '../modules/training/attendance.ts';
import { enrolSelf } from '../modules/training/enrolments.ts';
import { recordMentoring } from '../modules/training/records/mentoring.ts';
import { createCourse, createEdition } from '../modules/training/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const DAY = 86_400_000;
const PLACE = 'Prefettura di Lodi, sala riunioni, Corso Umberto I 40, Lodi';

export async function loadDemoTrainingRecord(platform: DemoPlatform): Promise<void> {
  const trainer = await memberCaller(platform, 'formatore@lovit.example', ['trainer']);
  const trainee = await memberCaller(platform, 'corsista@lovit.example', ['trainee']);
  const manager = await memberCaller(platform, 'responsabile.sui@lovit.example', ['sui_manager']);
  const operator = await memberCaller(platform, 'operatore.sui@lovit.example', ['sui_operator']);
  const expert = await memberCaller(platform, 'esperto.legale@lovit.example', ['legal_expert']);
  const mediator = await memberCaller(platform, 'mediatrice@lovit.example', ['mediator']);
  if (
    !trainer?.actor ||
    !trainee?.actor ||
    !manager?.actor ||
    !operator?.actor ||
    !expert?.actor ||
    !mediator?.actor
  )
    return;
  const today = platform.clock.today();
  const day = (offset: number) => today.add({ days: offset }).toString();
  const at = (daysBack: number) => ({
    ...withoutMail(platform),
    clock: new SettableClock(new Date(platform.clock.now().getTime() - daysBack * DAY)),
  });
  const now = withoutMail(platform);

  const course = await createCourse(at(28), trainer, {
    title: 'Il decreto flussi e il nulla osta al lavoro',
    track: 'PUBLIC',
    objectives:
      'Conoscere il procedimento del nulla osta al lavoro subordinato nel decreto flussi, dalla domanda del datore ' +
      'di lavoro al rilascio, con i pareri della Questura e dell’Ispettorato.',
    topics:
      'Le quote e i click day\nL’istruttoria del nulla osta\nI pareri della Questura e dell’Ispettorato',
    hours: 8,
    targetRoles: 'Operatori dello Sportello Unico, dei Comuni e dei patronati',
    prerequisites: null,
    completionPercent: 75,
    trainerIds: [trainer.actor.userId],
  });
  const edition = await createEdition(at(28), trainer, course.id, {
    name: 'Edizione di novembre',
    capacity: 20,
    cancelUntil: day(-22),
    sessions: [
      { day: day(-21), startTime: '09:00', endTime: '13:00', place: PLACE },
      { day: day(-14), startTime: '09:00', endTime: '13:00', place: PLACE },
    ],
  });
  await enrolSelf(at(27), trainee, edition.id);
  const [first, second] = edition.sessions;
  if (!first || !second) return;
  for (const [sessionId, person] of [
    [first.id, trainee.actor.userId],
    [second.id, trainee.actor.userId],
  ] as const)
    await markAttendance(now, trainer, sessionId, { userId: person, present: true });

  const operatorId = operator.actor.userId;
  const mentoring = [
    [operatorId, manager.actor.userId, day(-20), 'L’istruttoria del nulla osta al lavoro', 3],
    [operatorId, expert.actor.userId, day(-10), 'Le novità sul ricongiungimento familiare', 1.5],
    [mediator.actor.userId, operatorId, day(-3), 'L’accoglienza allo sportello e la convocazione', 1],
  ] as const;
  for (const [menteeId, mentorId, on, topic, hours] of mentoring)
    await recordMentoring(now, manager, { day: on, menteeId, mentorId, topic, hours });
}
