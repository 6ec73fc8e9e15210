/**
 * Demo data of the events (WP4): the final conference, published with its Arabic and English pages and a few
 * registrations asking for interpretation, and the theatre installation with two performances, the first full
 * with one person waiting. Dates are counted from the first start. Loaded through the real use cases.
 */
import { SYSTEM_CALLER } from '../kernel/auth.ts';
import type { Platform } from '../kernel/platform.ts';
import type { EventInput, SessionInput } from '../modules/outreach/contract.ts';
import { type Registration, register } from '../modules/outreach/events/seats.ts';
import {
  addCheckInList,
  addQuestion,
  addSession,
  createEvent,
  keepTranslation,
  setPublished,
} from '../modules/outreach/events/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const CONFERENCE: EventInput = {
  kind: 'CONFERENCE',
  title: 'Convegno finale del progetto LO.V.I.T.',
  summary:
    'I risultati del progetto: lo Sportello Unico, il Consiglio territoriale, la formazione degli operatori e l’informazione ai cittadini stranieri.',
  description:
    'Il convegno presenta quanto il progetto LO.V.I.T. ha fatto nella provincia di Lodi, con la Prefettura, la ' +
    'Questura, i Comuni e il Terzo Settore.\n\nSono previsti interventi delle istituzioni, delle cooperative e dei ' +
    'mediatori linguistico-culturali. È disponibile l’interpretazione in arabo e in inglese su richiesta.',
  offerHours: 48,
};

const INSTALLATION: EventInput = {
  kind: 'PERFORMANCE',
  title: 'Voci di confine – installazione teatrale',
  summary: 'Un’installazione teatrale sulle storie di chi arriva a Lodi, in due repliche.',
  description:
    'Attori e cittadini stranieri raccontano il viaggio, l’attesa dei documenti e il lavoro. Ogni replica dura ' +
    'un’ora e mezza ed è seguita da un incontro con il pubblico.',
  offerHours: 24,
};

const person = (
  sessionId: string,
  name: string,
  email: string,
  extra: Partial<Registration> = {},
): Registration => ({
  sessionId,
  name,
  email,
  organisation: null,
  organisationType: null,
  language: 'it',
  accessibilityNeeds: null,
  interpretationLanguage: null,
  ...extra,
});

export async function loadDemoEvents(platform: DemoPlatform): Promise<void> {
  const officer = await memberCaller(platform, 'comunicazione@lovit.example', ['communications']);
  if (!officer) return;
  const demo = withoutMail(platform);

  const conference = await createEvent(demo, officer, CONFERENCE);
  const hall: SessionInput = {
    label: 'Sala consiliare',
    day: inDays(platform, 60),
    startTime: '09:30',
    endTime: '13:00',
    venue: 'Sala consiliare della Provincia di Lodi',
    address: 'Via Fanfulla 14, Lodi',
    accessibility: 'Ingresso senza gradini, ascensore, servizi accessibili, anello a induzione in sala.',
    capacity: 150,
  };
  const withHall = await addSession(demo, officer, conference.id, hall);
  await keepTranslation(demo, officer, conference.id, 'en', {
    title: 'Final conference of the LO.V.I.T. project',
    summary:
      'What the project achieved: the one-stop immigration desk, the territorial council, staff training and information for foreign citizens.',
    description:
      'The conference presents the work of the LO.V.I.T. project in the province of Lodi with the Prefecture, the ' +
      'police headquarters, the municipalities and the voluntary sector.\n\nInterpretation into Arabic and English is available on request.',
  });
  await keepTranslation(demo, officer, conference.id, 'ar', {
    title: 'المؤتمر الختامي لمشروع LO.V.I.T.',
    summary: 'نتائج المشروع: الشباك الموحد للهجرة والمجلس الإقليمي وتدريب الموظفين وإعلام المواطنين الأجانب.',
    description:
      'يعرض المؤتمر ما أنجزه مشروع LO.V.I.T. في مقاطعة لودي.\n\nتتوفر الترجمة الفورية إلى العربية والإنجليزية عند الطلب.',
  });
  await setPublished(demo, officer, conference.id, true);
  const hallId = withHall.sessions[0]?.id as string;
  for (const registration of [
    person(hallId, 'Giulia Ferri', 'giulia.ferri@example.org', {
      organisation: 'Comune di Codogno',
      organisationType: 'PUBLIC',
    }),
    person(hallId, 'Youssef Amrani', 'youssef.amrani@example.org', {
      language: 'ar',
      interpretationLanguage: 'ar',
      organisation: 'Associazione Oltre i confini',
      organisationType: 'THIRD_SECTOR',
    }),
    person(hallId, 'Fatima Zahra', 'fatima.zahra@example.org', {
      language: 'ar',
      interpretationLanguage: 'ar',
    }),
    person(hallId, 'Grace Okafor', 'grace.okafor@example.org', {
      language: 'en',
      interpretationLanguage: 'en',
      accessibilityNeeds: 'Posto vicino all’uscita',
    }),
  ])
    await register(demo, SYSTEM_CALLER, registration);

  const installation = await createEvent(demo, officer, INSTALLATION);
  const stage: SessionInput = {
    label: 'Prima replica',
    day: inDays(platform, 30),
    startTime: '20:30',
    endTime: '22:00',
    venue: 'Teatro alle Vigne',
    address: 'Via Cavour 66, Lodi',
    accessibility: 'Ingresso senza gradini dal cortile, posti riservati in platea, servizi accessibili.',
    capacity: 3,
  };
  const withFirst = await addSession(demo, officer, installation.id, stage);
  await addSession(demo, officer, installation.id, {
    ...stage,
    label: 'Seconda replica',
    day: inDays(platform, 31),
    startTime: '17:00',
    endTime: '18:30',
    capacity: 60,
  });
  // a morning for the schools, by invitation: each class asks, the staff accept; the form asks the school
  const withSchools = await addSession(demo, officer, installation.id, {
    ...stage,
    label: 'Replica per le scuole',
    day: inDays(platform, 32),
    startTime: '10:00',
    endTime: '11:30',
    capacity: 120,
    requiresApproval: true,
  });
  const withQuestion = await addQuestion(demo, officer, installation.id, {
    label: 'Per una classe: quale scuola e quanti studenti?',
    kind: 'TEXT',
  });
  await addCheckInList(demo, officer, installation.id, 'Incontro con il pubblico');
  await setPublished(demo, officer, installation.id, true);
  const firstId = withFirst.sessions[0]?.id as string;
  const schoolsId = withSchools.sessions.find((session) => session.requiresApproval)?.id as string;
  const questionId = withQuestion.questions[0]?.id as string;
  await register(demo, SYSTEM_CALLER, {
    ...person(schoolsId, 'Paola Galli', 'paola.galli@example.org', {
      organisation: 'Liceo Gandini',
      organisationType: 'SCHOOL',
    }),
    answers: { [questionId]: 'Liceo Gandini di Lodi, classe 4ª B: 24 studenti' },
  });
  for (const registration of [
    person(firstId, 'Marco Bassi', 'marco.bassi@example.org'),
    person(firstId, 'Olena Kovalenko', 'olena.kovalenko@example.org', { language: 'uk' }),
    person(firstId, 'Arben Hoxha', 'arben.hoxha@example.org', { language: 'sq' }),
    person(firstId, 'Priya Singh', 'priya.singh@example.org', {
      language: 'en',
      interpretationLanguage: 'pa',
    }),
  ])
    await register(demo, SYSTEM_CALLER, registration);
}
