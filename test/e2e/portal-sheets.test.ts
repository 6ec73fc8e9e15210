import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApp, type TestApp } from '../support/app.ts';
import {
  assertWebBuilt,
  browserAvailable,
  closePage,
  expectAccessible,
  launchBrowser,
  openPage,
  openSignedIn,
} from '../support/browser.ts';
import { openTestDatabase, type TestDatabase } from '../support/database.ts';
import { makeUser } from '../support/identity.ts';
import { openPortalOffice } from '../support/portal.ts';

/** The legal expert rewrites a procedure sheet in the back-office, reviews and publishes it; the public reads it. */
describe.skipIf(!browserAvailable())('procedure sheets in the back-office, in Chromium', () => {
  let database: TestDatabase;
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let lawyerEmail: string;

  beforeAll(async () => {
    assertWebBuilt();
    database = await openTestDatabase('pglite');
    t = await startTestApp(database);
    const office = await openPortalOffice(t);
    lawyerEmail = (
      await makeUser(t.platform, [{ organisationId: office.organisationId, role: 'legal_expert' }])
    ).email;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stopTestApp(t);
    await database.dispose();
  });

  it('edits, reviews and publishes the Italian text, and the translations show as out of date', async () => {
    const page = await openSignedIn(browser, base, '/comunicazione/schede', lawyerEmail);
    await page.getByRole('heading', { level: 1, name: 'Schede delle procedure del portale' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Modifica ricongiungimento-familiare (it)' }).click();
    const limits = page.getByLabel('Tempi');
    await limits.fill('Lo Sportello decide entro 150 giorni dalla domanda completa.');
    await page.getByRole('button', { name: 'Salva la bozza' }).click();
    await page.getByText('Testo salvato: Bozza, revisione 2.').waitFor();
    await page.getByRole('button', { name: 'Segna come revisionata' }).click();
    await page.getByText('Testo salvato: Revisionata, revisione 2.').waitFor();
    await page.getByRole('button', { name: 'Pubblica' }).click();
    await page.getByText('Testo salvato: Pubblicata, revisione 2.').waitFor();
    expect(await page.getByText('Da aggiornare: il testo italiano è cambiato').count()).toBe(3);
    await expectAccessible(page);
    await closePage(page);

    const reader = await openPage(browser, `${base}/portale/it/schede/ricongiungimento-familiare`);
    expect(await reader.locator('main').textContent()).toContain('entro 150 giorni dalla domanda completa');
    await closePage(reader);
  });
});
