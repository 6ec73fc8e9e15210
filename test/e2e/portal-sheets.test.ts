import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTest,
  browserAvailable,
  closePage,
  expectAccessible,
  openPage,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
} from '../support/browser.ts';
import { makeUser } from '../support/identity.ts';
import { openPortalOffice } from '../support/portal.ts';

/** The legal expert rewrites a procedure sheet in the back-office, reviews and publishes it; the public reads it. */
describe.skipIf(!browserAvailable())('procedure sheets in the back-office, in Chromium', () => {
  let t: BrowserTest;
  let lawyerEmail: string;

  beforeAll(async () => {
    t = await startBrowserTest();
    const office = await openPortalOffice(t);
    lawyerEmail = (
      await makeUser(t.platform, [{ organisationId: office.organisationId, role: 'legal_expert' }])
    ).email;
  });

  afterAll(() => stopBrowserTest(t));

  it('edits, reviews and publishes the Italian text, and the translations show as out of date', async () => {
    const page = await openSignedIn(t.browser, t.base, '/comunicazione/schede', lawyerEmail);
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
    // The notice shows when the server answers; the list is fetched again after it.
    const outOfDate = page.getByText('Da aggiornare: il testo italiano è cambiato');
    await expect.poll(() => outOfDate.count()).toBe(3);
    await expectAccessible(page);
    await closePage(page);

    const reader = await openPage(t.browser, `${t.base}/portale/it/schede/ricongiungimento-familiare`);
    expect(await reader.locator('main').textContent()).toContain('entro 150 giorni dalla domanda completa');
    await closePage(reader);
  });

  it('writes a glossary term in the back-office, and the sheet that uses it explains it', async () => {
    const page = await openSignedIn(t.browser, t.base, '/comunicazione', lawyerEmail);
    await page.getByRole('link', { name: 'Glossario del portale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Glossario del portale' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Chiave del termine').fill('consolato');
    await page.getByLabel('Codice della lingua').fill('en');
    await page.getByLabel('Termine', { exact: true }).fill('consulate');
    await page.getByLabel('Spiegazione').fill('The office of Italy abroad that issues visas.');
    await page.getByRole('button', { name: 'Salva il termine' }).click();
    await page.getByText('Termine salvato: consulate (inglese).').waitFor();
    const row = page.getByRole('row', { name: /^consolato inglese/ });
    await row.getByRole('button', { name: 'Modifica consolato (en)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Modifica di «consulate»' }).waitFor();
    expect(await page.getByLabel('Chiave del termine').getAttribute('readonly')).not.toBeNull();
    await page.getByLabel('Spiegazione').fill('The office of Italy in your country that issues the visa.');
    await page.getByRole('button', { name: 'Salva il termine' }).click();
    await row.getByText('The office of Italy in your country that issues the visa.').waitFor();
    await expectAccessible(page);
    await closePage(page);

    const reader = await openPage(t.browser, `${t.base}/portale/en/schede/ricongiungimento-familiare`);
    expect(await reader.locator('main').textContent()).toContain(
      'The office of Italy in your country that issues the visa.',
    );
    await closePage(reader);
  });
});
