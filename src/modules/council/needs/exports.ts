/** Exports of the needs survey: the answers of a questionnaire as CSV (RFC 4180) or XLSX, one row per response. */
import ExcelJS from 'exceljs';
import type { Caller } from '../../../kernel/auth.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { getQuestionnaire, listResponses } from './service.ts';

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula sign is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table of answers: a header row, then one row per response; numbers stay numbers. */
async function answersTable(platform: Platform, caller: Caller, questionnaireId: string) {
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
      return value === undefined ? '' : Array.isArray(value) ? value.join(', ') : value;
    }),
  ]);
  return { title: questionnaire.title, header, rows };
}

/** Semicolon-separated, as spreadsheets in Italian locale open it; UTF-8 with a byte-order mark. */
export async function responsesCsv(platform: Platform, caller: Caller, questionnaireId: string) {
  const { header, rows } = await answersTable(platform, caller, questionnaireId);
  const text = [header, ...rows]
    .map((row) => row.map((cell) => csvField(String(cell))).join(';'))
    .join('\r\n');
  return { filename: `questionario-${questionnaireId}.csv`, body: `\uFEFF${text}\r\n` };
}

export async function responsesXlsx(platform: Platform, caller: Caller, questionnaireId: string) {
  const { title, header, rows } = await answersTable(platform, caller, questionnaireId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'LOVIT – Prefettura di Lodi';
  workbook.title = title;
  const sheet = workbook.addWorksheet('Risposte', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  for (const column of sheet.columns) column.width = 24;
  return {
    filename: `questionario-${questionnaireId}.xlsx`,
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
