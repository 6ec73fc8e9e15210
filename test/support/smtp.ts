import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
  /** The header fields as sent, by lower-case name. */
  headers: Record<string, string>;
};

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, for tests that send e-mail; on a given port
 * to bring back a server a test has stopped.
 */
export async function startSmtpServer(port = 0): Promise<{
  url: string;
  port: number;
  inbox: ReceivedMail[];
  stop(): Promise<void>;
}> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            attachments: mail.attachments.map((attachment) => ({
              filename: attachment.filename ?? '',
              contentType: attachment.contentType,
              content: attachment.content.toString('utf8'),
            })),
            headers: Object.fromEntries(
              mail.headerLines.map((line) => [line.key, line.line.slice(line.key.length + 1).trim()]),
            ),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    port: address.port,
    inbox,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitForMail(
  inbox: ReceivedMail[],
  to: string,
  timeoutMs = 5000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mail = inbox.find((m) => m.to.includes(to));
    if (mail) return mail;
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
