import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
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

  /** No violation at all of WCAG 2.2 AA, whatever its impact. */
  const expectNoViolation = async (page: Page) => {
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(violations.map((violation) => `${violation.id} on ${page.url()}`)).toEqual([]);
  };

  it('reads a draft sheet in Arabic and Ukrainian: three steps, folded references, languages, print, feedback', async () => {
    const page = await openPage(t.browser, `${t.base}/portale/ar/schede/accordo-integrazione`, 390);
    await page.getByRole('heading', { level: 1, name: 'اتفاق الاندماج (accordo di integrazione)' }).waitFor();
    await page.getByText('مسودة، لم تُراجَع بعد: لم يراجع خبير من المكتب هذا النص بعد').waitFor();
    await page.getByRole('heading', { level: 2, name: 'في 3 خطوات' }).waitFor();
    const references = page.getByText('179/2011', { exact: false });
    expect(await references.isVisible()).toBe(false);
    await expectNoViolation(page);
    await page.getByText('المراجع القانونية').click();
    await references.first().waitFor();
    await page.getByText('المراجع القانونية').click();

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'أرسل الإجابة' }).isVisible()).toBe(false);
    expect(await page.locator('header').isVisible()).toBe(false);
    expect(await references.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.getByRole('link', { name: 'Українська' }).last().click();
    await page
      .getByRole('heading', { level: 1, name: 'Угода про інтеграцію (accordo di integrazione)' })
      .waitFor();
    await page.getByText('Машинний переклад · Чернетка, ще не перевірена').waitFor();
    await page.getByRole('radio', { name: 'Ні' }).check();
    await page.getByLabel('Якщо ні, чому? (необов’язково)').selectOption({ label: 'Немає моєї мови' });
    await page.getByRole('button', { name: 'Надіслати відповідь' }).click();
    await page.getByRole('heading', { level: 1, name: 'Дякуємо за відповідь' }).waitFor();
    await expectNoViolation(page);
    await closePage(page);
  });

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
    await expect.poll(() => outOfDate.count()).toBe(4);
    await page.getByText('Verificato da Mario Rossi il').first().waitFor();
    await expectAccessible(page);

    await page.getByRole('heading', { level: 2, name: /«Questa pagina è stata utile\?»/ }).waitFor();
    const answers = page.getByRole('row', { name: /Accordo di integrazione ucraino/ });
    await answers.getByText('Non c’è la mia lingua: 1').waitFor();
    await closePage(page);

    const reader = await openPage(t.browser, `${t.base}/portale/it/schede/ricongiungimento-familiare`);
    const text = await reader.locator('main').textContent();
    expect(text).toContain('entro 150 giorni dalla domanda completa');
    expect(text).toMatch(/Verificato da Mario Rossi \(esperto legale\) il \d+ [a-z]+ 20\d\d/);
    // the sheet is no longer a draft; its glossary words, still unchecked, keep their own label
    expect(await reader.locator('.card.draft').count()).toBe(0);
    expect(await reader.locator('section.provenance').textContent()).not.toContain(
      'Bozza, non ancora verificata',
    );
    await expectNoViolation(reader);
    await closePage(reader);
  }, 120_000);

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
  }, 120_000);
});
