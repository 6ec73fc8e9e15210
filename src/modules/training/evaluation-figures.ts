/** The questions of an edition's evaluation, and the figures of the evaluations shown, for the indicators. */
import type { Platform } from '../../kernel/platform.ts';
import type { Question } from '../surveys/contract.ts';
import * as surveys from '../surveys/service.ts';
import * as feedbackStore from './feedback/store.ts';

export const SATISFACTION_KEY = 'soddisfazione';

export const EVALUATION_QUESTIONS: Question[] = [
  { kind: 'SCALE', key: SATISFACTION_KEY, label: 'Soddisfazione complessiva per il corso', required: true },
  { kind: 'SCALE', key: 'contenuti', label: 'I contenuti', required: true },
  { kind: 'SCALE', key: 'formatore', label: 'Chi ha tenuto il corso', required: true },
  {
    kind: 'SCALE',
    key: 'organizzazione',
    label: 'L’organizzazione (orari, luogo o collegamento, materiali)',
    required: true,
  },
  { kind: 'SCALE', key: 'utilita', label: 'L’utilità per il suo lavoro', required: true },
  { kind: 'TEXT', key: 'commenti', label: 'Che cosa cambierebbe, che cosa terrebbe', required: false },
];

/** For the indicators: the answers released and their mean overall satisfaction (null before any). */
export async function evaluationFigures(platform: Platform) {
  const answers = [];
  for (const row of await feedbackStore.allEvaluations(platform.database.db)) {
    const survey = await surveys.ownedSurvey(platform, row.questionnaireId);
    if (!survey.withheld) answers.push(...survey.answers);
  }
  const [satisfaction] = surveys.summarise(EVALUATION_QUESTIONS.slice(0, 1), answers);
  return { evaluationAnswers: answers.length, meanSatisfaction: satisfaction?.mean ?? null };
}
