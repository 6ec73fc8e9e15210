/**
 * The e-mails about the consultant's proposals, in Italian: to the secretariat when one waits for it, and to the
 * consultant when it is approved or returned. They name the kind of proposal, the table and the page where it is
 * seen, never what it says (a needs entry or a minutes draft may speak of people): that stays on LOVIT.
 */
import { prefectureName } from '../../../kernel/institution.ts';
import type { Mail } from '../../../kernel/mail.ts';
import type { UnitOfWork } from '../../../kernel/transaction.ts';
import type { ProposalKind } from './contract.ts';
import type { Recipient } from './store.ts';
import * as facilitationStore from './store.ts';

const WHAT: Record<ProposalKind, string> = {
  CONVOCATION: 'la convocazione di una seduta con l’ordine del giorno',
  MINUTES: 'la bozza del verbale di una seduta',
  NEEDS: 'una voce dell’analisi dei bisogni',
  QUESTIONNAIRE: 'un questionario sui bisogni del tavolo',
};

const EFFECT: Record<ProposalKind, string> = {
  CONVOCATION: 'La seduta è convocata e gli inviti sono partiti.',
  MINUTES: 'La bozza è ora una versione del verbale della seduta.',
  NEEDS: 'La voce fa ora parte dell’analisi dei bisogni del tavolo.',
  QUESTIONNAIRE:
    'Il questionario è aperto e i componenti del tavolo hanno ricevuto l’invito a rispondere; i risultati si vedono dalla pagina del questionario.',
};

type About = { kind: ProposalKind; tableName: string };

const signature = () =>
  `LOVIT – Segreteria del Consiglio territoriale per l’immigrazione – ${prefectureName()}`;

/** To a member of the secretariat: a proposal waits for its decision. */
export function proposalWaitingLetter(
  to: Recipient,
  about: About & { consultantName: string },
  link: string,
): Mail {
  return {
    to: to.email,
    subject: `Proposta del consulente da esaminare – ${about.tableName}`,
    text: [
      `Gentile ${to.givenName} ${to.familyName},`,
      '',
      `${about.consultantName}, consulente per la concertazione territoriale, propone ${WHAT[about.kind]} per il tavolo «${about.tableName}».`,
      'La proposta non ha effetto finché la segreteria non la approva; se va corretta, la si restituisce al consulente con il motivo.',
      `Può esaminarla su LOVIT: ${link}`,
      '',
      signature(),
    ].join('\n'),
  };
}

/**
 * To the consultant: the secretariat approved the proposal, or returned it. The reason for a return is written
 * freely and may speak of people: the letter says where to read it, not what it says.
 */
export function proposalDecidedLetter(
  to: Recipient,
  about: About & { returned: boolean },
  link: string,
): Mail {
  const { returned } = about;
  const decision = returned
    ? [
        `la segreteria del Consiglio territoriale le ha restituito la proposta di ${WHAT[about.kind]} per il tavolo «${about.tableName}», che quindi non ha effetto.`,
        'Il motivo si legge su LOVIT, con la proposta; da lì può prepararne una nuova:',
      ]
    : [
        `la segreteria del Consiglio territoriale ha approvato la sua proposta di ${WHAT[about.kind]} per il tavolo «${about.tableName}».`,
        EFFECT[about.kind],
        'La trova su LOVIT:',
      ];
  return {
    to: to.email,
    subject: `${returned ? 'Proposta restituita' : 'Proposta approvata'} – ${about.tableName}`,
    text: [`Gentile ${to.givenName} ${to.familyName},`, '', ...decision, link, '', signature()].join('\n'),
  };
}

/** Tells each member of the secretariat, through the outbox of the proposal's transaction, that it waits. */
export async function queueProposalWaiting(
  unit: Pick<UnitOfWork, 'db' | 'mail'>,
  proposal: { id: string; kind: ProposalKind; tableName: string; proposedBy: string },
  publicUrl: string,
) {
  const consultant = await facilitationStore.activeUser(unit.db, proposal.proposedBy);
  const consultantName = consultant ? `${consultant.givenName} ${consultant.familyName}` : 'Il consulente';
  const secretariat = await facilitationStore.activeUsersWithRole(unit.db, 'council_secretariat');
  for (const person of secretariat.filter((member) => member.id !== proposal.proposedBy))
    await unit.mail(
      proposalWaitingLetter(person, { ...proposal, consultantName }, `${publicUrl}/cti/proposte`),
      {
        topic: 'council.proposal.waiting',
        entityId: proposal.id,
      },
    );
}

/** Tells the consultant who made the proposal, through the outbox of the decision's transaction, what was decided. */
export async function queueProposalDecided(
  unit: Pick<UnitOfWork, 'db' | 'mail'>,
  proposal: {
    id: string;
    kind: ProposalKind;
    tableName: string;
    proposedBy: string;
    returned: boolean;
  },
  publicUrl: string,
) {
  const consultant = await facilitationStore.activeUser(unit.db, proposal.proposedBy);
  if (!consultant) return;
  await unit.mail(proposalDecidedLetter(consultant, proposal, `${publicUrl}/cti/consulenza`), {
    topic: 'council.proposal.decided',
    entityId: proposal.id,
  });
}
