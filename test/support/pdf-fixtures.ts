/** Files for the checks of an uploaded PDF: a JPEG to rename, and a PDF carrying a signature dictionary. */
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/** A 1×1 JPEG. */
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////' +
    '////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

/**
 * A one-page PDF with a signature field whose value is a signature dictionary as PAdES writes it (the bytes
 * signed, the container): its `/ByteRange` names no real signature, enough for a check that only notes one.
 * `DocTimeStamp` makes it a document time stamp instead, which signs nobody's consent.
 */
export async function makeSignedPdf(type: 'Sig' | 'DocTimeStamp' = 'Sig'): Promise<Buffer> {
  const document = await PDFDocument.create();
  const page = document.addPage();
  page.drawText('Verbale di verifica firmato digitalmente');
  const { context } = document;
  const signature = context.register(
    context.obj({
      Type: type,
      Filter: 'Adobe.PPKLite',
      SubFilter: 'ETSI.CAdES.detached',
      ByteRange: [0, 840, 1866, 120],
      Contents: PDFHexString.of('00'.repeat(512)),
    }),
  );
  const field = context.register(
    context.obj({
      FT: 'Sig',
      T: PDFString.of('Firma del revisore'),
      V: signature,
      Type: 'Annot',
      Subtype: 'Widget',
      Rect: [0, 0, 0, 0],
      F: 132,
      P: page.ref,
    }),
  );
  document.catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: [field], SigFlags: 3 }));
  return Buffer.from(await document.save({ useObjectStreams: false }));
}
