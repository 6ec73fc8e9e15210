import { z } from 'zod';

/** Kinds of organisation in the territorial network, with their Italian names. */
export const ORGANISATION_TYPES = {
  PREFECTURE: 'Prefettura',
  POLICE_HQ: 'Questura',
  LABOUR_INSPECTORATE: 'Ispettorato del Lavoro',
  MUNICIPALITY: 'Comune',
  THIRD_SECTOR: 'Ente del Terzo Settore',
  COOPERATIVE: 'Cooperativa',
  UNIVERSITY_SCHOOL: 'Università / scuola',
  OTHER: 'Altro',
} as const;
export type OrganisationType = keyof typeof ORGANISATION_TYPES;
export const organisationType = z.enum(
  Object.keys(ORGANISATION_TYPES) as [OrganisationType, ...OrganisationType[]],
);

/** The roles a user may hold in an organisation, with their Italian names. */
export const ROLES = {
  admin: 'Amministratore',
  sui_operator: 'Operatore SUI',
  sui_manager: 'Responsabile SUI',
  questura_officer: 'Funzionario della Questura',
  inspectorate_officer: 'Funzionario dell’Ispettorato del Lavoro',
  legal_expert: 'Esperto legale',
  mediator: 'Mediatore linguistico-culturale',
  council_secretariat: 'Segreteria del Consiglio territoriale',
  council_member: 'Componente del Consiglio territoriale',
  trainer: 'Formatore',
  trainee: 'Partecipante alla formazione',
  communications: 'Comunicazione',
  project_manager: 'Responsabile di progetto',
  project_supervisor: 'Supervisore di progetto',
  auditor: 'Revisore',
} as const;
export type Role = keyof typeof ROLES;
export const role = z.enum(Object.keys(ROLES) as [Role, ...Role[]]);

export const newOrganisation = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(32)
    .regex(/^[A-Z0-9-]+$/, 'usare lettere maiuscole, cifre e trattini'),
  name: z.string().trim().min(2).max(200),
  type: organisationType,
  fiscalCode: z
    .string()
    .trim()
    .regex(/^\d{11}$/, 'il codice fiscale di un ente ha 11 cifre')
    .nullable()
    .default(null),
  municipalityIstatCode: z
    .string()
    .regex(/^\d{6}$/, 'il codice ISTAT ha 6 cifre')
    .nullable()
    .default(null),
  email: z.email().nullable().default(null),
});
export type NewOrganisation = z.input<typeof newOrganisation>;

export const newUser = z.object({
  email: z.email().max(254),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  fiscalCode: z.string().trim().toUpperCase().length(16).nullable().default(null),
});
export type NewUser = z.input<typeof newUser>;
