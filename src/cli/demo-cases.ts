/**
 * Demo case files for the SUI worklist: the province's quotas of the current year (demo figures), a dozen
 * applications at different steps and two imported from a click-day export, submitted and moved through the
 * real use cases.
 */
import type { Caller } from '../kernel/auth.ts';
import { renderOfficialDocument } from '../kernel/pdf.ts';
import type { Platform } from '../kernel/platform.ts';
import { fileStoreOf } from '../kernel/uploads.ts';
import type { Action, IntakeInput } from '../modules/cases/contract.ts';
import * as quotas from '../modules/cases/intake/quotas.ts';
import { takeArrivalTicket } from '../modules/cases/intake/service.ts';
import { isWorkingDay } from '../modules/cases/law/calendar.ts';
import { recordNoticeReceipt } from '../modules/cases/outcomes/notices.ts';
import { longDate } from '../modules/cases/outcomes/rules.ts';
import * as cases from '../modules/cases/service.ts';
import * as answers from '../modules/exchange/answers.ts';
import { raiseProblem } from '../modules/exchange/problems/service.ts';
import * as exchange from '../modules/exchange/service.ts';
import { loadDemoTeam } from './demo-team.ts';
import { memberCaller, suiCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const QUOTAS = [
  { sector: 'NON_SEASONAL', total: 1200 },
  { sector: 'HOME_CARE', total: 150 },
  { sector: 'AGRICULTURE', total: 900 },
  { sector: 'TOURISM', total: 300 },
];

const DEMO_QUOTA_BASIS = 'Dati dimostrativi: ripartizione provinciale non ufficiale';

const EMPLOYERS = [
  {
    name: 'Cascina San Bassiano Società Agricola',
    fiscalCode: '00012345674',
    address: 'Strada Provinciale 235, 26900 Lodi (LO)',
  },
  {
    name: 'Logistica Lodigiana S.p.A.',
    fiscalCode: '07643520567',
    address: 'Via dell’Industria 12, 26845 Codogno (LO)',
  },
  {
    name: 'Albergo del Borgo S.r.l.',
    fiscalCode: '12345678903',
    address: 'Piazza della Vittoria 3, 26900 Lodi (LO)',
  },
];

const WORKERS = [
  {
    surname: 'Hossain',
    givenName: 'Rahim',
    sex: 'M',
    citizenship: 'BD',
    language: 'bn',
    birthPlace: 'Dhaka',
  },
  {
    surname: 'Singh',
    givenName: 'Gurpreet',
    sex: 'M',
    citizenship: 'IN',
    language: 'hi',
    birthPlace: 'Amritsar',
  },
  {
    surname: 'El Amrani',
    givenName: 'Youssef',
    sex: 'M',
    citizenship: 'MA',
    language: 'ar',
    birthPlace: 'Casablanca',
  },
  { surname: 'Boyko', givenName: 'Olena', sex: 'F', citizenship: 'UA', language: 'uk', birthPlace: 'Lviv' },
  {
    surname: 'Okafor',
    givenName: 'Chinedu',
    sex: 'M',
    citizenship: 'NG',
    language: 'en',
    birthPlace: 'Lagos',
  },
  { surname: 'Hoxha', givenName: 'Elira', sex: 'F', citizenship: 'AL', language: 'sq', birthPlace: 'Tirana' },
] as const;

/** The steps each demo case goes through after submission, so the worklist shows every kind of case. */
const PATHS: Action[][] = [
  [],
  ['START_REVIEW'],
  ['START_REVIEW', 'REQUEST_DOCUMENTS'],
  ['START_REVIEW', 'REQUEST_OPINIONS'],
  ['START_REVIEW', 'REQUEST_DOCUMENTS', 'RECORD_DOCUMENTS', 'REQUEST_OPINIONS'],
  ['START_REVIEW', 'SEND_REJECTION_NOTICE'],
];

function application(index: number): IntakeInput {
  const worker = WORKERS[index % WORKERS.length] as (typeof WORKERS)[number];
  const employer = EMPLOYERS[index % EMPLOYERS.length] as (typeof EMPLOYERS)[number];
  return {
    type: index % 4 === 3 ? 'SEASONAL_WORK' : 'WORK_CLEARANCE',
    quotaSector: index % 4 === 3 ? 'AGRICULTURE' : 'NON_SEASONAL',
    externalReference: `ALI-DEMO-${String(index + 1).padStart(4, '0')}`,
    parties: [
      {
        role: 'EMPLOYER',
        employer: { kind: 'COMPANY', ...employer, pec: `pratiche${index % 3}@pec.lovit.example` },
      },
      {
        role: 'WORKER',
        person: {
          surname: worker.surname,
          givenName: worker.givenName,
          sex: worker.sex,
          birthDate: `19${85 + (index % 12)}-0${1 + (index % 9)}-15`,
          birthPlace: worker.birthPlace,
          citizenship: worker.citizenship,
          passport: { number: `DEMO${String(index + 1).padStart(5, '0')}`, expiry: '2032-12-31' },
          email: `lavoratore${index + 1}@lovit.example`,
          preferredLanguage: worker.language,
        },
      },
    ],
    details: { formCode: 'B2020', jobTitle: 'Operaio', contractType: 'FIXED_TERM', weeklyHours: 40 },
  };
}

/** Loads quotas and demo cases for the Prefettura's SUI, acting as its demo operator. */
export async function loadDemoCases(platform: DemoPlatform): Promise<void> {
  const caller = await suiCaller(platform, 'responsabile.sui@lovit.example');
  if (!caller) return;
  const full = withoutMail(platform);
  const year = platform.clock.today().year;
  for (const quota of QUOTAS)
    await quotas.setQuota(full, caller, { year, ...quota, legalBasis: DEMO_QUOTA_BASIS });
  const caseIds: string[] = [];
  for (let index = 0; index < 12; index++) {
    const { result } = await cases.submit(full, caller, application(index), {
      channel: 'DESK',
      idempotencyKey: null,
      ticket: takeArrivalTicket(platform),
    });
    caseIds.push(result.id);
    let version = 1;
    for (const action of PATHS[index % PATHS.length] ?? []) {
      const detail = await cases.act(full, caller, result.id, {
        action,
        version,
        reason:
          action === 'START_REVIEW' || action === 'RECORD_DOCUMENTS' || action === 'REQUEST_OPINIONS'
            ? null
            : 'Motivazione dimostrativa',
      });
      version = detail.version;
    }
  }
  // the first notice of intended refusal came back by PEC: its window for observations runs; the second waits
  const notified = caseIds[PATHS.findIndex((path) => path.includes('SEND_REJECTION_NOTICE'))];
  if (notified) await recordDemoReceipt(full, caller, notified);
  await loadImportedDemoCases(full, caller);
  await loadDemoOpinions(platform);
  await loadDemoTeam(platform, caseIds);
}

/** The receipt of a preavviso di rigetto, recorded today with a PEC delivery receipt as its evidence. */
async function recordDemoReceipt(platform: Platform, caller: Caller, caseId: string): Promise<void> {
  const detail = await cases.getCase(platform, caller, caseId);
  const evidence = await renderOfficialDocument({
    issuer: ['Gestore di posta elettronica certificata'],
    title: 'Ricevuta di avvenuta consegna',
    subtitle: 'Documento dimostrativo',
    sections: [
      {
        rows: [
          ['Oggetto', `Preavviso di rigetto – pratica ${detail.number}`],
          ['Consegnato il', longDate(platform.clock.today())],
        ],
      },
    ],
    metadata: {
      title: 'Ricevuta di avvenuta consegna',
      subject: detail.number,
      author: 'LOVIT',
      createdAt: platform.clock.now(),
    },
  });
  const file = await fileStoreOf(platform.config).stage(evidence, 'ricevuta-consegna-pec.pdf');
  try {
    await recordNoticeReceipt(platform, caller, caseId, {
      fields: {
        receivedOn: platform.clock.today().toString(),
        channel: 'PEC',
        version: String(detail.version),
      },
      declaredName: 'ricevuta-consegna-pec.pdf',
      file,
    });
  } finally {
    await file.discard();
  }
}

/**
 * Two applications imported from a click-day export, with their real days. One was imputed to the quota three
 * weeks ago, asked for documents that came ten days later, and its term ends on a Sunday or holiday: its due
 * date explains a suspension and a roll-over. The other has no imputation recorded yet: its due date is
 * provisional until the office records it from the case page.
 */
async function loadImportedDemoCases(platform: Platform, caller: Caller): Promise<void> {
  const today = platform.clock.today();
  const calendar = cases.legalCalendarOf(platform.config);
  const imputedOn =
    [21, 20, 19, 18, 17, 16, 15]
      .map((days) => today.subtract({ days }))
      .find((day) => !isWorkingDay(day.add({ days: 70 }), calendar)) ?? today.subtract({ days: 15 });
  const imports = [
    { index: 12, submittedOn: imputedOn.subtract({ days: 3 }), quotaImputedOn: imputedOn },
    { index: 13, submittedOn: today.subtract({ days: 10 }), quotaImputedOn: null },
  ];
  for (const year of new Set(imports.map((entry) => entry.submittedOn.year)))
    if (year !== today.year)
      for (const quota of QUOTAS)
        await quotas.setQuota(platform, caller, { year, ...quota, legalBasis: DEMO_QUOTA_BASIS });
  const ids: string[] = [];
  for (const { index, submittedOn, quotaImputedOn } of imports) {
    const { result } = await cases.submit(platform, caller, application(index), {
      channel: 'IMPORT',
      idempotencyKey: null,
      ticket: takeArrivalTicket(platform),
      dates: { submittedOn, quotaImputedOn },
    });
    ids.push(result.id);
  }
  const [explained] = ids;
  if (!explained) return;
  const steps: [Action, number][] = [
    ['START_REVIEW', 1],
    ['REQUEST_DOCUMENTS', 5],
    ['RECORD_DOCUMENTS', 15],
  ];
  let version = 1;
  for (const [action, after] of steps) {
    const detail = await cases.act(platform, caller, explained, {
      action,
      version,
      onDay: imputedOn.add({ days: after }).toString(),
      reason: action === 'REQUEST_DOCUMENTS' ? 'Manca la copia integrale del passaporto' : null,
    });
    version = detail.version;
  }
}

/**
 * The Questura's side of the demo: one opinion answered, one question waiting for the SUI, and a problem in the
 * shared log, so that the inbox, the case pages and the figures have something to show.
 */
async function loadDemoOpinions(platform: DemoPlatform): Promise<void> {
  const police = await memberCaller(platform, 'funzionario.questura@lovit.example', ['questura_officer']);
  const sui = await suiCaller(platform, 'responsabile.sui@lovit.example');
  if (!police?.actor || !sui) return;
  const full = withoutMail(platform);
  const { items } = await exchange.inbox(full, police, { state: 'open', pageSize: 10 });
  const [first, second] = items;
  if (first) await answers.answer(full, police, first.id, { outcome: 'FAVOURABLE', attachments: [] });
  if (second)
    await answers.ask(full, police, second.id, {
      question: 'Il lavoratore risulta aver usato altri nomi? Inviare copia integrale del passaporto.',
    });
  await raiseProblem(full, sui, {
    category: 'MISSING_DATA',
    title: 'Pareri chiesti senza copia integrale del passaporto',
    description:
      'La Questura chiede spesso la copia integrale del passaporto: allegarla già alla richiesta di parere.',
    ownerOrganisationId: police.actor.organisationId,
  });
}
