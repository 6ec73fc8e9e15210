import { Temporal } from 'temporal-polyfill';
import type { FieldError } from '../../../kernel/errors.ts';

export const MIN_MONTHS = 1;
export const MAX_MONTHS = 1200;
const MIN_BASIS = 3;
const MAX_BASIS = 500;

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

/** What is wrong with an administrator's retention, field by field, in Italian. */
export function scheduleErrors(input: { months: number; legalBasis: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(input.months) || input.months < MIN_MONTHS || input.months > MAX_MONTHS)
    errors.push({
      path: 'body.months',
      message: `indicare un numero intero di mesi tra ${MIN_MONTHS} e ${MAX_MONTHS} (100 anni)`,
    });
  const basis = input.legalBasis.trim().length;
  if (basis < MIN_BASIS || basis > MAX_BASIS)
    errors.push({
      path: 'body.legalBasis',
      message: `indicare la base giuridica in un testo tra ${MIN_BASIS} e ${MAX_BASIS} caratteri`,
    });
  return errors;
}
