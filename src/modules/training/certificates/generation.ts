/**
 * The generation of an edition's certificates, worked by the job queue: everyone who completed the edition and
 * has no certificate of it gets one, in batches, each batch one transaction with its numbers and audit entries;
 * the run counts its progress for the page that polls it. A person never gets a second certificate of an edition.
 */
import { Temporal } from 'temporal-polyfill';
import { SYSTEM_CALLER } from '../../../kernel/auth.ts';
import { newVerificationCode } from '../../../kernel/codes.ts';
import type { Db } from '../../../kernel/db.ts';
import { newId } from '../../../kernel/ids.ts';
import { institution } from '../../../kernel/institution.ts';
import type { JobDefinition } from '../../../kernel/jobs.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { writeTransaction } from '../../../kernel/transaction.ts';
import { isComplete, sessionHours } from '../rules.ts';
import { hoursAttended } from '../service.ts';
import * as training from '../store.ts';
import { certificateNumber, type Signatory, signatoryOf } from './rules.ts';
import * as store from './store.ts';

export const CERTIFICATE_QUEUE = 'training.certificates';

/** Certificates issued in one transaction: small enough to show progress, large enough to be quick. */
const BATCH = 100;

type Edition = training.EditionRow;

/** Whether every session of the edition has ended. */
export function isFinished(edition: Edition, now: Date): boolean {
  return edition.lastSessionAt !== null && new Date(edition.lastSessionAt) <= now;
}

const romeDay = (at: Date) =>
  Temporal.Instant.fromEpochMilliseconds(at.getTime())
    .toZonedDateTimeISO('Europe/Rome')
    .toPlainDate()
    .toString();

/** The people holding a place who attended enough of the edition, with their minutes, and the edition's days. */
export async function completedPeople(platform: Platform, edition: Edition) {
  const { db } = platform.database;
  const sessions = await training.sessionsOf(db, [edition.id]);
  const totalHours = sessions.reduce((sum, session) => sum + sessionHours(session), 0);
  const hours = await hoursAttended(platform, sessions);
  const enrolled = (await training.participants(db, edition.id)).filter((p) => p.status === 'ENROLLED');
  const people = enrolled
    .map((person) => ({ ...person, hours: hours.get(person.userId) ?? 0 }))
    .filter((person) => isComplete(person.hours, totalHours, edition.completionPercent));
  return {
    people,
    totalMinutes: Math.round(totalHours * 60),
    firstDay: sessions[0] ? romeDay(sessions[0].startsAt) : null,
    lastDay: sessions.at(-1) ? romeDay((sessions.at(-1) as (typeof sessions)[number]).startsAt) : null,
  };
}

/** Who signs the edition's certificates now. */
export async function signatoryFor(db: Db, edition: Edition): Promise<Signatory | null> {
  const [set, trainers] = await Promise.all([
    store.signatoriesOf(db, edition.courseId, edition.id),
    training.trainersOf(db, [edition.courseId]),
  ]);
  return signatoryOf(set.edition, set.course, trainers[0]?.name);
}

const STOPPED = 'La generazione si è interrotta: premere di nuovo «Genera attestati» per completarla.';

/** Works one requested generation to its end; a run already finished is left alone. */
export async function generateCertificates(platform: Platform, runId: string): Promise<void> {
  const { db } = platform.database;
  const run = await store.findRun(db, runId);
  if (!run || run.finishedAt) return;
  try {
    const edition = await training.findEdition(db, run.editionId);
    if (!edition) throw new RangeError(`edition ${run.editionId} of run ${runId} is missing`);
    const completed = await completedPeople(platform, edition);
    const signatory = await signatoryFor(db, edition);
    const certified = await store.certifiedPeople(db, edition.id);
    const missing = completed.people.filter((person) => !certified.has(person.userId));
    let done = 0;
    await store.advanceRun(db, runId, { total: missing.length, done });
    for (let start = 0; start < missing.length; start += BATCH) {
      const batch = missing.slice(start, start + BATCH);
      await issueBatch(
        platform,
        { edition, completed, signatory, runId, requestedBy: run.requestedBy },
        batch,
      );
      done += batch.length;
      await store.advanceRun(db, runId, { done });
    }
    await store.finishRun(db, runId, platform.clock.now(), null);
  } catch (error) {
    await store.finishRun(db, runId, platform.clock.now(), STOPPED);
    throw error;
  }
}

type Context = {
  edition: Edition;
  completed: Awaited<ReturnType<typeof completedPeople>>;
  signatory: Signatory | null;
  runId: string;
  requestedBy: string;
};

async function issueBatch(
  platform: Platform,
  { edition, completed, signatory, runId, requestedBy }: Context,
  people: Context['completed']['people'],
): Promise<void> {
  if (!signatory || !completed.firstDay || !completed.lastDay)
    throw new RangeError(`edition ${edition.id} has no trainer or no session`);
  const today = platform.clock.today();
  const now = platform.clock.now();
  const { firstDay, lastDay } = completed;
  await writeTransaction(platform.database.db, platform.clock, SYSTEM_CALLER, async ({ db, auditAll }) => {
    const first = await store.takeNumbers(db, today.year, people.length);
    const rows = people.map((person, index) => ({
      id: newId(),
      editionId: edition.id,
      userId: person.userId,
      number: certificateNumber(platform.config.office.provinceCode, today.year, first + index),
      verificationCode: newVerificationCode(),
      holderName: person.name,
      organisationName: person.organisationName,
      courseTitle: edition.courseTitle,
      editionName: edition.name,
      minutesAttended: Math.round(person.hours * 60),
      minutesTotal: completed.totalMinutes,
      firstDay,
      lastDay,
      signatoryName: signatory.name,
      signatoryRole: signatory.role,
      issuer: institution().name,
      issuedOn: today.toString(),
      issuedAt: now,
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
    }));
    await store.insertCertificates(db, rows);
    await auditAll(
      rows.map((row) => ({
        kind: 'change' as const,
        action: 'training.certificate.issue',
        entityType: 'training_certificate',
        entityId: row.id,
        after: { editionId: row.editionId, userId: row.userId, number: row.number },
        details: { runId, requestedBy },
      })),
    );
  });
}

export function certificateJob(platform: Platform): JobDefinition {
  return {
    queue: CERTIFICATE_QUEUE,
    async handle(data) {
      const { runId } = data as { runId?: unknown };
      if (typeof runId === 'string') await generateCertificates(platform, runId);
    },
  };
}
