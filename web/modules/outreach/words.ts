/** How the events' pages word dates and languages for Italian readers, on the Prefettura's clock. */
import i18next from 'i18next';
import { PORTAL_LANGUAGES } from '../../../src/modules/outreach/contract.ts';

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
