/**
 * Attendance certificates of an event's sessions. Once a session has ended the staff open its certificates:
 * everyone checked in at its door gets by e-mail a link to request theirs, valid 90 days (decision 069). The
 * person requests it on a public page without an account; it is issued once, numbered, with a verification code,
 * and downloaded again with the same link. The staff list and revoke them; anyone checks one by its code.
 */
import { Temporal } from 'temporal-polyfill';
import type { Caller } from '../../../../kernel/auth.ts';
import { LEGAL_TIME_ZONE } from '../../../../kernel/clock.ts';
import { newVerificationCode } from '../../../../kernel/codes.ts';
import { Conflict, NotFound } from '../../../../kernel/errors.ts';
import { newId } from '../../../../kernel/ids.ts';
import type { Mail } from '../../../../kernel/mail.ts';
import type { Platform } from '../../../../kernel/platform.ts';
import { auditRead, NothingToDo, writeTransaction } from '../../../../kernel/transaction.ts';
import { type DocumentVerifier, verificationUrl } from '../../../../kernel/verification.ts';
import { intlLocale, translator } from '../../../portal/languages.ts';
import { portalInstitution } from '../../../portal/layout.tsx';
import type { EventCertificateView, FollowUpView } from './contract.ts';
import { CERTIFICATE_TITLE, certificateDocument } from './document.ts';
import { certificateUrl, checkAttendance, signAttendance } from './links.ts';
import {
  certificateNumber,
  openingProblem,
  type RequestState,
  requestState,
  requestsUntil,
} from './rules.ts';
import * as store from './store.ts';
import { followUpSurvey, PROPOSAL } from './survey.ts';

const EVENT_NOT_FOUND = 'L’evento non esiste.';
const CERTIFICATE_NOT_FOUND = 'L’attestato non esiste.';

const staffPdfUrl = (id: string) => `/api/outreach/event-certificates/${id}/pdf`;

function certificateView(row: store.CertificateRow): EventCertificateView {
  return {
    id: row.id,
    sessionId: row.sessionId,
    number: row.number,
    holderName: row.holderName,
    issuedAt: row.issuedAt,
    isRevoked: row.revokedAt !== null,
    revocationReason: row.revocationReason,
    pdfUrl: staffPdfUrl(row.id),
  };
}

/** What the staff see after an event: each session's attendees and certificates, and the questionnaire. */
export async function followUpOverview(
  platform: Platform,
  caller: Caller,
  eventId: string,
): Promise<FollowUpView> {
  const { db } = platform.database;
  if (!(await store.findEvent(db, eventId))) throw new NotFound(EVENT_NOT_FOUND);
  const [sessions, certificates, survey] = await Promise.all([
    store.sessionsOf(db, eventId),
    store.certificatesOfEvent(db, eventId),
    followUpSurvey(platform, eventId),
  ]);
  if (certificates.length > 0)
    await auditRead(db, platform.clock, caller, 'outreach_event_certificates', eventId, {
      certificates: certificates.length,
    });
  const now = platform.clock.now();
  return {
    sessions: sessions.map((session) => {
      const own = certificates.filter((row) => row.sessionId === session.id);
      return {
        id: session.id,
        label: session.label,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        hasEnded: session.endsAt <= now,
        checkedIn: Number(session.checkedIn ?? 0),
        openedAt: session.openedAt,
        requestsUntil: session.requestsUntil,
        issued: own.filter((row) => row.revokedAt === null).length,
        revoked: own.filter((row) => row.revokedAt !== null).length,
      };
    }),
    certificates: certificates.map(certificateView),
    survey,
    proposal: PROPOSAL,
  };
}

function requestLetter(
  person: { email: string; name: string; language: string },
  eventTitle: string,
  link: string,
  until: Date,
): Mail {
  const t = translator(person.language);
  const date = new Intl.DateTimeFormat(intlLocale(person.language), {
    timeZone: LEGAL_TIME_ZONE,
    dateStyle: 'long',
  });
  return {
    to: person.email,
    subject: t('eventCertificate.mail.subject', { event: eventTitle }),
    text: [
      t('eventCertificate.mail.greeting', { name: person.name }),
      '',
      t('eventCertificate.mail.body', { event: eventTitle }),
      '',
      t('eventCertificate.mail.link', { link }),
      t('eventCertificate.mail.until', { date: date.format(until) }),
      '',
      t('eventCertificate.mail.signature'),
    ].join('\n'),
  };
}

/**
 * Opens the certificates of an ended session: sends each person checked in at its door the link to request
 * theirs, valid until the window closes; in one transaction with its record.
 */
export async function openSessionCertificates(
  platform: Platform,
  caller: Caller,
  sessionId: string,
): Promise<FollowUpView> {
  const { db } = platform.database;
  const session = await store.findSession(db, sessionId);
  if (!session || !caller.actor) throw new NotFound('La data non esiste.');
  const actor = caller.actor;
  const now = platform.clock.now();
  const problem = openingProblem(session, session.openedAt !== null, now);
  if (problem) throw new Conflict(problem);
  const attendees = await store.attendeesOf(db, sessionId);
  if (attendees.length === 0)
    throw new Conflict(
      'Nessuno è stato registrato all’ingresso di questa data: non ci sono attestati da aprire.',
    );
  const until = requestsUntil(now);
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    const opened = await store.openCertificates(unit.db, {
      sessionId,
      openedAt: now,
      openedBy: actor.userId,
      requestsUntil: until,
    });
    if (!opened) throw new Conflict('Gli attestati di questa data sono già aperti.');
    const event = await store.findEvent(unit.db, session.eventId);
    for (const person of attendees) {
      const title = (await store.titleIn(unit.db, session.eventId, person.language)) ?? event?.title ?? '';
      const token = await signAttendance(platform, person.id, until);
      const link = certificateUrl(platform.config.publicUrl, person.language, token);
      await unit.mail(requestLetter(person, title, link, until), {
        topic: 'outreach.certificate.request',
        entityId: person.id,
      });
    }
    await unit.audit({
      kind: 'change',
      action: 'outreach.certificates.open',
      entityType: 'outreach_session',
      entityId: sessionId,
      after: { requestsUntil: until.toISOString(), invited: attendees.map((person) => person.id) },
    });
  });
  return followUpOverview(platform, caller, session.eventId);
}

/** Revokes a certificate, with the reason the trail keeps; the public check then says it no longer holds. */
export async function revokeEventCertificate(
  platform: Platform,
  caller: Caller,
  id: string,
  reason: string,
): Promise<EventCertificateView> {
  const { db } = platform.database;
  const row = await store.findCertificate(db, id);
  if (!row || !caller.actor) throw new NotFound(CERTIFICATE_NOT_FOUND);
  const by = caller.actor.userId;
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    if (!(await store.revokeCertificate(unit.db, id, by, platform.clock.now(), reason)))
      throw new Conflict('L’attestato è già stato revocato.');
    await unit.audit({
      kind: 'change',
      action: 'outreach.certificate.revoke',
      entityType: 'outreach_attendance_certificate',
      entityId: id,
      before: { revoked: false },
      after: { revoked: true, reason },
    });
  });
  return certificateView((await store.findCertificate(db, id)) ?? row);
}

async function pdfOf(platform: Platform, caller: Caller, row: store.CertificateRow) {
  await auditRead(platform.database.db, platform.clock, caller, 'outreach_attendance_certificate', row.id, {
    number: row.number,
  });
  return {
    number: row.number,
    pdf: await certificateDocument(row, verificationUrl(platform, row.verificationCode)),
  };
}

/** A certificate's PDF for the staff, revoked or not. */
export async function staffCertificatePdf(platform: Platform, caller: Caller, id: string) {
  const row = await store.findCertificate(platform.database.db, id);
  if (!row) throw new NotFound(CERTIFICATE_NOT_FOUND);
  return pdfOf(platform, caller, row);
}

export type CertificateRequest = {
  state: RequestState;
  eventId: string;
  eventTitle: string;
  sessionLabel: string;
  sessionStartsAt: Date;
  sessionEndsAt: Date;
  requestsUntil: Date | null;
  number: string | null;
};

/** Where a person's request stands, from the link they hold; why not, when the link opens nothing. */
export async function certificateRequest(
  platform: Platform,
  caller: Caller,
  token: string,
  lang: string,
): Promise<
  | { ok: true; request: CertificateRequest; registrationId: string }
  | { ok: false; reason: 'invalid' | 'expired' }
> {
  const check = await checkAttendance(platform, token);
  if (!check.ok) return check;
  const { db } = platform.database;
  const standing = await store.standingOf(db, check.subjectId);
  if (!standing) return { ok: false, reason: 'invalid' };
  await auditRead(db, platform.clock, caller, 'outreach_registration', standing.id, {
    by: 'certificate link',
  });
  const certificate = standing.certificateId
    ? await store.findCertificate(db, standing.certificateId)
    : undefined;
  const state = requestState(
    {
      sessionEndsAt: standing.sessionEndsAt,
      // a cancelled registration has no certificate, whoever came in with its ticket
      checkIns: standing.status === 'CONFIRMED' ? Number(standing.checkIns ?? 0) : 0,
      opening: standing.requestsUntil ? { requestsUntil: standing.requestsUntil } : null,
      certificate: certificate ? { revokedAt: certificate.revokedAt } : null,
    },
    platform.clock.now(),
  );
  return {
    ok: true,
    registrationId: standing.id,
    request: {
      state,
      eventId: standing.eventId,
      eventTitle: (await store.titleIn(db, standing.eventId, lang)) ?? standing.eventTitle,
      sessionLabel: standing.sessionLabel,
      sessionStartsAt: standing.sessionStartsAt,
      sessionEndsAt: standing.sessionEndsAt,
      requestsUntil: standing.requestsUntil,
      number: certificate?.number ?? null,
    },
  };
}

const romeDay = (at: Date) =>
  Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(LEGAL_TIME_ZONE).toPlainDate();

/**
 * Issues the certificate of the registration the link names, if it may have one now; a second request finds the
 * first. The state the request is in afterwards.
 */
export async function requestCertificate(
  platform: Platform,
  caller: Caller,
  token: string,
  lang: string,
): ReturnType<typeof certificateRequest> {
  const opened = await certificateRequest(platform, caller, token, lang);
  if (!opened.ok || opened.request.state !== 'mayRequest') return opened;
  const { db } = platform.database;
  await writeTransaction(db, platform.clock, caller, async (unit) => {
    await store.lockRegistration(unit.db, opened.registrationId);
    const standing = await store.standingOf(unit.db, opened.registrationId);
    // another request (a second tap) issued it first, or the registration was cancelled meanwhile
    if (!standing || standing.certificateId || standing.status !== 'CONFIRMED')
      throw new NothingToDo(undefined);
    const now = platform.clock.now();
    const today = romeDay(now);
    const id = newId();
    const row = {
      id,
      registrationId: standing.id,
      sessionId: standing.sessionId,
      number: certificateNumber(
        platform.config.office.provinceCode,
        today.year,
        await store.takeNumber(unit.db, today.year),
      ),
      verificationCode: newVerificationCode(),
      holderName: standing.name,
      eventTitle: standing.eventTitle,
      sessionLabel: standing.sessionLabel,
      sessionStartsAt: standing.sessionStartsAt,
      sessionEndsAt: standing.sessionEndsAt,
      venue: standing.venue,
      issuer: portalInstitution().name,
      issuedOn: today.toString(),
      issuedAt: now,
    };
    if (!(await store.insertCertificate(unit.db, row))) throw new NothingToDo(undefined);
    await unit.audit({
      kind: 'change',
      action: 'outreach.certificate.issue',
      entityType: 'outreach_attendance_certificate',
      entityId: id,
      after: { registrationId: standing.id, number: row.number },
    });
  });
  return certificateRequest(platform, caller, token, lang);
}

/** The PDF of the certificate the link names, while it holds; null when there is none to give. */
export async function publicCertificatePdf(platform: Platform, caller: Caller, token: string) {
  const check = await checkAttendance(platform, token);
  if (!check.ok) return null;
  const row = await store.certificateOf(platform.database.db, check.subjectId);
  if (!row || row.revokedAt) return null;
  return pdfOf(platform, caller, row);
}

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part.charAt(0).toLocaleUpperCase('it-IT')}.`)
    .join(' ');

/** What the public check shows of an attendance certificate: its event and day, and only its holder's initials. */
export const verifyEventCertificate: DocumentVerifier = async (platform, code) => {
  const row = await store.certificateByCode(platform.database.db, code);
  if (!row) return undefined;
  const day = romeDay(row.sessionStartsAt).toString();
  return {
    entityId: row.id,
    shown: {
      document: CERTIFICATE_TITLE,
      number: row.number,
      issuedOn: row.issuedOn,
      issuer: row.issuer,
      subject: `${row.eventTitle} – ${row.sessionLabel}`,
      state: row.revokedAt ? 'revocato' : 'valido',
      revoked: row.revokedAt !== null,
      period: { from: day, to: day },
      holderInitials: initialsOf(row.holderName),
    },
  };
};
