import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMailer } from './mail.ts';
import { retryDelaySeconds } from './mail-outbox.ts';

function capturedLogger(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

describe('mail without SMTP_URL', () => {
  const mail = {
    to: 'utente@lovit.example',
    subject: 'LOVIT – reimpostazione della password',
    text: 'apri https://lovit.test/reimposta-password?token=segreto123',
  };

  it('never writes the link of a mail to the log at info level', async () => {
    const { logger, lines } = capturedLogger('info');
    await createMailer(undefined, logger).send(mail);
    expect(lines.join('')).toContain('utente@lovit.example');
    expect(lines.join('')).not.toContain('segreto123');
  });

  it('shows the text at debug level, for a demo on a laptop', async () => {
    const { logger, lines } = capturedLogger('debug');
    await createMailer(undefined, logger).send(mail);
    expect(lines.join('')).toContain('segreto123');
  });
});

describe('waits between tries of an e-mail', () => {
  it('doubles after each failed try, from the configured first wait', () => {
    const policy = { attempts: 8, retrySeconds: 60 };
    expect([1, 2, 3, 4, 7].map((attempts) => retryDelaySeconds(attempts, policy))).toEqual([
      60, 120, 240, 480, 3840,
    ]);
  });
});
