/**
 * What training keeps about people, for the privacy module: enrolments, attendance, certificates and the SUI
 * team's mentoring hours. Places taken and attendance stay as long as the account (the trainees per track and
 * the hours delivered are counted from them; the account itself is emptied when it has long been switched
 * off); certificates stay verifiable for ten years.
 */
import type { Db } from '../../../kernel/db.ts';
import type { DataSubject, PersonalDataProvider, SubjectRecord } from '../../../kernel/personal-data.ts';
import { accountIdsOf } from '../../identity/privacy/service.ts';
import * as store from './store.ts';

const SECTION = 'Formazione';

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const dayOf = (day: string) => dayFormat.format(new Date(`${day}T12:00:00Z`));

const ENROLMENT_STATUS: Record<string, string> = {
  ENROLLED: 'iscritto',
  WAITLISTED: 'in lista d’attesa',
  CANCELLED: 'iscrizione annullata',
};

const TRAINING_BASIS =
  'Art. 6, par. 1, lett. e) GDPR: formazione degli operatori nel progetto FAMI; rendicontazione al Ministero dell’Interno (Autorità responsabile FAMI)';

/**
 * A person's training, by their accounts. The certificates keep the holder's name but no birth date, so they
 * are found through the account, never by the name alone (it would find every namesake).
 */
async function findSubject(db: Db, subject: DataSubject) {
  const { enrolments, attendance, certificates, mentoring } = await store.recordsOf(
    db,
    await accountIdsOf(db, subject),
  );
  return [
    ...enrolments.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Iscrizione al corso «${row.course}», ${row.edition} (${ENROLMENT_STATUS[row.status] ?? row.status}), chiesta il ${dayFormat.format(row.requestedAt)}`,
        data: row,
        entity: { type: 'training_enrolment', id: row.id },
      }),
    ),
    ...attendance.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Presenza all’incontro del ${dayFormat.format(row.startsAt)} del corso «${row.course}», ${row.edition}`,
        data: row,
        entity: { type: 'training_session', id: row.sessionId },
      }),
    ),
    ...certificates.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Attestato n. ${row.number} del corso «${row.courseTitle}», rilasciato il ${dayOf(row.issuedOn)}${row.revokedAt ? ' (revocato)' : ''}`,
        data: row,
        entity: { type: 'training_certificate', id: row.id },
      }),
    ),
    ...mentoring.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Affiancamento sul lavoro del ${dayOf(row.day)}: ${row.topic}`,
        data: row,
        entity: { type: 'training_mentoring', id: row.id },
      }),
    ),
  ];
}

export const trainingPersonalData: PersonalDataProvider = {
  module: 'training',
  categories: [
    {
      key: 'training.enrolments-unused',
      label: 'Iscrizioni ai corsi annullate o rimaste in lista d’attesa',
      runsFrom: 'dalla fine dell’edizione del corso',
      legalBasis: TRAINING_BASIS,
      defaultMonths: 24,
      action: 'delete',
      countDue: store.countUnusedEnrolments,
      dispose: store.deleteUnusedEnrolments,
    },
    {
      key: 'training.certificates',
      label: 'Nome del titolare negli attestati di formazione',
      runsFrom: 'dal rilascio dell’attestato',
      legalBasis: `${TRAINING_BASIS}; l’attestato resta verificabile per dieci anni`,
      defaultMonths: 120,
      minMonths: 120,
      action: 'anonymise',
      countDue: store.countOldCertificates,
      dispose: store.anonymiseOldCertificates,
    },
  ],
  activities: [
    {
      name: 'Formazione degli operatori della rete',
      purpose:
        'Organizzare corsi e affiancamento sul lavoro, registrare iscrizioni e presenze, rilasciare attestati verificabili e rendicontare gli indicatori del progetto',
      legalBasis: 'Art. 6, par. 1, lett. e) GDPR',
      dataSubjects: ['operatori degli enti della rete', 'personale del SUI', 'formatori'],
      dataCategories: [
        'nome e cognome',
        'ente di appartenenza',
        'iscrizioni e presenze',
        'attestati rilasciati',
        'ore di affiancamento',
      ],
      recipients: [
        'formatori del corso',
        'Ministero dell’Interno – Autorità responsabile FAMI (dati aggregati)',
        'chiunque verifichi un attestato con il suo codice',
      ],
      retention: ['training.enrolments-unused', 'training.certificates'],
    },
  ],
  findSubject,
};
