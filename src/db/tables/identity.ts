import type { ColumnType, Generated } from 'kysely';
import type { GeneratedInstant, Instant, NullableInstant } from '../columns.ts';

export type OrganisationTable = {
  id: string;
  code: string;
  name: string;
  type: string;
  fiscalCode: string | null;
  municipalityIstatCode: string | null;
  email: string | null;
  isActive: Generated<boolean>;
  createdAt: GeneratedInstant;
};

export type UserTable = {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  fiscalCode: string | null;
  isActive: Generated<boolean>;
  createdAt: GeneratedInstant;
  passwordHash: string | null;
  passwordChangedAt: NullableInstant;
  lastLoginAt: NullableInstant;
  /** When the account was switched off; null while it is on. */
  deactivatedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type SessionTable = {
  /** SHA-256 of the cookie token: a stolen table does not yield usable sessions. */
  id: string;
  userId: string;
  organisationId: string;
  csrfToken: string;
  createdAt: Instant;
  lastSeenAt: Instant;
  expiresAt: Instant;
  clientAddress: string | null;
  userAgent: string | null;
  authMethod: string;
  revokedAt: NullableInstant;
};

export type UserTokenTable = {
  /** SHA-256 of the token sent by e-mail. */
  tokenHash: string;
  userId: string;
  purpose: 'password_reset' | 'invite';
  createdAt: Instant;
  expiresAt: Instant;
  usedAt: NullableInstant;
};

export type OidcLoginTable = {
  state: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  createdAt: Instant;
};

export type MembershipTable = {
  userId: string;
  organisationId: string;
  role: string;
  /** The organisation the person comes from when they work here on secondment; null for its own staff. */
  secondedFrom: string | null;
  createdAt: GeneratedInstant;
};

export type ApiClientTable = {
  id: string;
  organisationId: string;
  name: string;
  /** SHA-256 of the bearer token. */
  tokenHash: string;
  createdAt: Instant;
  revokedAt: NullableInstant;
};

/** Failed attempts at a secret, per door, subject and address (`*`: from every address together). */
export type FailedAttemptTable = {
  door: string;
  subject: string;
  address: string;
  failures: number;
  lastFailureAt: Instant;
};

/** The tables of organisations, users and their sign-in, as Kysely sees them. */
export type IdentityTables = {
  organisation: OrganisationTable;
  appUser: UserTable;
  membership: MembershipTable;
  session: SessionTable;
  userToken: UserTokenTable;
  oidcLogin: OidcLoginTable;
  apiClient: ApiClientTable;
  failedAttempt: FailedAttemptTable;
};
