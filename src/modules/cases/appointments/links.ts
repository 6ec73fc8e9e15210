/**
 * The signed link of a convocation: `<appointment id>.<expiry>.<HMAC-SHA256>`, valid until the appointment
 * starts (the kernel's signed links, in the form they had before links had purposes).
 */
import type { Platform } from '../../../kernel/platform.ts';
import { CONVOCATION, checkLink, signLink } from '../../../kernel/signed-links.ts';

export { warmLinkSigning } from '../../../kernel/signed-links.ts';

/** The token of an appointment's link, valid until `expiresAt`. */
export function signAppointmentToken(
  platform: Pick<Platform, 'database' | 'clock'>,
  appointmentId: string,
  expiresAt: Date,
): Promise<string> {
  return signLink(platform, CONVOCATION, appointmentId, expiresAt);
}

export type TokenCheck = { ok: true; appointmentId: string } | { ok: false; reason: 'invalid' | 'expired' };

/** Whether a token is one we signed (else `invalid`) and still in time (else `expired`). */
export async function checkAppointmentToken(
  platform: Pick<Platform, 'database' | 'clock'>,
  token: string,
): Promise<TokenCheck> {
  const check = await checkLink(platform, CONVOCATION, token);
  return check.ok ? { ok: true, appointmentId: check.subjectId } : check;
}

/** The address the convocation prints, in the applicant's language when the portal has it. */
export async function appointmentLinkUrl(
  platform: Pick<Platform, 'database' | 'clock' | 'config'>,
  appointment: { id: string; startsAt: Date },
  language: string,
): Promise<string> {
  const token = await signAppointmentToken(platform, appointment.id, appointment.startsAt);
  return `${platform.config.publicUrl}/portale/${language}/appuntamento?t=${token}`;
}
