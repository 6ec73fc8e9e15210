/**
 * What the exchange keeps about people (decision 075): the subject of each opinion request (the persons and
 * employers of the case, as much as the body needs), the answers' reasons and attachments, the questions and
 * replies. Told to the privacy module through `kernel/personal-data.ts`.
 */

import type { OpinionSubject } from '../../../db/tables/exchange.ts';
import type { Db } from '../../../kernel/db.ts';
import type {
  DataSubject,
  PersonalDataProvider,
  SubjectRecord,
  SubjectScope,
} from '../../../kernel/personal-data.ts';
import { OPINION_BODIES, OPINION_OUTCOMES, OPINION_STATES } from '../contract.ts';
import { type SubjectKeys, subjectKeys } from './service.ts';
import * as store from './store.ts';

const inWords = (value: Date | string) =>
  new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'Europe/Rome' }).format(
    typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value,
  );

const bodyName = (body: string) => OPINION_BODIES[body as keyof typeof OPINION_BODIES] ?? body;

/**
 * The opinion's subject as far as it is the person's: their own entry among the persons (or the employer they
 * are), without the others the opinion was also about.
 */
function ownPartOf(subject: OpinionSubject, keys: SubjectKeys): OpinionSubject {
  const upper = (value: string | null | undefined) => value?.trim().toUpperCase();
  const lower = (value: string | null | undefined) => value?.trim().toLowerCase();
  const isThePerson = (person: OpinionSubject['persons'][number]) =>
    (keys.fiscalCode !== undefined && upper(person.fiscalCode) === keys.fiscalCode) ||
    (keys.passportNumber !== undefined && upper(person.passportNumber) === keys.passportNumber) ||
    (keys.person !== undefined &&
      lower(person.surname) === keys.person.surname &&
      lower(person.givenName) === keys.person.givenName &&
      person.birthDate === keys.person.birthDate);
  return {
    ...subject,
    persons: subject.persons.filter(isThePerson),
    employers: subject.employers.filter(
      (employer) => keys.fiscalCode !== undefined && upper(employer.fiscalCode) === keys.fiscalCode,
    ),
  };
}

async function findSubject(db: Db, subject: DataSubject, scope: SubjectScope): Promise<SubjectRecord[]> {
  const keys = subjectKeys(subject);
  const opinions = await store.opinionsAbout(db, scope.organisationId, keys);
  return opinions.map((opinion) => ({
    section: 'Pareri di Questura e Ispettorato',
    title: `Parere ${bodyName(opinion.body)} sulla pratica ${opinion.caseNumber} (${opinion.caseTypeName}), richiesto il ${inWords(opinion.requestedOn)}`,
    data: {
      caseNumber: opinion.caseNumber,
      caseType: opinion.caseTypeName,
      body: bodyName(opinion.body),
      requester: opinion.requesterName,
      requestedOn: opinion.requestedOn,
      dueOn: opinion.dueOn,
      state: OPINION_STATES[opinion.state] ?? opinion.state,
      outcome: opinion.outcome ? OPINION_OUTCOMES[opinion.outcome] : null,
      closedAt: opinion.closedAt?.toISOString() ?? null,
      subject: ownPartOf(opinion.subject, keys),
      answers: opinion.answers.map((answer) => ({
        outcome: OPINION_OUTCOMES[answer.outcome],
        reasons: answer.reasons,
        answeredBy: answer.answeredBy,
        answeredOn: answer.answeredOn,
        attachments: answer.attachments.map((attachment) => attachment.filename),
      })),
      questions: opinion.questions.map((question) => ({
        question: question.question,
        askedBy: question.askedBy,
        askedOn: question.askedOn,
        reply: question.reply,
        repliedOn: question.repliedOn,
      })),
    },
    files: opinion.answers.flatMap((answer) =>
      answer.attachments.map((attachment) => ({
        sha256: attachment.sha256,
        name: `parere-${opinion.caseNumber}-${attachment.filename}`,
      })),
    ),
    entity: { type: 'opinion_request', id: opinion.id },
  }));
}

export const exchangePersonalData: PersonalDataProvider = {
  module: 'exchange',
  categories: [
    {
      key: 'exchange.opinions-closed',
      label: 'Pareri di Questura e Ispettorato conclusi (richieste, risposte, domande di chiarimento)',
      runsFrom: 'dalla conclusione del parere (risposta o silenzio)',
      legalBasis:
        'Art. 5, par. 1, lett. e) Reg. UE 2016/679: i dati delle persone servono allo scambio finché il parere è ' +
        'pendente; l’esito resta nel fascicolo della pratica (art. 22 c.5 D.Lgs. 286/1998, art. 31 DPR 394/1999), ' +
        'conservato secondo il massimario di scarto della Prefettura (DPR 445/2000 art. 68, D.Lgs. 42/2004 art. 30).',
      defaultMonths: 24,
      action: 'anonymise',
      countDue: (db, cutoff) => store.countDueOpinions(db, cutoff),
      dispose: (db, cutoff, limit) => store.anonymiseDueOpinions(db, cutoff, limit),
    },
    {
      key: 'exchange.delivered-messages',
      label: 'Messaggi firmati già consegnati agli altri uffici (copie di trasmissione dei pareri)',
      runsFrom: 'dalla conferma di consegna',
      legalBasis:
        'Art. 5, par. 1, lett. c) ed e) Reg. UE 2016/679: consegnato il messaggio, il parere resta presso ' +
        'entrambi gli uffici; la copia di trasmissione serve solo a ricostruire un eventuale disguido di consegna.',
      defaultMonths: 3,
      action: 'delete',
      countDue: (db, cutoff) => store.countDeliveredMessages(db, cutoff),
      dispose: (db, cutoff, limit) => store.deleteDeliveredMessages(db, cutoff, limit),
    },
  ],
  activities: [
    {
      name: 'Scambio dei pareri con Questura e Ispettorato del lavoro',
      purpose:
        'Acquisire il parere della Questura sull’assenza di motivi ostativi e le verifiche dell’Ispettorato ' +
        'territoriale del lavoro sulle domande presentate allo Sportello Unico, e rispondere alle loro richieste ' +
        'di chiarimento.',
      legalBasis:
        'Art. 6, par. 1, lett. e) e art. 9, par. 2, lett. g) Reg. UE 2016/679; art. 10 per i dati relativi a ' +
        'condanne e reati; art. 22 c.5 e 5.01 D.Lgs. 286/1998; art. 31 DPR 394/1999; art. 24-bis D.Lgs. 286/1998.',
      dataSubjects: ['lavoratori stranieri e familiari richiedenti', 'datori di lavoro persone fisiche'],
      dataCategories: [
        'dati anagrafici',
        'numero di passaporto e codice fiscale',
        'cittadinanza',
        'motivi ostativi e precedenti penali (art. 10)',
      ],
      recipients: [
        'Questura (parere sui motivi ostativi)',
        'Ispettorato Territoriale del Lavoro (verifiche)',
      ],
      retention: ['exchange.opinions-closed', 'exchange.delivered-messages'],
    },
  ],
  findSubject,
  heldRecords: store.heldOpinions,
};
