/** The concertation log as a workbook (XLSX), the latest first, with the filters of the list. */
import ExcelJS from 'exceljs';
import type { Caller } from '../../../kernel/auth.ts';
import { downloadName } from '../../../kernel/download-names.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { auditRead } from '../../../kernel/transaction.ts';
import { CONCERTATION_KINDS, type ConcertationQuery } from './contract.ts';
import { dayInWords } from './rules.ts';
import { filterOf } from './service.ts';
import * as store from './store.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const HEADER = ['Data', 'Tipo', 'Enti coinvolti', 'Argomento', 'Esito', 'Seguito', 'Tavolo', 'Registrato da'];

/** At most this many entries in one workbook: years of a province's log. */
const EXPORT_LIMIT = 50_000;

export async function concertationXlsx(
  platform: Platform,
  caller: Caller,
  query: Omit<ConcertationQuery, 'page' | 'pageSize'>,
) {
  const { db } = platform.database;
  const rows = await store.entries(db, filterOf(query), { limit: EXPORT_LIMIT, offset: 0 });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `LOVIT – ${prefectureName()}`;
  workbook.title = 'Registro della concertazione territoriale';
  const sheet = workbook.addWorksheet('Concertazione', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(HEADER).font = { bold: true };
  for (const row of rows)
    sheet.addRow([
      dayInWords(row.heldOn),
      CONCERTATION_KINDS[row.kind],
      [...row.organisations.map((o) => o.name), ...row.otherOrganisations].join('; '),
      row.topic,
      row.outcome ?? '',
      row.followUp ?? '',
      row.tableName ?? '',
      row.recordedBy,
    ]);
  for (const column of sheet.columns) column.width = 28;
  await auditRead(db, platform.clock, caller, 'council_concertation_log', 'export', {
    export: 'xlsx',
    shown: rows.length,
  });
  return {
    filename: downloadName('concertazione', 'registro', platform.clock.today(), 'xlsx'),
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}
