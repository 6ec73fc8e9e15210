/**
 * Demo data of needs and resources: services of the demo organisations, and a needs questionnaire answered for
 * a dozen municipalities, so that the map shows needs, services and gaps at first start. Figures are invented.
 */
import type { Caller } from '../kernel/auth.ts';
import type { Platform } from '../kernel/platform.ts';
import type { Theme } from '../modules/council/contract.ts';
import type { ServiceInput } from '../modules/council/needs/contract.ts';
import {
  createQuestionnaire,
  createService,
  moveQuestionnaire,
  submitResponse,
} from '../modules/council/needs/service.ts';

type Callers = { secretariat: Caller; lodi: Caller; lule: Caller };

const service = (
  name: string,
  municipalityIstatCode: string,
  themes: Theme[],
  description: string,
): ServiceInput => ({
  name,
  description,
  municipalityIstatCode,
  themes,
  targetGroups: ['Cittadini stranieri'],
  languages: ['ar', 'en', 'fr'],
});

const NEED_THEMES: Theme[] = ['WORK', 'HOUSING', 'HEALTH', 'SCHOOL'];

/** Invented need levels (1–5) per municipality, in the order of NEED_THEMES. */
const REPORTED: [string, number[]][] = [
  ['098031', [3, 5, 3, 4]],
  ['098019', [4, 4, 2, 3]],
  ['098010', [4, 4, 3, 2]],
  ['098050', [3, 4, 2, 3]],
  ['098032', [2, 3, 2, 2]],
  ['098061', [2, 2, 3, 3]],
  ['098056', [3, 2, 2, 2]],
  ['098014', [3, 3, 4, 2]],
  ['098004', [2, 4, 3, 2]],
  ['098029', [3, 2, 3, 4]],
  ['098041', [2, 3, 2, 3]],
  ['098035', [3, 3, 4, 2]],
];

export async function loadDemoNeeds(platform: Platform, callers: Callers): Promise<void> {
  for (const [caller, input] of [
    [
      callers.lodi,
      service(
        'Sportello stranieri del Comune',
        '098031',
        ['HOUSING', 'WORK'],
        'Informazioni su casa, residenza e lavoro.',
      ),
    ],
    [
      callers.lodi,
      service(
        'Centro per l’impiego – sportello immigrati',
        '098031',
        ['WORK'],
        'Orientamento al lavoro e iscrizione al collocamento.',
      ),
    ],
    [
      callers.lule,
      service(
        'Mediazione linguistico-culturale in ospedale',
        '098031',
        ['HEALTH'],
        'Mediatori presso l’ospedale Maggiore.',
      ),
    ],
    [
      callers.lule,
      service(
        'Doposcuola interculturale',
        '098019',
        ['SCHOOL', 'MINORS'],
        'Sostegno allo studio per ragazzi stranieri.',
      ),
    ],
    [
      callers.lule,
      service('Orientamento al lavoro', '098019', ['WORK'], 'Bilancio di competenze e ricerca attiva.'),
    ],
    [
      callers.secretariat,
      service(
        'Sportello Unico per l’Immigrazione',
        '098031',
        ['WORK', 'PROTECTION'],
        'Nulla osta al lavoro e ricongiungimenti familiari.',
      ),
    ],
    [
      callers.lule,
      service('Corsi di italiano L2', '098050', ['SCHOOL'], 'Corsi serali di italiano con il CPIA.'),
    ],
  ] as const)
    await createService(platform, caller, input);

  const questionnaire = await createQuestionnaire(platform, callers.secretariat, {
    title: 'Rilevazione dei bisogni e delle risorse',
    intro: 'Per ciascun comune, il livello di bisogno percepito per tema (1 nessuno, 5 molto elevato).',
    questions: [
      {
        kind: 'CHOICE',
        key: 'has_desk',
        label: 'Nel comune c’è uno sportello per stranieri?',
        required: true,
        options: ['Sì', 'No'],
      },
      {
        kind: 'TEXT',
        key: 'desk_hours',
        label: 'Con quali orari?',
        required: false,
        showIf: { key: 'has_desk', anyOf: ['Sì'] },
      },
      ...NEED_THEMES.map((theme) => ({
        kind: 'SCALE' as const,
        key: `need_${theme.toLowerCase()}`,
        label: `Bisogno: ${theme === 'WORK' ? 'lavoro' : theme === 'HOUSING' ? 'casa' : theme === 'HEALTH' ? 'salute' : 'scuola'}`,
        required: true,
        theme,
      })),
    ],
  });
  await moveQuestionnaire(platform, callers.secretariat, questionnaire.id, 'OPEN');
  for (const [code, levels] of REPORTED) {
    const answers = Object.fromEntries(
      NEED_THEMES.map((theme, index) => [`need_${theme.toLowerCase()}`, levels[index] ?? 1]),
    );
    await submitResponse(platform, code === '098031' ? callers.lodi : callers.secretariat, questionnaire.id, {
      municipalityIstatCode: code,
      answers: { has_desk: code === '098031' ? 'Sì' : 'No', ...answers },
    });
  }
}
