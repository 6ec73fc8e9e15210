import { z } from 'zod';
import { mailStatus, refuseUnsafeText } from '../../kernel/contract.ts';
import { PERMISSION_NAMES, ROLE_NAMES } from '../../kernel/permissions.ts';

export type { Permission, Role } from '../../kernel/permissions.ts';
export { PERMISSIONS, ROLES } from '../../kernel/permissions.ts';

/** Kinds of organisation in the territorial network, with their Italian names. */
export const ORGANISATION_TYPES = {
  PREFECTURE: 'Prefettura',
  POLICE_HQ: 'Questura',
  LABOUR_INSPECTORATE: 'Ispettorato del Lavoro',
  MUNICIPALITY: 'Comune',
  HEALTH_SERVICE: 'Servizio sanitario (ASST / ATS)',
  THIRD_SECTOR: 'Ente del Terzo Settore',
  COOPERATIVE: 'Cooperativa',
  UNIVERSITY_SCHOOL: 'Università / scuola',
  OTHER: 'Altro',
} as const;
export type OrganisationType = keyof typeof ORGANISATION_TYPES;
export const organisationType = z.enum(
  Object.keys(ORGANISATION_TYPES) as [OrganisationType, ...OrganisationType[]],
);
export const role = z.enum(ROLE_NAMES);
export const permission = z.enum(PERMISSION_NAMES);

const id = z.uuid();
const email = z.email('indirizzo e-mail non valido').max(254);
/** A new password: long rather than complicated (AgID and NIST guidance). */
export const newPassword = z
  .string()
  .min(12, 'la password deve avere almeno 12 caratteri')
  .max(200, 'la password può avere al massimo 200 caratteri');
const personFiscalCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{16}$/, 'il codice fiscale ha 16 caratteri, lettere e cifre');

// ---- paging

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  q: refuseUnsafeText(z.string().trim().max(100)).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

// ---- authentication

export const loginInput = z.object({ email, password: z.string().min(1, 'inserire la password').max(200) });
export type LoginInput = z.infer<typeof loginInput>;

export const membershipView = z.object({
  organisationId: id,
  organisationName: z.string(),
  organisationType: organisationType,
  roles: z.array(role),
  /** The organisation the user comes from, when they work in this one on secondment. */
  secondedFrom: z.string().nullable(),
});

export const sessionView = z.object({
  user: z.object({ id, email: z.string(), givenName: z.string(), familyName: z.string() }),
  organisation: z.object({ id, name: z.string(), type: organisationType }),
  roles: z.array(role),
  permissions: z.array(permission),
  memberships: z.array(membershipView),
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
  idleTimeoutSeconds: z.number().int(),
});
export type SessionView = z.infer<typeof sessionView>;

export const authOptions = z.object({
  oidc: z.object({ enabled: z.boolean(), label: z.string() }),
});

export const switchOrganisationInput = z.object({ organisationId: id });
export const changePasswordInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword });
export const passwordResetRequestInput = z.object({ email });
export const passwordResetConfirmInput = z.object({ token: z.string().min(20).max(200), newPassword });

export const ownSession = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  clientAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  authMethod: z.enum(['password', 'oidc']),
  current: z.boolean(),
});

// ---- organisations

export const organisation = z.object({
  id,
  code: z.string(),
  name: z.string(),
  type: organisationType,
  fiscalCode: z.string().nullable(),
  municipalityIstatCode: z.string().nullable(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Organisation = z.infer<typeof organisation>;

/** Text typed by a person: trimmed, and never a control character (which no database column accepts). */
const text = (min: number, max: number) => refuseUnsafeText(z.string().trim().min(min).max(max));

const organisationFields = {
  name: text(2, 200),
  type: organisationType,
  fiscalCode: z
    .string()
    .trim()
    .regex(/^\d{11}$/, 'il codice fiscale di un ente ha 11 cifre')
    .nullable(),
  municipalityIstatCode: z
    .string()
    .regex(/^\d{6}$/, 'il codice ISTAT ha 6 cifre')
    .nullable(),
  email: email.nullable(),
};

export const newOrganisation = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .min(2)
    .max(32)
    .regex(/^[A-Z0-9-]+$/, 'usare lettere, cifre e trattini'),
  ...organisationFields,
  fiscalCode: organisationFields.fiscalCode.default(null),
  municipalityIstatCode: organisationFields.municipalityIstatCode.default(null),
  email: organisationFields.email.default(null),
});
export type NewOrganisation = z.input<typeof newOrganisation>;
/** A change: only the fields sent are written; absent ones keep their value (no defaults here). */
export const organisationPatch = z.object(organisationFields).partial();
export const organisationsQuery = pageQuery.extend({
  type: organisationType.optional(),
  active: z.enum(['true', 'false']).optional(),
});

// ---- users

/**
 * A role in an organisation. `secondedFrom`: the organisation the person comes from when they work in this one
 * on secondment (the cooperative's legal expert and mediators at the Prefettura's SUI); absent for its staff.
 */
export const userMembership = z.object({ organisationId: id, role, secondedFrom: id.nullable().optional() });
export const user = z.object({
  id,
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  fiscalCode: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.iso.datetime(),
  lastLoginAt: z.iso.datetime().nullable(),
  /** Until when failed sign-ins make some address wait before the next attempt; never a lock. */
  slowedUntil: z.iso.datetime().nullable(),
  hasPassword: z.boolean(),
  /** The last invitation e-mail of an account not yet activated. */
  invitation: z.object({ status: mailStatus, sentAt: z.iso.datetime().nullable() }).nullable(),
  memberships: z.array(
    userMembership.extend({ organisationName: z.string(), secondedFromName: z.string().nullable() }),
  ),
});
export type User = z.infer<typeof user>;

const userFields = {
  givenName: text(1, 100),
  familyName: text(1, 100),
  fiscalCode: personFiscalCode.nullable(),
};

export const newUser = z.object({ email, ...userFields, fiscalCode: userFields.fiscalCode.default(null) });
export type NewUser = z.input<typeof newUser>;
export const inviteUserInput = newUser.extend({
  memberships: z.array(userMembership).min(1, 'assegnare almeno un ruolo in un ente'),
});
/** A change: only the fields sent are written. */
export const userPatch = z.object(userFields).partial();
export const setMembershipsInput = z.object({ memberships: z.array(userMembership) });
export const usersQuery = pageQuery.extend({ organisationId: id.optional(), role: role.optional() });

// ---- permission matrix

export const permissionMatrix = z.object({
  roles: z.array(z.object({ role, label: z.string() })),
  permissions: z.array(z.object({ permission, label: z.string(), module: z.string(), roles: z.array(role) })),
});
