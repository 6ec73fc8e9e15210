/**
 * The links of what follows an event, sent by e-mail: to request the attendance certificate (valid while
 * requests are open, decision 069) and to answer the follow-up questionnaire. Each signs its subject for its own
 * purpose only, so neither opens a ticket nor the other.
 */
import type { Platform } from '../../../../kernel/platform.ts';
import { checkLink, type LinkCheck, signLink } from '../../../../kernel/signed-links.ts';
import { checkTicket } from '../links.ts';

const ATTENDANCE = 'outreach.attendance';
const FOLLOW_UP = 'outreach.follow-up';
const DAY = 24 * 3_600_000;
/** How long the invitation to the questionnaire stays usable; closing the questionnaire ends it sooner. */
const FOLLOW_UP_DAYS = 60;

type KeyHolder = Pick<Platform, 'database' | 'clock'>;

export const signAttendance = (platform: KeyHolder, registrationId: string, until: Date) =>
  signLink(platform, ATTENDANCE, registrationId, until);

/** The registration a link to the certificate names: the one sent on opening, or the ticket's own link. */
export async function checkAttendance(platform: KeyHolder, token: string): Promise<LinkCheck> {
  const attendance = await checkLink(platform, ATTENDANCE, token);
  if (attendance.ok || attendance.reason === 'expired') return attendance;
  return checkTicket(platform, token);
}

/** The invitation names the registration: an event has one follow-up questionnaire. */
export const signFollowUp = (platform: KeyHolder, registrationId: string) =>
  signLink(
    platform,
    FOLLOW_UP,
    registrationId,
    new Date(platform.clock.now().getTime() + FOLLOW_UP_DAYS * DAY),
  );

export const checkFollowUp = (platform: KeyHolder, token: string) => checkLink(platform, FOLLOW_UP, token);

/** The page where a person requests their certificate, in their language. */
export const certificateUrl = (publicUrl: string, language: string, token: string) =>
  `${publicUrl}/portale/${language}/biglietto/attestato?t=${token}`;

export const followUpUrl = (publicUrl: string, language: string, token: string) =>
  `${publicUrl}/portale/${language}/evento/questionario?t=${token}`;
