/**
 * The ticket's link, sent by e-mail: the registration's id signed with the kernel's link key for this purpose
 * only, valid until the day after the session ends. With it a person sees the ticket, confirms an offered
 * seat or cancels, without an account.
 */
import type { Platform } from '../../../kernel/platform.ts';
import { checkLink, type LinkCheck, signLink } from '../../../kernel/signed-links.ts';

const PURPOSE = 'outreach.ticket';
const DAY = 24 * 3_600_000;

export function signTicket(
  platform: Pick<Platform, 'database' | 'clock'>,
  registrationId: string,
  sessionEndsAt: Date,
): Promise<string> {
  return signLink(platform, PURPOSE, registrationId, new Date(sessionEndsAt.getTime() + DAY));
}

export function checkTicket(
  platform: Pick<Platform, 'database' | 'clock'>,
  token: string,
): Promise<LinkCheck> {
  return checkLink(platform, PURPOSE, token);
}

/** The ticket's page in the person's language. */
export const ticketUrl = (publicUrl: string, language: string, token: string) =>
  `${publicUrl}/portale/${language}/biglietto?t=${token}`;
