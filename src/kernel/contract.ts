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

/** A required line of typed text, trimmed, at most `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'campo obbligatorio')
    .max(max, `al massimo ${max} caratteri`)
    .refine((value) => !hasControlCharacter(value), 'caratteri di controllo non ammessi');
export const legalDay = z.iso.date('data nel formato AAAA-MM-GG');
/** ISO 639-1 language codes the office offers mediation in. */
export const language = z.string().regex(/^[a-z]{2}$/, 'codice lingua ISO 639-1 (due lettere minuscole)');

/** Where an e-mail is: in the outbox, handed to the mail server, or given up after the last try. */
export const mailStatus = z.enum(['PENDING', 'SENT', 'UNDELIVERABLE']);
