/**
 * Import of a click-day export (CSV, one application per row, in arrival order) through the same intake as
 * the API: every row is checked alone, rows keep the file's order in the quota ranking, and the external
 * reference is the idempotency key, so importing the same file twice registers nothing new.
 */

import { Temporal } from 'temporal-polyfill';
import type { Caller } from '../../../kernel/auth.ts';
import { AppError, Invalid } from '../../../kernel/errors.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { type IntakeInput, intakeInput } from '../contract.ts';
import { submit } from '../service.ts';
import { releaseArrivalTicket, takeArrivalTicket } from './service.ts';

/** The columns of the export, in Italian as the Ministry's files name them. */
export const IMPORT_COLUMNS = [
  'riferimento',
  'tipo',
  'settore',
  'datore_tipo',
  'datore_denominazione',
  'datore_codice_fiscale',
  'datore_partita_iva',
  'datore_indirizzo',
  'datore_pec',
  'lavoratore_cognome',
  'lavoratore_nome',
  'lavoratore_sesso',
  'lavoratore_data_nascita',
  'lavoratore_luogo_nascita',
  'lavoratore_cittadinanza',
  'lavoratore_passaporto',
  'lavoratore_scadenza_passaporto',
  'lavoratore_email',
  'lavoratore_lingua',
  'data_presentazione',
  'data_imputazione',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

/** RFC 4180 CSV: quoted fields, doubled quotes, commas or semicolons as separator, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const separator = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value !== '')) rows.push(row);
  return rows;
}

function applicationOf(record: Record<Column, string>): IntakeInput {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return intakeInput.parse({
    type: record.tipo,
    quotaSector: optional(record.settore),
    externalReference: record.riferimento,
    parties: [
      {
        role: 'EMPLOYER',
        employer: {
          kind: record.datore_tipo || 'COMPANY',
          name: record.datore_denominazione,
          fiscalCode: record.datore_codice_fiscale,
          vatNumber: optional(record.datore_partita_iva),
          address: record.datore_indirizzo,
          pec: optional(record.datore_pec),
        },
      },
      {
        role: 'WORKER',
        person: {
          surname: record.lavoratore_cognome,
          givenName: record.lavoratore_nome,
          sex: record.lavoratore_sesso,
          birthDate: record.lavoratore_data_nascita,
          birthPlace: record.lavoratore_luogo_nascita,
          citizenship: record.lavoratore_cittadinanza,
          passport: { number: record.lavoratore_passaporto, expiry: record.lavoratore_scadenza_passaporto },
          email: optional(record.lavoratore_email),
          preferredLanguage: optional(record.lavoratore_lingua),
        },
      },
    ],
  });
}

/** A day as the Ministry's files write it, 31/12/2025, or 2025-12-31; null when not a real day. */
function dayOf(value: string): Temporal.PlainDate | null {
  const italian = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const [year, month, day] = italian
    ? [italian[3], italian[2], italian[1]]
    : iso
      ? [iso[1], iso[2], iso[3]]
      : [];
  if (!year || !month || !day) return null;
  try {
    return Temporal.PlainDate.from({ year: +year, month: +month, day: +day }, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/**
 * The real submission and imputation days of a row (DL 146/2025: the term runs from the imputation), never the
 * import day: a row without its submission day is refused; a row not imputed yet leaves the imputation blank.
 */
export function datesOf(
  record: Pick<Record<Column, string>, 'data_presentazione' | 'data_imputazione'>,
  today: Temporal.PlainDate,
): { submittedOn: Temporal.PlainDate; quotaImputedOn: Temporal.PlainDate | null } {
  const errors: { path: string; message: string }[] = [];
  const submittedOn = dayOf(record.data_presentazione);
  const imputed = record.data_imputazione.trim();
  const quotaImputedOn = imputed === '' ? null : dayOf(imputed);
  if (record.data_presentazione.trim() === '')
    errors.push({ path: 'data_presentazione', message: 'Campo obbligatorio' });
  else if (!submittedOn)
    errors.push({ path: 'data_presentazione', message: 'Indicare una data valida, per esempio 16/02/2026' });
  else if (Temporal.PlainDate.compare(submittedOn, today) > 0)
    errors.push({ path: 'data_presentazione', message: 'La data non può essere nel futuro' });
  if (imputed !== '' && !quotaImputedOn)
    errors.push({ path: 'data_imputazione', message: 'Indicare una data valida, per esempio 16/02/2026' });
  else if (quotaImputedOn && Temporal.PlainDate.compare(quotaImputedOn, today) > 0)
    errors.push({ path: 'data_imputazione', message: 'La data non può essere nel futuro' });
  else if (quotaImputedOn && submittedOn && Temporal.PlainDate.compare(quotaImputedOn, submittedOn) < 0)
    errors.push({ path: 'data_imputazione', message: 'L’imputazione non può precedere la presentazione' });
  if (errors.length > 0 || !submittedOn) throw new Invalid(errors);
  return { submittedOn, quotaImputedOn };
}

export type ImportReport = {
  rows: number;
  registered: number;
  alreadyRegistered: number;
  admitted: number;
  quotaExhausted: number;
  refused: { row: number; reference: string; errors: string[] }[];
};

/** Imports the rows of an export as submissions of the caller's office, in file order. */
export async function importClickDayExport(
  platform: Platform,
  caller: Caller,
  csv: string,
): Promise<ImportReport> {
  const [header, ...lines] = parseCsv(csv.replace(/^\uFEFF/, ''));
  const missing = IMPORT_COLUMNS.filter((column) => !header?.includes(column));
  if (!header || missing.length)
    throw new AppError(
      400,
      'import-columns',
      'File non valido',
      `Colonne mancanti: ${missing.join(', ') || 'intestazione'}.`,
    );
  const report: ImportReport = {
    rows: lines.length,
    registered: 0,
    alreadyRegistered: 0,
    admitted: 0,
    quotaExhausted: 0,
    refused: [],
  };
  // Tickets in file order first: the writer then ranks the rows in that order whatever their checks cost.
  const tickets = lines.map(() => takeArrivalTicket(platform));
  const outcomes = await Promise.allSettled(
    lines.map(async (line, index) => {
      const record = Object.fromEntries(header.map((column, i) => [column, line[i] ?? ''])) as Record<
        Column,
        string
      >;
      const ticket = tickets[index] as number;
      try {
        const dates = datesOf(record, platform.clock.today());
        return await submit(platform, caller, applicationOf(record), {
          channel: 'IMPORT',
          dates,
          idempotencyKey: `import:${record.riferimento}`.slice(0, 128),
          ticket,
        });
      } finally {
        releaseArrivalTicket(platform, ticket);
      }
    }),
  );
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') {
      if (outcome.value.replayed) report.alreadyRegistered += 1;
      else report.registered += 1;
      if (!outcome.value.replayed) {
        if (outcome.value.result.admitted) report.admitted += 1;
        else report.quotaExhausted += 1;
      }
      return;
    }
    const error = outcome.reason as {
      errors?: { path: string; message: string }[];
      issues?: { path: PropertyKey[]; message: string }[];
      message: string;
    };
    const errors = error.errors?.map((e) => `${e.path}: ${e.message}`) ??
      error.issues?.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [error.message];
    report.refused.push({
      row: index + 2,
      reference: lines[index]?.[header.indexOf('riferimento')] ?? '',
      errors,
    });
  });
  return report;
}
