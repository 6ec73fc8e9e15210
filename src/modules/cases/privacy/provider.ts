/**
 * What the SUI's case files keep about people, and for how long (decision 075): the cases by how they ended,
 * the copies of identity documents, the appointments, the registry of persons and employers. Told to the
 * privacy module through `kernel/personal-data.ts`; a case under legal hold is never disposed of.
 */
import type { Db } from '../../../kernel/db.ts';
import type {
  DataSubject,
  PersonalDataProvider,
  RetentionCategory,
  SubjectRecord,
} from '../../../kernel/personal-data.ts';
import { subjectKeys } from '../../exchange/privacy/service.ts';
import { RECTIFIABLE_FIELDS, type RectifiableField } from './contract.ts';
import * as store from './store.ts';

const inWords = (value: Date | string) =>
  new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(
    typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value,
  );

/** The closed states of the shipped case types with a retention of their own; any other closed state is "other". */
const ISSUED = ['ISSUED'];
const REJECTED = ['REJECTED'];
const WITHDRAWN = ['WITHDRAWN'];
/** The checklist items that are copies of identity documents (passport, residence permit). */
const IDENTITY_DOCUMENTS = ['PASSPORT_COPY', 'RESIDENCE_PERMIT'];

const ARCHIVES =
  'DPR 445/2000 artt. 67-69 (archivio di deposito, selezione e scarto) e D.Lgs. 42/2004 artt. 21 e 30 ' +
  '(conservazione degli archivi pubblici; scarto autorizzato), secondo il massimario di scarto della Prefettura; ' +
  'art. 5, par. 1, lett. e) Reg. UE 2016/679 (limitazione della conservazione)';

function caseCategory(
  key: string,
  label: string,
  states: store.StateFilter,
  defaultMonths: number,
  why: string,
): RetentionCategory {
  return {
    key,
    label,
    runsFrom: 'dalla chiusura della pratica',
    legalBasis: `${why}; ${ARCHIVES}. Alla scadenza restano tipo, date, stati ed esito della pratica (per i dati di attività), non le parti, i documenti e i testi liberi.`,
    defaultMonths,
    action: 'anonymise',
    countDue: (db, cutoff) => store.countDueCases(db, cutoff, states),
    dispose: (db, cutoff, limit) => store.anonymiseDueCases(db, cutoff, states, limit),
  };
}

const categories: RetentionCategory[] = [
  caseCategory(
    'cases.closed-issued',
    'Pratiche SUI concluse con il rilascio del provvedimento',
    { in: ISSUED },
    120,
    'Il nulla osta può essere revocato se emergono dopo il rilascio motivi ostativi (art. 22 c.5.01 D.Lgs. 286/1998) ' +
      'e fonda il visto, il contratto e il permesso di soggiorno: il fascicolo serve per dieci anni (prescrizione ordinaria, art. 2946 c.c.)',
  ),
  caseCategory(
    'cases.closed-rejected',
    'Pratiche SUI concluse con il rigetto',
    { in: REJECTED },
    120,
    'Il rigetto è impugnabile (TAR, ricorso straordinario) e fonda eventuali richieste di risarcimento: il fascicolo ' +
      'serve per dieci anni (art. 2946 c.c.)',
  ),
  caseCategory(
    'cases.closed-withdrawn',
    'Pratiche SUI archiviate per rinuncia',
    { in: WITHDRAWN },
    60,
    'Senza provvedimento sulla domanda il fascicolo serve soltanto a documentare la rinuncia e il rispetto dei ' +
      'limiti di presentazione delle domande (art. 22 D.Lgs. 286/1998)',
  ),
  caseCategory(
    'cases.closed-other',
    'Pratiche SUI non ammesse per quota esaurita o chiuse per altra causa',
    { notIn: [...ISSUED, ...REJECTED, ...WITHDRAWN] },
    60,
    'La domanda fuori dalle quote del decreto flussi (art. 3 c.4 e art. 21 D.Lgs. 286/1998) non produce ' +
      'provvedimento: il fascicolo documenta l’ordine di arrivo e l’esaurimento della quota',
  ),
  {
    key: 'cases.identity-documents',
    label: 'Copie dei documenti d’identità e dei permessi di soggiorno allegate alle pratiche',
    runsFrom: 'dalla chiusura della pratica',
    legalBasis:
      'Art. 5, par. 1, lett. c) ed e) Reg. UE 2016/679: i dati del documento restano nella scheda della persona; ' +
      'la copia serve all’istruttoria e ai termini di impugnazione (60 giorni al TAR, 120 per il ricorso ' +
      'straordinario), non oltre.',
    defaultMonths: 12,
    action: 'delete',
    countDue: (db, cutoff) => store.countDueDocuments(db, cutoff, IDENTITY_DOCUMENTS),
    dispose: (db, cutoff, limit) => store.deleteDueDocuments(db, cutoff, IDENTITY_DOCUMENTS, limit),
  },
  {
    key: 'cases.appointments',
    label: 'Appuntamenti allo sportello (recapiti e annotazioni)',
    runsFrom: 'dal giorno dell’appuntamento, a pratica conclusa',
    legalBasis:
      'Art. 5, par. 1, lett. e) Reg. UE 2016/679: l’agenda serve alla convocazione (nota Min. Interno prot. 2236 ' +
      'del 16.6.2017); restano giorno, sportello ed esito per i dati di attività.',
    defaultMonths: 24,
    action: 'anonymise',
    countDue: (db, cutoff) => store.countDueAppointments(db, cutoff),
    dispose: (db, cutoff, limit) => store.anonymiseDueAppointments(db, cutoff, limit),
  },
  {
    key: 'cases.parties-unreferenced',
    label: 'Persone e datori di lavoro non più parte di alcuna pratica',
    runsFrom: 'dall’ultima modifica dei dati, quando nessuna pratica li richiama',
    legalBasis:
      'Art. 5, par. 1, lett. c) ed e) Reg. UE 2016/679: l’anagrafica esiste per le pratiche; senza pratiche non ' +
      'ha più scopo.',
    defaultMonths: 1,
    action: 'delete',
    countDue: (db, cutoff) => store.countUnreferencedParties(db, cutoff),
    dispose: (db, cutoff, limit) => store.deleteUnreferencedParties(db, cutoff, limit),
  },
];

const personData = (person: Awaited<ReturnType<typeof store.personsMatching>>[number]) => ({
  surname: person.surname,
  givenName: person.givenName,
  sex: person.sex,
  birthDate: person.birthDate,
  birthPlace: person.birthPlace,
  citizenship: person.citizenship,
  passportNumber: person.passportNumber,
  passportExpiry: person.passportExpiry,
  fiscalCode: person.fiscalCode,
  address: person.address,
  email: person.email,
  phone: person.phone,
  preferredLanguage: person.preferredLanguage,
  registeredAt: person.createdAt.toISOString(),
  updatedAt: person.updatedAt.toISOString(),
});

async function findSubject(db: Db, subject: DataSubject): Promise<SubjectRecord[]> {
  const keys = subjectKeys(subject);
  const persons = await store.personsMatching(db, keys);
  const employers = await store.employersMatching(db, keys);
  const personIds = persons.map((person) => person.id);
  const parties = await store.casesOfParties(
    db,
    personIds,
    employers.map((employer) => employer.id),
  );
  const caseIds = [...new Set(parties.map((party) => party.id))];
  // documents are the applicant's own where the person is a party as a person (a worker, a family member)
  const personCaseIds = [...new Set(parties.filter((party) => party.personId).map((party) => party.id))];
  const outcomes = await store.outcomesOfCases(db, caseIds);
  const documents = await store.documentsOfCases(db, personCaseIds);
  const appointments = await store.appointmentsOf(db, caseIds, keys.email);
  const rectifications = await store.rectificationsOf(db, personIds);
  const numberOf = new Map(parties.map((party) => [party.id, party.number]));

  return [
    ...persons.map((person) => ({
      section: 'Anagrafica dello Sportello Unico',
      title: `${person.surname.toUpperCase()} ${person.givenName}, nato/a il ${inWords(person.birthDate)} a ${person.birthPlace}`,
      data: personData(person),
      entity: { type: 'person', id: person.id },
    })),
    ...employers.map((employer) => ({
      section: 'Anagrafica dello Sportello Unico',
      title: `Datore di lavoro ${employer.name}, codice fiscale ${employer.fiscalCode}`,
      data: {
        kind: employer.kind,
        name: employer.name,
        fiscalCode: employer.fiscalCode,
        vatNumber: employer.vatNumber,
        address: employer.address,
        pec: employer.pec,
        email: employer.email,
        phone: employer.phone,
      },
      entity: { type: 'employer', id: employer.id },
    })),
    ...parties.map((party) => {
      const ended = outcomes.filter((outcome) => outcome.caseId === party.id);
      return {
        section: 'Pratiche SUI',
        title: `Pratica ${party.number}, presentata il ${inWords(party.submittedOn)}${party.closedAt && party.closed ? `, conclusa il ${inWords(party.closedAt)}` : ''}`,
        data: {
          number: party.number,
          role: party.role,
          type: party.typeCode,
          state: party.state,
          closed: party.closed,
          submittedOn: party.submittedOn,
          receivedAt: party.receivedAt.toISOString(),
          closedAt: party.closed && party.closedAt ? new Date(party.closedAt).toISOString() : null,
          channel: party.channel,
          quota: party.quotaYear ? { year: party.quotaYear, sector: party.quotaSector } : null,
          outcomes: ended.map((outcome) => ({
            label: outcome.label,
            number: outcome.number,
            issuedOn: outcome.issuedOn,
            validUntil: outcome.validUntil,
            reason: outcome.reason,
          })),
        },
        entity: { type: 'case', id: party.id },
      };
    }),
    ...appointments.map((appointment) => ({
      section: 'Appuntamenti allo sportello',
      title: `Appuntamento del ${inWords(appointment.startsAt)} presso ${appointment.deskName}${appointment.caseId ? ` (pratica ${numberOf.get(appointment.caseId) ?? ''})` : ''}`,
      data: {
        case: appointment.caseId ? (numberOf.get(appointment.caseId) ?? null) : null,
        startsAt: appointment.startsAt.toISOString(),
        endsAt: appointment.endsAt.toISOString(),
        desk: appointment.deskName,
        place: appointment.place,
        purpose: appointment.purpose,
        status: appointment.status,
        documentsToBring: appointment.documentsToBring,
        recipientEmail: appointment.recipientEmail,
        language: appointment.language,
        outcomeNotes: appointment.outcomeNotes,
      },
      entity: { type: 'appointment', id: appointment.id },
    })),
    ...documents.map((document) => ({
      section: 'Documenti delle pratiche',
      title: `${document.fileName}, pratica ${numberOf.get(document.caseId) ?? ''}, caricato il ${inWords(document.uploadedAt)}`,
      data: {
        case: numberOf.get(document.caseId) ?? null,
        checklistCode: document.checklistCode,
        version: document.version,
        fileName: document.fileName,
        mediaType: document.mediaType,
        size: document.size,
        uploadedAt: document.uploadedAt.toISOString(),
        current: document.supersededBy === null,
      },
      files: [
        {
          sha256: document.sha256,
          name: `${numberOf.get(document.caseId) ?? 'pratica'}-v${document.version}-${document.fileName}`,
        },
      ],
      entity: { type: 'case_document', id: document.id },
    })),
    ...rectifications.map((row) => ({
      section: 'Rettifiche dei dati',
      title: `${RECTIFIABLE_FIELDS[row.field as RectifiableField] ?? row.field} rettificato il ${inWords(row.rectifiedAt)}`,
      data: {
        field: row.field,
        previousValue: row.previousValue,
        newValue: row.newValue,
        reason: row.reason,
        rectifiedAt: row.rectifiedAt.toISOString(),
      },
      entity: { type: 'person', id: row.personId },
    })),
  ];
}

export const casesPersonalData: PersonalDataProvider = {
  module: 'cases',
  categories,
  activities: [
    {
      name: 'Procedimenti dello Sportello Unico per l’Immigrazione',
      purpose:
        'Istruire e decidere le domande di nulla osta al lavoro, al ricongiungimento familiare, le conversioni ' +
        'dei permessi e gli altri procedimenti dello Sportello Unico; rilasciare ricevute e provvedimenti.',
      legalBasis:
        'Art. 6, par. 1, lett. e), art. 9, par. 2, lett. g) e art. 10 Reg. UE 2016/679; artt. 22, 24, 27 e 29 ' +
        'D.Lgs. 286/1998 (Testo Unico Immigrazione); DPR 394/1999; artt. 2-ter e 2-sexies D.Lgs. 196/2003.',
      dataSubjects: [
        'cittadini stranieri richiedenti e lavoratori',
        'familiari per il ricongiungimento',
        'datori di lavoro persone fisiche e rappresentanti delle imprese',
      ],
      dataCategories: [
        'dati anagrafici e recapiti',
        'documenti d’identità e permessi di soggiorno',
        'cittadinanza',
        'dati sul lavoro, sul reddito e sull’alloggio',
        'rapporti di parentela',
        'motivi ostativi e dati giudiziari (art. 10)',
      ],
      recipients: [
        'Questura (parere sui motivi ostativi)',
        'Ispettorato Territoriale del Lavoro (verifiche)',
        'Rappresentanze consolari (visto d’ingresso)',
      ],
      retention: categories
        .filter((category) => category.key !== 'cases.appointments')
        .map((category) => category.key),
    },
    {
      name: 'Agenda degli appuntamenti dello Sportello Unico',
      purpose:
        'Convocare i richiedenti e i datori di lavoro allo sportello, con mediazione linguistica quando serve, e ' +
        'annotare l’esito dell’appuntamento.',
      legalBasis:
        'Art. 6, par. 1, lett. e) Reg. UE 2016/679; art. 22 c.6 D.Lgs. 286/1998 (firma del contratto di soggiorno); ' +
        'nota Min. Interno prot. 2236 del 16.6.2017 (agenda elettronica).',
      dataSubjects: ['cittadini stranieri richiedenti', 'datori di lavoro'],
      dataCategories: ['dati anagrafici', 'recapiti (e-mail, PEC)', 'lingua preferita'],
      recipients: ['mediatori linguistico-culturali incaricati'],
      retention: ['cases.appointments'],
    },
  ],
  findSubject,
};
