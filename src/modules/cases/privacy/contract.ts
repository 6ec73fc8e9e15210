/** The API of the legal hold of a case and of the rectification of a person's data (GDPR art. 16). */
import { z } from 'zod';
import { text } from '../../../kernel/contract.ts';
import { personInput } from '../contract.ts';

/** How a case reached the office, in words. */
export const CHANNEL_LABELS: Record<string, string> = {
  DESK: 'Presentata allo sportello',
  API: 'Ricevuta per via telematica dal portale ministeriale',
  IMPORT: 'Acquisita da un elenco di domande importato',
};

/** The decreto flussi's quota sectors of the shipped case types, in words. */
export const QUOTA_SECTOR_LABELS: Record<string, string> = {
  NON_SEASONAL: 'Lavoro subordinato non stagionale',
  HOME_CARE: 'Assistenza familiare e socio-sanitaria',
  AGRICULTURE: 'Lavoro stagionale in agricoltura',
  TOURISM: 'Lavoro stagionale nel settore turistico-alberghiero',
};

export const EMPLOYER_KIND_LABELS: Record<string, string> = {
  COMPANY: 'Impresa o ente',
  PERSON: 'Persona fisica',
};

export const SEX_LABELS: Record<string, string> = { M: 'maschile', F: 'femminile' };

export const legalHoldInput = z.object({ reason: text(500) });

export const legalHoldView = z.object({
  hold: z
    .object({
      reason: z.string(),
      since: z.string(),
      placedBy: z.string().nullable(),
    })
    .nullable(),
});
export type LegalHoldView = z.infer<typeof legalHoldView>;

const person = personInput.shape;

/** The fields a rectification may correct, checked as the intake checks them; null empties an optional one. */
export const RECTIFIABLE_FIELDS = {
  surname: 'Cognome',
  givenName: 'Nome',
  birthDate: 'Data di nascita',
  birthPlace: 'Luogo di nascita',
  citizenship: 'Cittadinanza',
  passportNumber: 'Numero di passaporto',
  fiscalCode: 'Codice fiscale',
  address: 'Indirizzo',
  email: 'E-mail',
  phone: 'Telefono',
} as const;
export type RectifiableField = keyof typeof RECTIFIABLE_FIELDS;

export const rectificationInput = z.object({
  changes: z
    .object({
      surname: person.surname.optional(),
      givenName: person.givenName.optional(),
      birthDate: person.birthDate.optional(),
      birthPlace: person.birthPlace.optional(),
      citizenship: person.citizenship.optional(),
      passportNumber: person.passport.unwrap().unwrap().shape.number.nullable().optional(),
      fiscalCode: person.fiscalCode,
      address: person.address,
      email: person.email,
      phone: person.phone,
    })
    .strict(),
  reason: text(500),
});
export type RectificationInput = z.infer<typeof rectificationInput>;

export const rectificationView = z.object({
  id: z.uuid(),
  field: z.string(),
  fieldLabel: z.string(),
  previousValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
  rectifiedBy: z.string().nullable(),
  rectifiedAt: z.string(),
});
export const rectificationHistory = z.object({ items: z.array(rectificationView) });
export type RectificationHistory = z.infer<typeof rectificationHistory>;
