import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTest,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  openPage,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { PNG } from '../support/documents.ts';
import { makeOrganisation, makeUser } from '../support/identity.ts';

const TITLE = 'Aperto lo sportello per i ricongiungimenti familiari';
const ALT = 'Lo sportello della Prefettura con due operatrici al lavoro';
/** The form's refusal of a missing title comes back as a 400, on purpose. */
const REFUSED_FORM = /Failed to load resource: the server responded with a status of (400|401)/;

/**
 * A news item as the communications staff live it: one officer writes it with its cover image and the
 * image's description, a colleague reviews the Italian text, the officer schedules it, changes her mind and
 * publishes it at once, and visitors find it on the portal's news page.
 */
describe.skipIf(!browserAvailable())('news: writing, review and publication, in Chromium', () => {
  let t: BrowserTest;
  let writerEmail: string;
  let reviewerEmail: string;
  let articleId: string;
  /** The writer's tab, open from the first test to the last, as she waits for the review. */
  let writer: Page;
  let writerErrors: string[];

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefettura = await makeOrganisation(t.platform, { name: 'Prefettura di Lodi', type: 'PREFECTURE' });
    const officer = [{ organisationId: prefettura.id, role: 'communications' as const }];
    writerEmail = (await makeUser(t.platform, officer)).email;
    reviewerEmail = (await makeUser(t.platform, officer)).email;
  });

  afterAll(() => stopBrowserTest(t));

  it('lets an officer write a news item and give it a described cover image', async () => {
    writer = await openSignedIn(t.browser, t.base, '/comunicazione', writerEmail);
    writerErrors = watchErrors(writer, REFUSED_FORM);
    const page = writer;
    await page
      .getByRole('region', { name: 'Notizie e avvisi' })
      .getByText('Non ci sono ancora notizie né avvisi: inizia con «Nuova notizia».')
      .waitFor();
    await page.getByRole('link', { name: 'Nuova notizia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuova notizia' }).waitFor();
    await page.getByRole('button', { name: 'Crea la notizia' }).click();
    const title = page.getByLabel('Titolo');
    await page.getByText('Campo obbligatorio').first().waitFor();
    await expect(title.getAttribute('aria-invalid')).resolves.toBe('true');
    await title.fill(TITLE);
    await page
      .getByLabel('In breve')
      .fill('Dal 9 marzo lo sportello riceve il martedì e il giovedì, su appuntamento.');
    await page
      .getByLabel('Testo', { exact: true })
      .fill(
        '## Cosa portare\n\n- il passaporto\n- la ricevuta della domanda\n\nInfo su [Lodi](https://lodi.example).',
      );
    await page.getByLabel('Etichette').fill('ricongiungimento familiare, sportello');
    await page.getByRole('button', { name: 'Crea la notizia' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    articleId = new URL(page.url()).pathname.split('/').at(-1) as string;
    await page.getByText(/^Il testo italiano deve essere revisionato prima della pubblicazione/).waitFor();
    // the writer does not review her own text
    await expect(page.getByRole('button', { name: /^Revisiona/ }).count()).resolves.toBe(0);

    await page
      .getByLabel('Immagine da caricare')
      .setInputFiles({ name: 'sportello.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: 'Carica l’immagine' }).click();
    await page.getByRole('status').getByText('Immagine «sportello.png» caricata.').waitFor();
    const markdown = await page.getByRole('textbox', { name: 'Markdown di «sportello.png»' }).inputValue();
    expect(markdown).toMatch(/^!\[\]\(\/portale\/immagini\/[0-9a-f-]{36}\)$/);

    await page
      .getByRole('combobox', { name: 'Immagine di copertina' })
      .selectOption({ label: 'sportello.png' });
    await page.getByRole('button', { name: 'Salva le impostazioni' }).click();
    await page.getByRole('status').getByText('Impostazioni salvate.').waitFor();
    await page.getByText('sportello.png (copertina)').waitFor();
    await page.getByText(/^L’articolo ha un’immagine di copertina/).waitFor();

    const italian = page.getByRole('region', { name: 'Italiano', exact: true });
    const body = italian.getByLabel('Testo', { exact: true });
    await body.fill(`${await body.inputValue()}\n\n${markdown.replace('![]', `![${ALT}]`)}`);
    await italian.getByLabel('Descrizione dell’immagine di copertina').fill(ALT);
    await italian.getByRole('button', { name: 'Anteprima' }).click();
    const preview = italian.getByRole('region', { name: 'Anteprima del testo' });
    await preview.getByRole('heading', { name: 'Cosa portare' }).waitFor();
    await preview.getByRole('img', { name: ALT }).waitFor();
    await expect
      .poll(() =>
        preview.getByRole('img', { name: ALT }).evaluate((img) => (img as HTMLImageElement).naturalWidth),
      )
      .toBe(1);
    await italian.getByRole('button', { name: 'Salva' }).click();
    await page
      .getByRole('status')
      .getByText('Testo in italiano salvato come bozza (revisione 2): ora va revisionato.')
      .waitFor();
    await page.getByText(/^Il testo italiano deve essere revisionato prima della pubblicazione/).waitFor();
    await expectAccessible(page);
  });

  it('has a colleague review the Italian text', async () => {
    const page = await openSignedIn(t.browser, t.base, `/comunicazione/notizie/${articleId}`, reviewerEmail, {
      width: 360,
    });
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('button', { name: 'Revisiona il testo in italiano' }).click();
    await page.getByRole('status').getByText('Testo in italiano revisionato.').waitFor();
    await page.getByText(/^Revisionato da Mario Rossi il /).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await closePage(page);
  });

  it('lets the officer schedule it, change her mind and publish it now, for visitors to read', async () => {
    const page = writer;
    await page.reload();
    await page.getByText(/^Il testo italiano è revisionato/).waitFor();
    await page.getByLabel('Giorno').fill('2026-03-10');
    await page.getByLabel('Ora', { exact: true }).fill('09:00');
    await page.getByRole('button', { name: 'Programma', exact: true }).click();
    await page.getByRole('status').getByText('Pubblicazione programmata: martedì 10 marzo 2026').waitFor();
    await page.getByText('Pubblicazione programmata', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Annulla la programmazione' }).click();
    await page
      .getByRole('status')
      .getByText(/^Programmazione annullata/)
      .waitFor();
    await page.getByRole('button', { name: 'Pubblica ora' }).click();
    await page.getByRole('status').getByText('Articolo pubblicato sul portale.').waitFor();
    const publicLink = page.getByRole('link', { name: 'Apri la pagina pubblica della notizia' });
    await expect(publicLink.getAttribute('href')).resolves.toBe(`${t.base}/portale/it/notizie/${articleId}`);
    await page.getByRole('button', { name: 'Archivia' }).waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Comunicazione' }).first().click();
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByText('Italiano: Pubblicato').waitFor();
    await row.getByText('2 marzo 2026').waitFor();
    await closeAfterRefusals(page, writerErrors);

    const visitor = await openPage(t.browser, `${t.base}/portale/it/notizie`, 360);
    await visitor.getByRole('link', { name: TITLE }).waitFor();
    await visitor.getByRole('img', { name: ALT }).waitFor();
    await expectAccessible(visitor);
    await closePage(visitor);
  });
});
