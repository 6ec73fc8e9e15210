import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserTest, browserAvailable, startBrowserTest, stopBrowserTest } from '../support/browser.ts';
import { makeOrganisation, makeUser } from '../support/identity.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc.ts';

describe.skipIf(!browserAvailable())('sign-in through OpenID Connect (SPID/CIE proxy)', () => {
  let t: BrowserTest;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await startOidcProvider({
      identities: [
        { sub: 'spid-mario', fiscalNumber: 'TINIT-RSSMRA80A01F205X' },
        { sub: 'cie-giulia', email: 'giulia.ferrari@lovit.example' },
        { sub: 'spid-ignoto', fiscalNumber: 'TINIT-BNCLCU75C12H501Z', email: 'ignoto@lovit.example' },
      ],
    });
    t = await startBrowserTest({
      config: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    provider.admit(`${t.base}/api/auth/oidc/callback`);
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE' });
    await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }], {
      email: 'mario.rossi@lovit.example',
      fiscalCode: 'RSSMRA80A01F205X',
      password: null,
    });
    await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }], {
      email: 'giulia.ferrari@lovit.example',
    });
  });

  afterAll(async () => {
    await stopBrowserTest(t);
    await provider?.stop();
  });

  async function signInAt(page: Page, login: string): Promise<void> {
    await page.goto(`${t.base}/accesso?next=/pratiche`);
    await page.getByRole('link', { name: 'Entra con SPID o CIE' }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('qualsiasi');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('matches the account by the fiscal code in the SPID claim and opens a session', async () => {
    const context = await t.browser.newContext();
    const page = await context.newPage();
    await signInAt(page, 'spid-mario');
    await page.waitForURL(`${t.base}/pratiche`);
    const session = await page.request.get(`${t.base}/api/auth/session`);
    expect(session.status()).toBe(200);
    expect(await session.json()).toMatchObject({
      user: { email: 'mario.rossi@lovit.example' },
      roles: ['sui_operator'],
    });
    const stored = await t.database.db.selectFrom('session').select('authMethod').execute();
    expect(stored.map((s) => s.authMethod)).toContain('oidc');
    await context.close();
  });

  it('falls back to the verified e-mail when the provider gives no fiscal code', async () => {
    const context = await t.browser.newContext();
    const page = await context.newPage();
    await signInAt(page, 'cie-giulia');
    await page.waitForURL(`${t.base}/pratiche`);
    const session = await page.request.get(`${t.base}/api/auth/session`);
    expect(await session.json()).toMatchObject({
      user: { email: 'giulia.ferrari@lovit.example' },
      roles: ['sui_manager'],
    });
    await context.close();
  });

  it('never creates an account: an unknown identity goes back to the login page', async () => {
    const context = await t.browser.newContext();
    const page = await context.newPage();
    await signInAt(page, 'spid-ignoto');
    await page.waitForURL(`${t.base}/accesso?errore=sconosciuto`);
    await page
      .getByText("L'identità digitale usata non corrisponde a nessun account di LOVIT.", { exact: false })
      .waitFor();
    expect((await page.request.get(`${t.base}/api/auth/session`)).status()).toBe(401);
    const users = await t.database.db.selectFrom('appUser').select('email').execute();
    expect(users.map((u) => u.email)).not.toContain('ignoto@lovit.example');
    await context.close();
  });

  it('binds the login to the browser that started it: another browser cannot complete it', async () => {
    const start = await t.app.inject({ url: '/api/auth/oidc/start?returnTo=/pratiche' });
    expect(start.statusCode).toBe(302);
    const state = new URL(String(start.headers.location)).searchParams.get('state');
    const cookie = start.cookies.find((c) => c.name === 'lovit_oidc_state');
    expect(cookie).toMatchObject({ value: state, httpOnly: true, path: '/api/auth/oidc' });
    const elsewhere = await t.app.inject({ url: `/api/auth/oidc/callback?code=abc&state=${state}` });
    expect(elsewhere.headers.location).toBe('/accesso?errore=oidc');
    const pending = await t.database.db
      .selectFrom('oidcLogin')
      .select('state')
      .where('state', '=', String(state))
      .execute();
    expect(pending).toHaveLength(1);
  });

  it('never sends the user to another site after signing in', async () => {
    for (const returnTo of [
      '//evil.example',
      '/\t/evil.example',
      'https://evil.example',
      '/%09/evil.example',
    ]) {
      const start = await t.app.inject({
        url: `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`,
      });
      const state = new URL(String(start.headers.location)).searchParams.get('state');
      const row = await t.database.db
        .selectFrom('oidcLogin')
        .select('returnTo')
        .where('state', '=', String(state))
        .executeTakeFirstOrThrow();
      expect(new URL(row.returnTo, t.base).origin, returnTo).toBe(t.base);
    }
  });

  it('refuses a callback with a state it did not issue', async () => {
    const res = await t.app.inject({ url: '/api/auth/oidc/callback?code=abc&state=forged' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/accesso?errore=oidc');
  });
});
