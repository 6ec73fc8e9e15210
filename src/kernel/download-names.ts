/** Names of downloaded files, as a person sees them in a folder: words and a date, never an internal id. */
import type { Temporal } from 'temporal-polyfill';

/** "Indagine 2027: fabbisogni (Lodi)" → "indagine-2027-fabbisogni-lodi"; long titles are cut at a word. */
export function slug(text: string, maxLength = 60): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength + 1);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : maxLength);
}

/** "questionario", "Indagine fabbisogni", 6 Dec 2026, "csv" → "questionario-indagine-fabbisogni-06-12-2026.csv". */
export function downloadName(kind: string, subject: string, day: Temporal.PlainDate, extension: string) {
  const date = `${String(day.day).padStart(2, '0')}-${String(day.month).padStart(2, '0')}-${day.year}`;
  return `${[kind, slug(subject), date].filter(Boolean).join('-')}.${extension}`;
}
