/** The caller for command-line work on case files (demo data, imports): a named SUI user of their office. */
import type { Actor, Caller } from '../kernel/auth.ts';
import type { Role } from '../kernel/permissions.ts';
import type { Platform } from '../kernel/platform.ts';
import { findActiveMember } from '../modules/identity/directory.ts';

type CliPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

/** The active SUI operator or manager with this e-mail, acting in their office; undefined when there is none. */
export function suiCaller(platform: CliPlatform, email: string): Promise<Caller | undefined> {
  return memberCaller(platform, email, ['sui_operator', 'sui_manager']);
}

/** The active user with this e-mail holding one of `roles`, acting in that organisation; undefined if none. */
export async function memberCaller(
  platform: CliPlatform,
  email: string,
  roles: readonly Role[],
): Promise<Caller | undefined> {
  const member = await findActiveMember(platform, email, roles);
  if (!member) return undefined;
  const actor: Actor = {
    userId: member.id,
    email: member.email,
    givenName: member.givenName,
    familyName: member.familyName,
    organisationId: member.organisationId,
    organisationName: member.name,
    organisationType: member.type,
    roles: [member.role as Role],
    sessionId: 'cli',
    csrfToken: '',
    sessionExpiresAt: new Date(platform.clock.now().getTime() + 3_600_000),
  };
  return { actor, requestId: null, clientAddress: null };
}

/** The platform of a command that sends no e-mail. */
export function withoutMail(platform: CliPlatform): Platform {
  return { ...platform, mailer: { send: async () => undefined, close: () => undefined } };
}

/** A day so many days from now (back, if negative), on the Prefettura's calendar. */
export const inDays = (platform: Pick<Platform, 'clock'>, days: number) =>
  platform.clock.today().add({ days }).toString();
