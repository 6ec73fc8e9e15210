/** The PDF of an attendance certificate, printed from what was recorded at issue: the same bytes every time. */
import { LEGAL_TIME_ZONE } from '../../../../kernel/clock.ts';
import { renderOfficialDocument } from '../../../../kernel/pdf.ts';
import type { CertificateRow } from './store.ts';

export const CERTIFICATE_TITLE = 'Attestato di partecipazione';

/** The project's funding, as the project's presentation states it. */
const FUNDING =
  'Progetto «LO.V.I.T. – Lodi verso l’integrazione territoriale» (PROG 3858, CUP F79I22002140006), ' +
  'finanziato dal Fondo Asilo, Migrazione e Integrazione (FAMI) 2014-2020.';

const WHEN = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const DAY = new Intl.DateTimeFormat('it-IT', {
  timeZone: LEGAL_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** When a session was, as printed: `sabato 18 aprile 2026, 20:30–22:00`. */
export const sessionWhen = (row: Pick<CertificateRow, 'sessionStartsAt' | 'sessionEndsAt'>) =>
  WHEN.formatRange(row.sessionStartsAt, row.sessionEndsAt);

export function certificateDocument(row: CertificateRow, verificationUrl: string): Promise<Uint8Array> {
  const when = sessionWhen(row);
  return renderOfficialDocument({
    issuer: [row.issuer, 'Comunicazione e diffusione del progetto'],
    title: CERTIFICATE_TITLE,
    subtitle: row.eventTitle,
    sections: [
      {
        paragraphs: [
          `Si attesta che ${row.holderName} ha partecipato all’evento «${row.eventTitle}» ` +
            `(${row.sessionLabel}), ${when}, presso ${row.venue}.`,
        ],
      },
      {
        rows: [
          ['Partecipante', row.holderName],
          ['Evento', row.eventTitle],
          ['Data', `${row.sessionLabel} – ${when}`],
          ['Luogo', row.venue],
          ['Numero', row.number],
          ['Rilasciato il', DAY.format(row.issuedAt)],
        ],
      },
      { paragraphs: [FUNDING] },
    ],
    verification: { code: row.verificationCode, url: verificationUrl },
    footer: `${row.number} – ${CERTIFICATE_TITLE}`,
    metadata: {
      title: `${CERTIFICATE_TITLE} ${row.number}`,
      subject: row.eventTitle,
      author: row.issuer,
      createdAt: row.issuedAt,
    },
  });
}
