/** The PDF of a certificate of attendance, printed from what was recorded at issue: the same bytes every time. */
import { renderOfficialDocument } from '../../../kernel/pdf.ts';
import { daysInWords, hoursInWords, longDate } from './rules.ts';
import type { CertificateRow } from './store.ts';

export const CERTIFICATE_TITLE = 'Attestato di partecipazione';

/** The project's funding, as the project's presentation states it. */
const FUNDING =
  'Progetto «LO.V.I.T. – Lodi verso l’integrazione territoriale» (PROG 3858, CUP F79I22002140006), ' +
  'finanziato dal Fondo Asilo, Migrazione e Integrazione (FAMI) 2014-2020 – Obiettivo Specifico 2, ' +
  'Obiettivo Nazionale 2.3 Capacity building.';

export function certificateDocument(row: CertificateRow, verificationUrl: string): Promise<Uint8Array> {
  const days = daysInWords(row.firstDay, row.lastDay);
  const attended = hoursInWords(row.minutesAttended);
  return renderOfficialDocument({
    issuer: [row.issuer, 'Formazione degli operatori pubblici e del privato sociale'],
    title: CERTIFICATE_TITLE,
    subtitle: row.courseTitle,
    sections: [
      {
        paragraphs: [
          `Si attesta che ${row.holderName} (${row.organisationName}) ha partecipato al corso «${row.courseTitle}», ` +
            `edizione «${row.editionName}», ${days}, frequentando ${attended} su ${hoursInWords(row.minutesTotal)} ` +
            'di lezione e raggiungendo la frequenza richiesta per il suo completamento.',
        ],
      },
      {
        rows: [
          ['Partecipante', row.holderName],
          ['Ente', row.organisationName],
          ['Corso', row.courseTitle],
          ['Edizione', row.editionName],
          ['Date', days],
          ['Ore frequentate', `${attended} su ${hoursInWords(row.minutesTotal)}`],
          ['Numero', row.number],
          ['Rilasciato il', longDate(row.issuedOn)],
        ],
      },
      { heading: row.signatoryRole, paragraphs: [row.signatoryName] },
      { paragraphs: [FUNDING] },
    ],
    verification: { code: row.verificationCode, url: verificationUrl },
    footer: `${row.number} – ${CERTIFICATE_TITLE}`,
    metadata: {
      title: `${CERTIFICATE_TITLE} ${row.number}`,
      subject: row.courseTitle,
      author: row.issuer,
      createdAt: row.issuedAt,
    },
  });
}
