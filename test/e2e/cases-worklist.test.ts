import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTest,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  openSignedIn as openSignedInAs,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { companyFiscalCode, workPermitApplication } from '../support/cases.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';
import { setQuota } from '../support/intake.ts';

describe.skipIf(!browserAvailable())('SUI case files in Chromium: intake, worklist, case page', () => {
  let t: BrowserTest;
  let managerEmail: string;
  let operatorId: string;
  /** The case registered through the form, followed through the tests below. */
  const filed = { id: '', number: '' };

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
    const manager = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]);
    const operator = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_operator' }]);
    managerEmail = manager.email;
    operatorId = operator.id;
    await setQuota(t.app, await managerApi(), 50, 'DPCM 2.10.2025, quota provinciale');
  });

  afterAll(() => stopBrowserTest(t));

  /** The manager's session for calls made behind the user's back (signed in again after the clock moves). */
  const managerApi = (): Promise<Session> => signIn(t.app, managerEmail);

  const openSignedIn = (path: string, width = 1280): Promise<Page> =>
    openSignedInAs(t.browser, t.base, path, managerEmail, { width });

  it('registers a work permit from the form, showing the server’s objections on the fields at fault', async () => {
    const page = await openSignedIn('/pratiche/nuova');
    const errors = watchErrors(
      page,
      /Failed to load resource: the server responded with a status of (422|503)/,
    );
    await page.getByRole('heading', { level: 1, name: 'Nuova pratica' }).waitFor();
    await page.getByLabel('Tipo di pratica').selectOption({ label: 'Nulla osta al lavoro subordinato' });
    await page.getByLabel('Settore della quota').selectOption({ label: 'Lavoro subordinato non stagionale' });
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Registra la pratica' }).click();
    const employer = page.getByRole('group', { name: 'Datore di lavoro' });
    const worker = page.getByRole('group', { name: 'Lavoratore' });
    await expect.poll(() => employer.getByLabel('Denominazione').getAttribute('aria-invalid')).toBe('true');
    expect(await worker.getByLabel('Cognome').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    const fiscalCode = companyFiscalCode(4242);
    const wrongFiscalCode = `${fiscalCode.slice(0, 10)}${(Number(fiscalCode.slice(10)) + 1) % 10}`;
    await employer.getByLabel('Denominazione').fill('Cascina San Marco S.r.l.');
    await employer.getByLabel('Codice fiscale').fill(wrongFiscalCode);
    await employer.getByLabel('Partita IVA').fill(fiscalCode);
    await employer.getByLabel('Indirizzo della sede').fill('Via Emilia 12, 26900 Lodi (LO)');
    await employer.getByLabel('PEC').fill('cascina.sanmarco@pec.lovit.example');
    await worker.getByLabel('Cognome').fill('HOSSAIN');
    await worker.getByLabel('Nome', { exact: true }).fill('Rahim');
    await worker.getByLabel('Sesso').selectOption({ label: 'Maschile' });
    await worker.getByLabel('Data di nascita').fill('1990-04-12');
    await worker.getByLabel('Luogo di nascita').fill('Dhaka');
    await worker.getByLabel('Cittadinanza').selectOption('BD');
    await worker.getByLabel('Numero del passaporto').fill('BX1234567');
    await worker.getByLabel('Scadenza del passaporto').fill('2025-06-30');
    // A real fiscal code, of someone else: accepted, and flagged on the case page
    await worker.getByLabel('Codice fiscale').fill('RSSMRA80A01F205X');
    await worker.getByLabel('Lingua preferita').selectOption('bn');
    await page.getByLabel('Mansione').fill('Operaio agricolo specializzato');
    await page.getByLabel('Tipo di contratto').selectOption({ label: 'Tempo determinato' });
    await page.getByLabel('Ore settimanali').fill('40');
    await page.getByRole('button', { name: 'Registra la pratica' }).click();

    const fiscalCodeField = employer.getByLabel('Codice fiscale');
    await expect.poll(() => fiscalCodeField.getAttribute('aria-invalid')).toBe('true');
    await employer.getByText('Codice fiscale dell’impresa non valido').waitFor();
    await worker.getByText('Il passaporto è scaduto').waitFor();
    expect(await worker.getByLabel('Scadenza del passaporto').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').first().waitFor();
    await expectAccessible(page);

    await fiscalCodeField.fill(fiscalCode);
    await worker.getByLabel('Scadenza del passaporto').fill('2031-06-30');
    // The case is written, but the answer is lost as a timeout would lose it: sending again must not make a second.
    const keys: (string | undefined)[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'POST' && new URL(sent.url()).pathname === '/api/cases')
        keys.push(sent.headers()['idempotency-key']);
    });
    const uncertain = 'Non è certo che la domanda sia stata registrata.';
    await page.route('**/api/cases', async (route) => {
      await route.fetch();
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Servizio non disponibile',
          status: 503,
          detail: uncertain,
        }),
      });
    });
    await page.getByRole('button', { name: 'Registra la pratica' }).click();
    await page.getByRole('alert').getByText(uncertain).waitFor();
    await page.unroute('**/api/cases');
    await page.getByRole('button', { name: 'Registra la pratica' }).click();
    await page.waitForURL(/\/pratiche\/[0-9a-f-]{36}$/);
    const notice = page.getByRole('status').getByText(/^Pratica LO-2026-\d{6} registrata\.$/);
    await notice.waitFor();
    filed.number = ((await notice.textContent()) ?? '').match(/LO-2026-\d{6}/)?.[0] ?? '';
    filed.id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('heading', { level: 1, name: `Pratica ${filed.number}` }).waitFor();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    await closeAfterRefusals(page, errors);
  });

  it('lists the case in the worklist, a page at a time, filtered by deadline and type, with saved views', async () => {
    const api = await managerApi();
    for (let n = 1; n <= 25; n++) {
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: api.headers,
        payload: workPermitApplication(n),
      });
      expect(answer.statusCode).toBe(201);
    }
    let page = await openSignedIn('/pratiche');
    await page.getByRole('heading', { level: 1, name: 'Pratiche SUI' }).waitFor();
    await page.getByRole('status').getByText('25 pratiche mostrate, altre da caricare').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Carica altre pratiche' }).click();
    await page.getByRole('status').getByText('26 pratiche', { exact: true }).waitFor();
    // the keyboard goes on from the first case loaded
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toMatch(/^LO-2026-\d{6}$/);
    expect(await page.getByRole('button', { name: 'Carica altre pratiche' }).count()).toBe(0);
    const ours = page.getByRole('row', { name: new RegExp(filed.number) });
    await ours.getByText('nei termini').waitFor();
    await ours.getByText('HOSSAIN Rahim').waitFor();

    await page.getByLabel('Scadenza', { exact: true }).selectOption({ label: 'In scadenza entro 7 giorni' });
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByText('Nessuna pratica corrisponde ai filtri.').waitFor();
    expect(new URL(page.url()).searchParams.get('deadline')).toBe('DUE_SOON');
    await expectAccessible(page);
    await closePage(page);

    // Three days before the legal due date the case is due soon
    const detail = await t.app.inject({ url: `/api/cases/${filed.id}`, headers: api.headers });
    const dueOn: string = detail.json().dueOn;
    t.clock.set(new Date(Date.parse(`${dueOn}T09:00:00+02:00`) - 3 * 86_400_000));

    page = await openSignedIn('/pratiche?deadline=DUE_SOON');
    await page.getByRole('status').getByText('25 pratiche mostrate, altre da caricare').waitFor();
    await page.getByLabel('Tipo di pratica').selectOption({ label: 'Nulla osta al lavoro subordinato' });
    await page.getByLabel('Cerca per numero di protocollo o nome').fill(filed.number);
    await page.getByRole('button', { name: 'Cerca', exact: true }).click();
    await page.getByRole('status').getByText('1 pratica', { exact: true }).waitFor();
    const params = new URL(page.url()).searchParams;
    expect([params.get('deadline'), params.get('type'), params.get('q')]).toEqual([
      'DUE_SOON',
      'WORK_CLEARANCE',
      filed.number,
    ]);
    await page
      .getByRole('row', { name: new RegExp(filed.number) })
      .getByText('in scadenza')
      .waitFor();

    await page.getByLabel('Nome della vista').fill('Lavoro in scadenza');
    await page.getByRole('button', { name: 'Salva i filtri correnti' }).click();
    await page.getByRole('status').getByText('Vista «Lavoro in scadenza» salvata.').waitFor();
    await page.getByRole('button', { name: 'Azzera i filtri' }).click();
    await page.waitForURL(`${t.base}/pratiche`);
    await page.getByRole('link', { name: 'Lavoro in scadenza' }).click();
    await page.getByRole('status').getByText('1 pratica', { exact: true }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(filed.number);
    expect(await page.getByLabel('Tipo di pratica').inputValue()).toBe('WORK_CLEARANCE');
    await expectAccessible(page);

    await page.getByRole('checkbox', { name: `Seleziona la pratica ${filed.number}` }).check();
    await page.getByText('1 pratica selezionata.').waitFor();
    await page.getByLabel('Assegna a…').selectOption(operatorId);
    await page.getByRole('button', { name: 'Assegna le pratiche selezionate' }).click();
    const confirm = page.getByRole('dialog', { name: 'Assegnare 1 pratica a Mario Rossi?' });
    await confirm.waitFor();
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Assegna', exact: true }).click();
    await page.getByRole('status').getByText('1 pratica assegnata a Mario Rossi.').waitFor();
    await page
      .getByRole('row', { name: new RegExp(filed.number) })
      .getByText('Mario Rossi')
      .waitFor();

    await page.getByRole('button', { name: 'Elimina Lavoro in scadenza' }).click();
    await page.getByRole('dialog', { name: 'Eliminare la vista «Lavoro in scadenza»?' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Elimina' }).click();
    await page.getByRole('status').getByText('Vista «Lavoro in scadenza» eliminata.').waitFor();
    await page.getByText('Nessuna vista salvata', { exact: false }).waitFor();
    await closePage(page);
  });

  it('takes the case through review, documents and opinions, telling what blocks a step and why', async () => {
    const page = await openSignedIn(`/pratiche/${filed.id}`);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: `Pratica ${filed.number}` }).waitFor();
    await page.getByText('Posizione n. 1 nella quota 2026 – Lavoro subordinato non stagionale').waitFor();
    await page.getByText('Il codice fiscale non corrisponde a questi dati della persona:').waitFor();
    await page.getByRole('listitem').getByText('il cognome', { exact: true }).waitFor();
    await page.getByText('Mancano 3 giorni').waitFor();
    expect(await page.getByRole('link', { name: 'Scarica ricevuta' }).getAttribute('href')).toBe(
      `/api/cases/${filed.id}/receipt`,
    );
    const bySilence = page.getByRole('button', { name: 'Rilascia per decorso del termine' });
    expect(await bySilence.isDisabled()).toBe(true);
    await page
      .getByRole('region', { name: 'Azioni' })
      .getByText('Il termine è decorso e la legge prevede il rilascio per silenzio')
      .waitFor();
    await expectAccessible(page);

    // Someone else changes the case while the page is open: the step is refused, and the page catches up
    const assigned = await t.app.inject({
      method: 'POST',
      url: '/api/cases/assignments',
      headers: (await managerApi()).headers,
      payload: { caseIds: [filed.id], assigneeId: null },
    });
    expect(assigned.statusCode).toBe(200);
    await takeStep(page, 'Avvia l’istruttoria');
    await page.getByRole('alert').getByText('La pratica è stata modificata da un altro utente').waitFor();
    await page.getByText('Non assegnata').first().waitFor();
    await takeStep(page, 'Avvia l’istruttoria');
    await stateIs(page, 'Avvia l’istruttoria', 'In istruttoria');

    await page.getByRole('button', { name: 'Richiedi integrazione documentale' }).click();
    const dialog = page.getByRole('dialog', { name: 'Richiedi integrazione documentale' });
    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await dialog.getByText('Indicare la motivazione').waitFor();
    expect(await dialog.getByLabel('Motivazione').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
    await dialog.getByLabel('Motivazione').fill('Manca la proposta di contratto di soggiorno firmata.');
    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await stateIs(page, 'Richiedi integrazione documentale', 'Integrazione documentale richiesta');
    await page.getByText('termine sospeso').first().waitFor();

    await takeStep(page, 'Registra i documenti ricevuti');
    await stateIs(page, 'Registra i documenti ricevuti', 'In istruttoria');
    await takeStep(page, 'Richiedi i pareri');
    await stateIs(page, 'Richiedi i pareri', 'In attesa dei pareri');
    const resume = page.getByRole('button', { name: 'Riprendi l’istruttoria' });
    expect(await resume.isDisabled()).toBe(true);
    await page
      .getByRole('region', { name: 'Azioni' })
      .getByText('Tutti i pareri richiesti sono pervenuti')
      .waitFor();

    for (const body of ['Questura', 'Ispettorato Territoriale del Lavoro']) {
      const form = page.getByRole('group', { name: `Registra parere: ${body}` });
      // bootstrap-italia draws the radio on its label, which takes the click
      await form.getByText('Favorevole', { exact: true }).click();
      expect(await form.getByLabel('Favorevole').isChecked()).toBe(true);
      await form.getByLabel('Note').fill('Nessun elemento ostativo.');
      await form.getByRole('button', { name: 'Registra il parere' }).click();
      await page.getByRole('status').getByText(`Parere di ${body} registrato: Favorevole.`).waitFor();
    }
    await expect.poll(() => page.getByRole('group', { name: /^Registra parere/ }).count()).toBe(0);
    await expect.poll(() => resume.isDisabled()).toBe(false);
    await takeStep(page, 'Riprendi l’istruttoria');
    await stateIs(page, 'Riprendi l’istruttoria', 'In istruttoria');

    // documents asked and received the same day: no suspension, and the due date explains itself in words
    await page.getByText('Come si calcola la scadenza').click();
    const explanation = page.getByRole('group').filter({ hasText: 'Come si calcola la scadenza' });
    await explanation
      .getByText(/^Il termine decorre dall’imputazione della domanda alla quota, il /)
      .waitFor();
    await explanation.getByText(/DL 146\/2025.*in vigore dal 4 ottobre 2025/).waitFor();
    await explanation.getByText(/^Scadenza di legge: /).waitFor();
    expect(await explanation.textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}|\[[PVU]\]/);
    expect(await page.getByText('termine sospeso').count()).toBe(0);

    const timeline = page.getByRole('table', { name: 'Cronologia della pratica, dal primo evento' });
    await timeline.getByText('Manca la proposta di contratto di soggiorno firmata.').waitFor();
    expect(await timeline.getByRole('row', { name: /Parere registrato/ }).count()).toBe(2);
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('shows the case types as data and lets the manager set the year’s quota', async () => {
    const page = await openSignedIn('/pratiche/tipi');
    await page.getByRole('heading', { level: 1, name: 'Tipi di pratica' }).waitFor();
    await page.getByRole('link', { name: 'Nulla osta al lavoro subordinato' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nulla osta al lavoro subordinato' }).waitFor();
    const transitions = page.getByRole('table', { name: 'Passaggi di stato' });
    const convoke = transitions.getByRole('row', { name: /Convoca per la firma/ });
    await convoke.getByText('Tutti i pareri richiesti sono pervenuti').waitFor();
    await expectAccessible(page);

    await page.goto(`${t.base}/pratiche/quote?anno=2026`);
    const quotas = page.getByRole('table', { name: 'Quote per settore' });
    await quotas.getByRole('row', { name: /Lavoro subordinato non stagionale/ }).waitFor();
    await page
      .getByLabel('Settore', { exact: true })
      .selectOption({ label: 'Lavoro subordinato non stagionale' });
    await page.getByLabel('Posti').fill('60');
    await page.getByRole('button', { name: 'Salva la quota' }).click();
    await page
      .getByRole('status')
      .getByText('Quota «Lavoro subordinato non stagionale» impostata a 60 posti.')
      .waitFor();
    await quotas.getByRole('cell', { name: '60', exact: true }).waitFor();

    // DL 145/2024 art. 3: the 2025 list does not carry over; the manager is told and confirms 2026's
    await page.getByText("Manca l'elenco confermato per il 2026").waitFor();
    await page.getByLabel('Paesi', { exact: true }).selectOption(['Bangladesh', 'Pakistan', 'Sri Lanka']);
    await page.getByLabel('Base giuridica').last().fill('DL 145/2024 art. 3');
    await page.getByRole('button', { name: "Conferma l'elenco" }).click();
    await page
      .getByRole('status')
      .getByText('Elenco dei Paesi a particolare rischio del 2026 confermato.')
      .waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: /^2026: Bangladesh, Pakistan, Sri Lanka/ })
      .waitFor();
    expect(await page.getByText("Manca l'elenco confermato").count()).toBe(0);
    await expectAccessible(page);
    await closePage(page);
  });

  it('fits the worklist and the case page on a 390 px phone: cards, no sideways scrolling, a summary in sight', async () => {
    /** The page, and every box on it a user could scroll sideways, that is wider than its window. */
    const sideways = (page: Page) =>
      page.evaluate(() =>
        [document.documentElement, ...document.querySelectorAll('main *')]
          .filter(
            (element) =>
              element === document.documentElement ||
              ['auto', 'scroll'].includes(getComputedStyle(element).overflowX),
          )
          .filter((element) => element.scrollWidth > element.clientWidth)
          .map(
            (element) =>
              `${element.tagName} ${element.className} ${element.scrollWidth}>${element.clientWidth}`,
          ),
      );

    const worklist = await openSignedIn('/pratiche', 390);
    const list = worklist.getByRole('region', { name: 'Elenco delle pratiche' });
    await list.getByRole('link', { name: filed.number }).waitFor();
    expect(await sideways(worklist)).toEqual([]);
    const card = list.getByRole('row').filter({ has: worklist.getByRole('link', { name: filed.number }) });
    expect(await card.evaluate((row) => getComputedStyle(row).display)).toBe('block');
    await expectAccessible(worklist);
    await closePage(worklist);

    const casePage = await openSignedIn(`/pratiche/${filed.id}`, 390);
    await casePage.getByRole('heading', { level: 1 }).waitFor();
    const bar = casePage.getByRole('region', { name: `Pratica ${filed.number}: stato, scadenza e azioni` });
    await bar.waitFor();
    // neither the page nor a box on it scrolls sideways: the checklist, the opinions and the timeline are cards
    expect(await sideways(casePage)).toEqual([]);
    for (const name of [
      'Documenti richiesti dal tipo di pratica',
      'Pareri richiesti',
      'Cronologia della pratica, dal primo evento',
    ]) {
      const firstRecord = casePage.getByRole('table', { name }).getByRole('row').nth(1);
      expect(await firstRecord.evaluate((row) => getComputedStyle(row).display)).toBe('block');
    }
    await expectAccessible(casePage);

    // from the list of sections, by keyboard, to the last one: the summary bar stays in sight
    const sections = casePage.getByRole('navigation', { name: 'Sezioni della pratica' });
    await sections.getByRole('link', { name: 'Cronologia' }).focus();
    await casePage.keyboard.press('Enter');
    await casePage.waitForURL(/#pratica-cronologia$/);
    await expect.poll(() => casePage.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    const box = await bar.boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(5);
    await bar.getByRole('link', { name: 'Vai alle azioni' }).click();
    await casePage.waitForURL(/#pratica-azioni$/);
    await closePage(casePage);
  });
});

/** Opens a step's dialog from the Azioni panel and confirms it without a note. */
async function takeStep(page: Page, action: string): Promise<void> {
  await page.getByRole('region', { name: 'Azioni' }).getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Conferma' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The notice that a step was taken, with the state it led to. */
async function stateIs(page: Page, action: string, state: string): Promise<void> {
  await page.getByRole('status').getByText(`${action}: fatto. Stato attuale: ${state}.`).waitFor();
}
