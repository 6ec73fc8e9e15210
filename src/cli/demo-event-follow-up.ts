/**
 * Demo data after an event: a workshop held two weeks ago with two people checked in at its door, its
 * certificates opened, one requested and issued, and the anonymous follow-up questionnaire open with one answer.
 * Loaded through the real use cases, each at the moment it would have happened.
 */
import { SYSTEM_CALLER } from '../kernel/auth.ts';
import { SettableClock } from '../kernel/clock.ts';
import type { Platform } from '../kernel/platform.ts';
import { signAttendance, signFollowUp } from '../modules/outreach/events/after/links.ts';
import { openSessionCertificates, requestCertificate } from '../modules/outreach/events/after/service.ts';
import { answerFollowUp, launchFollowUp, openInvitation } from '../modules/outreach/events/after/survey.ts';
import { register } from '../modules/outreach/events/seats.ts';
import { addSession, checkIn, createEvent, setPublished } from '../modules/outreach/events/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const PEOPLE = [
  { name: 'Ana Popescu', email: 'ana.popescu@example.org', language: 'ro', checkedIn: true },
  { name: 'Samuel Mensah', email: 'samuel.mensah@example.org', language: 'en', checkedIn: true },
  { name: 'Luca Pini', email: 'luca.pini@example.org', language: 'it', checkedIn: false },
];

export async function loadDemoEventFollowUp(platform: DemoPlatform): Promise<void> {
  const officer = await memberCaller(platform, 'comunicazione@lovit.example', ['communications']);
  if (!officer) return;
  const day = inDays(platform, -14);
  const clock = new SettableClock(`${inDays(platform, -30)}T09:00:00+02:00`);
  const then = { ...withoutMail(platform), clock };

  const event = await createEvent(then, officer, {
    kind: 'WORKSHOP',
    title: 'Laboratorio: i servizi del territorio per chi arriva',
    summary: 'Un pomeriggio con gli sportelli del territorio, per operatori e cittadini.',
    description: 'Laboratorio pratico con lo Sportello Unico, i Comuni e il Terzo Settore.',
    offerHours: 24,
  });
  const withSession = await addSession(then, officer, event.id, {
    label: 'Pomeriggio',
    day,
    startTime: '15:00',
    endTime: '18:00',
    venue: 'Sala dei Comuni',
    address: 'Via Fanfulla 14, Lodi',
    accessibility: 'Ingresso senza gradini, servizi accessibili.',
    capacity: 25,
  });
  await setPublished(then, officer, event.id, true);
  const sessionId = withSession.sessions[0]?.id as string;
  const listId = withSession.checkInLists[0]?.id as string;
  const registered = [];
  for (const person of PEOPLE) {
    const outcome = await register(then, SYSTEM_CALLER, {
      sessionId,
      name: person.name,
      email: person.email,
      organisation: null,
      organisationType: null,
      language: person.language,
      accessibilityNeeds: null,
      interpretationLanguage: null,
    });
    if (outcome.kind === 'registered') registered.push({ ...person, id: outcome.registrationId });
  }

  clock.set(`${day}T14:45:00+02:00`);
  const codes = await then.database.db
    .selectFrom('outreachRegistration')
    .select(['id', 'ticketCode'])
    .where('sessionId', '=', sessionId)
    .execute();
  for (const person of registered.filter((one) => one.checkedIn)) {
    const code = codes.find((row) => row.id === person.id)?.ticketCode ?? '';
    await checkIn(then, officer, { listId, sessionId, code });
  }

  clock.set(`${inDays(platform, -13)}T10:00:00+02:00`);
  const opened = await openSessionCertificates(then, officer, sessionId);
  const until = new Date(opened.sessions[0]?.requestsUntil ?? clock.now());
  const first = registered[0];
  if (first)
    await requestCertificate(
      then,
      SYSTEM_CALLER,
      await signAttendance(then, first.id, until),
      first.language,
    );
  await launchFollowUp(then, officer, event.id, {
    audience: 'CHECKED_IN',
    title: 'Com’è andato il laboratorio?',
    intro: 'Grazie per aver partecipato. Il questionario è anonimo e richiede due minuti.',
  });
  const invitation = first && (await openInvitation(then, await signFollowUp(then, first.id)));
  if (invitation?.ok)
    await answerFollowUp(then, invitation.invitation, {
      overall: 5,
      useful: 4,
      access: 4,
      again: 'Sì',
      suggestions: 'Più tempo per le domande agli sportelli.',
    });
}
