/**
 * What the territorial council keeps about people, for the privacy module: the representatives seated at its
 * tables, those invited to its meetings and the owners of its action items. The council's acts are records of
 * a public administration, kept long; after that only the people's names and addresses go.
 */
import type { DataSubject, PersonalDataProvider, SubjectRecord } from '../../../kernel/personal-data.ts';
import * as store from './store.ts';

const SECTION = 'Consiglio territoriale';

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dayOf = (day: string) => dayFormat.format(new Date(`${day}T12:00:00Z`));

const ANSWERS: Record<string, string> = {
  PRESENT: 'presente',
  DELEGATE: 'delega',
  ABSENT: 'assente',
};

/**
 * The council's meetings are activities of the FAMI project: who sat and who was invited is part of the
 * evidence the project's accounts are checked against for five years after the final payment (reg. UE
 * 2021/1060, art. 82), so no shorter time may be set.
 */
const COUNCIL_MIN_MONTHS = 60;

const COUNCIL_BASIS =
  'Art. 6, par. 1, lett. e) GDPR; D.Lgs. 286/1998, art. 3, c. 6 e DPR 394/1999 (Consigli territoriali per l’immigrazione); atti conservati come documenti amministrativi (DPR 445/2000)';

/**
 * A person's seats, invitations and action items, by their address: the council keeps no birth date, so the
 * surname, given name and birth date find nothing here (a name alone would find every namesake).
 */
async function findSubject(db: Parameters<PersonalDataProvider['findSubject']>[0], subject: DataSubject) {
  const email = subject.email?.toLowerCase();
  if (!email) return [];
  const [seats, invitations, actions] = await Promise.all([
    store.seatsOf(db, email),
    store.invitationsOf(db, email),
    store.actionItemsOf(db, email),
  ]);
  return [
    ...seats.map(
      (seat): SubjectRecord => ({
        section: SECTION,
        title: `Rappresentanza di ${seat.organisation} al tavolo «${seat.table}» dal ${dayOf(seat.fromOn)}${seat.toOn ? ` al ${dayOf(seat.toOn)}` : ''}`,
        data: seat,
        entity: { type: 'council_table', id: seat.tableId },
      }),
    ),
    ...invitations.map(
      (invitation): SubjectRecord => ({
        section: SECTION,
        title: `Convocazione alla riunione «${invitation.meeting}» del ${dayFormat.format(invitation.startsAt)} per ${invitation.organisation}${invitation.answer ? ` (${ANSWERS[invitation.answer]})` : ''}`,
        data: invitation,
        entity: { type: 'council_meeting', id: invitation.meetingId },
      }),
    ),
    ...actions.map(
      (action): SubjectRecord => ({
        section: SECTION,
        title: `Azione «${action.title}» da svolgere entro il ${dayOf(action.dueOn)}`,
        data: action,
        entity: { type: 'council_action_item', id: action.id },
      }),
    ),
  ];
}

export const councilPersonalData: PersonalDataProvider = {
  module: 'council',
  categories: [
    {
      key: 'council.seats-ended',
      label: 'Recapiti dei rappresentanti nei tavoli del Consiglio, a mandato concluso',
      runsFrom: 'dalla fine del mandato del rappresentante',
      legalBasis: COUNCIL_BASIS,
      defaultMonths: 120,
      minMonths: COUNCIL_MIN_MONTHS,
      action: 'anonymise',
      countDue: store.countEndedSeats,
      dispose: store.anonymiseEndedSeats,
    },
    {
      key: 'council.meeting-invitations',
      label: 'Nomi e recapiti degli invitati alle riunioni del Consiglio',
      runsFrom: 'dalla data della riunione',
      legalBasis: COUNCIL_BASIS,
      defaultMonths: 120,
      minMonths: COUNCIL_MIN_MONTHS,
      action: 'anonymise',
      countDue: store.countPastInvitations,
      dispose: store.anonymisePastInvitations,
    },
    {
      key: 'council.action-owners',
      label: 'Referenti delle azioni del Consiglio concluse o annullate',
      runsFrom: 'dalla conclusione dell’azione o dalla sua scadenza',
      legalBasis: COUNCIL_BASIS,
      defaultMonths: 120,
      minMonths: COUNCIL_MIN_MONTHS,
      action: 'anonymise',
      countDue: store.countClosedActionItems,
      dispose: store.anonymiseClosedActionItems,
    },
  ],
  activities: [
    {
      name: 'Funzionamento del Consiglio territoriale per l’immigrazione',
      purpose:
        'Convocare i tavoli, registrare presenze, decisioni e azioni assegnate, pubblicare gli esiti delle riunioni',
      legalBasis: 'Art. 6, par. 1, lett. e) GDPR; D.Lgs. 286/1998, art. 3, c. 6; DPR 394/1999',
      dataSubjects: [
        'rappresentanti degli enti nei tavoli',
        'delegati e partecipanti alle riunioni',
        'referenti delle azioni decise',
      ],
      dataCategories: ['nome e cognome', 'indirizzo e-mail', 'ente rappresentato', 'presenze alle riunioni'],
      recipients: [
        'enti componenti del Consiglio (verbali)',
        'pubblico (sintesi delle riunioni, senza nomi)',
      ],
      retention: ['council.seats-ended', 'council.meeting-invitations', 'council.action-owners'],
    },
  ],
  findSubject,
};
