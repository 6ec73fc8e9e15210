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

  it('writes a glossary term in the back-office, reviews and publishes it, and the sheet that uses it explains it', async () => {
    const page = await openSignedIn(t.browser, t.base, '/comunicazione', lawyerEmail);
    await page.getByRole('link', { name: 'Glossario del portale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Glossario del portale' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Chiave del termine').fill('consolato');
    await page.getByLabel('Codice della lingua').fill('it');
    await page.getByLabel('Termine', { exact: true }).fill('consolato');
    await page.getByLabel('Spiegazione').fill('L’ufficio dell’Italia all’estero che rilascia i visti.');
    await page.getByRole('button', { name: 'Salva la bozza del termine' }).click();
    await page.getByText('Spiegazione di «consolato» (italiano): bozza.').waitFor();
    const row = page.getByRole('row', { name: /^consolato italiano/ });
    await row.getByText('Bozza').waitFor();
    const draftReader = await openPage(t.browser, `${t.base}/portale/it/schede/ricongiungimento-familiare`);
    expect(await draftReader.locator('main').textContent()).not.toContain('che rilascia i visti');
    await closePage(draftReader);

    await row.getByRole('button', { name: 'Modifica consolato (it)' }).click();
    await page.getByRole('heading', { level: 2, name: 'Modifica di «consolato»' }).waitFor();
    expect(await page.getByLabel('Chiave del termine').getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Segna come revisionato' }).click();
    await page.getByText('Spiegazione di «consolato» (italiano): revisionata.').waitFor();
    await page.getByRole('button', { name: 'Pubblica il termine' }).click();
    await page.getByText('Spiegazione di «consolato» (italiano): pubblicata.').waitFor();
    await row.getByText('Pubblicata').waitFor();
    await expectAccessible(page);
    await closePage(page);

    const reader = await openPage(t.browser, `${t.base}/portale/it/schede/ricongiungimento-familiare`);
    expect(await reader.locator('main').textContent()).toContain(
      'L’ufficio dell’Italia all’estero che rilascia i visti.',
    );
    await closePage(reader);
  });
});
