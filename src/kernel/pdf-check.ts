/**
 * What an uploaded PDF holds: whether it is a whole file a reader can open (not a renamed image, not a copy cut
 * short) and whether it carries a digital signature (a signature dictionary with its /ByteRange, as PAdES
 * writes it). The signature is noted, not verified.
 */
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';

export type PdfReading = { fault: string } | { fault: null; pages: number; digitallySigned: boolean };

/** How far from the start and from the end readers look for the header and for the end of the file. */
const SLACK = 1024;

const BYTE_RANGE = PDFName.of('ByteRange');
const TIME_STAMP = PDFName.of('DocTimeStamp');

/** A signature dictionary: it names the bytes it signs. A document time stamp signs nobody's consent. */
const isSignature = (value: unknown) =>
  value instanceof PDFDict && value.has(BYTE_RANGE) && value.get(PDFName.Type) !== TIME_STAMP;

function isDigitallySigned(document: PDFDocument): boolean {
  return document.context
    .enumerateIndirectObjects()
    .some(
      ([, object]) =>
        isSignature(object) || (object instanceof PDFDict && isSignature(object.lookup(PDFName.of('V')))),
    );
}

/** The cross-reference offset the file ends with: the last `startxref` before the last `%%EOF`. */
function lastStartXref(tail: string): number | null {
  const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  const last = matches.at(-1)?.[1];
  return last === undefined ? null : Number(last);
}

/** Reads an uploaded PDF whole: its header, its end, its objects and its pages. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!file.subarray(0, SLACK).includes('%PDF-')) return { fault: 'il file non è un PDF' };
  const tail = file.subarray(-SLACK).toString('latin1');
  if (!tail.includes('%%EOF'))
    return {
      fault: 'il PDF è incompleto: manca la sua parte finale, forse la copia o l’invio si sono interrotti',
    };
  const startXref = lastStartXref(tail);
  if (startXref === null || startXref >= file.length)
    return { fault: 'il PDF è danneggiato: non si trova l’indice dei suoi contenuti' };
  try {
    const document = await PDFDocument.load(file, { ignoreEncryption: true, updateMetadata: false });
    const pages = document.getPageCount();
    if (pages === 0) return { fault: 'il PDF non ha pagine' };
    return { fault: null, pages, digitallySigned: isDigitallySigned(document) };
  } catch {
    return { fault: 'il PDF è danneggiato e non si riesce a leggere' };
  }
}
