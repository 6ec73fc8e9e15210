/** The input fields every module's contract is made of: typed text, legal days, language codes. Pure zod. */
import { z } from 'zod';

/** Whether text holds a control character (NUL, tab, newline…), which typed names and paths never need. */
export function hasControlCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

// Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069): invisible, they make a name or a
// sentence read differently from what is stored, and can hide text on the page that shows it.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Why typed text cannot be kept, in words a clerk understands; undefined when it can. Invalid UTF-8 reaches us
 * as the replacement character U+FFFD (the body is decoded before it is parsed), a broken UTF-16 pair as a lone
 * surrogate. `multiline` text may hold line breaks and tabs.
 */
export function textFault(value: string, multiline = false): string | undefined {
  if (!value.isWellFormed() || value.includes('\uFFFD'))
    return 'il testo contiene caratteri non leggibili: riscriverlo o ricopiarlo da un documento integro';
  if (BIDI_CONTROL.test(value)) return 'il testo contiene caratteri invisibili che ne invertono la direzione';
  if (hasControlCharacter(multiline ? value.replace(/[\n\r\t]/g, ' ') : value))
    return 'caratteri di controllo non ammessi';
  return undefined;
}

/** The checks of `textFault` on any string field, with its own message for each fault. */
export const refuseUnsafeText = <T extends z.ZodType<string>>(field: T, multiline = false) =>
  field.superRefine((value, context) => {
    const fault = textFault(value, multiline);
    if (fault) context.addIssue({ code: 'custom', message: fault });
  });

// Soft hyphens, zero-width spaces, word joiners, invisible operators and byte-order marks come along with text
// pasted from a word processor or a PDF. They show nothing and mean nothing, yet they split a fiscal code or an
// address so that no search or check finds it: they are removed rather than refused, since the clerk cannot see
// what to delete. Joiners (U+200C, U+200D) and direction marks stay: they shape Persian and Indic names.
const INVISIBLE_PASTE = /[\u00AD\u180E\u200B\u2060-\u2064\uFEFF]/g;

const withoutInvisiblePaste = (value: string) => value.replace(INVISIBLE_PASTE, '');

const bounded = (max: number) =>
  z
    .string()
    .overwrite(withoutInvisiblePaste)
    .trim()
    .min(1, 'Campo obbligatorio')
    .max(max, `al massimo ${max} caratteri`);

/** A required line of typed text, trimmed, at most `max` characters. */
export const text = (max: number) => refuseUnsafeText(bounded(max));
/** Required text of several lines and paragraphs (minutes, explanations), trimmed, at most `max` characters. */
export const multilineText = (max: number) => refuseUnsafeText(bounded(max), true);
/** A day (`YYYY-MM-DD`) the database can hold and a person could mean. */
export const legalDay = z.iso
  .date()
  // a value that is not a date at all has its own message already
  .refine(
    (day) => !/^\d{4}-/.test(day) || (day >= '1900-01-01' && day <= '2199-12-31'),
    'indicare una data tra il 1900 e il 2199',
  );
/** ISO 639-1 language codes the office offers mediation in. */
export const language = z.string().regex(/^[a-z]{2}$/, 'Scegliere una lingua dall’elenco');

/** Where an e-mail is: in the outbox, handed to the mail server, or given up after the last try. */
export const mailStatus = z.enum(['PENDING', 'SENT', 'UNDELIVERABLE']);
