/**
 * What the project's staff register and timesheets keep about people, for the privacy module: the person named
 * in a contract (with their account, the contract's cost and fee) and their monthly hours. They are evidence of
 * the costs claimed from the FAMI fund, kept long after the project; then the name and the account link go and
 * the contract, hours and costs stay for the project's figures.
 */
import { dayInRome } from '../../../kernel/clock.ts';
import type { Db } from '../../../kernel/db.ts';
import type { DataSubject, PersonalDataProvider, SubjectRecord } from '../../../kernel/personal-data.ts';
import { accountIdsOf } from '../../identity/privacy/service.ts';
import { STAFF_KINDS, TIMESHEET_STATUSES } from './contract.ts';
import { dayInWords, hoursInWords, monthInWords } from './rules.ts';
import * as store from './store.ts';

const SECTION = 'Personale e fogli ore dei progetti FAMI';

const PROJECT_RECORDS_BASIS =
  'Art. 6, par. 1, lett. c) ed e) GDPR: rendicontazione delle spese del progetto al Fondo Asilo, Migrazione e ' +
  'Integrazione. I documenti del progetto si conservano per dieci anni dal pagamento finale (per i progetti ' +
  '2021-2027 mai meno di cinque anni dal 31 dicembre dell’anno dell’ultimo pagamento, reg. UE 2021/1060, ' +
  'art. 82). La data del pagamento finale non è registrata: il termine decorre dalla fine del progetto e il ' +
  'valore predefinito aggiunge due anni per il pagamento finale; l’amministratore lo adegua quando il ' +
  'pagamento è noto.';

/** Five years, the floor the EU regulation sets for the evidence of the costs claimed. */
const PROJECT_MIN_MONTHS = 60;

/** A person's contracts and sheets, by their accounts: a staff record without an account names nobody findable. */
async function findSubject(db: Db, subject: DataSubject) {
  const staff = await store.staffOfUsers(db, await accountIdsOf(db, subject));
  const sheets = await store.sheetsOfStaff(
    db,
    staff.map((s) => s.id),
  );
  return [
    ...staff.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `${STAFF_KINDS[row.kind]} nel progetto ${row.project} per ${row.organisation}, contratto «${row.contractReference}» dal ${dayInWords(row.contractStartsOn)} al ${dayInWords(row.contractEndsOn)}`,
        data: row,
        entity: { type: 'project_staff', id: row.id },
      }),
    ),
    ...sheets.map(
      (row): SubjectRecord => ({
        section: SECTION,
        title: `Foglio ore di ${monthInWords(row.month.slice(0, 7))}: ${hoursInWords(row.totalMinutes)} (${TIMESHEET_STATUSES[row.status].toLowerCase()})`,
        data: row,
        entity: { type: 'project_timesheet', id: row.id },
      }),
    ),
  ];
}

export const projectTimePersonalData: PersonalDataProvider = {
  module: 'project-time',
  categories: [
    {
      key: 'project.staff',
      label: 'Nomi del personale e degli incaricati dei progetti FAMI, con i loro fogli ore',
      runsFrom: 'dalla fine del progetto',
      legalBasis: PROJECT_RECORDS_BASIS,
      defaultMonths: 144,
      minMonths: PROJECT_MIN_MONTHS,
      action: 'anonymise',
      countDue: (db, cutoff) => store.countStaffOfEndedProjects(db, dayInRome(cutoff)),
      dispose: (db, cutoff, limit) => store.anonymiseStaffOfEndedProjects(db, dayInRome(cutoff), limit),
    },
  ],
  activities: [
    {
      name: 'Personale, incarichi e fogli ore dei progetti FAMI',
      purpose:
        'Registrare chi lavora al progetto e con quale contratto, raccogliere e approvare le ore mensili per attività, calcolare il costo del personale e rendicontarlo all’Autorità del Fondo',
      legalBasis: 'Art. 6, par. 1, lett. c) ed e) GDPR',
      dataSubjects: [
        'personale della Prefettura e dei partner impiegato nel progetto',
        'esperto legale, revisore indipendente, supervisore delle WP e consulente per il CTI',
      ],
      dataCategories: [
        'nome e cognome',
        'ente e contratto o incarico',
        'costo annuo lordo e costo orario, compenso',
        'ore mensili per attività',
      ],
      recipients: [
        'revisore indipendente ed esperto legale del progetto',
        'Ministero dell’Interno – Autorità del Fondo Asilo, Migrazione e Integrazione (domande di rimborso)',
      ],
      retention: ['project.staff'],
    },
  ],
  findSubject,
};
