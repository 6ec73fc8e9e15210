import { Temporal } from 'temporal-polyfill';
import type { FieldError } from '../../../kernel/errors.ts';
import type { RetentionCategory } from '../../../kernel/personal-data.ts';

export const MIN_MONTHS = 1;
export const MAX_MONTHS = 1200;
const MIN_BASIS = 3;
/** Room for the legal basis of the longest default (the closed case files cite several laws). */
const MAX_BASIS = 2000;

/** When the disposal runs every day (Europe/Rome): at night, after the backup, before the offices open. */
export const DISPOSAL_TIME = { hour: 3, minute: 20 };

export const disposalCron = (time: { hour: number; minute: number }) => `${time.minute} ${time.hour} * * *`;

/**
 * The instant before which a record's time has run out: `months` calendar months back from `now` in
 * Europe/Rome (a month back from 31 March is the last day of February, at the same hour).
 */
export function retentionCutoff(now: Date, months: number): Date {
  const back = Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO('Europe/Rome')
    .subtract({ months });
  return new Date(back.epochMilliseconds);
}

/** 18 → "18 mesi", 24 → "2 anni", 12 → "1 anno", 1 → "1 mese". */
export function monthsInWords(months: number): string {
  if (months % 12 === 0) return months === 12 ? '1 anno' : `${months / 12} anni`;
  return months === 1 ? '1 mese' : `${months} mesi`;
}

/** The shortest retention an administrator may set for a kind of record. */
export const minimumMonths = (category: Pick<RetentionCategory, 'minMonths'>) =>
  Math.max(MIN_MONTHS, category.minMonths ?? MIN_MONTHS);

/**
 * The months that apply: a schedule written down shorter than the kind's minimum (before the minimum was
 * known) never shortens the retention below it.
 */
export const appliedMonths = (category: Pick<RetentionCategory, 'minMonths'>, months: number) =>
  Math.max(months, minimumMonths(category));

/** What is wrong with an administrator's retention, field by field, in Italian. */
export function scheduleErrors(
  input: { months: number; legalBasis: string },
  minMonths = MIN_MONTHS,
): FieldError[] {
  const errors: FieldError[] = [];
  const { months } = input;
  if (!Number.isInteger(months) || months > MAX_MONTHS || (months < MIN_MONTHS && minMonths <= MIN_MONTHS))
    errors.push({
      path: 'body.months',
      message: `indicare un numero intero di mesi tra ${MIN_MONTHS} e ${MAX_MONTHS} (100 anni)`,
    });
  else if (months < minMonths)
    errors.push({
      path: 'body.months',
      message: `Per questo tipo di dati la conservazione non può essere inferiore a ${monthsInWords(minMonths)}`,
    });
  const basis = input.legalBasis.trim().length;
  if (basis < MIN_BASIS || basis > MAX_BASIS)
    errors.push({
      path: 'body.legalBasis',
      message: `indicare la base giuridica in un testo tra ${MIN_BASIS} e ${MAX_BASIS} caratteri`,
    });
  return errors;
}
