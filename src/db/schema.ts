import type { ColumnType, Generated } from 'kysely';

/** An instant stored as timestamptz: read as Date, written as Date or ISO string. */
export type Instant = ColumnType<Date, Date | string, Date | string>;

export type OrganisationTable = {
  id: string;
  code: string;
  name: string;
  type: string;
  fiscalCode: string | null;
  municipalityIstatCode: string | null;
  email: string | null;
  isActive: Generated<boolean>;
  createdAt: Generated<Instant>;
};

export type UserTable = {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  fiscalCode: string | null;
  isActive: Generated<boolean>;
  createdAt: Generated<Instant>;
};

export type MembershipTable = {
  userId: string;
  organisationId: string;
  role: string;
  createdAt: Generated<Instant>;
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
  systemHeartbeat: SystemHeartbeatTable;
};
