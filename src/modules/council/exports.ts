/** Exports of the needs survey: the answers of a questionnaire as CSV (RFC 4180), one row per response. */
import type { Caller } from '../../kernel/auth.ts';
import type { Platform } from '../../kernel/platform.ts';
import { getQuestionnaire, listResponses } from './needs.ts';

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula sign is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Semicolon-separated, as spreadsheets in Italian locale open it; UTF-8 with a byte-order mark. */
export async function responsesCsv(platform: Platform, caller: Caller, questionnaireId: string) {
  const questionnaire = await getQuestionnaire(platform, caller, questionnaireId);
  const responses = await listResponses(platform, caller, questionnaireId);
  const header = [
    'Ente',
    'Comune',
    'Codice ISTAT',
    'Inviato il',
    ...questionnaire.questions.map((q) => q.label),
  ];
  const rows = responses.map((response) => [
    response.organisationName,
    response.municipalityName,
    response.municipalityIstatCode,
    response.submittedAt,
    ...questionnaire.questions.map((q) => {
      const value = response.answers[q.key];
      return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
    }),
  ]);
  const text = [header, ...rows].map((row) => row.map(csvField).join(';')).join('\r\n');
  return { filename: `questionario-${questionnaireId}.csv`, body: `\uFEFF${text}\r\n` };
}
