/** New ticket codes, drawn at random: eight characters of the alphabet the door reads. */
import { randomInt } from 'node:crypto';
import { TICKET_ALPHABET, TICKET_CODE_LENGTH } from './rules.ts';

/** A new ticket code: shown as `XXXX-XXXX`, stored without the dash. */
export function newTicketCode(): string {
  return Array.from(
    { length: TICKET_CODE_LENGTH },
    () => TICKET_ALPHABET[randomInt(TICKET_ALPHABET.length)],
  ).join('');
}
