/** The API of a preavviso di rigetto's receipt and of the applicant's window for observations. */
import { z } from 'zod';

const legalDay = z.iso.date();

/** How the notice reached the applicant: each leaves its own evidence. */
export const NOTICE_RECEIPT_CHANNELS = {
  PEC: 'Ricevuta di avvenuta consegna della PEC',
  RETURN_CARD: 'Cartolina di ritorno della raccomandata',
  DESK: 'Consegna a mano allo sportello',
} as const;
export type NoticeReceiptChannel = keyof typeof NOTICE_RECEIPT_CHANNELS;

/** The fields of the receipt form, sent with the evidence file as multipart/form-data. */
export const noticeReceiptFields = z.object({
  receivedOn: legalDay,
  channel: z.enum(Object.keys(NOTICE_RECEIPT_CHANNELS) as [NoticeReceiptChannel, ...NoticeReceiptChannel[]]),
  version: z.coerce.number().int(),
});

/** Where the latest notice stands: its window for observations and, once recorded, its receipt. */
export const rejectionNoticeView = z.object({
  state: z.enum(['AWAITING_RECEIPT', 'OPEN', 'CLOSED', 'OBSERVATIONS_FILED']),
  sentOn: legalDay,
  /** The last day the applicant may file observations, moved off a Sunday or holiday. */
  lastDayForObservations: legalDay.nullable(),
  receipt: z
    .object({
      receivedOn: legalDay,
      channel: z.string(),
      channelLabel: z.string(),
      evidence: z.object({ id: z.string(), fileName: z.string(), url: z.string() }),
    })
    .nullable(),
});
export type RejectionNoticeView = z.infer<typeof rejectionNoticeView>;
