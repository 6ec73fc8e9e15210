/**
 * What the questionnaires keep about people, for the privacy module: who was invited, who took part in an
 * anonymous questionnaire (never what they answered: those answers carry no person) and the answers given in
 * a person's own name. People are known here by their accounts.
 */
import type { Db } from '../../../kernel/db.ts';
import type { DataSubject, PersonalDataProvider, SubjectRecord } from '../../../kernel/personal-data.ts';
import { accountIdsOf } from '../../identity/privacy/service.ts';
import * as store from './store.ts';

const SECTION = 'Questionari';

const dayFormat = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const SURVEY_BASIS =
  'Art. 6, par. 1, lett. e) GDPR: rilevazioni dei bisogni e valutazioni delle attività del progetto; art. 5, par. 1, lett. c) ed e) GDPR';

async function findSubject(db: Db, subject: DataSubject) {
  const { invitations, participations, responses } = await store.recordsOf(
    db,
    await accountIdsOf(db, subject),
  );
  return [
    ...invitations.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Invito al questionario «${row.title}» del ${dayFormat.format(row.invitedAt)}`,
        data: row,
        entity: { type: 'survey_questionnaire', id: row.questionnaireId },
      }),
    ),
    ...participations.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Partecipazione al questionario anonimo «${row.title}» (le risposte non sono associate alla persona)`,
        data: row,
        entity: { type: 'survey_questionnaire', id: row.questionnaireId },
      }),
    ),
    ...responses.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Risposte al questionario «${row.title}» per ${row.organisation}, date il ${dayFormat.format(row.submittedAt)}`,
        data: row,
        entity: { type: 'survey_questionnaire', id: row.questionnaireId },
      }),
    ),
  ];
}

export const surveysPersonalData: PersonalDataProvider = {
  module: 'surveys',
  categories: [
    {
      key: 'surveys.invitations',
      label: 'Inviti ai questionari chiusi',
      runsFrom: 'dall’invito, una volta chiuso il questionario',
      legalBasis: SURVEY_BASIS,
      defaultMonths: 24,
      action: 'delete',
      countDue: store.countClosedInvitations,
      dispose: store.deleteClosedInvitations,
    },
    {
      key: 'surveys.participations',
      label: 'Partecipazioni ai questionari anonimi chiusi',
      runsFrom: 'dalla creazione del questionario, una volta chiuso',
      legalBasis: SURVEY_BASIS,
      defaultMonths: 24,
      action: 'delete',
      countDue: store.countClosedParticipations,
      dispose: store.deleteClosedParticipations,
    },
  ],
  activities: [
    {
      name: 'Questionari di rilevazione dei bisogni e di valutazione',
      purpose:
        'Rilevare i bisogni del territorio e della formazione e valutare corsi ed eventi; i questionari anonimi non collegano le risposte alla persona',
      legalBasis: 'Art. 6, par. 1, lett. e) GDPR',
      dataSubjects: ['personale degli enti della rete', 'partecipanti a corsi ed eventi'],
      dataCategories: [
        'identità dell’account invitato',
        'avvenuta risposta',
        'risposte date a nome proprio o dell’ente',
      ],
      recipients: ['segreteria del Consiglio territoriale', 'formatori', 'staff della comunicazione'],
      retention: ['surveys.invitations', 'surveys.participations'],
    },
  ],
  findSubject,
};
