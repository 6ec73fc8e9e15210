/**
 * The training record as a workbook (XLSX): a person's courses and on-the-job hours, or an organisation's
 * people, completions by track and every line behind them. Hours stay numbers, days read as Italian dates.
 */
import ExcelJS from 'exceljs';
import type { Caller } from '../../../kernel/auth.ts';
import { downloadName } from '../../../kernel/download-names.ts';
import { prefectureName } from '../../../kernel/institution.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { TRACKS } from '../contract.ts';
import { COMPLETION_STATES, type CourseLine, type MentoringEntry } from './contract.ts';
import { organisationDetail, personRecord } from './service.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const instantDay = new Intl.DateTimeFormat('it-IT', { dateStyle: 'short', timeZone: 'Europe/Rome' });
const onDay = (day: string) => instantDay.format(new Date(`${day}T12:00:00Z`));
const dayOf = (instant: string | null) => (instant ? instantDay.format(new Date(instant)) : '');

type Table = { name: string; header: string[]; rows: (string | number)[][] };

function workbookOf(title: string, tables: Table[]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = `LOVIT – ${prefectureName()}`;
  workbook.title = title;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    for (const column of sheet.columns) column.width = 22;
  }
  return workbook.xlsx.writeBuffer().then((buffer) => Buffer.from(buffer));
}

const COURSE_HEADER = [
  'Corso',
  'Percorso',
  'Edizione',
  'Ente',
  'Dal',
  'Al',
  'Ore dell’edizione',
  'Ore frequentate',
  'Esito',
  'Attestato',
  'Stato dell’attestato',
];
const courseCells = (line: CourseLine) => [
  line.courseTitle,
  TRACKS[line.track],
  line.editionName,
  line.organisationName,
  dayOf(line.firstSessionAt),
  dayOf(line.lastSessionAt),
  line.totalHours,
  line.hoursAttended,
  COMPLETION_STATES[line.state],
  line.certificate?.number ?? '',
  line.certificate ? (line.certificate.isRevoked ? 'revocato' : 'valido') : '',
];

const MENTORING_HEADER = ['Data', 'Persona affiancata', 'Affiancata da', 'Argomento', 'Ore', 'Nota'];
const mentoringCells = (entry: MentoringEntry) => [
  onDay(entry.day),
  entry.menteeName,
  entry.mentorName,
  entry.topic,
  entry.hours,
  entry.note ?? '',
];

export async function personRecordXlsx(platform: Platform, caller: Caller, userId: string) {
  const record = await personRecord(platform, caller, userId);
  const body = await workbookOf(`Percorso formativo di ${record.name}`, [
    {
      name: 'Riepilogo',
      header: ['Persona', 'Ore nei corsi', 'Ore di affiancamento', 'Ore in tutto', 'Corsi completati'],
      rows: [
        [record.name, record.courseHours, record.onTheJobHours, record.totalHours, record.coursesCompleted],
      ],
    },
    { name: 'Corsi', header: COURSE_HEADER, rows: record.courses.map(courseCells) },
    { name: 'Affiancamento', header: MENTORING_HEADER, rows: record.onTheJob.map(mentoringCells) },
  ]);
  return { filename: downloadName('percorso-formativo', record.name, platform.clock.today(), 'xlsx'), body };
}

export async function organisationRecordXlsx(platform: Platform, caller: Caller, organisationId: string) {
  const record = await organisationDetail(platform, caller, organisationId);
  const body = await workbookOf(`Formazione – ${record.organisationName}`, [
    {
      name: 'Persone',
      header: [
        'Persona',
        'Corsi seguiti',
        'Corsi completati',
        'Ore nei corsi',
        'Ore di affiancamento',
        'Ore in tutto',
      ],
      rows: record.people.map((row) => [
        row.name,
        row.coursesFollowed,
        row.coursesCompleted,
        row.courseHours,
        row.onTheJobHours,
        row.totalHours,
      ]),
    },
    {
      name: 'Per percorso',
      header: ['Percorso', 'Persone', 'Posti', 'Completati', 'Ore frequentate'],
      rows: record.byTrack.map((row) => [
        TRACKS[row.track],
        row.people,
        row.places,
        row.completed,
        row.hours,
      ]),
    },
    {
      name: 'Corsi',
      header: ['Persona', ...COURSE_HEADER],
      rows: record.courses.map((line) => [line.name, ...courseCells(line)]),
    },
    { name: 'Affiancamento', header: MENTORING_HEADER, rows: record.onTheJob.map(mentoringCells) },
  ]);
  return {
    filename: downloadName('formazione', record.organisationName, platform.clock.today(), 'xlsx'),
    body,
  };
}
