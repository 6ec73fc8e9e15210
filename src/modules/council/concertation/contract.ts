/** The API of the concertation log: meetings and contacts with the network's bodies. */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../contract.ts';

export const CONCERTATION_KINDS = { MEETING: 'Incontro', CONTACT: 'Contatto' } as const;
export const concertationKind = z.enum(['MEETING', 'CONTACT']);

export const concertationInput = z
  .object({
    heldOn: legalDay,
    kind: concertationKind,
    topic: text(300),
    outcome: multilineText(4000).nullable().optional(),
    followUp: multilineText(4000).nullable().optional(),
    tableId: z.uuid().nullable().optional(),
    /** Bodies from the directory of organisations. */
    organisationIds: z.array(z.uuid()).max(50, 'al massimo 50 enti'),
    /** Bodies not in the directory, by name. */
    otherOrganisations: z.array(text(200)).max(20, 'al massimo 20 altri enti'),
  })
  .refine((entry) => entry.organisationIds.length + entry.otherOrganisations.length > 0, {
    path: ['organisationIds'],
    message: 'indicare almeno un ente coinvolto',
  });
export type ConcertationInput = z.infer<typeof concertationInput>;

export const concertationQuery = z.object({
  from: legalDay.optional(),
  to: legalDay.optional(),
  kind: concertationKind.optional(),
  organisationId: z.uuid().optional(),
  tableId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type ConcertationQuery = z.infer<typeof concertationQuery>;

export const concertationView = z.object({
  id: z.uuid(),
  heldOn: legalDay,
  kind: concertationKind,
  topic: z.string(),
  outcome: z.string().nullable(),
  followUp: z.string().nullable(),
  tableId: z.uuid().nullable(),
  tableName: z.string().nullable(),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  otherOrganisations: z.array(z.string()),
  recordedBy: z.string(),
  updatedAt: z.string(),
  /** The author and the secretariat change or delete an entry. */
  canEdit: z.boolean(),
});
export type ConcertationView = z.infer<typeof concertationView>;
