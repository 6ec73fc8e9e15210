import type { z } from 'zod';
import type { auditEntry, auditKind } from '../../../src/modules/audit/contract.ts';
import type {
  authOptions,
  Organisation,
  OrganisationType,
  ownSession,
  permissionMatrix,
  Role,
  SessionView,
  User,
} from '../../../src/modules/identity/contract.ts';
import { api, type Query, withQuery } from '../../app/api.ts';

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type OwnSession = z.infer<typeof ownSession>;
export type PermissionMatrix = z.infer<typeof permissionMatrix>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditKind = z.infer<typeof auditKind>;
export type AuthOptions = z.infer<typeof authOptions>;
export type Membership = { organisationId: string; role: Role; secondedFrom?: string | null };

export const PAGE_SIZE = 20;

export const keys = {
  authOptions: ['auth', 'options'] as const,
  ownSessions: ['me', 'sessions'] as const,
  organisations: (query: Query) => ['organisations', query] as const,
  allOrganisations: ['organisations', 'all'] as const,
  organisation: (id: string) => ['organisation', id] as const,
  users: (query: Query) => ['users', query] as const,
  user: (id: string) => ['user', id] as const,
  permissions: ['permissions'] as const,
  audit: (query: Query) => ['audit', query] as const,
};

// ---- signing in and the own account

export const auth = {
  options: () => api.get<AuthOptions>('/api/auth/options'),
  login: (body: { email: string; password: string }) =>
    api.post<SessionView>('/api/auth/login', body, { isSessionExpiryExpected: true }),
  logout: () => api.post('/api/auth/logout', undefined, { isSessionExpiryExpected: true }),
  logoutEverywhere: () =>
    api.post('/api/auth/logout-everywhere', undefined, { isSessionExpiryExpected: true }),
  switchOrganisation: (organisationId: string) =>
    api.post<SessionView>('/api/auth/organisation', { organisationId }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api.post('/api/auth/password', body),
  requestPasswordReset: (body: { email: string }) => api.post('/api/auth/password-reset', body),
  confirmPasswordReset: (body: { token: string; newPassword: string }) =>
    api.post('/api/auth/password-reset/confirm', body),
  oidcStartUrl: (returnTo: string) => `/api/auth/oidc/start?${new URLSearchParams({ returnTo })}`,
  ownSessions: () => api.get<OwnSession[]>('/api/me/sessions'),
  endOwnSession: (id: string) => api.delete(`/api/me/sessions/${encodeURIComponent(id)}`),
};

// ---- organisations

export type OrganisationInput = {
  code?: string;
  name?: string;
  type?: OrganisationType;
  fiscalCode?: string | null;
  municipalityIstatCode?: string | null;
  email?: string | null;
};

export const organisations = {
  list: (query: Query) => api.get<Paged<Organisation>>('/api/organisations', query),
  /** Every active organisation, for the choice of an organisation in a form. */
  async all(): Promise<Organisation[]> {
    const items: Organisation[] = [];
    for (let page = 1; ; page++) {
      const result = await api.get<Paged<Organisation>>('/api/organisations', { page, pageSize: 100 });
      items.push(...result.items);
      if (result.items.length === 0 || items.length >= result.total) return items;
    }
  },
  get: (id: string) => api.get<Organisation>(`/api/organisations/${encodeURIComponent(id)}`),
  create: (body: OrganisationInput) => api.post<Organisation>('/api/organisations', body),
  update: (id: string, body: OrganisationInput) =>
    api.patch<Organisation>(`/api/organisations/${encodeURIComponent(id)}`, body),
  setActive: (id: string, isActive: boolean) =>
    api.post<Organisation>(
      `/api/organisations/${encodeURIComponent(id)}/${isActive ? 'activate' : 'deactivate'}`,
    ),
};

// ---- users

export type UserDetails = { givenName: string; familyName: string; fiscalCode: string | null };

export const users = {
  list: (query: Query) => api.get<Paged<User>>('/api/users', query),
  get: (id: string) => api.get<User>(`/api/users/${encodeURIComponent(id)}`),
  invite: (body: UserDetails & { email: string; memberships: Membership[] }) =>
    api.post<User>('/api/users', body),
  update: (id: string, body: Partial<UserDetails>) =>
    api.patch<User>(`/api/users/${encodeURIComponent(id)}`, body),
  setMemberships: (id: string, memberships: Membership[]) =>
    api.put<User>(`/api/users/${encodeURIComponent(id)}/memberships`, { memberships }),
  act: (id: string, action: 'deactivate' | 'activate' | 'unlock' | 'invite') =>
    api.post<User>(`/api/users/${encodeURIComponent(id)}/${action}`),
};

// ---- permissions and audit trail

export const permissions = {
  matrix: () => api.get<PermissionMatrix>('/api/permissions'),
};

export const audit = {
  list: (query: Query) => api.get<Paged<AuditEntry>>('/api/audit', query),
  exportUrl: (filters: Query) => withQuery('/api/audit/export.csv', filters),
};
