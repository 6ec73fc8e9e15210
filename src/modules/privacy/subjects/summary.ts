/**
 * What the export of an access request says: the summary a person reads (the PDF) and the same records for a
 * machine (the JSON), both built from the records found, their files and the reads recorded about them.
 */
import type { DocumentSection, OfficialDocument } from '../../../kernel/pdf.ts';
import type { SubjectRecord } from '../../../kernel/personal-data.ts';
import type { Controller } from '../processing/rules.ts';
import type { CriterionKind } from './contract.ts';
import {
  CRITERION_LABELS,
  type ExportedFile,
  instantInWords,
  nothingFoundMessage,
  READS_SECTION,
  type ReadLine,
  readInWords,
} from './rules.ts';

export type AccessExport = {
  controller: Controller;
  /**
   * The office of the clerk who ran the request: the person is told which office handled their data, never
   * the name or address of the employee (CJEU C-579/21), in the summary as in the reads listed.
   */
  requestedBy: { organisation: string };
  at: Date;
  criterion: CriterionKind;
  records: readonly SubjectRecord[];
  /** Per record, where its files are in the export. */
  files: readonly (readonly ExportedFile[])[];
  reads: readonly ReadLine[];
  /** Paths of files the store no longer holds (disposed of after their retention). */
  missing: ReadonlySet<string>;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function recordSections(request: AccessExport): DocumentSection[] {
  const sections = new Map<string, string[]>();
  request.records.forEach((record, index) => {
    const files = (request.files[index] ?? []).map((file) =>
      request.missing.has(file.path)
        ? `documento non più conservato: ${file.path.slice('documenti/'.length)}`
        : `documento allegato: ${file.path}`,
    );
    const line = [record.title, ...files].join('\n   ');
    sections.set(record.section, [...(sections.get(record.section) ?? []), `• ${line}`]);
  });
  return [...sections].map(([title, lines]) => ({
    heading: `${title} (${lines.length})`,
    paragraphs: lines,
  }));
}

/** The summary in Italian: who asked and when, how the person was named, every record in words. */
export function summaryDocument(request: AccessExport): OfficialDocument {
  const fileCount = new Set(
    request.files
      .flat()
      .map((file) => file.path)
      .filter((path) => !request.missing.has(path)),
  ).size;
  const sectionCount = new Set(request.records.map((record) => record.section)).size;
  return {
    issuer: [request.controller.name, 'Sportello Unico per l’Immigrazione'],
    title: 'Riepilogo dei dati personali',
    subtitle: 'Richiesta di accesso dell’interessato (art. 15 del Regolamento (UE) 2016/679)',
    sections: [
      {
        rows: [
          ['Estratto il', instantInWords(request.at)],
          ['Estratto da', request.requestedBy.organisation],
          ['Persona cercata per', CRITERION_LABELS[request.criterion]],
          [
            'Dati trovati',
            request.records.length
              ? `${plural(request.records.length, 'registrazione', 'registrazioni')} in ${plural(sectionCount, 'sezione', 'sezioni')}`
              : 'nessuno',
          ],
          ['Documenti allegati', fileCount ? String(fileCount) : 'nessuno'],
        ],
      },
      ...(request.records.length
        ? recordSections(request)
        : [{ paragraphs: [nothingFoundMessage(request.criterion)] }]),
      ...(request.reads.length
        ? [
            {
              heading: `${READS_SECTION} (${request.reads.length})`,
              paragraphs: request.reads.map((read) => `• ${read.line}`),
            },
          ]
        : []),
      {
        heading: 'Contenuto dell’archivio',
        paragraphs: [
          'dati.json: gli stessi dati in un formato leggibile da un elaboratore (art. 15.3 e art. 20 del Regolamento).',
          ...(fileCount
            ? ['documenti/: i documenti conservati, con il nome con cui sono elencati sopra.']
            : []),
          `Per ogni domanda sul trattamento è possibile rivolgersi al titolare, ${request.controller.name}, o al responsabile della protezione dei dati: ${request.controller.dataProtectionOfficer}.`,
        ],
      },
    ],
    footer: `Richiesta di accesso – ${instantInWords(request.at)}`,
    metadata: {
      title: 'Riepilogo dei dati personali – richiesta di accesso',
      subject: 'Art. 15 del Regolamento (UE) 2016/679',
      author: request.controller.name,
      createdAt: request.at,
    },
  };
}

/** The same records for a machine: every record's data as kept, by section, and the reads recorded. */
export function dataJson(request: AccessExport): string {
  const sections = new Map<string, unknown[]>();
  request.records.forEach((record, index) => {
    const files = (request.files[index] ?? []).map((file) => ({
      path: file.path,
      sha256: file.sha256,
      included: !request.missing.has(file.path),
    }));
    sections.set(record.section, [
      ...(sections.get(record.section) ?? []),
      { title: record.title, data: record.data, files },
    ]);
  });
  return `${JSON.stringify(
    {
      controller: request.controller,
      extractedAt: request.at.toISOString(),
      extractedBy: { office: request.requestedBy.organisation },
      criterion: { kind: request.criterion, label: CRITERION_LABELS[request.criterion] },
      sections: [...sections].map(([title, records]) => ({ title, records })),
      reads: request.reads.map((read) => ({
        at: read.at.toISOString(),
        office: read.office,
        action: readInWords(read.action),
        records: read.records,
      })),
    },
    null,
    2,
  )}\n`;
}
