import type { ColumnType, Generated } from 'kysely';

/** An instant stored as timestamptz: read as Date, written as Date or ISO string. */
export type Instant = ColumnType<Date, Date | string, Date | string>;
/** An instant the database fills in by default (`now()`). */
export type GeneratedInstant = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableInstant = ColumnType<Date | null, Date | string | null, Date | string | null>;

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
  failedLogins: Generated<number>;
  lockedUntil: NullableInstant;
  lastLoginAt: NullableInstant;
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

export type AuditEntryTable = {
  /** Order of insertion; may have gaps (rolled-back transactions). */
  seq: Generated<number>;
  id: string;
  at: Instant;
  kind: 'change' | 'access' | 'security';
  action: string;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  actorLabel: string | null;
  organisationId: string | null;
  requestId: string | null;
  clientAddress: string | null;
  /** For changes `{ before, after }` of the fields that changed; for other kinds, details. */
  data: unknown | null;
};

export type AuditSealTable = {
  /** 1, 2, 3… without gaps: the order of the hash chain. */
  position: number;
  entrySeq: number;
  prevHash: string;
  hash: string;
  sealedAt: Instant;
};

export type MembershipTable = {
  userId: string;
  organisationId: string;
  role: string;
  createdAt: GeneratedInstant;
};

export type SystemHeartbeatTable = {
  instance: string;
  beatAt: Instant;
  beats: number;
};

/** Every table, as Kysely sees it (camelCase here, snake_case in the database). */
export type Database = {
  organisation: OrganisationTable;
  appUser: UserTable;
  membership: MembershipTable;
  session: SessionTable;
  userToken: UserTokenTable;
  oidcLogin: OidcLoginTable;
  auditEntry: AuditEntryTable;
  auditSeal: AuditSealTable;
  systemHeartbeat: SystemHeartbeatTable;
};
