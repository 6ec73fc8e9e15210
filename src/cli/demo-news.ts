/**
 * Demo data of the news and the printed matter (WP4): a published article in Italian and Arabic, an
 * announcement scheduled for publication in three days, a draft waiting for the project manager's review; a
 * leaflet in Italian and English with its print run and two deliveries; three press contacts, a release sent
 * to two of them and another waiting for review; two items of press coverage. Loaded
 * through the real use cases, each text reviewed by someone other than its writer.
 */
import { renderOfficialDocument } from '../kernel/pdf.ts';
import type { Platform } from '../kernel/platform.ts';
import { fileStoreOf } from '../kernel/uploads.ts';
import {
  createArticle,
  publishArticle,
  reviewArticleText,
  saveArticleText,
  scheduleArticle,
} from '../modules/outreach/news/service.ts';
import { addContact, reviewRelease, sendRelease, writeRelease } from '../modules/outreach/press/office.ts';
import { recordCoverage } from '../modules/outreach/press/service.ts';
import {
  addDistribution,
  addPublicationFile,
  createPublication,
  setPublicationPublished,
} from '../modules/outreach/publications/service.ts';
import { inDays, memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

const HOURS = {
  kind: 'NEWS' as const,
  tags: ['Sportello Unico', 'orari'],
  coverImageId: null,
  text: {
    title: 'Sportello Unico per l’Immigrazione: nuovi orari e appuntamenti con il mediatore',
    summary:
      'Da lunedì lo Sportello riceve anche il giovedì pomeriggio; all’appuntamento si può chiedere un mediatore linguistico-culturale.',
    body:
      '## Quando\n\n- lunedì, mercoledì e venerdì dalle 9 alle 12\n- giovedì dalle 14 alle 16\n\n' +
      '## Come prenotare\n\nL’appuntamento si prende dal [portale](https://www.prefettura.it/lodi/) o per telefono. ' +
      'Chi non parla italiano può chiedere un **mediatore linguistico-culturale** al momento della prenotazione: ' +
      'arabo, francese, ucraino, russo, urdu, punjabi, hindi, cinese e albanese.',
    imageAlt: null,
  },
};

const HOURS_ARABIC = {
  title: 'الشباك الموحد للهجرة: مواعيد جديدة ومواعيد مع الوسيط',
  summary:
    'ابتداءً من يوم الاثنين يستقبل الشباك أيضاً بعد ظهر يوم الخميس؛ ويمكن طلب وسيط لغوي وثقافي عند الحجز.',
  body:
    '## المواعيد\n\n- الاثنين والأربعاء والجمعة من 9 إلى 12\n- الخميس من 14 إلى 16\n\n' +
    '## كيفية الحجز\n\nيُحجز الموعد عبر البوابة أو بالهاتف. ويمكن لمن لا يتكلم الإيطالية أن يطلب **وسيطاً لغوياً وثقافياً** عند الحجز.',
  imageAlt: null,
};

const CONFERENCE = {
  kind: 'ANNOUNCEMENT' as const,
  tags: ['convegno finale', 'LO.V.I.T.'],
  coverImageId: null,
  text: {
    title: 'Aperte le iscrizioni al convegno finale del progetto LO.V.I.T.',
    summary: 'Ci si iscrive dal portale, senza account; su richiesta è disponibile l’interpretazione.',
    body:
      'Il convegno presenta i risultati del progetto nella provincia di Lodi. ' +
      'L’iscrizione è gratuita e si fa dalla pagina degli eventi del portale.',
    imageAlt: null,
  },
};

const COUNCIL = {
  kind: 'NEWS' as const,
  tags: ['Consiglio territoriale'],
  coverImageId: null,
  text: {
    title: 'Il Consiglio territoriale approva la mappa dei servizi per gli stranieri',
    summary:
      'La mappa raccoglie gli sportelli, i corsi di italiano e i servizi sociali dei Comuni della provincia.',
    body:
      'Nella seduta di questo mese il Consiglio territoriale per l’immigrazione ha approvato la mappa dei servizi. ' +
      'La mappa sarà pubblicata sul portale in tutte le lingue.',
    imageAlt: null,
  },
};

export async function loadDemoNews(platform: DemoPlatform): Promise<void> {
  const writer = await memberCaller(platform, 'comunicazione@lovit.example', ['communications']);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  const mediator = await memberCaller(platform, 'mediatrice@lovit.example', ['mediator']);
  if (!writer || !manager || !mediator) return;
  const demo = withoutMail(platform);

  const hours = await createArticle(demo, writer, HOURS);
  await saveArticleText(demo, writer, { id: hours.id, lang: 'ar' }, HOURS_ARABIC);
  await reviewArticleText(demo, manager, { id: hours.id, lang: 'it' }, { revision: 1 });
  await reviewArticleText(demo, mediator, { id: hours.id, lang: 'ar' }, { revision: 1 });
  await publishArticle(demo, writer, hours.id);

  const conference = await createArticle(demo, writer, CONFERENCE);
  await reviewArticleText(demo, manager, { id: conference.id, lang: 'it' }, { revision: 1 });
  await scheduleArticle(demo, writer, conference.id, { day: inDays(platform, 3), time: '09:00' });

  await createArticle(demo, writer, COUNCIL);

  const leaflet = await createPublication(demo, writer, {
    kind: 'LEAFLET',
    title: 'Lo Sportello Unico per l’Immigrazione in breve',
    description: 'Chi siamo, cosa facciamo e come si prende un appuntamento, anche con un mediatore.',
    printFormat: 'A4 piegato in tre',
    pages: 6,
    copiesPrinted: 1000,
    printedOn: inDays(platform, -20),
  });
  for (const [lang, title, lines] of LEAFLET_TEXTS) {
    const pdf = await renderOfficialDocument({
      issuer: ['Prefettura di Lodi – Ufficio Territoriale del Governo', 'Sportello Unico per l’Immigrazione'],
      title,
      sections: [{ paragraphs: lines }],
      footer: 'Progetto LO.V.I.T. – FAMI 2014-2020',
      metadata: { title, subject: title, author: 'Prefettura di Lodi', createdAt: platform.clock.now() },
    });
    const file = await fileStoreOf(platform.config).stage(pdf, `sportello-unico-${lang}.pdf`);
    await addPublicationFile(
      demo,
      writer,
      { id: leaflet.id, lang },
      { declaredName: `sportello-unico-${lang}.pdf`, file, fields: { title } },
    );
  }
  await setPublicationPublished(demo, writer, leaflet.id, true);
  for (const [point, copies, days] of [
    ['Questura di Lodi – Ufficio immigrazione', 300, -15],
    ['Comune di Codogno – Servizi sociali', 150, -10],
  ] as const)
    await addDistribution(demo, writer, leaflet.id, {
      point,
      copies,
      deliveredOn: inDays(platform, days),
      notes: null,
    });

  const contacts = [];
  for (const [outlet, name, email, beat] of PRESS_CONTACTS)
    contacts.push(
      await addContact(demo, writer, {
        outlet,
        name,
        email,
        beat,
        phone: null,
        language: 'it',
        legalBasis: 'LEGITIMATE_INTEREST',
        legalBasisNote: 'Indirizzo della redazione pubblicato dalla testata',
      }),
    );
  const release = await writeRelease(demo, writer, null, {
    title: 'Lo Sportello Unico per l’Immigrazione apre anche il giovedì pomeriggio',
    summary: 'Nuovi orari e mediatori linguistico-culturali su prenotazione, grazie al progetto LO.V.I.T.',
    body:
      'La Prefettura di Lodi comunica che lo **Sportello Unico per l’Immigrazione** riceve anche il giovedì ' +
      'dalle 14 alle 16. Alla prenotazione si può chiedere un mediatore linguistico-culturale.',
  });
  await reviewRelease(demo, manager, release.id);
  await sendRelease(demo, writer, release.id, {
    contactIds: contacts.slice(0, 2).map((contact) => contact.id),
  });
  await writeRelease(demo, writer, null, {
    title: 'Convegno finale del progetto LO.V.I.T.: aperte le iscrizioni',
    summary: 'Il convegno presenta i risultati del progetto; l’iscrizione è gratuita, dal portale.',
    body: 'Il programma completo è pubblicato nella pagina degli eventi del portale della Prefettura.',
  });

  await recordCoverage(demo, writer, {
    publishedOn: inDays(platform, -6),
    outlet: 'Il Cittadino di Lodi',
    title: 'Lo Sportello Unico apre anche il giovedì pomeriggio',
    media: 'PRINT',
    url: null,
    reach: 12000,
    notes: 'Cronaca di Lodi, pagina 7',
  });
  await recordCoverage(demo, writer, {
    publishedOn: inDays(platform, -2),
    outlet: 'Radio Lodi',
    title: 'Intervista alla Prefettura sul progetto LO.V.I.T.',
    media: 'RADIO',
    url: 'https://www.example.org/radio-lodi/lovit',
    reach: 3000,
    notes: null,
  });
}

const PRESS_CONTACTS: [string, string, string, string][] = [
  ['Il Cittadino di Lodi', 'Redazione cronaca', 'cronaca@ilcittadino.example', 'Cronaca locale'],
  ['Radio Lodi', 'Redazione notiziario', 'notizie@radiolodi.example', 'Notiziario'],
  ['Agenzia Lombardia Notizie', 'Desk Lodi', 'lodi@agenzia.example', 'Enti locali'],
];

const LEAFLET_TEXTS: [string, string, string[]][] = [
  [
    'it',
    'Lo Sportello Unico per l’Immigrazione in breve',
    [
      'Lo Sportello Unico segue le domande di nulla osta al lavoro e al ricongiungimento familiare.',
      'Si riceve su appuntamento: lunedì, mercoledì e venerdì dalle 9 alle 12, giovedì dalle 14 alle 16.',
      'Chi non parla italiano può chiedere un mediatore linguistico-culturale quando prenota.',
    ],
  ],
  [
    'en',
    'The One-Stop Immigration Desk at a glance',
    [
      'The One-Stop Desk handles applications for work permits and family reunification.',
      'By appointment: Monday, Wednesday and Friday 9 to 12, Thursday 2 to 4 pm.',
      'If you do not speak Italian, ask for a cultural mediator when you book.',
    ],
  ],
];
