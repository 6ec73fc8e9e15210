import type { User } from '../../../src/modules/identity/contract.ts';

export type UserStatus = 'inactive' | 'slowed' | 'invited' | 'active';

/** What an administrator needs to know first about an account, most restrictive state first. */
export function userStatus(user: User, now = new Date()): UserStatus {
  if (!user.isActive) return 'inactive';
  if (user.slowedUntil && new Date(user.slowedUntil) > now) return 'slowed';
  if (!user.hasPassword) return 'invited';
  return 'active';
}
