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
  SubjectScope,
} from '../../../kernel/personal-data.ts';
import { subjectKeys } from '../../exchange/privacy/service.ts';
import { APPOINTMENT_PURPOSES, APPOINTMENT_STATUSES } from '../appointments/contract.ts';
import { type CaseTypeVersion, caseTypeVersion } from '../law/definitions.ts';
import {
  CHANNEL_LABELS,
  EMPLOYER_KIND_LABELS,
  QUOTA_SECTOR_LABELS,
  RECTIFIABLE_FIELDS,
  type RectifiableField,
  SEX_LABELS,
} from './contract.ts';
import * as store from './store.ts';

const inWords = (value: Date | string) =>
  new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(
    typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value,
  );

const DOCUMENTS_SECTION = 'Documenti delle pratiche';

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
    // A Prefettura's case files are public archives: they may be discarded only as the massimario di scarto
    // approved by the commissione di sorveglianza allows (DPR 445/2000 art. 68, D.Lgs. 42/2004 art. 21), and the
    // defaults are the least the reasons above ask; a longer time is the administrator's to set, a shorter not.
    minMonths: defaultMonths,
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
    // the appeal terms run from the notification, which may come weeks after closing, and the opposition to
    // a refused family reunification before the ordinary court (art. 30 c.6 TUI) has no short term of its own
    minMonths: 12,
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
    // a convocation missed can close or found the refusal of a case: the record serves within the appeal terms
    minMonths: 12,
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

const countries = new Intl.DisplayNames(['it'], { type: 'region', fallback: 'code' });
const languages = new Intl.DisplayNames(['it'], { type: 'language', fallback: 'code' });
const countryName = (code: string) => countries.of(code) ?? code;
const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

const personData = (person: Awaited<ReturnType<typeof store.personsMatching>>[number]) => ({
  surname: person.surname,
  givenName: person.givenName,
  sex: person.sex,
  sexLabel: label(SEX_LABELS, person.sex),
  birthDate: person.birthDate,
  birthPlace: person.birthPlace,
  citizenship: person.citizenship,
  citizenshipName: countryName(person.citizenship),
  passportNumber: person.passportNumber,
  passportExpiry: person.passportExpiry,
  fiscalCode: person.fiscalCode,
  address: person.address,
  email: person.email,
  phone: person.phone,
  preferredLanguage: person.preferredLanguage,
  preferredLanguageName: person.preferredLanguage ? (languages.of(person.preferredLanguage) ?? null) : null,
  registeredAt: person.createdAt.toISOString(),
  updatedAt: person.updatedAt.toISOString(),
});

/** The names of a case type's codes (its name, states, roles, documents) in the version each case follows. */
async function namesOfTypes(db: Db, cases: readonly { typeCode: string; typeValidFrom: string }[]) {
  const versions = [
    ...new Map(
      cases.map((c) => [
        `${c.typeCode}|${c.typeValidFrom}`,
        { code: c.typeCode, validFrom: c.typeValidFrom },
      ]),
    ).values(),
  ];
  const definitions = new Map<string, CaseTypeVersion>();
  for (const row of await store.caseTypeDefinitions(db, versions)) {
    const definition = caseTypeVersion.parse(row.definition);
    definitions.set(`${row.code}|${row.validFrom}`, definition);
  }
  return (c: { typeCode: string; typeValidFrom: string }) => {
    const definition = definitions.get(`${c.typeCode}|${c.typeValidFrom}`);
    return {
      type: definition?.name ?? c.typeCode,
      state: (code: string) => definition?.states.find((state) => state.code === code)?.label ?? code,
      role: (code: string) => definition?.parties.find((party) => party.role === code)?.label ?? code,
      document: (code: string) => definition?.documents.find((item) => item.code === code)?.label ?? code,
    };
  };
}

/** The person's own addresses, as the appointments' recipients are compared: trimmed, lower case. */
function ownEmails(
  keys: { email?: string },
  persons: readonly { email: string | null }[],
  employers: readonly { email: string | null; pec: string | null }[],
): string[] {
  const all = [keys.email, ...persons.map((p) => p.email), ...employers.flatMap((e) => [e.email, e.pec])];
  return [...new Set(all.flatMap((email) => (email?.trim() ? [email.trim().toLowerCase()] : [])))];
}

async function findSubject(db: Db, subject: DataSubject, scope: SubjectScope): Promise<SubjectRecord[]> {
  const office = scope.organisationId;
  const keys = subjectKeys(subject);
  const persons = await store.personsMatching(db, office, keys);
  const employers = await store.employersMatching(db, office, keys);
  const personIds = persons.map((person) => person.id);
  const parties = await store.casesOfParties(
    db,
    office,
    personIds,
    employers.map((employer) => employer.id),
  );
  const caseIds = [...new Set(parties.map((party) => party.id))];
  // A case's documents name no party they belong to: they are the person's own only in a case where no other
  // person is a party (a worker with the employer). In a case of several persons (a family reunification) they
  // may be anyone's, and are only counted.
  const own = new Set(personIds);
  const personParties = await store.personPartiesOf(db, caseIds);
  const ownCaseIds = caseIds.filter(
    (id) =>
      parties.some((party) => party.id === id && party.personId) &&
      personParties.every(
        (party) => party.caseId !== id || (party.personId !== null && own.has(party.personId)),
      ),
  );
  const documents = await store.documentsOfCases(db, ownCaseIds);
  const withheld = await store.documentCountsOf(
    db,
    caseIds.filter((id) => !ownCaseIds.includes(id)),
  );
  const outcomes = await store.outcomesOfCases(db, caseIds);
  const appointments = await store.appointmentsOf(db, office, caseIds, ownEmails(keys, persons, employers));
  const rectifications = await store.rectificationsOf(db, personIds);
  const namesOf = await namesOfTypes(db, parties);
  const caseOf = new Map(parties.map((party) => [party.id, party]));
  const numberOf = (caseId: string | null) => (caseId ? (caseOf.get(caseId)?.number ?? null) : null);

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
        kindLabel: label(EMPLOYER_KIND_LABELS, employer.kind),
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
      const names = namesOf(party);
      return {
        section: 'Pratiche SUI',
        title: `Pratica ${party.number}, presentata il ${inWords(party.submittedOn)}${party.closedAt && party.closed ? `, conclusa il ${inWords(party.closedAt)}` : ''}`,
        data: {
          number: party.number,
          role: party.role,
          roleLabel: names.role(party.role),
          type: party.typeCode,
          typeName: names.type,
          state: party.state,
          stateLabel: names.state(party.state),
          closed: party.closed,
          submittedOn: party.submittedOn,
          receivedAt: party.receivedAt.toISOString(),
          closedAt: party.closed && party.closedAt ? new Date(party.closedAt).toISOString() : null,
          channel: party.channel,
          channelLabel: label(CHANNEL_LABELS, party.channel),
          quota: party.quotaYear
            ? {
                year: party.quotaYear,
                sector: party.quotaSector,
                sectorLabel: party.quotaSector ? label(QUOTA_SECTOR_LABELS, party.quotaSector) : null,
              }
            : null,
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
      title: `Appuntamento del ${inWords(appointment.startsAt)} presso ${appointment.deskName}${appointment.caseId ? ` (pratica ${numberOf(appointment.caseId) ?? ''})` : ''}`,
      data: {
        case: numberOf(appointment.caseId),
        startsAt: appointment.startsAt.toISOString(),
        endsAt: appointment.endsAt.toISOString(),
        desk: appointment.deskName,
        place: appointment.place,
        purpose: appointment.purpose,
        purposeLabel: label(APPOINTMENT_PURPOSES, appointment.purpose),
        status: appointment.status,
        statusLabel: label(APPOINTMENT_STATUSES, appointment.status),
        documentsToBring: appointment.documentsToBring,
        // found by the person's own address or by having none: the address, if any, is theirs
        recipientEmail: appointment.recipientEmail,
        language: appointment.language,
        languageName: appointment.language ? (languages.of(appointment.language) ?? null) : null,
        outcomeNotes: appointment.outcomeNotes,
      },
      entity: { type: 'appointment', id: appointment.id },
    })),
    ...documents.map((document) => {
      const kase = caseOf.get(document.caseId);
      return {
        section: DOCUMENTS_SECTION,
        title: `${document.fileName}, pratica ${kase?.number ?? ''}, caricato il ${inWords(document.uploadedAt)}`,
        data: {
          case: kase?.number ?? null,
          checklistCode: document.checklistCode,
          checklistLabel:
            kase && document.checklistCode ? namesOf(kase).document(document.checklistCode) : null,
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
            name: `${kase?.number ?? 'pratica'}-v${document.version}-${document.fileName}`,
          },
        ],
        entity: { type: 'case_document', id: document.id },
      };
    }),
    ...[...withheld].map(([caseId, count]) => ({
      section: DOCUMENTS_SECTION,
      title: `Documenti della pratica ${numberOf(caseId) ?? ''} di altre persone: ${count}, non esportati`,
      data: {
        case: numberOf(caseId),
        documents: count,
        exported: false,
        why: 'La pratica riguarda anche altre persone e i suoi documenti non indicano a chi appartengono.',
      },
    })),
    ...rectifications.map((row) => ({
      section: 'Rettifiche dei dati',
      title: `${RECTIFIABLE_FIELDS[row.field as RectifiableField] ?? row.field} rettificato il ${inWords(row.rectifiedAt)}`,
      data: {
        field: row.field,
        fieldLabel: RECTIFIABLE_FIELDS[row.field as RectifiableField] ?? row.field,
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
  heldRecords: store.heldRecords,
};
