/**
 * The API of the procurement files: how a partner bought a supply, service or work or hired an external expert
 * (procedure, CIG, amount net of VAT in cents, dates, documents, the expenses paid under it) and the legal
 * expert's checks with their checklist.
 */
import { z } from 'zod';
import { legalDay, multilineText, text } from '../../../kernel/contract.ts';

const kinds = ['SUPPLIES', 'SERVICES', 'WORKS', 'INDIVIDUAL'] as const;
const procedures = ['DIRECT_AWARD', 'NEGOTIATED', 'OPEN', 'PUBLIC_NOTICE'] as const;
const codes = ['DLGS_50_2016', 'DLGS_36_2023'] as const;
const outcomes = ['POSITIVE', 'POSITIVE_WITH_REMARKS', 'NEGATIVE'] as const;
const answers = ['YES', 'NO', 'NOT_APPLICABLE'] as const;

export const KINDS: Record<(typeof kinds)[number], string> = {
  SUPPLIES: 'Forniture',
  SERVICES: 'Servizi',
  WORKS: 'Lavori',
  INDIVIDUAL: 'Incarico individuale esterno',
};

export const PROCEDURES: Record<(typeof procedures)[number], string> = {
  DIRECT_AWARD: 'Affidamento diretto',
  NEGOTIATED: 'Procedura negoziata',
  OPEN: 'Procedura aperta',
  PUBLIC_NOTICE: 'Selezione comparativa con avviso pubblico',
};

export const CODES: Record<(typeof codes)[number], string> = {
  DLGS_50_2016: 'D.Lgs. 50/2016',
  DLGS_36_2023: 'D.Lgs. 36/2023',
};

export const OUTCOMES: Record<(typeof outcomes)[number] | 'TO_CHECK', string> = {
  POSITIVE: 'Positivo',
  POSITIVE_WITH_REMARKS: 'Positivo con rilievi',
  NEGATIVE: 'Negativo',
  TO_CHECK: 'Da verificare',
};

export const ANSWERS: Record<(typeof answers)[number], string> = {
  YES: 'Sì',
  NO: 'No',
  NOT_APPLICABLE: 'Non pertinente',
};

export const DOCUMENT_KINDS = {
  DETERMINATION: 'Determina o decisione a contrarre',
  NOTICE: 'Avviso o lettera d’invito',
  OFFERS: 'Preventivi, offerte o curricula con il verbale di comparazione',
  CONTRACT: 'Contratto o lettera d’incarico',
  REQUIREMENTS: 'Verifica dei requisiti (DURC, dichiarazioni)',
  OTHER: 'Altro',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
const documentKinds = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

const optionalText = (max: number) => text(max).nullable().optional();

export const procurementInput = z.object({
  organisationId: z.uuid('Scegliere l’ente che svolge la procedura'),
  subject: text(300),
  kind: z.enum(kinds, 'Scegliere il tipo dall’elenco'),
  procedure: z.enum(procedures, 'Scegliere la procedura dall’elenco'),
  cig: z
    .string()
    .trim()
    .overwrite((value) => value.toUpperCase().replace(/\s+/g, ''))
    .regex(/^[A-Z0-9]{10}$/, 'Il CIG è di 10 caratteri, lettere e cifre')
    .nullable()
    .optional(),
  amountCents: z
    .number('Indicare l’importo')
    .int('Indicare l’importo in centesimi')
    .min(1, 'Indicare un importo maggiore di zero')
    .max(100_000_000_000, 'Importo troppo alto'),
  contractorName: optionalText(200),
  decisionOn: legalDay,
  contractOn: legalDay.nullable().optional(),
});
export type ProcurementInput = z.infer<typeof procurementInput>;

export const checkInput = z.object({
  outcome: z.enum(outcomes, 'Scegliere l’esito'),
  notes: multilineText(4000).nullable().optional(),
  checkedOn: legalDay,
  items: z
    .array(
      z.object({
        item: z.string().max(40),
        answer: z.enum(answers, 'Rispondere sì, no o non pertinente'),
        note: optionalText(1000),
      }),
    )
    .max(40),
  /** When the file was last changed as the legal expert read it: a check of an older reading is refused. */
  fileUpdatedAt: z.iso.datetime().optional(),
});
export type CheckInput = z.infer<typeof checkInput>;

export const linkInput = z.object({ expenseId: z.uuid('Scegliere la spesa dall’elenco') });

export const documentKindInput = z.object({ kind: z.enum(documentKinds, 'Scegliere il tipo di documento') });

const flagView = z.object({
  rule: z.enum(['DIRECT_AWARD_THRESHOLD', 'COMPARATIVE_SELECTION', 'CIG_MISSING']),
  message: z.string(),
});

/** Where the file stands with the legal expert. */
const standing = z.enum(['TO_CHECK', 'POSITIVE', 'POSITIVE_WITH_REMARKS', 'NEGATIVE']);

export const procurementSummary = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  subject: z.string(),
  kind: z.enum(kinds),
  procedure: z.enum(procedures),
  cig: z.string().nullable(),
  amountCents: z.number().int(),
  contractorName: z.string().nullable(),
  decisionOn: z.string(),
  contractOn: z.string().nullable(),
  code: z.enum(codes),
  /** The direct-award threshold that applied on the decision day, with its source; null for assignments. */
  threshold: z.object({ limitCents: z.number().int(), source: z.string() }).nullable(),
  flags: z.array(flagView),
  standing,
  expenseCount: z.number().int(),
  updatedAt: z.string(),
});
export type ProcurementSummary = z.infer<typeof procurementSummary>;

const checkView = z.object({
  id: z.uuid(),
  number: z.number().int(),
  outcome: z.enum(outcomes),
  notes: z.string().nullable(),
  checkedOn: z.string(),
  checkedByName: z.string(),
  recordedAt: z.string(),
  isCurrent: z.boolean(),
  supersededAt: z.string().nullable(),
  supersededReason: z.enum(['NEW_CHECK', 'FILE_CHANGED']).nullable(),
  items: z.array(
    z.object({ item: z.string(), label: z.string(), answer: z.enum(answers), note: z.string().nullable() }),
  ),
});
export type CheckView = z.infer<typeof checkView>;

export const procurementView = procurementSummary.extend({
  documents: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(documentKinds),
      fileName: z.string(),
      size: z.number().int(),
      mediaType: z.string(),
      uploadedAt: z.string(),
    }),
  ),
  expenses: z.array(
    z.object({
      id: z.uuid(),
      description: z.string(),
      documentNumber: z.string(),
      documentDate: z.string(),
      supplierName: z.string(),
      amountCents: z.number().int(),
      cig: z.string().nullable(),
    }),
  ),
  /** The checklist of this kind of file, to answer. */
  checklist: z.array(z.object({ item: z.string(), label: z.string() })),
  /** The current check first, then the superseded ones, newest first. */
  checks: z.array(checkView),
  can: z.object({ manage: z.boolean(), check: z.boolean() }),
});
export type ProcurementView = z.infer<typeof procurementView>;

export const procurementList = z.object({
  projectId: z.uuid(),
  acronym: z.string(),
  partners: z.array(z.object({ organisationId: z.uuid(), name: z.string() })),
  files: z.array(procurementSummary),
  scopedTo: z.string().nullable(),
  can: z.object({ manage: z.boolean(), check: z.boolean() }),
});
export type ProcurementList = z.infer<typeof procurementList>;
