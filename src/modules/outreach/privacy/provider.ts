/**
 * What dissemination keeps about people, for the privacy module: event registrations with their check-in,
 * attendance certificates and follow-up invitations, the mediators assigned to interpret, the press contacts.
 * The publications' download counts and the news hold nobody. A follow-up invitation names only its
 * registration, so it carries no person once the registration is emptied.
 */
import type { Db } from '../../../kernel/db.ts';
import type { DataSubject, PersonalDataProvider, SubjectRecord } from '../../../kernel/personal-data.ts';
import { accountIdsOf } from '../../identity/privacy/service.ts';
import * as store from './store.ts';

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dayOf = (day: string) => dayFormat.format(new Date(`${day}T12:00:00Z`));

const REGISTRATION_STATUS: Record<string, string> = {
  PENDING: 'in attesa di approvazione',
  CONFIRMED: 'confermata',
  WAITLISTED: 'in lista d’attesa',
  OFFERED: 'posto offerto',
  CANCELLED: 'annullata',
  EXPIRED: 'offerta scaduta',
  DECLINED: 'non accolta',
};

const EVENTS_BASIS =
  'Art. 6, par. 1, lett. a) GDPR (consenso dato all’iscrizione); i dati del partecipante non servono più dopo l’evento e il rilascio degli attestati';
const PRESS_BASIS =
  'Art. 6, par. 1, lett. a) o f) GDPR, come indicato per ciascun contatto; art. 21 GDPR (opposizione con la disiscrizione)';

/**
 * A person's registrations, certificates and press contact by their address, their interpreting by their
 * accounts. Nothing here keeps a birth date, so the surname, given name and birth date find only what hangs
 * on an account whose fiscal code carries them (a name alone would find every namesake).
 */
async function findSubject(db: Db, subject: DataSubject) {
  const email = subject.email?.toLowerCase();
  const [registrations, interpreting, contacts] = await Promise.all([
    email ? store.registrationsOf(db, email) : [],
    accountIdsOf(db, subject).then((ids) => store.interpretingOf(db, ids)),
    email ? store.pressContactsOf(db, email) : [],
  ]);
  const certificates = await store.attendanceCertificatesOf(
    db,
    registrations.map((row) => row.id),
  );
  return [
    ...registrations.map(
      (row): SubjectRecord => ({
        section: 'Iscrizioni agli eventi',
        title: `Iscrizione a «${row.event}», ${row.session} del ${dayFormat.format(row.startsAt)} (${REGISTRATION_STATUS[row.status] ?? row.status}${row.checkedInAt.length ? ', presente' : ''})`,
        data: row,
        entity: { type: 'outreach_registration', id: row.id },
      }),
    ),
    ...certificates.map(
      (row): SubjectRecord => ({
        section: 'Iscrizioni agli eventi',
        title: `Attestato di partecipazione n. ${row.number} a «${row.eventTitle}», rilasciato il ${dayOf(row.issuedOn)}${row.revokedAt ? ' (revocato)' : ''}`,
        data: row,
        entity: { type: 'outreach_attendance_certificate', id: row.id },
      }),
    ),
    ...interpreting.map(
      (row): SubjectRecord => ({
        section: 'Interpretariato agli eventi',
        title: `Interpretariato a «${row.event}», ${row.session} del ${dayFormat.format(row.startsAt)}`,
        data: row,
        entity: { type: 'outreach_interpreter', id: row.id },
      }),
    ),
    ...contacts.map(
      (row): SubjectRecord => ({
        section: 'Comunicati stampa',
        title: `Contatto stampa per ${row.outlet}${row.unsubscribedAt ? ' (disiscritto)' : ''}, ${row.releasesSent.length === 1 ? 'un comunicato ricevuto' : `${row.releasesSent.length} comunicati ricevuti`}`,
        data: row,
        entity: { type: 'outreach_press_contact', id: row.id },
      }),
    ),
  ];
}

export const outreachPersonalData: PersonalDataProvider = {
  module: 'outreach',
  categories: [
    {
      key: 'outreach.registrations',
      label: 'Dati dei partecipanti iscritti agli eventi',
      runsFrom: 'dalla fine della sessione dell’evento',
      legalBasis: EVENTS_BASIS,
      defaultMonths: 12,
      action: 'anonymise',
      countDue: store.countPastRegistrations,
      dispose: store.anonymisePastRegistrations,
    },
    {
      key: 'outreach.attendance-certificates',
      label: 'Nome del titolare negli attestati di partecipazione agli eventi',
      runsFrom: 'dal rilascio dell’attestato',
      legalBasis: 'Art. 6, par. 1, lett. b) ed e) GDPR: l’attestato resta verificabile per dieci anni',
      defaultMonths: 120,
      minMonths: 120,
      action: 'anonymise',
      countDue: store.countOldAttendanceCertificates,
      dispose: store.anonymiseOldAttendanceCertificates,
    },
    {
      key: 'outreach.interpreter-notes',
      label: 'Note sugli interpreti assegnati agli eventi',
      runsFrom: 'dalla fine della sessione dell’evento',
      legalBasis: 'Art. 6, par. 1, lett. e) GDPR: organizzazione dell’interpretariato',
      defaultMonths: 12,
      action: 'anonymise',
      countDue: store.countPastInterpreterNotes,
      dispose: store.clearPastInterpreterNotes,
    },
    {
      key: 'outreach.press-unsubscribed',
      label: 'Contatti stampa che hanno chiesto di non ricevere più comunicati',
      runsFrom: 'dalla disiscrizione',
      legalBasis: PRESS_BASIS,
      defaultMonths: 6,
      action: 'anonymise',
      countDue: store.countUnsubscribedContacts,
      dispose: store.eraseUnsubscribedContacts,
    },
    {
      key: 'outreach.press-silent',
      label: 'Contatti stampa senza invii né aggiornamenti',
      runsFrom: 'dall’ultimo comunicato inviato o dall’ultimo aggiornamento del contatto',
      legalBasis: PRESS_BASIS,
      defaultMonths: 36,
      action: 'anonymise',
      countDue: store.countSilentContacts,
      dispose: store.eraseSilentContacts,
    },
  ],
  activities: [
    {
      name: 'Iscrizioni e presenze agli eventi',
      purpose:
        'Gestire posti, lista d’attesa e ingresso agli eventi del progetto, rilasciare attestati di partecipazione, inviare il questionario successivo e contare i partecipanti per gli indicatori',
      legalBasis:
        'Art. 6, par. 1, lett. a) GDPR (consenso); art. 9, par. 2, lett. a) per le esigenze di accessibilità indicate',
      dataSubjects: ['partecipanti agli eventi', 'mediatori del SUI assegnati come interpreti'],
      dataCategories: [
        'nome e indirizzo e-mail',
        'ente e tipo di ente',
        'lingua e richiesta di interpretariato',
        'esigenze di accessibilità',
        'risposte alle domande dell’evento',
        'presenza all’ingresso',
      ],
      recipients: ['staff della comunicazione', 'chiunque verifichi un attestato con il suo codice'],
      retention: ['outreach.registrations', 'outreach.attendance-certificates', 'outreach.interpreter-notes'],
    },
    {
      name: 'Comunicati stampa',
      purpose: 'Inviare i comunicati del progetto ai giornalisti e alle redazioni',
      legalBasis: 'Art. 6, par. 1, lett. a) GDPR (consenso) o lett. f) (interesse legittimo), per contatto',
      dataSubjects: ['giornalisti e redazioni'],
      dataCategories: ['nome', 'testata', 'indirizzo e-mail', 'telefono', 'comunicati ricevuti'],
      recipients: ['staff della comunicazione'],
      retention: ['outreach.press-unsubscribed', 'outreach.press-silent'],
    },
  ],
  findSubject,
};
