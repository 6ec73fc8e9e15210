/**
 * The list of a date's registrations as a workbook (XLSX), in arrival order: for the staff at the venue and for
 * the project's records. Reading it is a read of personal data, in the audit trail.
 */
import ExcelJS from 'exceljs';
import { Temporal } from 'temporal-polyfill';
import type { Caller } from '../../../kernel/auth.ts';
import { LEGAL_TIME_ZONE } from '../../../kernel/clock.ts';
import { downloadName } from '../../../kernel/download-names.ts';
import { NotFound } from '../../../kernel/errors.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import { PUBLIC_ORGANISATION_TYPES, REGISTRATION_STATUSES } from '../contract.ts';
import { SIGN_LANGUAGE } from './form.ts';
import { printedTicketCode } from './rules.ts';
import * as store from './store.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADER = [
  'Arrivo',
  'Biglietto',
  'Nome',
  'E-mail',
  'Ente',
  'Tipo di ente',
  'Lingua delle comunicazioni',
  'Interprete o mediatore',
  'Esigenze di accessibilità',
  'Stato',
  'Posizione in lista d’attesa',
  'Iscritto/a il',
  'Ingressi',
];

const languageNames = new Intl.DisplayNames(['it'], { type: 'language' });
const languageName = (code: string | null) =>
  !code ? '' : code === SIGN_LANGUAGE ? 'lingua dei segni italiana (LIS)' : (languageNames.of(code) ?? code);
const moment = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});

export async function registrationsXlsx(platform: Platform, caller: Caller, sessionId: string) {
  const { db } = platform.database;
  const session = await store.sessionWithEvent(db, sessionId);
  if (!session) throw new NotFound('La sessione non esiste.');
  const { rows } = await store.registrationsOf(db, sessionId, {}, { limit: 100_000, offset: 0 });
  const questions = await store.questionsOf(db, session.eventId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `LOVIT – ${prefectureName()}`;
  workbook.title = `${session.title} – ${session.label}`;
  const sheet = workbook.addWorksheet('Iscrizioni', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...HEADER, ...questions.map((question) => question.label)]).font = { bold: true };
  for (const [index, row] of rows.entries())
    sheet.addRow([
      index + 1,
      printedTicketCode(row.ticketCode),
      row.name,
      row.email,
      row.organisation ?? '',
      row.organisationType
        ? (PUBLIC_ORGANISATION_TYPES[row.organisationType as keyof typeof PUBLIC_ORGANISATION_TYPES] ?? '')
        : '',
      languageName(row.language),
      languageName(row.interpretationLanguage),
      row.accessibilityNeeds ?? '',
      REGISTRATION_STATUSES[row.status],
      row.position ?? '',
      moment.format(row.createdAt),
      row.checkIns.join(', '),
      ...questions.map((question) => {
        const answer = row.answers[question.id] ?? '';
        return question.kind === 'YES_NO' && answer ? (answer === 'yes' ? 'Sì' : 'No') : answer;
      }),
    ]);
  for (const column of sheet.columns) column.width = 22;
  await auditRead(db, platform.clock, caller, 'outreach_session_registrations', sessionId, {
    export: 'xlsx',
    shown: rows.length,
  });
  const day = Temporal.Instant.fromEpochMilliseconds(session.startsAt.getTime())
    .toZonedDateTimeISO(LEGAL_TIME_ZONE)
    .toPlainDate();
  return {
    filename: downloadName('iscrizioni', `${session.title} ${session.label}`, day, 'xlsx'),
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
