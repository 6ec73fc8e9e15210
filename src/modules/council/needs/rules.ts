/** The rules of the needs map: the need reported per municipality and theme, and the gaps in the services. */
import type { AnswerValue, Question } from '../../surveys/contract.ts';

/** A need reported at or above this level (on the 1–5 scale) with no service of the theme nearby is a gap. */
export const GAP_LEVEL = 3;

/** The mean need for `theme` per municipality, from the scale questions on that theme of every response. */
export function needsByMunicipality(
  theme: string,
  questionnaires: readonly { questions: readonly Question[] }[],
  responses: readonly {
    questionnaireIndex: number;
    municipality: string;
    answers: Record<string, AnswerValue>;
  }[],
): Map<string, { total: number; reports: number }> {
  const levels = new Map<string, { total: number; reports: number }>();
  for (const response of responses) {
    const keys = (questionnaires[response.questionnaireIndex]?.questions ?? [])
      .filter((q) => q.kind === 'SCALE' && q.theme === theme)
      .map((q) => q.key);
    for (const key of keys) {
      const value = response.answers[key];
      if (typeof value !== 'number') continue;
      const level = levels.get(response.municipality) ?? { total: 0, reports: 0 };
      levels.set(response.municipality, { total: level.total + value, reports: level.reports + 1 });
    }
  }
  return levels;
}

export function isGap(need: number | null, services: number): boolean {
  return need !== null && need >= GAP_LEVEL && services === 0;
}
