/**
 * Demo data of the news (WP4): a published article in Italian and Arabic, an announcement scheduled for
 * publication in three days, and a draft waiting for the project manager's review. Loaded through the real
 * use cases, each text reviewed by someone other than its writer.
 */
import { Temporal } from 'temporal-polyfill';
import { LEGAL_TIME_ZONE } from '../kernel/clock.ts';
import type { Platform } from '../kernel/platform.ts';
import {
  createArticle,
  publishArticle,
  reviewArticleText,
  saveArticleText,
  scheduleArticle,
} from '../modules/outreach/news/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

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

/** A day so many days from now, on the Prefettura's calendar. */
const inDays = (platform: DemoPlatform, days: number) =>
  Temporal.Instant.fromEpochMilliseconds(platform.clock.now().getTime())
    .toZonedDateTimeISO(LEGAL_TIME_ZONE)
    .toPlainDate()
    .add({ days })
    .toString();

export async function loadDemoNews(platform: DemoPlatform): Promise<void> {
  const writer = await memberCaller(platform, 'comunicazione@lovit.example', ['communications']);
  const manager = await memberCaller(platform, 'project.manager@lovit.example', ['project_manager']);
  const mediator = await memberCaller(platform, 'mediatrice@lovit.example', ['mediator']);
  if (!writer || !manager || !mediator) return;
  const demo = withoutMail(platform);

  const hours = await createArticle(demo, writer, HOURS);
  await saveArticleText(demo, writer, { id: hours.id, lang: 'ar' }, HOURS_ARABIC);
  await reviewArticleText(demo, manager, { id: hours.id, lang: 'it' });
  await reviewArticleText(demo, mediator, { id: hours.id, lang: 'ar' });
  await publishArticle(demo, writer, hours.id);

  const conference = await createArticle(demo, writer, CONFERENCE);
  await reviewArticleText(demo, manager, { id: conference.id, lang: 'it' });
  await scheduleArticle(demo, writer, conference.id, { day: inDays(platform, 3), time: '09:00' });

  await createArticle(demo, writer, COUNCIL);
}
