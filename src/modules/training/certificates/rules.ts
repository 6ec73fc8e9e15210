/** The rules of certificates: their numbers, who signs them, how hours and dates read, whether one still holds. */

/** `LO-FORM-2026-000042`: the province, the register of training certificates, the year, the year's number. */
export function certificateNumber(provinceCode: string, year: number, sequence: number): string {
  return `${provinceCode}-FORM-${year}-${String(sequence).padStart(6, '0')}`;
}

export type Signatory = { name: string; role: string; source: 'EDITION' | 'COURSE' | 'DEFAULT' };

/** The role printed under a trainer's name when the staff set no signatory. */
export const DEFAULT_SIGNATORY_ROLE = 'Docente del corso';

/**
 * Who signs: the signatory set for the edition, else the one set for the course, else the course's first trainer
 * (who held the register). Null when none of them exists.
 */
export function signatoryOf(
  edition: { name: string; role: string } | undefined,
  course: { name: string; role: string } | undefined,
  firstTrainer: string | undefined,
): Signatory | null {
  if (edition) return { ...edition, source: 'EDITION' };
  if (course) return { ...course, source: 'COURSE' };
  return firstTrainer ? { name: firstTrainer, role: DEFAULT_SIGNATORY_ROLE, source: 'DEFAULT' } : null;
}

/** Minutes as a person reads them on a certificate: `6 ore`, `1 ora e 45 minuti`, `30 minuti`. */
export function hoursInWords(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  const hoursText = hours === 1 ? '1 ora' : `${hours} ore`;
  if (rest === 0) return hoursText;
  const minutesText = rest === 1 ? '1 minuto' : `${rest} minuti`;
  return hours === 0 ? minutesText : `${hoursText} e ${minutesText}`;
}

/** The state a certificate is in, in the words of the public check. */
export const certificateState = (revokedAt: Date | null) => (revokedAt ? 'revocato' : 'valido');

/** A name as the public check shows it: `Dario Galli` → `D. G.`. */
export const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${part.charAt(0).toLocaleUpperCase('it-IT')}.`)
    .join(' ');

/** Minutes as hours for the public check, to the hundredth. */
export const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

const LONG_DATE = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A legal day as printed: `5 marzo 2026`. */
export const longDate = (day: string) => LONG_DATE.format(new Date(`${day}T00:00:00Z`));

/** The days of an edition as printed: `5 marzo 2026`, or `dal 5 marzo 2026 al 6 marzo 2026`. */
export function daysInWords(firstDay: string, lastDay: string): string {
  return firstDay === lastDay ? longDate(firstDay) : `dal ${longDate(firstDay)} al ${longDate(lastDay)}`;
}
