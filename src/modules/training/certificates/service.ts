/**
 * Certificates of attendance: the staff of a course generate them for everyone who completed an edition (by a
 * job, see `generation.ts`), set who signs them and revoke one with a reason; a holder downloads their own;
 * anyone checks one by its code on the public page. Every read of a person's certificate is audited.
 */
import type { Caller } from '../../../kernel/auth.ts';
import { Conflict, NotFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead, writeTransaction } from '../../../kernel/transaction.ts';
import { type DocumentVerifier, verificationUrl } from '../../../kernel/verification.ts';
import { actorOf, EDITION_NOT_FOUND, mustRunCourse, runsCourse } from '../service.ts';
import * as training from '../store.ts';
import type { CertificateView, EditionCertificates, MyCertificate, SignatoryInput } from './contract.ts';
import { CERTIFICATE_TITLE, certificateDocument } from './document.ts';
import { CERTIFICATE_QUEUE, completedPeople, isFinished, signatoryFor } from './generation.ts';
import { certificateState, hoursInWords, hoursOf, initialsOf } from './rules.ts';
import * as store from './store.ts';

const CERTIFICATE_NOT_FOUND = 'L’attestato non esiste.';

const pdfUrl = (id: string) => `/api/training/certificates/${id}/pdf`;

function certificateView(row: store.CertificateRow): CertificateView {
  return {
    id: row.id,
    number: row.number,
    holderName: row.holderName,
    organisationName: row.organisationName,
    hours: `${hoursInWords(row.minutesAttended)} su ${hoursInWords(row.minutesTotal)}`,
    issuedOn: row.issuedOn,
    isRevoked: row.revokedAt !== null,
    revocationReason: row.revocationReason,
    pdfUrl: pdfUrl(row.id),
  };
}

/** An edition whose course the caller runs; 404 for anyone else, as for its register. */
async function runEdition(platform: Platform, caller: Caller, editionId: string) {
  const actor = actorOf(caller);
  const edition = await training.findEdition(platform.database.db, editionId);
  if (!edition || !(await runsCourse(platform.database.db, actor, edition.courseId)))
    throw new NotFound(EDITION_NOT_FOUND);
  return edition;
}

/** What the staff see of an edition's certificates: who completed, who has one, the generation under way. */
export async function editionCertificates(
  platform: Platform,
  caller: Caller,
  editionId: string,
): Promise<EditionCertificates> {
  const edition = await runEdition(platform, caller, editionId);
  const { db } = platform.database;
  const [rows, run, completed, signatory] = await Promise.all([
    store.certificatesOfEdition(db, editionId),
    store.latestRun(db, editionId),
    completedPeople(platform, edition),
    signatoryFor(db, edition),
  ]);
  const certified = new Set(rows.filter((row) => row.revokedAt === null).map((row) => row.userId));
  if (rows.length > 0)
    await auditRead(db, platform.clock, caller, 'training_edition_certificates', editionId, {
      certificates: rows.length,
    });
  return {
    isFinished: isFinished(edition, platform.clock.now()),
    completed: completed.people.length,
    missing: completed.people.filter((person) => !certified.has(person.userId)).length,
    generation: run
      ? { done: run.done, total: run.total, isRunning: run.finishedAt === null, failure: run.failure }
      : null,
    signatory,
    certificates: rows.map(certificateView),
  };
}

/** Asks the job queue to issue the certificates still missing of an edition, once every session has ended. */
export async function requestCertificates(
  platform: Platform,
  caller: Caller,
  editionId: string,
): Promise<EditionCertificates> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const edition = await training.findEdition(db, editionId);
  if (!edition) throw new NotFound(EDITION_NOT_FOUND);
  await mustRunCourse(db, actor, edition.courseId);
  const { jobs } = platform;
  if (!jobs)
    throw new Conflict(
      'Questo processo non esegue lavori in background: gli attestati non possono essere generati.',
    );
  if (!isFinished(edition, platform.clock.now()))
    throw new Conflict('Gli attestati si generano quando tutte le sessioni dell’edizione sono concluse.');
  const completed = await completedPeople(platform, edition);
  const certified = await store.certifiedPeople(db, editionId);
  const missing = completed.people.filter((person) => !certified.has(person.userId)).length;
  if (missing === 0)
    throw new Conflict('Nessun attestato da generare: chi ha completato l’edizione ha già il suo.');
  const runId = newId();
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    await training.lockEdition(unit.db, editionId);
    const latest = await store.latestRun(unit.db, editionId);
    if (latest && latest.finishedAt === null)
      throw new Conflict('La generazione degli attestati di questa edizione è già in corso.');
    await store.insertRun(unit.db, {
      id: runId,
      editionId,
      total: missing,
      done: 0,
      requestedBy: actor.userId,
      requestedAt: platform.clock.now(),
      finishedAt: null,
      failure: null,
    });
    await unit.audit({
      kind: 'change',
      action: 'training.certificates.request',
      entityType: 'training_edition',
      entityId: editionId,
      details: { runId, missing },
    });
  });
  try {
    await jobs.send(CERTIFICATE_QUEUE, { runId });
  } catch (error) {
    await store.finishRun(
      db,
      runId,
      platform.clock.now(),
      'La richiesta non è arrivata alla coda dei lavori.',
    );
    throw error;
  }
  return editionCertificates(platform, caller, editionId);
}

/** Sets who signs the edition's certificates (or every edition's of the course) from now on. */
export async function setSignatory(
  platform: Platform,
  caller: Caller,
  editionId: string,
  input: SignatoryInput,
): Promise<EditionCertificates> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const edition = await training.findEdition(db, editionId);
  if (!edition) throw new NotFound(EDITION_NOT_FOUND);
  await mustRunCourse(db, actor, edition.courseId);
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    const row = {
      id: newId(),
      courseId: input.forCourse ? edition.courseId : null,
      editionId: input.forCourse ? null : editionId,
      name: input.name,
      role: input.role,
      updatedAt: platform.clock.now(),
      updatedBy: actor.userId,
    };
    // a signatory for the whole course replaces the one this edition had of its own
    if (input.forCourse) await store.deleteEditionSignatory(unit.db, editionId);
    await store.upsertSignatory(unit.db, row);
    await unit.audit({
      kind: 'change',
      action: 'training.certificates.signatory',
      entityType: input.forCourse ? 'training_course' : 'training_edition',
      entityId: input.forCourse ? edition.courseId : editionId,
      after: { name: input.name, role: input.role },
    });
  });
  return editionCertificates(platform, caller, editionId);
}

/** Revokes a certificate, with the reason the public check will not show but the trail keeps. */
export async function revokeCertificate(
  platform: Platform,
  caller: Caller,
  id: string,
  reason: string,
): Promise<CertificateView> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const row = await store.findCertificate(db, id);
  if (!row) throw new NotFound(CERTIFICATE_NOT_FOUND);
  await mustRunCourse(db, actor, row.courseId);
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    if (!(await store.revokeCertificate(unit.db, id, actor.userId, platform.clock.now(), reason)))
      throw new Conflict('L’attestato è già stato revocato.');
    await unit.audit({
      kind: 'change',
      action: 'training.certificate.revoke',
      entityType: 'training_certificate',
      entityId: id,
      before: { revoked: false },
      after: { revoked: true, reason },
    });
  });
  const revoked = await store.findCertificate(db, id);
  return certificateView(revoked ?? row);
}

/** The holder's own certificates. */
export async function myCertificates(platform: Platform, caller: Caller): Promise<MyCertificate[]> {
  const actor = actorOf(caller);
  const rows = await store.certificatesOf(platform.database.db, actor.userId);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    courseTitle: row.courseTitle,
    editionName: row.editionName,
    hours: hoursInWords(row.minutesAttended),
    issuedOn: row.issuedOn,
    isRevoked: row.revokedAt !== null,
    pdfUrl: pdfUrl(row.id),
  }));
}

/** The PDF of a certificate, for its holder (while it is valid) and the staff of its course; 404 for anyone else. */
export async function certificatePdf(
  platform: Platform,
  caller: Caller,
  id: string,
): Promise<{ number: string; pdf: Uint8Array }> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const row = await store.findCertificate(db, id);
  const mayRead = row && (row.userId === actor.userId || (await runsCourse(db, actor, row.courseId)));
  if (!row || !mayRead) throw new NotFound(CERTIFICATE_NOT_FOUND);
  if (row.revokedAt && !(await runsCourse(db, actor, row.courseId)))
    throw new Conflict('L’attestato è stato revocato e non può più essere scaricato.');
  await auditRead(db, platform.clock, caller, 'training_certificate', id, { number: row.number });
  const pdf = await certificateDocument(row, verificationUrl(platform, row.verificationCode));
  return { number: row.number, pdf };
}

/** What the public check shows of a certificate: its course, hours and days, and only its holder's initials. */
export const verifyCertificate: DocumentVerifier = async (platform, code) => {
  const row = await store.findCertificateByCode(platform.database.db, code);
  if (!row) return undefined;
  return {
    entityId: row.id,
    shown: {
      document: CERTIFICATE_TITLE,
      number: row.number,
      issuedOn: row.issuedOn,
      issuer: row.issuer,
      subject: row.courseTitle,
      subjectLabel: 'course',
      state: certificateState(row.revokedAt),
      revoked: row.revokedAt !== null,
      hours: { attended: hoursOf(row.minutesAttended), total: hoursOf(row.minutesTotal) },
      period: { from: row.firstDay, to: row.lastDay },
      holderInitials: initialsOf(row.holderName),
    },
  };
};
