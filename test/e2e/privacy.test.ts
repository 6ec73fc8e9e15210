import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCheckCharacter } from '../../src/modules/cases/intake/fiscal-codes.ts';
import type { RetentionOverview } from '../../src/modules/privacy/retention/contract.ts';
import { TEST_NOW } from '../support/app.ts';
import {
  type BrowserTest,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  launchBrowser,
  openSignedIn,
  serveTestApp,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { workPermitApplication } from '../support/cases.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';
import { setQuota } from '../support/intake.ts';

const WORKER_CODE = `SNGGPR90A01Z222${computeCheckCharacter('SNGGPR90A01Z222')}`;
const IDENTITY_COPIES = 'Copie dei documenti d’identità e dei permessi di soggiorno allegate alle pratiche';
const FAILED_ATTEMPTS = 'Tentativi di accesso non riusciti';
const HOLD_REASON = 'Ricorso al TAR Lombardia n. 123/2026';

async function downloaded(download: Download): Promise<Buffer> {
  return readFile(await download.path());
}

/** The text of the element that describes a field (`aria-describedby`), as a screen reader reads it. */
async function descriptionOf(page: Page, field: ReturnType<Page['getByLabel']>): Promise<string> {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/**
 * The data-protection pages as their users work them: the administrator's retention and disposal, the SUI
 * manager's access request with its ZIP, the legal hold and the rectification on a case, and the register of
 * processing activities with its PDF.
 */
describe.skipIf(!browserAvailable())('data protection, in Chromium', () => {
  let t: BrowserTest;
  let adminEmail: string;
  let managerEmail: string;
  let caseId: string;
  let caseNumber: string;
  let dueNow: number;
  /** The failed sign-in's counts: the one from its address and the one from every address. */
  let failedTraces: number;

  beforeAll(async () => {
    // the jobs run: "Esegui ora" hands the disposal to one
    t = { ...(await serveTestApp({}, { jobs: true })), browser: await launchBrowser() };
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
    adminEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'admin' }])).email;
    managerEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]))
      .email;

    // a sign-in that failed in January: past its month of retention on 2 March
    t.clock.set('2026-01-15T10:00:00+01:00');
    const failed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'sconosciuto@lovit.example', password: 'una password sbagliata' },
    });
    expect(failed.statusCode).toBe(401);
    t.clock.set(TEST_NOW);

    const manager = await signIn(t.app, managerEmail);
    await setQuota(t.app, manager, 10);
    const application = workPermitApplication(1);
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: manager.headers,
      payload: {
        ...application,
        parties: application.parties.map((party) =>
          'person' in party && party.person
            ? { ...party, person: { ...party.person, fiscalCode: WORKER_CODE } }
            : party,
        ),
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    ({ id: caseId, number: caseNumber } = submitted.json());

    const overview = await t.app.inject({
      method: 'GET',
      url: '/api/privacy/retention',
      headers: (await signIn(t.app, adminEmail)).headers,
    });
    const categories = (overview.json() as RetentionOverview).categories;
    failedTraces = categories.find((category) => category.label === FAILED_ATTEMPTS)?.dueNow ?? 0;
    expect(failedTraces).toBeGreaterThan(0);
    dueNow = categories.reduce((sum, category) => sum + (category.dueNow ?? 0), 0);
  });

  afterAll(() => stopBrowserTest(t));

  it('lets the administrator lengthen a retention, refusing one below the minimum at the field, and run the disposal', async () => {
    const page = await openSignedIn(t.browser, t.base, '/amministrazione/conservazione', adminEmail);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Conservazione dei dati' }).waitFor();
    const copies = page.getByRole('row', { name: new RegExp(`^${IDENTITY_COPIES}`) });
    await copies.getByRole('cell', { name: /^1 anno non meno di 1 anno/ }).waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: `Modifica la conservazione di: ${IDENTITY_COPIES}` }).click();
    const form = page.getByRole('form', { name: `Conservazione di: ${IDENTITY_COPIES}` });
    const months = form.getByLabel('Mesi di conservazione');
    // the form takes the keyboard where the button was
    await expect.poll(() => months.evaluate((input) => input === document.activeElement)).toBe(true);
    await months.fill('6');
    await form.getByText('Pari a 6 mesi. Per questo tipo di dati non meno di 1 anno.').waitFor();
    await form.getByRole('button', { name: 'Salva' }).click();
    const refusal = 'Per questo tipo di dati la conservazione non può essere inferiore a 1 anno';
    await form.getByText(refusal).waitFor();
    expect(await months.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(page, months)).toContain(refusal);
    await expectAccessible(page);

    await months.fill('18');
    await form.getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('status').getByText(`Conservazione di «${IDENTITY_COPIES}» aggiornata.`).waitFor();
    await copies.getByRole('cell', { name: /^18 mesi non meno di 1 anno/ }).waitFor();
    const edit = page.getByRole('button', { name: `Modifica la conservazione di: ${IDENTITY_COPIES}` });
    await expect.poll(() => edit.evaluate((button) => button === document.activeElement)).toBe(true);

    const failures = page.getByRole('row', { name: new RegExp(`^${FAILED_ATTEMPTS}`) });
    await failures.getByText('Mai eseguita').waitFor();
    await page.getByRole('button', { name: 'Esegui ora' }).click();
    const done =
      dueNow === 1
        ? 'Eliminazione conclusa: 1 dato eliminato o reso anonimo.'
        : `Eliminazione conclusa: ${dueNow} dati eliminati o resi anonimi.`;
    await page.getByRole('status').getByText(done, { exact: false }).waitFor({ timeout: 20_000 });
    await failures
      .getByText(`02/03/26, 09:00: ${failedTraces} ${failedTraces === 1 ? 'dato' : 'dati'}`)
      .waitFor();
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('lets the SUI manager find a person by fiscal code, see their records and export them as a ZIP', async () => {
    const page = await openSignedIn(t.browser, t.base, '/amministrazione/accesso-dati', managerEmail);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Richiesta di accesso ai dati personali' }).waitFor();
    await expectAccessible(page);
    const code = page.getByLabel('Codice fiscale da cercare');
    await code.fill('RSSMRA85X10A562S');
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await expect.poll(() => descriptionOf(page, code)).toContain('Codice fiscale non valido');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await code.fill(WORKER_CODE);
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByText(/^Trovat[ae] \d+ registrazion[ei] \(ricerca per codice fiscale\)\.$/).waitFor();
    await page.getByText(caseNumber).first().waitFor();
    await expectAccessible(page);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Esporta tutti i dati (ZIP)' }).click();
    const zip = await download;
    expect(zip.suggestedFilename()).toBe('accesso-dati-02-03-2026.zip');
    const members = unzipSync(new Uint8Array(await downloaded(zip)));
    expect(Object.keys(members)).toEqual(expect.arrayContaining(['riepilogo.pdf', 'dati.json']));
    expect(Buffer.from(members['dati.json'] as Uint8Array).toString('utf8')).toContain(caseNumber);
    await closeAfterRefusals(page, errors);
  });

  it('lets the SUI manager place a legal hold on a case with its reason, and lift it', async () => {
    const page = await openSignedIn(t.browser, t.base, `/pratiche/${caseId}`, managerEmail);
    await page
      .getByText('La pratica segue i tempi di conservazione ordinari: nessun vincolo legale.')
      .waitFor();
    await page.getByRole('button', { name: 'Sospendi la conservazione per vincolo legale' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sospendi la conservazione per vincolo legale' });
    await dialog.getByRole('button', { name: 'Registra il vincolo' }).click();
    const reason = dialog.getByLabel('Motivo del vincolo');
    await dialog
      .getByText('Indicare il motivo del vincolo (ad esempio il ricorso o la richiesta dell’autorità).')
      .waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await reason.fill(HOLD_REASON);
    await dialog.getByRole('button', { name: 'Registra il vincolo' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('Vincolo legale registrato', { exact: false }).waitFor();
    await page
      .getByText(`Conservazione sospesa per vincolo legale: ${HOLD_REASON}, dal 2 marzo 2026`)
      .waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Revoca il vincolo legale' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revocare il vincolo legale?' });
    await confirm.getByRole('button', { name: 'Revoca il vincolo' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('Vincolo legale revocato', { exact: false }).waitFor();
    await page
      .getByText('La pratica segue i tempi di conservazione ordinari: nessun vincolo legale.')
      .waitFor();
    await closePage(page);
  });

  it('lets the SUI manager rectify a person’s name and birth date and shows the history in words', async () => {
    const page = await openSignedIn(t.browser, t.base, `/pratiche/${caseId}`, managerEmail);
    const rectifications = page.getByRole('region', { name: 'Rettifiche dei dati delle persone' });
    await rectifications.getByText('Nessuna rettifica registrata.').first().waitFor();
    await rectifications.getByRole('button', { name: 'Rettifica i dati di SINGH Gurpreet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rettifica dei dati di SINGH Gurpreet' });
    await dialog.getByLabel('Cognome').fill('SINGH SANDHU');
    await dialog.getByLabel('Data di nascita').fill('1981-02-12');
    await dialog.getByLabel('Motivo della rettifica').fill('Errore di trascrizione, copia del passaporto');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Registra la rettifica' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText('Dati della persona rettificati', { exact: false }).waitFor();
    await rectifications
      .getByText(
        /Cognome: da «SINGH» a «SINGH SANDHU»\. Motivo: Errore di trascrizione, copia del passaporto \(.+\)$/,
      )
      .waitFor();
    await rectifications.getByText(/Data di nascita: da «11 febbraio 1981» a «12 febbraio 1981»/).waitFor();
    await rectifications.getByRole('button', { name: 'Rettifica i dati di SINGH SANDHU Gurpreet' }).waitFor();
    await expectAccessible(page);
    await closePage(page);
  });

  it('shows the register of processing activities and downloads its PDF', async () => {
    const page = await openSignedIn(t.browser, t.base, '/amministrazione/registro-trattamenti', adminEmail);
    await page.getByRole('heading', { level: 1, name: 'Registro delle attività di trattamento' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Titolare del trattamento' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Gestione degli account e degli accessi' }).waitFor();
    await page.getByText('2 marzo 2026', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThan(3);
    await expectAccessible(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Scarica il registro in PDF' }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe('registro-trattamenti-02-03-2026.pdf');
    expect((await downloaded(pdf)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await closePage(page);
  });
});
