import { z } from 'zod';
import { refuseUnsafeText } from '../../kernel/contract.ts';
import { pageQuery } from '../identity/contract.ts';

const filterText = refuseUnsafeText(z.string().trim().max(100)).optional();

/** The audit trail as auditors search it: filters and entries. */
export const auditKind = z.enum(['change', 'access', 'security']);
export const auditQuery = pageQuery.extend({
  entityType: filterText,
  entityId: filterText,
  userId: z.uuid().optional(),
  kind: auditKind.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const auditEntry = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  at: z.iso.datetime(),
  kind: auditKind,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  organisationId: z.string().nullable(),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  data: z.unknown(),
});
