/** The e-mails of questionnaires: the invitation, and the reminder to those who have not answered yet. */
import { prefectureName } from '../../kernel/institution.ts';
import type { Mail } from '../../kernel/mail.ts';
import type { UnitOfWork } from '../../kernel/transaction.ts';
import { OWNER_KINDS, type OwnerKind } from './contract.ts';

export type Invitee = { id: string; email: string; givenName: string; familyName: string };
type About = {
  id: string;
  title: string;
  ownerKind: OwnerKind;
  ownerLabel: string | null;
  anonymous: boolean;
};

function body(person: Invitee, about: About, opening: string, link: string): string {
  const context = about.ownerLabel
    ? `${OWNER_KINDS[about.ownerKind]}: ${about.ownerLabel}`
    : OWNER_KINDS[about.ownerKind];
  return [
    `Gentile ${person.givenName} ${person.familyName},`,
    '',
    `${opening} «${about.title}» (${context}).`,
    about.anonymous
      ? 'Il questionario è anonimo: LOVIT registra che ha risposto; alla chiusura le risposte si mescolano alle altre senza alcun legame con lei.'
      : 'Le risposte sono nominative.',
    `Può rispondere su LOVIT: ${link}`,
    '',
    `LOVIT – ${prefectureName()}`,
  ].join('\n');
}

export function invitationLetter(person: Invitee, about: About, link: string): Mail {
  return {
    to: person.email,
    subject: `Invito a rispondere al questionario «${about.title}»`,
    text: body(person, about, 'la invitiamo a rispondere al questionario', link),
  };
}

export function reminderLetter(person: Invitee, about: About, link: string): Mail {
  return {
    to: person.email,
    subject: `Promemoria: questionario «${about.title}»`,
    text: body(person, about, 'le ricordiamo che attende ancora la sua risposta il questionario', link),
  };
}

/** Puts the invitations in the outbox, in the unit's transaction: they leave only if it commits. */
export async function queueInvitations(
  unit: Pick<UnitOfWork, 'mail'>,
  about: About,
  people: readonly Invitee[],
  publicUrl: string,
) {
  for (const person of people)
    await unit.mail(invitationLetter(person, about, `${publicUrl}/questionari/${about.id}`), {
      topic: 'surveys.invitation',
      entityId: about.id,
    });
}
