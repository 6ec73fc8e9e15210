/**
 * The e-mails to a mediator about interpreting at an event, in Italian (the office's language): given the
 * assignment, told of a change, told it is taken away. Each says when, where, the language and how many asked.
 */
import { prefectureName } from '../../../../kernel/institution.ts';
import type { Mail } from '../../../../kernel/mail.ts';
import { whenOf, whereOf } from '../letters.ts';

export type InterpretingLetter = {
  kind: 'ASSIGNED' | 'CHANGED' | 'REMOVED';
  to: string;
  name: string;
  eventTitle: string;
  session: { label: string; startsAt: Date; endsAt: Date; venue: string; address: string };
  languageName: string;
  people: number;
  note: string | null;
  link: string;
};

const OPENINGS = {
  ASSIGNED: (language: string) => `le è stato assegnato l’interpretariato in ${language} per questo evento:`,
  CHANGED: (language: string) =>
    `è cambiato qualcosa nel suo interpretariato in ${language} per questo evento:`,
  REMOVED: (language: string) =>
    `l’interpretariato in ${language} per questo evento non è più affidato a lei: non deve presentarsi.`,
};
const SUBJECTS = {
  ASSIGNED: 'Incarico di interpretariato',
  CHANGED: 'Incarico di interpretariato modificato',
  REMOVED: 'Incarico di interpretariato annullato',
};

const asked = (people: number) => (people === 1 ? '1 persona ha chiesto' : `${people} persone hanno chiesto`);

export function interpretingLetter(letter: InterpretingLetter): Mail {
  const holds = letter.kind !== 'REMOVED';
  return {
    to: letter.to,
    subject: `${SUBJECTS[letter.kind]}: ${letter.eventTitle} – ${letter.session.label}`,
    text: [
      `Gentile ${letter.name},`,
      '',
      OPENINGS[letter.kind](letter.languageName),
      '',
      `${letter.eventTitle} – ${letter.session.label}`,
      `Quando: ${whenOf('it', letter.session)}`,
      `Dove: ${whereOf(letter.session)}`,
      ...(holds
        ? [
            `Lingua: ${letter.languageName} (a oggi ${asked(letter.people)} l’interprete)`,
            ...(letter.note ? [`Indicazioni: ${letter.note}`] : []),
            '',
            `I suoi incarichi: ${letter.link}`,
          ]
        : []),
      '',
      `Comunicazione LO.V.I.T. – ${prefectureName()}`,
    ].join('\n'),
  };
}
