import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { prefectureName } from './institution.ts';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string | Buffer; contentType?: string }[];
  /** Extra header fields, such as `List-Unsubscribe` on messages sent to a mailing list. */
  headers?: Record<string, string>;
};

export type Mailer = { send(mail: Mail): Promise<void>; close(): void };

/** The address LOVIT's e-mail comes from, alone: the organiser of the calendar entries it sends. */
export const MAIL_FROM_ADDRESS = 'noreply@lovit.prefettura.lodi.it';
/** The sender as people read it, named after the configured prefecture when the mail leaves. */
const mailFrom = () => `LOVIT – ${prefectureName()} <${MAIL_FROM_ADDRESS}>`;

/**
 * Sends e-mail (and PEC, which is SMTP too) through SMTP_URL. Without it, a mail is only noted in the log:
 * its text (reset and invitation links are keys to an account) only at debug level, for a laptop demo.
 */
export function createMailer(smtpUrl: string | undefined, logger: Logger, from?: string): Mailer {
  if (!smtpUrl) {
    return {
      async send(mail) {
        logger.info({ to: mail.to, subject: mail.subject }, 'e-mail not sent (no SMTP_URL)');
        logger.debug({ to: mail.to, text: mail.text }, 'text of the e-mail not sent');
      },
      close() {},
    };
  }
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: from ?? mailFrom(), ...mail });
    },
    close: () => transport.close(),
  };
}
