/**
 * Demo data of training's questionnaires: a needs survey answered by seven operators and closed, so that the demand
 * by topic, track and type of organisation shows at first start; and a past edition of a course whose anonymous
 * evaluation six participants answered and the trainer closed. Loaded through the real use cases on past clocks;
 * the answers are invented.
 */
import type { Caller } from '../kernel/auth.ts';
import { SettableClock } from '../kernel/clock.ts';
import type { Role } from '../kernel/permissions.ts';
import type { Platform } from '../kernel/platform.ts';
import * as surveys from '../modules/surveys/service.ts';
import { enrolStaff } from '../modules/training/enrolments.ts';
import { closeEvaluation, sendEvaluation } from '../modules/training/evaluations.ts';
import { launchNeedsSurvey } from '../modules/training/needs.ts';
import { NEEDS_TEMPLATE } from '../modules/training/needs-rules.ts';
import { createCourse, createEdition } from '../modules/training/service.ts';
import { memberCaller, withoutMail } from './sui-caller.ts';

type DemoPlatform = Pick<Platform, 'database' | 'clock' | 'config'>;
const DAY = 86_400_000;

/** Who answers the needs survey: role, type of organisation, track, need for the template's nine topics, format. */
const NEEDS_ANSWERS: [string, Role, string, string, string, number[], string][] = [
  [
    'operatore.sui@lovit.example',
    'sui_operator',
    'Funzionario o funzionaria amministrativa',
    'Prefettura',
    'Operatori degli enti pubblici',
    [4, 5, 5, 4, 2, 2, 3, 3, 3],
    'In presenza',
  ],
  [
    'responsabile.sui@lovit.example',
    'sui_manager',
    'Responsabile o coordinatore',
    'Prefettura',
    'Operatori degli enti pubblici',
    [5, 4, 4, 3, 2, 2, 2, 4, 4],
    'In parte in presenza e in parte online',
  ],
  [
    'funzionario.questura@lovit.example',
    'questura_officer',
    'Funzionario o funzionaria amministrativa',
    'Questura',
    'Operatori degli enti pubblici',
    [5, 5, 3, 4, 4, 3, 1, 2, 3],
    'Online',
  ],
  [
    'ispettore.itl@lovit.example',
    'inspectorate_officer',
    'Funzionario o funzionaria amministrativa',
    'Ispettorato del Lavoro',
    'Operatori degli enti pubblici',
    [3, 3, 5, 2, 1, 1, 2, 2, 5],
    'Online',
  ],
  [
    'mediatrice@lovit.example',
    'mediator',
    'Mediatore o mediatrice linguistico-culturale',
    'Cooperativa',
    'Operatori del privato sociale (Terzo Settore)',
    [3, 4, 2, 4, 5, 4, 5, 5, 3],
    'In presenza',
  ],
  [
    'corsista@lovit.example',
    'trainee',
    'Operatore o operatrice di sportello',
    'Comune',
    'Operatori pubblici e del privato sociale',
    [4, 5, 3, 5, 3, 3, 4, 4, 2],
    'In parte in presenza e in parte online',
  ],
  [
    'oksana.kovalenko@lovit.example',
    'mediator',
    'Mediatore o mediatrice linguistico-culturale',
    'Cooperativa',
    'Operatori del privato sociale (Terzo Settore)',
    [2, 4, 2, 3, 5, 5, 5, 4, 4],
    'In presenza',
  ],
];

/** The participants of the past edition, enrolled by the SUI manager as staff of the Prefettura, and their marks. */
const PARTICIPANTS: [string, Role, number[], string | null][] = [
  ['operatore.sui@lovit.example', 'sui_operator', [5, 5, 5, 4, 5], 'Molto utile per lo sportello.'],
  ['responsabile.sui@lovit.example', 'sui_manager', [4, 4, 5, 3, 4], null],
  ['oksana.kovalenko@lovit.example', 'mediator', [4, 3, 4, 4, 4], 'Più esempi di casi reali.'],
  ['imran.qureshi@lovit.example', 'mediator', [5, 4, 5, 5, 5], null],
  ['li.wei@lovit.example', 'mediator', [3, 4, 4, 2, 3], 'Aula troppo piccola.'],
  ['blerina.dervishi@lovit.example', 'mediator', [4, 4, 5, 4, 4], null],
];

const at = (platform: DemoPlatform, daysAgo: number): Platform => ({
  ...withoutMail(platform),
  clock: new SettableClock(new Date(platform.clock.now().getTime() - daysAgo * DAY)),
});

async function callers<T extends [string, Role, ...unknown[]]>(platform: DemoPlatform, rows: T[]) {
  const found: [Caller, T][] = [];
  for (const row of rows) {
    const caller = await memberCaller(platform, row[0], [row[1]]);
    if (caller?.actor) found.push([caller, row]);
  }
  return found;
}

async function loadNeedsSurvey(platform: DemoPlatform, trainer: Caller) {
  const past = at(platform, 30);
  // the template's own topics: the demo's answers are to those, whatever was proposed since
  const template = NEEDS_TEMPLATE;
  const survey = await launchNeedsSurvey(past, trainer, {
    title: 'Rilevazione dei fabbisogni formativi 2026',
    intro: template.intro,
    topics: template.topics.join('\n'),
    anonymous: true,
    reminderDays: 7,
  });
  const people = await callers(platform, NEEDS_ANSWERS);
  await surveys.inviteToSurvey(past, trainer, survey.id, {
    userIds: people.map(([caller]) => caller.actor?.userId as string),
  });
  await surveys.moveSurvey(past, trainer, survey.id, 'OPEN');
  for (const [caller, [, , role, type, track, levels, format]] of people)
    await surveys.submitAnswer(at(platform, 25), caller, survey.id, {
      answers: {
        ruolo: role,
        tipo_ente: type,
        percorso: track,
        ...Object.fromEntries(levels.map((level, index) => [`argomento_${index + 1}`, level])),
        formato: format,
      },
    });
  await surveys.moveSurvey(at(platform, 15), trainer, survey.id, 'CLOSED');
}

async function loadEvaluatedEdition(platform: DemoPlatform, trainer: Caller) {
  const manager = await memberCaller(platform, 'responsabile.sui@lovit.example', ['sui_manager']);
  if (!manager?.actor || !trainer.actor) return;
  const before = at(platform, 30);
  const day = (daysAgo: number) =>
    before.clock
      .today()
      .add({ days: 30 - daysAgo })
      .toString();
  const course = await createCourse(before, trainer, {
    title: 'Permessi di soggiorno: rinnovi e conversioni',
    track: 'PUBLIC',
    objectives: 'Istruire correttamente rinnovi e conversioni dei permessi di soggiorno.',
    topics: 'Il rinnovo del permesso di soggiorno\nLe conversioni per lavoro\nI documenti richiesti',
    hours: 4,
    trainerIds: [trainer.actor.userId],
    targetRoles: 'Operatori dello Sportello Unico e della Questura',
    prerequisites: null,
    completionPercent: 75,
  });
  const edition = await createEdition(before, trainer, course.id, {
    name: 'Edizione di novembre',
    capacity: 20,
    cancelUntil: day(21),
    sessions: [
      { day: day(20), startTime: '09:00', endTime: '13:00', place: 'Prefettura di Lodi, sala riunioni' },
    ],
  });
  const people = await callers(platform, PARTICIPANTS);
  for (const [caller] of people)
    await enrolStaff(before, manager, edition.id, caller.actor?.userId as string);
  const evaluation = await sendEvaluation(at(platform, 19), trainer, edition.id);
  for (const [caller, [, , marks, comment]] of people) {
    const [soddisfazione, contenuti, formatore, organizzazione, utilita] = marks;
    await surveys.submitAnswer(at(platform, 18), caller, evaluation.questionnaireId, {
      answers: {
        soddisfazione: soddisfazione as number,
        contenuti: contenuti as number,
        formatore: formatore as number,
        organizzazione: organizzazione as number,
        utilita: utilita as number,
        ...(comment ? { commenti: comment } : {}),
      },
    });
  }
  await closeEvaluation(at(platform, 10), trainer, edition.id);
}

export async function loadDemoTrainingFeedback(platform: DemoPlatform): Promise<void> {
  const trainer = await memberCaller(platform, 'formatore@lovit.example', ['trainer']);
  if (!trainer?.actor) return;
  await loadNeedsSurvey(platform, trainer);
  await loadEvaluatedEdition(platform, trainer);
}
