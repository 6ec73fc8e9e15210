import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_QUEUE } from '../src/kernel/mail-outbox.ts';
import { startTestApp, stopTestApp, type TestApp } from './support/app.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from './support/database.ts';
import { makeOrganisation, makeUser, signIn } from './support/identity.ts';
import { startSmtpServer, waitForMail } from './support/smtp.ts';

const NEW_PASSWORD = 'la mia nuova password segreta';

function tokenFrom(text: string, path: string): string {
  const match = text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`));
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
}

for (const backend of BACKENDS) {
  describe(`password reset and invitations by e-mail on ${backend}`, () => {
    let database: TestDatabase;
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let organisationId: string;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      database = await openTestDatabase(backend);
      t = await startTestApp(database, {
        jobs: true,
        config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://lovit.test', MAIL_ATTEMPTS: '3' },
      });
      organisationId = (await makeOrganisation(t.platform, { type: 'PREFECTURE' })).id;
    });

    const outbox = (recipient: string) =>
      database.db.selectFrom('mailOutbox').selectAll().where('recipient', '=', recipient).execute();
    const attemptsOf = async (recipient: string) => (await outbox(recipient))[0]?.attempts;
    const invite = (headers: Record<string, string>, email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers,
        payload: {
          email,
          givenName: 'Paola',
          familyName: 'Neri',
          memberships: [{ organisationId, role: 'trainer' }],
        },
      });
    const userView = async (headers: Record<string, string>, id: string) =>
      (await t.app.inject({ url: `/api/users/${id}`, headers })).json();

    afterAll(async () => {
      await stopTestApp(t);
      await database.dispose();
      await smtp.stop();
    });

    it('sends a single-use reset link that sets a new password and ends every session', async () => {
      const user = await makeUser(t.platform, [{ organisationId, role: 'sui_operator' }]);
      const before = await signIn(t.app, user.email);
      const asked = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email: user.email },
      });
      expect(asked.statusCode).toBe(202);
      const mail = await waitForMail(smtp.inbox, user.email);
      expect(mail.subject).toBe('LOVIT – reimpostazione della password');
      expect(mail.text).toContain('https://lovit.test/reimposta-password?token=');
      const token = tokenFrom(mail.text, '/reimposta-password');

      const done = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, newPassword: NEW_PASSWORD },
      });
      expect(done.statusCode).toBe(204);
      expect((await t.app.inject({ url: '/api/auth/session', headers: before.headers })).statusCode).toBe(
        401,
      );
      await expect(signIn(t.app, user.email, NEW_PASSWORD)).resolves.toBeDefined();

      const again = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, newPassword: 'ancora un’altra password' },
      });
      expect(again.statusCode).toBe(422);
      expect(again.json().errors[0].path).toBe('token');
    });

    it('retires every older link once one is used', async () => {
      const user = await makeUser(t.platform, [{ organisationId, role: 'trainer' }]);
      await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
      const older = tokenFrom((await waitForMail(smtp.inbox, user.email)).text, '/reimposta-password');
      smtp.inbox.splice(0);
      await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
      const newer = tokenFrom((await waitForMail(smtp.inbox, user.email)).text, '/reimposta-password');
      const used = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token: newer, newPassword: NEW_PASSWORD },
      });
      expect(used.statusCode).toBe(204);
      const stale = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token: older, newPassword: 'una password ancora diversa' },
      });
      expect(stale.statusCode).toBe(422);
    });

    it('answers the same for an unknown address and queues nothing for it', async () => {
      const user = await makeUser(t.platform, [{ organisationId, role: 'mediator' }], { password: null });
      const ask = (email: string) =>
        t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
      const unknown = await ask('ignoto@lovit.example');
      const known = await ask(user.email);
      expect([unknown.statusCode, unknown.body]).toEqual([202, '']);
      expect([known.statusCode, known.body]).toEqual([202, '']);
      expect(await outbox('ignoto@lovit.example')).toEqual([]);
      expect(await outbox(user.email)).toHaveLength(1);
    });

    it('keeps mail through a mail server outage: reset and invitation answer at once, and arrive later', async () => {
      const admin = await makeUser(t.platform, [{ organisationId, role: 'admin' }]);
      const session = await signIn(t.app, admin.email);
      const user = await makeUser(t.platform, [{ organisationId, role: 'mediator' }]);
      await smtp.stop();
      const reset = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email: user.email },
      });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset',
        payload: { email: 'nessuno@lovit.example' },
      });
      expect([reset.statusCode, unknown.statusCode]).toEqual([202, 202]);
      const invited = await invite(session.headers, 'in.attesa@lovit.example');
      expect(invited.statusCode).toBe(201);
      await expect.poll(() => attemptsOf('in.attesa@lovit.example')).toBe(1);
      await expect.poll(() => attemptsOf(user.email)).toBe(1);
      expect((await userView(session.headers, invited.json().id)).invitation).toEqual({
        status: 'PENDING',
        sentAt: null,
      });

      smtp = await startSmtpServer(smtp.port);
      t.clock.advance(60_000);
      await t.platform.jobs?.send(MAIL_QUEUE, {});
      await waitForMail(smtp.inbox, 'in.attesa@lovit.example');
      await waitForMail(smtp.inbox, user.email);
      await t.platform.jobs?.send(MAIL_QUEUE, {});
      await expect.poll(async () => (await outbox(user.email)).map((row) => row.status)).toEqual(['SENT']);
      expect(smtp.inbox.filter((mail) => mail.to.includes('in.attesa@lovit.example'))).toHaveLength(1);
      expect((await userView(session.headers, invited.json().id)).invitation.status).toBe('SENT');
    });

    it('shows an invitation as undeliverable after the last try, and sends it again on request', async () => {
      const admin = await makeUser(t.platform, [{ organisationId, role: 'admin' }]);
      const session = await signIn(t.app, admin.email);
      await smtp.stop();
      const invited = await invite(session.headers, 'mai.arrivata@lovit.example');
      for (const [attempts, wait] of [
        [1, 60],
        [2, 120],
      ] as const) {
        await expect.poll(() => attemptsOf('mai.arrivata@lovit.example')).toBe(attempts);
        t.clock.advance(wait * 1000);
        await t.platform.jobs?.send(MAIL_QUEUE, {});
      }
      await expect
        .poll(async () => (await userView(session.headers, invited.json().id)).invitation.status)
        .toBe('UNDELIVERABLE');

      smtp = await startSmtpServer(smtp.port);
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/users/${invited.json().id}/invite`,
        headers: session.headers,
      });
      expect(again.statusCode).toBe(200);
      const mail = await waitForMail(smtp.inbox, 'mai.arrivata@lovit.example');
      const activated = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token: tokenFrom(mail.text, '/attiva-account'), newPassword: NEW_PASSWORD },
      });
      expect(activated.statusCode).toBe(204);
      const late = await t.app.inject({
        method: 'POST',
        url: `/api/users/${invited.json().id}/invite`,
        headers: session.headers,
      });
      expect(late.statusCode).toBe(409);
    });

    it('lets a reset link expire after an hour', async () => {
      const user = await makeUser(t.platform, [{ organisationId, role: 'mediator' }]);
      await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
      const token = tokenFrom((await waitForMail(smtp.inbox, user.email)).text, '/reimposta-password');
      t.clock.advance(61 * 60_000);
      const late = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, newPassword: NEW_PASSWORD },
      });
      expect(late.statusCode).toBe(422);
    });

    it('invites a user by e-mail: the link activates the account with a password of their choice', async () => {
      const admin = await makeUser(t.platform, [{ organisationId, role: 'admin' }]);
      const session = await signIn(t.app, admin.email);
      const invited = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: session.headers,
        payload: {
          email: 'nuova.collega@lovit.example',
          givenName: 'Chiara',
          familyName: 'Verdi',
          memberships: [{ organisationId, role: 'legal_expert' }],
        },
      });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({
        hasPassword: false,
        memberships: [{ organisationId, role: 'legal_expert' }],
      });
      const mail = await waitForMail(smtp.inbox, 'nuova.collega@lovit.example');
      expect(mail.text).toContain('Gentile Chiara Verdi');
      const token = tokenFrom(mail.text, '/attiva-account');
      await expect(signIn(t.app, 'nuova.collega@lovit.example', NEW_PASSWORD)).rejects.toThrow(/401/);
      const activated = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { token, newPassword: NEW_PASSWORD },
      });
      expect(activated.statusCode).toBe(204);
      const own = await signIn(t.app, 'nuova.collega@lovit.example', NEW_PASSWORD);
      expect(own.view.roles).toEqual(['legal_expert']);
    });

    it('refuses an invitation with no role, naming the field, and saves nothing', async () => {
      const admin = await makeUser(t.platform, [{ organisationId, role: 'admin' }]);
      const session = await signIn(t.app, admin.email);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: session.headers,
        payload: { email: 'senza.ruolo@lovit.example', givenName: 'A', familyName: 'B', memberships: [] },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { path: 'body.memberships', message: 'assegnare almeno un ruolo in un ente' },
      ]);
      const rows = await database.db
        .selectFrom('appUser')
        .where('email', '=', 'senza.ruolo@lovit.example')
        .selectAll()
        .execute();
      expect(rows).toEqual([]);
    });
  });
}
