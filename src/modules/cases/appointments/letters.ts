/**
 * Convocation letters: to whom they go (the applicant party; an employer through its PEC), what they say,
 * and their place in the outbox, in the transaction of the booking or change they announce.
 */
import type { Caller } from '../../../kernel/auth.ts';
import type { Db } from '../../../kernel/db.ts';
import { Conflict, NotFound } from '../../../kernel/errors.ts';
import type { Mail } from '../../../kernel/mail.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { type UnitOfWork, writeTransaction } from '../../../kernel/transaction.ts';
import { isLanguage } from '../../portal/languages.ts';
import type { CaseTypeVersion } from '../law/definitions.ts';
import { caseTypes } from '../law/registry.ts';
import * as store from '../store.ts';
import { appointmentsWithinReach } from '../team/reach.ts';
import type { AppointmentPurpose } from './contract.ts';
import { type Convocation, convocationIcs, convocationLetter } from './convocations.ts';
import { actorOf } from './desks.ts';
import { appointmentLinkUrl, warmLinkSigning } from './links.ts';
import * as appointmentStore from './store.ts';

type Party = Awaited<ReturnType<typeof store.caseParties>>[number];
export type Recipient = { name: string | null; email: string | null; viaPec: boolean };

/** The applicant of a case as the letter addresses them: an employer by PEC when it has one. */
export function recipientOf(definition: CaseTypeVersion, parties: readonly Party[]): Recipient {
  const role = definition.parties.find((party) => party.applicant)?.role;
  const party = parties.find((candidate) => candidate.role === role) ?? parties[0];
  if (!party) return { name: null, email: null, viaPec: false };
  if (party.employerId)
    return party.pec
      ? { name: party.employerName, email: party.pec, viaPec: true }
      : { name: party.employerName, email: party.employerEmail, viaPec: false };
  const name = [party.givenName, party.surname].filter(Boolean).join(' ') || null;
  return { name, email: party.personEmail, viaPec: false };
}

/**
 * The language the applicant prefers, when the letter goes to them as a person: a company's PEC is written to in
 * Italian alone.
 */
export function recipientLanguageOf(definition: CaseTypeVersion, parties: readonly Party[]): string | null {
  const role = definition.parties.find((party) => party.applicant)?.role;
  const party = parties.find((candidate) => candidate.role === role) ?? parties[0];
  return party && !party.employerId ? party.preferredLanguage : null;
}

/** The case facts a letter prints and the applicant it goes to. */
export async function caseForLetter(platform: Platform, db: Db, organisationId: string, caseId: string) {
  const row = await store.findCase(db, organisationId, caseId);
  if (!row) return null;
  const definition = (await caseTypes(platform.database, platform.clock)).version(
    row.typeCode,
    row.typeValidFrom,
  );
  const parties = await store.caseParties(db, caseId);
  return {
    row,
    definition,
    recipient: recipientOf(definition, parties),
    language: recipientLanguageOf(definition, parties),
  };
}

/** Everything a letter about an appointment needs, read back from the database. */
export async function convocationOf(
  platform: Platform,
  db: Db,
  organisationId: string,
  appointmentId: string,
): Promise<{ convocation: Convocation; row: appointmentStore.AppointmentRow } | null> {
  const [row] = await appointmentStore.appointments(db, { organisationId, id: appointmentId });
  if (!row) return null;
  const kase = row.caseId ? await caseForLetter(platform, db, organisationId, row.caseId) : null;
  const replaced = row.rescheduledFrom
    ? (await appointmentStore.appointments(db, { organisationId, id: row.rescheduledFrom }))[0]
    : undefined;
  const convocation: Convocation = {
    appointmentId: row.id,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    deskName: row.deskName,
    place: row.deskPlace,
    purpose: row.purpose as AppointmentPurpose,
    documentsToBring: row.documentsToBring,
    caseNumber: row.caseNumber,
    caseTypeName: kase?.definition.name ?? null,
    recipientName: kase?.recipient.name ?? null,
    recipientEmail: row.recipientEmail,
    viaPec: row.viaPec,
    organisationName: await appointmentStore.organisationName(db, organisationId),
    language: row.language,
    applicantLanguage: kase?.language ?? null,
    replaces: replaced
      ? { appointmentId: replaced.id, startsAt: replaced.startsAt, endsAt: replaced.endsAt }
      : null,
    manageUrl:
      row.status === 'SCHEDULED' && row.caseId
        ? await appointmentLinkUrl(
            platform,
            row,
            [kase?.language, row.language].find((code) => code && isLanguage(code)) ?? 'it',
          )
        : null,
  };
  return { convocation, row };
}

export const LETTER_TOPICS = {
  convocation: 'cases.convocation',
  cancellation: 'cases.cancellation',
} as const;

/**
 * Puts the convocation (or the notice of cancellation) of an appointment in the outbox, in the transaction
 * that made or changed the appointment; an applicant without an address gets the letter by hand. The use
 * case reads the link signing key first (`warmLinkSigning`).
 */
export async function queueLetter(
  platform: Platform,
  unit: UnitOfWork,
  organisationId: string,
  appointmentId: string,
  letter: (convocation: Convocation) => Mail,
  kind: keyof typeof LETTER_TOPICS,
): Promise<void> {
  const found = await convocationOf(platform, unit.db, organisationId, appointmentId);
  if (!found?.convocation.recipientEmail) return;
  await unit.mail(letter(found.convocation), { topic: LETTER_TOPICS[kind], entityId: appointmentId });
}

/** Sends the convocation of a scheduled appointment again (after it could not be delivered, or on request). */
export async function resendConvocation(platform: Platform, caller: Caller, id: string): Promise<void> {
  const actor = actorOf(caller);
  await warmLinkSigning(platform);
  await writeTransaction(platform.database.db, platform.clock, caller, async (unit) => {
    const found = await convocationOf(platform, unit.db, actor.organisationId, id);
    if (!found) throw new NotFound('L’appuntamento non esiste o non è accessibile.');
    if (found.row.status !== 'SCHEDULED')
      throw new Conflict('Si invia la convocazione solo di un appuntamento programmato.');
    if (!found.convocation.recipientEmail)
      throw new Conflict(
        'Il richiedente non ha un indirizzo e-mail o PEC: consegnare la convocazione a mano.',
      );
    await unit.audit({
      kind: 'change',
      action: 'cases.appointment.convocation_resend',
      entityType: 'appointment',
      entityId: id,
      before: null,
      after: { to: found.convocation.recipientEmail },
    });
    await unit.mail(convocationLetter(found.convocation, platform.clock.now()), {
      topic: LETTER_TOPICS.convocation,
      entityId: id,
    });
  });
}

/** The calendar file of an appointment: a request while it stands, a cancellation once it no longer does. */
export async function appointmentIcs(platform: Platform, caller: Caller, id: string): Promise<string> {
  const actor = actorOf(caller);
  const { db } = platform.database;
  const found = await convocationOf(platform, db, actor.organisationId, id);
  if (!found || !(await appointmentsWithinReach(db, actor, [found.row])).length)
    throw new NotFound('L’appuntamento non esiste o non è accessibile.');
  const cancelled = found.row.status === 'CANCELLED' || found.row.status === 'RESCHEDULED';
  return convocationIcs(found.convocation, cancelled ? 'CANCEL' : 'REQUEST', found.row.createdAt);
}
