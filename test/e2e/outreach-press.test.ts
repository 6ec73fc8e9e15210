import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type BrowserTestWithMail,
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
import { makeOrganisation, makeUser } from '../support/identity.ts';

const TITLE = 'Lo Sportello Unico apre il giovedì pomeriggio';
const JOURNALIST = 'cronaca@ilcittadino.example';
/** The contact form's refusal of missing fields comes back as a 400, on purpose. */
const REFUSED_FORM = /Failed to load resource: the server responded with a status of 400/;

/**
 * The press office as its staff live it: an officer adds a journalist's contact with its legal basis and
 * writes a release, the project manager reviews it, the officer sends it and sees it delivered; the
 * journalist stops the releases from the link in the e-mail, and later asks for their data to be erased.
 */
describe.skipIf(!browserAvailable())('the press office, in Chromium', () => {
  let t: BrowserTestWithMail;
  let officerEmail: string;
  let managerEmail: string;
  let releasePath: string;

  beforeAll(async () => {
    t = (await startBrowserTest({ smtp: true })) as BrowserTestWithMail;
    const prefettura = await makeOrganisation(t.platform, { name: 'Prefettura di Lodi', type: 'PREFECTURE' });
    officerEmail = (await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'communications' }]))
      .email;
    managerEmail = (await makeUser(t.platform, [{ organisationId: prefettura.id, role: 'project_manager' }]))
      .email;
  });

  afterAll(() => stopBrowserTest(t));

  it('lets the officer add a contact with its legal basis and write a release', async () => {
    const page = await openSignedIn(t.browser, t.base, '/comunicazione', officerEmail);
    const errors = watchErrors(page, REFUSED_FORM);
    await page.getByRole('link', { name: 'Ufficio stampa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ufficio stampa' }).waitFor();
    await page.getByText('Non ci sono ancora contatti stampa.').waitFor();
    await page.getByRole('button', { name: 'Aggiungi il contatto' }).click();
    await page.getByText('Campo obbligatorio').first().waitFor();
    await page.getByLabel('Testata', { exact: true }).fill('Il Cittadino di Lodi');
    await page.getByLabel('Nome', { exact: true }).fill('Redazione cronaca');
    await page.getByLabel('E-mail', { exact: true }).fill(JOURNALIST);
    await page.getByLabel('Da dove viene').fill('Indirizzo pubblicato nel sito della testata');
    await page.getByRole('button', { name: 'Aggiungi il contatto' }).click();
    await page.getByText('Contatto di Redazione cronaca aggiunto.').waitFor();
    await page.getByRole('cell', { name: JOURNALIST }).waitFor();
    await expectAccessible(page);

    await page.getByText('Scrivi un nuovo comunicato').click();
    await page.getByLabel('Titolo').fill(TITLE);
    await page.getByLabel('Sommario').fill('Nuovi orari per le domande di ricongiungimento familiare.');
    await page.getByLabel('Testo', { exact: true }).fill('Lo **Sportello Unico** riceve anche il giovedì.');
    await page.getByRole('button', { name: 'Salva la bozza' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText(/^Prima dell’invio il comunicato va revisionato/).waitFor();
    await expect(page.getByRole('button', { name: 'Revisiona il comunicato' }).count()).resolves.toBe(0);
    releasePath = new URL(page.url()).pathname;
    await closeAfterRefusals(page, errors);
  });

  it('has the project manager review it, and the officer send it and see it delivered', async () => {
    const manager = await openSignedIn(t.browser, t.base, releasePath, managerEmail);
    await manager.getByRole('button', { name: 'Revisiona il comunicato' }).click();
    await manager.getByText('Comunicato revisionato: ora si può inviare.').waitFor();
    await closePage(manager);

    const page = await openSignedIn(t.browser, t.base, releasePath, officerEmail);
    await page.getByRole('heading', { name: 'Destinatari' }).waitFor();
    await page.getByLabel('Invia a Redazione cronaca (Il Cittadino di Lodi)').check();
    await page.getByRole('button', { name: 'Invia a 1 destinatari' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inviare il comunicato?' });
    await dialog.getByRole('button', { name: 'Invia' }).click();
    await page.getByText('Comunicato in partenza verso 1 destinatari.').waitFor();
    await vi.waitFor(
      async () => {
        await page.reload();
        await page.getByRole('cell', { name: /^Consegnato al server di posta/ }).waitFor({ timeout: 1000 });
      },
      { timeout: 15_000 },
    );
    await expectAccessible(page);
    await closePage(page);
  });

  it('lets the journalist stop the releases from the link in the e-mail', async () => {
    const mail = await vi.waitFor(
      () => {
        const found = t.smtp.inbox.find((m) => m.to.includes(JOURNALIST));
        if (!found) throw new Error('no release yet');
        return found;
      },
      { timeout: 10_000 },
    );
    const link = /Per non ricevere più i comunicati: (\S+)/.exec(mail.text)?.[1] as string;
    const address = new URL(link);
    const page = await openPage(t.browser, `${t.base}${address.pathname}${address.search}`, 360);
    await page.getByText(`all’indirizzo ${JOURNALIST}`).waitFor();
    await page.getByRole('button', { name: 'Non voglio più riceverli' }).click();
    await page.getByText(/^Fatto: non riceverà più i comunicati stampa/).waitFor();
    await expectAccessible(page);
    await closePage(page);
  });

  it('lets the officer erase the journalist’s data on their request', async () => {
    const page = await openSignedIn(t.browser, t.base, '/comunicazione/ufficio-stampa', officerEmail);
    await page.getByRole('button', { name: 'Cancella i dati di Redazione cronaca' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/art\. 17 GDPR/).waitFor();
    await dialog.getByRole('button', { name: 'Cancella i dati' }).click();
    await page.getByText('Dati di Redazione cronaca cancellati.').waitFor();
    await page.getByText(/^Dati cancellati il /).waitFor();
    expect(await page.getByText(JOURNALIST).count()).toBe(0);
    await expectAccessible(page);
    await closePage(page);
  });
});
