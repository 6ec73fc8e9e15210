/**
 * Demo data of the legal updates: the legal expert's notes on DL 146/2025 (art. 1 on art. 22 TUI, art. 7 on art.
 * 29 TUI) and on the Ministry of Labour's circular 10/2025, published, as `domain/sui-procedures.md` states them.
 * The change DL 146/2025 art. 7 required of family reunification is marked applied by the SUI manager; the one
 * art. 1 required of work permits waits for her. Loaded through the real use cases.
 */
import type { Platform } from '../kernel/platform.ts';
import type { UpdateInput } from '../modules/updates/contract.ts';
import { markChangeApplied, markRead } from '../modules/updates/readings.ts';
import { createUpdate, proposeTrainingTopic, publishUpdate } from '../modules/updates/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;

/** In force the day after publication in GU n. 230 of 3 October 2025 (sui-procedures.md §2, §5). */
const DL_146_IN_FORCE = '2025-10-04';

/** The demo does not reproduce the acts: it says where they are. */
const GAZZETTA =
  'Il testo integrale non è riportato nei dati dimostrativi: si legge nella Gazzetta Ufficiale n. 230 del 3 ottobre 2025.';

const UPDATES: UpdateInput[] = [
  {
    kind: 'LEGISLATION',
    authority: 'Governo',
    number: '146/2025',
    issuedOn: '2025-10-03',
    title: 'Ricongiungimento familiare: il termine per il nulla osta passa da 90 a 150 giorni',
    summary:
      'Il decreto-legge 3 ottobre 2025, n. 146 (art. 7), pubblicato nella Gazzetta Ufficiale n. 230 del 3 ottobre ' +
      '2025 e convertito dalla legge n. 179/2025, porta a 150 giorni il termine per il rilascio del nulla osta al ' +
      'ricongiungimento familiare. Le domande presentate fino al 3 ottobre 2025 conservano il termine di 90 ' +
      'giorni; quelle presentate dal 4 ottobre 2025 seguono il nuovo termine di 150 giorni.',
    fullText: GAZZETTA,
    articles: [
      { act: 'D.Lgs. 286/1998', article: '29', paragraph: '8' },
      { act: 'DL 146/2025', article: '7', paragraph: null },
    ],
    caseTypes: ['FAMILY_REUNIFICATION_CLEARANCE'],
    validFrom: DL_146_IN_FORCE,
    caseTypeChange: {
      caseType: 'FAMILY_REUNIFICATION_CLEARANCE',
      note: 'Modifica richiesta: termine di 150 giorni per le domande presentate dal 4 ottobre 2025.',
    },
  },
  {
    kind: 'LEGISLATION',
    authority: 'Governo',
    number: '146/2025',
    issuedOn: '2025-10-03',
    title: 'Nulla osta al lavoro: i termini decorrono dall’imputazione della domanda alla quota',
    summary:
      'L’art. 1 del decreto-legge 3 ottobre 2025, n. 146 (convertito dalla legge n. 179/2025) modifica l’art. 22 ' +
      'c.5 TUI: dal 4 ottobre 2025 il termine di 60 giorni per il nulla osta al lavoro subordinato (20 giorni per ' +
      'il lavoro stagionale) decorre dalla data in cui la domanda è imputata alla quota, non più dalla ' +
      'presentazione. Il rilascio automatico dell’art. 22 c.5.01 non può avvenire prima che sia trascorso il ' +
      'termine contato dall’imputazione.',
    fullText: GAZZETTA,
    articles: [
      { act: 'D.Lgs. 286/1998', article: '22', paragraph: '5' },
      { act: 'D.Lgs. 286/1998', article: '22', paragraph: '5.01' },
      { act: 'DL 146/2025', article: '1', paragraph: null },
    ],
    caseTypes: ['WORK_CLEARANCE', 'SEASONAL_WORK'],
    validFrom: DL_146_IN_FORCE,
    caseTypeChange: {
      caseType: 'WORK_CLEARANCE',
      note: 'Modifica richiesta: il termine di 60 giorni decorre dall’imputazione alla quota per le domande dal 4 ottobre 2025.',
    },
  },
  {
    kind: 'CIRCULAR',
    authority: 'Ministero del Lavoro e delle Politiche Sociali',
    number: '10',
    issuedOn: '2025-05-05',
    title: 'Conversione da lavoro stagionale: si può lavorare mentre la conversione è in corso',
    summary:
      'La circolare n. 10 del 5 maggio 2025, applicando l’art. 5 c.9-bis TUI, chiarisce che il lavoratore ' +
      'stagionale che chiede la conversione in lavoro subordinato non stagionale (art. 24 c.10 TUI) può già ' +
      'lavorare mentre la conversione è in corso. Il DL 146/2025 estende questa possibilità a tutte le conversioni.',
    fullText:
      'Il testo integrale non è riportato nei dati dimostrativi: si legge sul sito del Ministero del Lavoro e delle Politiche Sociali.',
    articles: [
      { act: 'D.Lgs. 286/1998', article: '5', paragraph: '9-bis' },
      { act: 'D.Lgs. 286/1998', article: '24', paragraph: '10' },
    ],
    caseTypes: ['PERMIT_CONVERSION'],
    validFrom: '2025-05-05',
    caseTypeChange: null,
  },
];

export async function loadDemoUpdates(platform: DemoPlatform): Promise<void> {
  const expert = await memberCaller(platform, 'esperto.legale@lovit.example', ['legal_expert']);
  const manager = await memberCaller(platform, 'responsabile.sui@lovit.example', ['sui_manager']);
  if (!expert || !manager) return;
  const demo = withoutMail(platform);
  const published: string[] = [];
  for (const input of UPDATES) {
    const draft = await createUpdate(demo, expert, input);
    published.push((await publishUpdate(demo, expert, draft.id)).id);
  }
  const [family, ...others] = published;
  if (!family) return;
  // The last note asks for training: the trainers find it among the topics they plan from.
  const forTraining = others.at(-1);
  if (forTraining) await proposeTrainingTopic(demo, expert, forTraining);
  await markChangeApplied(demo, manager, family, DL_146_IN_FORCE);
  await markRead(demo, manager, family);
}
