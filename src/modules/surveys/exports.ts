/**
 * Exports of a questionnaire's answers as CSV (RFC 4180) or XLSX, one row per answer, for its builders. Named
 * answers lead with who gave them (the owner may add its own columns, as the council adds the municipality);
 * anonymous ones carry the answers only, in an order that says nothing of when they came.
 */
import ExcelJS from 'exceljs';
import type { Caller } from '../../kernel/auth.ts';
import { downloadName } from '../../kernel/download-names.ts';
import { Conflict, NotFound } from '../../kernel/errors.ts';
import { prefectureName } from '../../kernel/institution.ts';
import type { Platform } from '../../kernel/platform.ts';
import { auditRead } from '../../kernel/transaction.ts';
import { actorOf, QUESTIONNAIRE_NOT_FOUND, questionsOf, type Reach, visibleRow } from './access.ts';
import type { AnswerValue } from './contract.ts';
import { withheldReason } from './rules.ts';
import * as surveysStore from './store.ts';

/** A named answer as the leading columns see it. */
export type NamedAnswer = {
  organisationName: string;
  municipalityIstatCode: string | null;
  submittedAt: Date;
};
/** The columns before the answers; by default the organisation and when the answer was sent. */
export type LeadColumns = { header: string[]; cells(answer: NamedAnswer): (string | number)[] };

const sentAt = new Intl.DateTimeFormat('it-IT', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Rome',
});

export const organisationColumns: LeadColumns = {
  header: ['Ente', 'Inviato il'],
  cells: (answer) => [answer.organisationName, sentAt.format(answer.submittedAt)],
};

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula sign is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const cell = (value: AnswerValue | undefined) =>
  value === undefined ? '' : Array.isArray(value) ? value.join(', ') : value;

/** The table of answers: a header row, then one row per answer; numbers stay numbers. */
async function answersTable(platform: Platform, caller: Caller, id: string, reach: Reach, lead: LeadColumns) {
  const { row, isBuilder } = await visibleRow(platform, actorOf(caller), id, reach);
  if (!isBuilder) throw new NotFound(QUESTIONNAIRE_NOT_FOUND);
  const questions = questionsOf(row);
  const { db } = platform.database;
  if (row.anonymous) {
    const answers = row.status === 'CLOSED' ? await surveysStore.anonymousAnswers(db, id) : [];
    const withheld = withheldReason(row, answers.length);
    if (withheld) throw new Conflict(withheld);
    return {
      title: row.title,
      header: questions.map((q) => q.label),
      rows: answers.map(({ answers }) =>
        questions.map((q) => cell((answers as Record<string, AnswerValue>)[q.key])),
      ),
    };
  }
  const responses = await surveysStore.responses(db, { questionnaireId: id });
  // Named answers say which organisation answered what and when: their export is a read of its own.
  await auditRead(db, platform.clock, caller, 'survey_answers_export', id, { rows: responses.length });
  return {
    title: row.title,
    header: [...lead.header, ...questions.map((q) => q.label)],
    rows: responses.map((response) => [
      ...lead.cells(response),
      ...questions.map((q) => cell((response.answers as Record<string, AnswerValue>)[q.key])),
    ]),
  };
}

/** Semicolon-separated, as spreadsheets in Italian locale open it; UTF-8 with a byte-order mark. */
export async function answersCsv(
  platform: Platform,
  caller: Caller,
  id: string,
  reach: Reach = 'invited',
  lead: LeadColumns = organisationColumns,
) {
  const { title, header, rows } = await answersTable(platform, caller, id, reach, lead);
  const text = [header, ...rows]
    .map((row) => row.map((value) => csvField(String(value))).join(';'))
    .join('\r\n');
  return {
    filename: downloadName('questionario', title, platform.clock.today(), 'csv'),
    body: `\uFEFF${text}\r\n`,
  };
}

export async function answersXlsx(
  platform: Platform,
  caller: Caller,
  id: string,
  reach: Reach = 'invited',
  lead: LeadColumns = organisationColumns,
) {
  const { title, header, rows } = await answersTable(platform, caller, id, reach, lead);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `LOVIT – ${prefectureName()}`;
  workbook.title = title;
  const sheet = workbook.addWorksheet('Risposte', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  for (const column of sheet.columns) column.width = 24;
  return {
    filename: downloadName('questionario', title, platform.clock.today(), 'xlsx'),
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
