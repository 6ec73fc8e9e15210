/** How the module's pages word dates, numbers and languages for Italian readers, on the Prefettura's clock. */
import i18next from 'i18next';
import { PORTAL_LANGUAGES } from '../../../src/modules/outreach/contract.ts';
import { sentence } from '../../ui/fields.tsx';

const when = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const day = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const calendarDay = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
/** Four figures grouped too (`1.500`), as the staff write print runs and audiences. */
const numbers = new Intl.NumberFormat('it-IT', { useGrouping: 'always' });
const sizes = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });

/** `2026-03-02`, a day on no clock (a print date, a newspaper's issue) → `2 marzo 2026`. */
export const dayOf = (isoDay: string) => calendarDay.format(new Date(`${isoDay}T00:00:00Z`));

/** `12500` → `12.500`. */
export const numberOf = (value: number) => numbers.format(value);

/** A count typed in a field (pages, audience): an emptied field is no count. */
export const countOrNull = (value: unknown) => (value === '' || value === null ? null : Number(value));

/** `1258291` → `1,2 MB`; `84000` → `82 kB`. */
export const sizeOf = (bytes: number) =>
  bytes >= 1_048_576
    ? `${sizes.format(bytes / 1_048_576)} MB`
    : `${sizes.format(Math.max(0.1, bytes / 1024))} kB`;

/** `sabato 18 aprile 2026, 20:30–22:00`. */
export const whenOf = (session: { startsAt: string; endsAt: string }) =>
  when.formatRange(new Date(session.startsAt), new Date(session.endsAt));

/** `sabato 18 aprile 2026, 20:30`. */
export const momentOf = (iso: string) => when.format(new Date(iso));

/**
 * The last day of registration: it closes at the end of that day, so the day of the instant just before.
 */
export const lastDayOf = (closesAt: string) => day.format(new Date(new Date(closesAt).getTime() - 1));

/** The languages of the public portal besides Italian, the event's own language. */
export const TRANSLATION_LANGUAGES = PORTAL_LANGUAGES.filter((code) => code !== 'it');

/** Italian Sign Language, which visitors may ask an interpreter for besides the portal's languages. */
const SIGN_LANGUAGE = 'lis';

const names = new Intl.DisplayNames(['it'], { type: 'language' });

/** `ar` → `arabo`; the sign language by its Italian name (its code also names another language). */
export const languageName = (code: string) =>
  code === SIGN_LANGUAGE ? i18next.t('outreach.events.signLanguage') : (names.of(code) ?? code);

const portalOrder = PORTAL_LANGUAGES as readonly string[];

/** Italian first, then the portal's languages in the order its language menu lists them. */
export const inPortalOrder = <T extends { language: string }>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => portalOrder.indexOf(a.language) - portalOrder.indexOf(b.language));

/** `['en', 'it']` → `Italiano, inglese`. */
export const languagesText = (codes: readonly string[]) =>
  sentence(
    inPortalOrder(codes.map((language) => ({ language })))
      .map(({ language }) => languageName(language))
      .join(', '),
  ) ?? '';
