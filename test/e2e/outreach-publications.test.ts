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
import { makePdf, PNG } from '../support/documents.ts';
import { makeOrganisation, makeUser } from '../support/identity.ts';

const TITLE = 'Lo sportello per i ricongiungimenti familiari';
const POINT = 'Sportello SUI della Prefettura';
const COVERAGE = 'A Lodi uno sportello unico per chi arriva';
/** The forms' refusals (a missing title, too many copies) come back as 400 and 422, on purpose. */
const REFUSED_FORM = /Failed to load resource: the server responded with a status of (400|401|422)/;

const isFocused = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((element) => element === document.activeElement);

/**
 * A leaflet and the press as the communications officer lives them: she records the leaflet with its print
 * run, uploads its Italian PDF, publishes it and records where the copies went, visitors download it from the
 * portal, and she adds an article about the project to the press coverage log with its reach and clipping.
 */
describe.skipIf(!browserAvailable())('publications and the press coverage log, in Chromium', () => {
  let t: BrowserTest;
  let officerEmail: string;
  let publicationPath: string;
  /** The officer's tab, open from the first test to the last. */
  let officer: Page;
  let officerErrors: string[];

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefettura = await makeOrganisation(t.platform, { name: 'Prefettura di Lodi', type: 'PREFECTURE' });
    officerEmail = (await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'communications' }]))
      .email;
  });

  afterAll(() => stopBrowserTest(t));

  it('lets an officer record a leaflet, upload its Italian PDF, publish it and hand out copies', async () => {
    officer = await openSignedIn(t.browser, t.base, '/comunicazione', officerEmail);
    officerErrors = watchErrors(officer, REFUSED_FORM);
    const page = officer;
    await page
      .getByRole('region', { name: 'Pubblicazioni' })
      .getByText('Non ci sono ancora pubblicazioni: inizia con «Nuova pubblicazione».')
      .waitFor();
    await page.getByRole('link', { name: 'Nuova pubblicazione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nuova pubblicazione' }).waitFor();
    await page.getByRole('button', { name: 'Crea la pubblicazione' }).click();
    await page.getByText('Campo obbligatorio').first().waitFor();
    await expect(page.getByLabel('Titolo').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(isFocused(page, 'Titolo')).resolves.toBe(true);
    await expectAccessible(page);

    await page.getByLabel('Tipo').selectOption({ label: 'Volantino' });
    await page.getByLabel('Titolo').fill(TITLE);
    await page
      .getByLabel('Descrizione')
      .fill('Chi può chiedere il ricongiungimento, con quali documenti e dove.');
    await page.getByLabel('Formato di stampa').fill('A5');
    await page.getByLabel('Pagine').fill('2');
    await page.getByLabel('Copie stampate').fill('1500');
    await page.getByLabel('Data di stampa').fill('2026-02-20');
    await page.getByRole('button', { name: 'Crea la pubblicazione' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    publicationPath = new URL(page.url()).pathname;
    await page.getByText(/^Per pubblicarla serve il PDF in italiano/).waitFor();
    await expect(page.getByRole('button', { name: 'Pubblica sul portale' }).count()).resolves.toBe(0);

    await expect(page.getByLabel('Titolo nella lingua del PDF').inputValue()).resolves.toBe(TITLE);
    await page.getByLabel('PDF da caricare').setInputFiles({
      name: 'volantino-ricongiungimenti.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Ricongiungimenti familiari'),
    });
    await page.getByRole('button', { name: 'Carica il PDF' }).click();
    await page
      .getByRole('status')
      .getByText('PDF in italiano caricato: è la versione 1, quella che il pubblico scarica.')
      .waitFor();
    const versions = page.getByRole('table', { name: 'Versioni del PDF in italiano' });
    await versions.getByRole('rowheader', { name: /^1\s*attuale$/ }).waitFor();
    await versions.getByRole('link', { name: 'volantino-ricongiungimenti.pdf' }).waitFor();

    const cover = page.getByRole('form', { name: 'Aggiungi la copertina' });
    await cover.getByLabel('Immagine della copertina').setInputFiles({
      name: 'copertina.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await cover.getByRole('button', { name: 'Aggiungi la copertina' }).click();
    await cover.getByText('Campo obbligatorio').waitFor();
    await cover.getByLabel('Che cosa mostra l’immagine').fill('Una famiglia davanti allo sportello');
    await cover.getByRole('button', { name: 'Aggiungi la copertina' }).click();
    await page.getByRole('status').getByText('Copertina salvata.').waitFor();
    await page.getByRole('img', { name: 'Una famiglia davanti allo sportello' }).waitFor();

    await page.getByRole('button', { name: 'Pubblica sul portale' }).click();
    await page.getByRole('status').getByText('La pubblicazione è ora sul portale.').waitFor();
    const publicLink = page.getByRole('link', { name: 'Apri la pagina pubblica delle pubblicazioni' });
    await expect(publicLink.getAttribute('href')).resolves.toBe(`${t.base}/portale/it/pubblicazioni`);
    await page.getByRole('button', { name: 'Ritira dal portale' }).waitFor();

    await page.getByText('Copie stampate: 1.500; distribuite: 0; da distribuire: 1.500.').waitFor();
    await page.getByLabel('Punto di distribuzione').fill(POINT);
    await page.getByLabel('Copie', { exact: true }).fill('2000');
    await page.getByLabel('Consegnate il').fill('2026-03-02');
    await page.getByRole('button', { name: 'Registra la consegna' }).click();
    await page.getByText('Restano 1500 copie da distribuire').waitFor();
    await expect(isFocused(page, 'Copie')).resolves.toBe(true);
    await page.getByLabel('Copie', { exact: true }).fill('400');
    await page.getByRole('button', { name: 'Registra la consegna' }).click();
    await page.getByRole('status').getByText(`Consegna a «${POINT}» registrata.`).waitFor();
    await page.getByText('Copie stampate: 1.500; distribuite: 400; da distribuire: 1.100.').waitFor();
    const delivery = page.getByRole('row', { name: new RegExp(POINT) });
    await delivery.getByText('2 marzo 2026').waitFor();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Comunicazione' }).first().click();
    const row = page
      .getByRole('region', { name: 'Pubblicazioni' })
      .getByRole('row', { name: new RegExp(TITLE) });
    await expect(row.getByRole('cell').allInnerTexts()).resolves.toEqual([
      'Volantino',
      'Pubblicata',
      'Italiano',
      '1.500',
      '400',
      '0',
    ]);
  });

  it('shows the leaflet to visitors with the link that downloads its PDF', async () => {
    const visitor = await openPage(t.browser, `${t.base}/portale/it/pubblicazioni`, 360);
    await visitor.getByRole('heading', { name: TITLE }).waitFor();
    await visitor.getByRole('img', { name: 'Una famiglia davanti allo sportello' }).waitFor();
    const download = visitor.getByRole('link', { name: /^Scarica il PDF/ });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/portale\/pubblicazioni\/file\/[0-9a-f-]{36}$/);
    const pdf = await fetch(`${t.base}${href}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await expectAccessible(visitor);
    await closePage(visitor);
  });

  it('fits the publication on a phone, with its download counted', async () => {
    const phone = await openSignedIn(t.browser, t.base, publicationPath, officerEmail, { width: 360 });
    const versions = phone.getByRole('table', { name: 'Versioni del PDF in italiano' });
    await expect(versions.getByRole('row').nth(1).getByRole('cell').last().textContent()).resolves.toBe('1');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(phone);
    await closePage(phone);
  });

  it('lets the officer add an article to the press coverage log, correct it and attach its clipping', async () => {
    const page = officer;
    const press = page.getByRole('region', { name: 'Rassegna stampa' });
    await press
      .getByText('La rassegna stampa è ancora vuota: aggiungi la prima voce con il modulo qui sotto.')
      .waitFor();
    const adding = press.getByRole('form', { name: 'Aggiungi alla rassegna stampa' });
    await adding.getByLabel('Data di uscita').fill('2026-02-27');
    await adding.getByLabel('Mezzo').selectOption({ label: 'Stampa' });
    await adding.getByLabel('Testata').fill('Il Cittadino di Lodi');
    await adding.getByLabel('Titolo').fill(COVERAGE);
    await adding.getByLabel('Indirizzo web').fill('https://www.ilcittadino.example/lodi/sportello-unico');
    await adding.getByLabel('Diffusione stimata').fill('12500');
    await adding.getByRole('button', { name: 'Aggiungi la voce' }).click();
    await page
      .getByRole('status')
      .getByText('Voce aggiunta alla rassegna stampa. Se hai il ritaglio in PDF, allegalo qui sotto.')
      .waitFor();
    const heading = press.getByRole('heading', { name: `Modifica: ${COVERAGE}` });
    await expect.poll(() => heading.evaluate((element) => element === document.activeElement)).toBe(true);

    const item = press.getByRole('row', { name: new RegExp(COVERAGE) });
    await expect(item.getByRole('link', { name: COVERAGE }).getAttribute('href')).resolves.toBe(
      'https://www.ilcittadino.example/lodi/sportello-unico',
    );
    await item.getByText('27 febbraio 2026').waitFor();
    await item.getByText('12.500').waitFor();
    await item.getByText('Nessuno').waitFor();

    const editing = press.getByRole('form', { name: `Modifica: ${COVERAGE}` });
    await editing.getByLabel('Diffusione stimata').fill('13000');
    await editing.getByRole('button', { name: 'Salva la correzione' }).click();
    await page.getByRole('status').getByText('Voce corretta.').waitFor();
    await item.getByText('13.000').waitFor();

    await press.getByLabel('Ritaglio da allegare').setInputFiles({
      name: 'ritaglio-cittadino.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Il Cittadino, 27 febbraio 2026'),
    });
    await press.getByRole('button', { name: 'Allega il ritaglio' }).click();
    await page.getByRole('status').getByText('Ritaglio «ritaglio-cittadino.pdf» allegato.').waitFor();
    const clipping = item.getByRole('link', { name: `Ritaglio in PDF: ${COVERAGE}` });
    await expect(clipping.getAttribute('href')).resolves.toMatch(
      /^\/api\/outreach\/coverage\/[0-9a-f-]{36}\/clipping$/,
    );
    await expectAccessible(page);

    const filters = press.getByRole('search', { name: 'Filtri della rassegna stampa' });
    await filters.getByLabel('Mezzo').selectOption({ label: 'Radio' });
    await filters.getByRole('button', { name: 'Cerca' }).click();
    await press.getByText('Nessuna voce per questo mezzo.').waitFor();
    await closeAfterRefusals(page, officerErrors);
  });
});
