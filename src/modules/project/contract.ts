/**
 * The project management API: the funded projects under their programme's rulebook, their partners, work
 * packages, the activities, deliverables and milestones of each package, and the WP supervisor's monthly notes.
 */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../kernel/contract.ts';

export const PROGRAMMES = {
  FAMI_2014_2020: 'FAMI 2014-2020 (Manuale delle regole di ammissibilità delle spese)',
  FAMI_2021_2027: 'FAMI 2021-2027 (Reg. UE 2021/1060 e 2021/1147)',
} as const;
export type Programme = keyof typeof PROGRAMMES;

export const PARTNER_ROLES = { LEAD: 'Capofila', PARTNER: 'Partner' } as const;
export type PartnerRole = keyof typeof PARTNER_ROLES;

export const ITEM_KINDS = { ACTIVITY: 'Attività', DELIVERABLE: 'Prodotto', MILESTONE: 'Tappa' } as const;
export type ItemKind = keyof typeof ITEM_KINDS;

export const ITEM_STATUSES = {
  PLANNED: 'Da iniziare',
  IN_PROGRESS: 'In corso',
  DONE: 'Conclusa',
  CANCELLED: 'Annullata',
} as const;
export type ItemStatus = keyof typeof ITEM_STATUSES;

export const PROGRESS_STATES = {
  ON_TIME: 'Nei tempi',
  LATE: 'In ritardo',
  DONE: 'Conclusa',
  CANCELLED: 'Annullata',
} as const;

const optionalText = (max: number) => multilineText(max).nullable().optional();
const day = legalDay;
const optionalDay = legalDay.nullable().optional();

/** The Codice Unico di Progetto: 15 characters, letters and digits. */
const cup = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{15}$/, 'Il CUP è di 15 caratteri, lettere e cifre')
  .nullable()
  .optional();

export const projectInput = z.object({
  code: text(40),
  acronym: text(40),
  title: text(300),
  programme: z.enum(
    Object.keys(PROGRAMMES) as [Programme, ...Programme[]],
    'Scegliere il programma dall’elenco',
  ),
  objective: text(200),
  cup,
  startsOn: day,
  endsOn: day,
});
export type ProjectInput = z.infer<typeof projectInput>;

export const partnerInput = z.object({
  organisationId: z.uuid('Scegliere un ente dall’elenco'),
  role: z.enum(['LEAD', 'PARTNER'], 'Scegliere il ruolo dall’elenco'),
  tasks: optionalText(1000),
});
export type PartnerInput = z.infer<typeof partnerInput>;

export const workPackageInput = z.object({
  code: text(10).regex(/^\s*WP\s*\d{1,2}\s*$/i, 'Il codice è «WP» seguito da un numero, per esempio WP1'),
  title: text(200),
  description: optionalText(4000),
  leadOrganisationId: z.uuid('Scegliere un ente dall’elenco').nullable().optional(),
});
export type WorkPackageInput = z.infer<typeof workPackageInput>;

export const itemInput = z.object({
  kind: z.enum(Object.keys(ITEM_KINDS) as [ItemKind, ...ItemKind[]], 'Scegliere il tipo dall’elenco'),
  code: text(20),
  title: text(300),
  owner: text(200).nullable().optional(),
  plannedStart: day,
  plannedEnd: day,
  actualStart: optionalDay,
  actualEnd: optionalDay,
  status: z.enum(
    Object.keys(ITEM_STATUSES) as [ItemStatus, ...ItemStatus[]],
    'Scegliere lo stato dall’elenco',
  ),
  risks: optionalText(2000),
  mitigation: optionalText(2000),
});
export type ItemInput = z.infer<typeof itemInput>;

export const noteInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Indicare il mese'),
  text: multilineText(8000),
});
export type NoteInput = z.infer<typeof noteInput>;

export const projectSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  acronym: z.string(),
  title: z.string(),
  programme: z.enum(Object.keys(PROGRAMMES) as [Programme, ...Programme[]]),
  cup: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  lead: z.string().nullable(),
  workPackages: z.number().int(),
  lateItems: z.number().int(),
});
export type ProjectSummary = z.infer<typeof projectSummary>;

export const itemView = z.object({
  id: z.uuid(),
  kind: z.enum(Object.keys(ITEM_KINDS) as [ItemKind, ...ItemKind[]]),
  code: z.string(),
  title: z.string(),
  owner: z.string().nullable(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  status: z.enum(Object.keys(ITEM_STATUSES) as [ItemStatus, ...ItemStatus[]]),
  risks: z.string().nullable(),
  mitigation: z.string().nullable(),
  progress: z.enum(['ON_TIME', 'LATE', 'DONE', 'CANCELLED']),
  lateDays: z.number().int(),
});
export type ItemView = z.infer<typeof itemView>;

export const noteAttachmentView = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  uploadedAt: z.string(),
});
export type NoteAttachmentView = z.infer<typeof noteAttachmentView>;

export const noteView = z.object({
  id: z.uuid(),
  month: z.string(),
  text: z.string(),
  authorName: z.string(),
  updatedAt: z.string(),
  attachments: z.array(noteAttachmentView),
});
export type NoteView = z.infer<typeof noteView>;

export const workPackageView = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  leadOrganisationId: z.uuid().nullable(),
  lead: z.string().nullable(),
  items: z.array(itemView),
  notes: z.array(noteView),
});
export type WorkPackageView = z.infer<typeof workPackageView>;

export const partnerView = z.object({
  organisationId: z.uuid(),
  name: z.string(),
  role: z.enum(['LEAD', 'PARTNER']),
  tasks: z.string().nullable(),
});
export type PartnerView = z.infer<typeof partnerView>;

export const projectView = projectSummary.extend({
  objective: z.string(),
  partners: z.array(partnerView),
  workPackages: z.array(workPackageView),
  /** What the caller may change: the project and its partners; the work packages and their items; notes. */
  can: z.object({ manage: z.boolean(), plan: z.boolean(), note: z.boolean() }),
});
export type ProjectView = z.infer<typeof projectView>;
