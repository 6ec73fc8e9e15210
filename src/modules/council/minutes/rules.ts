/**
 * What in a meeting's public summary may be a person's data: fiscal codes, passport numbers, phone numbers,
 * e-mail addresses, dates of birth and the names of people LOVIT knows. Each finding is a warning the
 * secretariat resolves before publishing: by editing it away, or by saying why it is not personal data.
 */
import type { PersonalDataKind } from '../contract.ts';

export type PersonalDataWarning = {
  kind: PersonalDataKind;
  /** The text as written, for the preview. */
  excerpt: string;
  /** Where it is, in UTF-16 units of the text. */
  start: number;
  end: number;
  /** The same finding however it is spaced or accented: what a "not personal data" mark refers to. */
  key: string;
};

export type KnownName = { given: string; family: string };

const WORD_EDGE_BEFORE = '(?<![\\p{L}\\p{N}])';
const WORD_EDGE_AFTER = '(?![\\p{L}\\p{N}])';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

// Sixteen characters, also written in groups ("RSS MRA 85T10 A562S"); the digits may be letters after a
// homocode substitution (DM 12/3/1974 n. 345).
const SEP = '[\\s.-]?';
const CODE_DIGIT = '[0-9LMNPQRSTUV]';
const FISCAL_CODE = new RegExp(
  `${WORD_EDGE_BEFORE}[A-Z](?:${SEP}[A-Z]){5}(?:${SEP}${CODE_DIGIT}){2}${SEP}[ABCDEHLMPRST](?:${SEP}${CODE_DIGIT}){2}${SEP}[A-Z](?:${SEP}${CODE_DIGIT}){3}${SEP}[A-Z]${WORD_EDGE_AFTER}`,
  'giu',
);

const MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];
const NUMERIC_DATE = /(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})(?!\d)/gu;
const WRITTEN_DATE = new RegExp(`(?<!\\d)(\\d{1,2})[°º]?\\s+(${MONTHS.join('|')})\\s+(\\d{4})(?!\\d)`, 'giu');
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/gu;
// "nato il 3/4/85": a two-digit year is read as a date only after a birth word, where it cannot be a reference.
const SHORT_YEAR_DATE = /(?<!\d)(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2})(?!\d|[./-]\d)/gu;
const BIRTH_WORDS = /\b(?:nat[oaie]|nascita|classe)\b/iu;

const PASSPORT = new RegExp(`${WORD_EDGE_BEFORE}[A-Z]{1,2}\\s?\\d{6,8}${WORD_EDGE_AFTER}`, 'giu');
const PASSPORT_AFTER_WORD =
  /passaport[oi]\s*(?:n\.|nr\.|n°|numero)?\s*:?\s*([\p{L}\p{N}]{6,9})(?![\p{L}\p{N}])/giu;

// Italian mobile (3xx) and fixed-line (0…) numbers, with or without the country prefix, and any number
// written with an international prefix.
const PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}+])(?:(?:\\+|00)\\s?\\d{1,3}(?:[\\s./-]?\\d){6,12}|(?:3\\d{2}|0\\d{1,3})(?:[\\s./-]?\\d){5,8})${WORD_EDGE_AFTER}`,
  'gu',
);

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’`´ʼ]*/gu;
/** Letters that carry no combining mark to strip. */
const PLAIN = { ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe' } as Record<string, string>;

/**
 * A name as compared: lower case, no accents, no apostrophes, spaces or hyphens, so that "D’Amico", "d'amico"
 * and "DAMICO", or "Nicolò" and "Nicolo'", are the same name.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłđßæœ]/g, (char) => PLAIN[char] ?? char)
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** A name written in one field ("Mario Rossi"): the last word taken as the family name. */
export function splitFullName(name: string): KnownName {
  const words = name.trim().split(/\s+/);
  return { given: words.slice(0, -1).join(' '), family: words.at(-1) ?? '' };
}

type Word = { start: number; end: number; folded: string; capital: boolean };

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    folded: foldName(match[0]),
    capital: /^\p{Lu}/u.test(match[0]),
  }));
}

/** Up to how many written words one name may take ("Maria Luisa De Luca Bianchi"). */
const LONGEST_NAME = 6;

/**
 * Every run of up to six consecutive words of the text, folded: the family names worth looking up among the
 * people LOVIT knows, so that a long register of people is searched by what the text holds.
 */
export function nameCandidates(text: string): string[] {
  const words = wordsOf(asShown(text).shown);
  const found = new Set<string>();
  for (let i = 0; i < words.length; i += 1) {
    let joined = '';
    for (let j = i; j < Math.min(words.length, i + LONGEST_NAME); j += 1) {
      joined += words[j]?.folded ?? '';
      if (joined.length > 2) found.add(joined);
    }
  }
  return [...found];
}

/**
 * The forms a known name is looked for in: given and family name in either order, and the family name alone
 * when written with a capital ("il sig. Rossi"), if it is long enough not to be a common syllable.
 */
function nameForms(names: readonly KnownName[]): { full: Set<string>; family: Set<string> } {
  const full = new Set<string>();
  const family = new Set<string>();
  for (const name of names) {
    const given = foldName(name.given);
    const surname = foldName(name.family);
    if (!surname) continue;
    if (given) {
      full.add(given + surname);
      full.add(surname + given);
    }
    if (surname.length >= 3) family.add(surname);
  }
  return { full, family };
}

function findNames(text: string, names: readonly KnownName[]): PersonalDataWarning[] {
  const { full, family } = nameForms(names);
  const words = wordsOf(text);
  const found: PersonalDataWarning[] = [];
  let i = 0;
  while (i < words.length) {
    let match: { end: number; key: string } | null = null;
    let joined = '';
    for (let j = i; j < Math.min(words.length, i + LONGEST_NAME); j += 1) {
      joined += words[j]?.folded ?? '';
      const isName = full.has(joined) || (family.has(joined) && Boolean(words[i]?.capital));
      if (isName) match = { end: j, key: joined };
    }
    const first = words[i];
    const last = match ? words[match.end] : undefined;
    if (match && first && last) {
      found.push(warning(text, 'NAME', first.start, last.end, `NAME:${match.key}`));
      i = match.end + 1;
    } else i += 1;
  }
  return found;
}

function warning(text: string, kind: PersonalDataKind, start: number, end: number, key: string) {
  return { kind, excerpt: text.slice(start, end), start, end, key };
}

const compact = (value: string) => value.replace(/[\s.\-/]/g, '').toUpperCase();

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Every date in the text, told apart as a possible date of birth: written after "nato", "nata", "nascita"…,
 * or more than a year before the meeting (`referenceDay`, YYYY-MM-DD): dates of the meeting's own business
 * (the next session, a deadline) are not flagged.
 */
function findDates(text: string, referenceDay: string) {
  const [refYear = 0, ...rest] = referenceDay.split('-');
  const yearBefore = `${String(Number(refYear) - 1).padStart(4, '0')}-${rest.join('-')}`;
  const dates: { start: number; end: number; isBirth: boolean; key: string }[] = [];
  const afterBirthWord = (start: number) => BIRTH_WORDS.test(text.slice(Math.max(0, start - 40), start));
  const add = (match: RegExpMatchArray, year: number, month: number, day: number) => {
    if (!isCalendarDay(year, month, day)) return;
    const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const start = match.index ?? 0;
    dates.push({
      start,
      end: start + match[0].length,
      isBirth: afterBirthWord(start) || iso < yearBefore,
      key: `BIRTH_DATE:${iso}`,
    });
  };
  for (const m of text.matchAll(NUMERIC_DATE)) add(m, Number(m[3]), Number(m[2]), Number(m[1]));
  for (const m of text.matchAll(WRITTEN_DATE))
    add(m, Number(m[3]), MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1, Number(m[1]));
  for (const m of text.matchAll(ISO_DATE)) add(m, Number(m[1]), Number(m[2]), Number(m[3]));
  for (const m of text.matchAll(SHORT_YEAR_DATE)) {
    if (!afterBirthWord(m.index)) continue;
    // A person is born in the last hundred years: "85" is 1985, "07" is 2007.
    const year = 2000 + Number(m[3]);
    add(m, year > Number(refYear) ? year - 100 : year, Number(m[2]), Number(m[1]));
  }
  return dates;
}

// Invisible format characters (Unicode Cf: soft hyphen, zero-width space and joiners, word joiner, byte-order
// mark…) come along with text pasted from a word processor or a PDF. The page shows the text around them as if
// they were not there, so they must not split a fiscal code or an address out of sight of the checks.
const FORMAT_CHARACTER = /\p{Cf}/u;

/** The text as the page shows it, without format characters, and where each of its UTF-16 units was written. */
function asShown(text: string): { shown: string; written: number[] } {
  let shown = '';
  const written: number[] = [];
  let at = 0;
  for (const char of text) {
    if (!FORMAT_CHARACTER.test(char)) {
      shown += char;
      for (let unit = 0; unit < char.length; unit += 1) written.push(at + unit);
    }
    at += char.length;
  }
  written.push(text.length);
  return { shown, written };
}

/**
 * The possible personal data in a text, in reading order, found in the text as the page shows it; excerpts and
 * positions are those of the text as written. Findings do not overlap: an e-mail address is not also read as a
 * name, nor a date as a phone number.
 */
export function findPersonalData(
  text: string,
  names: readonly KnownName[],
  referenceDay: string,
): PersonalDataWarning[] {
  const { shown, written } = asShown(text);
  return findShown(shown, names, referenceDay).map((item) => {
    const start = written[item.start] ?? text.length;
    const end = (written[item.end - 1] ?? text.length - 1) + 1;
    return { ...item, excerpt: text.slice(start, end), start, end };
  });
}

function findShown(text: string, names: readonly KnownName[], referenceDay: string): PersonalDataWarning[] {
  const taken: { start: number; end: number }[] = [];
  const found: PersonalDataWarning[] = [];
  const isFree = (start: number, end: number) =>
    taken.every((span) => end <= span.start || start >= span.end);
  const keep = (item: PersonalDataWarning | { start: number; end: number }, report: boolean) => {
    if (!isFree(item.start, item.end)) return;
    taken.push({ start: item.start, end: item.end });
    if (report) found.push(item as PersonalDataWarning);
  };
  const scan = (pattern: RegExp, kind: PersonalDataKind, group = 0) => {
    for (const match of text.matchAll(pattern)) {
      const value = match[group] ?? '';
      if (kind === 'PASSPORT' && !/\d/.test(value)) continue;
      const start = (match.index ?? 0) + match[0].lastIndexOf(value);
      const end = start + value.length;
      keep(warning(text, kind, start, end, `${kind}:${compact(value)}`), true);
    }
  };
  scan(EMAIL, 'EMAIL');
  scan(FISCAL_CODE, 'FISCAL_CODE');
  for (const date of findDates(text, referenceDay))
    keep(date.isBirth ? warning(text, 'BIRTH_DATE', date.start, date.end, date.key) : date, date.isBirth);
  scan(PASSPORT_AFTER_WORD, 'PASSPORT', 1);
  scan(PASSPORT, 'PASSPORT');
  scan(PHONE, 'PHONE');
  for (const name of findNames(text, names)) keep(name, true);
  return found.sort((a, b) => a.start - b.start);
}

/** The warnings the secretariat has neither edited away nor marked as not personal data. */
export function unresolvedWarnings(
  warnings: readonly PersonalDataWarning[],
  cleared: readonly { key: string }[],
): PersonalDataWarning[] {
  const keys = new Set(cleared.map((mark) => mark.key));
  return warnings.filter((item) => !keys.has(item.key));
}
