import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoData } from '../../src/cli/demo.ts';
import { loadDemoCases } from '../../src/cli/demo-cases.ts';
import { loadDemoCouncil } from '../../src/cli/demo-council.ts';
import { loadDemoEventFollowUp } from '../../src/cli/demo-event-follow-up.ts';
import { loadDemoEvents } from '../../src/cli/demo-events.ts';
import { loadDemoTraining } from '../../src/cli/demo-training.ts';
import { loadDemoTrainingRecord } from '../../src/cli/demo-training-record.ts';
import {
  type BrowserTest,
  browserAvailable,
  closeAfterRefusals,
  closePage,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { makePdf } from '../support/documents.ts';
import { type Session, signIn } from '../support/identity.ts';

type Person = 'pm' | 'supervisor' | 'partner' | 'legal' | 'auditor';

const EMAILS: Record<Person, string> = {
  pm: 'project.manager@lovit.example',
  supervisor: 'supervisore@lovit.example',
  partner: 'referente.lule@lovit.example',
  legal: 'esperto.legale@lovit.example',
  auditor: 'revisore@lovit.example',
};

const PREFECTURE = 'Prefettura di Lodi – Ufficio Territoriale del Governo';
const LULE = 'LULE Società Cooperativa Sociale onlus';
const CUP = 'F79I22002140006';
const CIG = 'B4F1C2D3E5';
const INVOICE = 'Fattura n. 12/2026 del 10 febbraio 2026';

/** What a clerk must never read on a page: identifiers, dates as the database keeps them, names of enum values. */
const NOT_ITALIAN = [/[0-9a-f]{8}-[0-9a-f]{4}-/, /\b\d{4}-\d{2}-\d{2}\b/, /\b[A-Z]{3,}_[A-Z_]+\b/];

async function expectItalianOnly(page: Page): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const pattern of NOT_ITALIAN)
    expect(text.match(pattern)?.[0], `${pattern} on ${page.url()}`).toBeUndefined();
}

/** Waits until the element's text holds `text`. */
const showsText = (locator: Locator, text: string) =>
  expect.poll(async () => (await locator.textContent()) ?? '', { timeout: 10_000 }).toContain(text);

/** Checks a page as it is now: accessible, and only Italian words for people in its main content. */
async function expectReadable(page: Page): Promise<void> {
  await expectItalianOnly(page);
  await expectAccessible(page);
}

/**
 * LO.V.I.T. run from the browser, each step by the role that does it: the manager sets up the project and its
 * budget, the cooperative's referent enters an expense and a timesheet, the supervisor approves, the legal
 * expert checks the procurement, the indicators open the demo's records, the manager claims the expense, the
 * auditor admits it in part and the verbale says so.
 */
describe.skipIf(!browserAvailable())('the FAMI project from plan to verbale, in Chromium', () => {
  let t: BrowserTest;
  const sessions = {} as Record<Person, Session>;
  let projectId = '';
  let expenseId = '';
  let procurementId = '';
  let claimUrl = '';
  const indicatorValues = new Map<string, number>();

  const call = async (who: Person, method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await t.app.inject({
      method,
      url,
      headers: sessions[who].headers,
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
  const open = (who: Person, route: string) =>
    openSignedIn(t.browser, t.base, route, EMAILS[who], { password: DEMO_PASSWORD });

  beforeAll(async () => {
    t = await startBrowserTest();
    // the demo's directory, cases, meetings, training and events, around the test clock's 2 March 2026
    const platform = { database: t.platform.database, clock: t.clock, config: t.platform.config };
    await loadDemoData(platform);
    await loadDemoCases(platform);
    await loadDemoCouncil(platform);
    await loadDemoTraining(platform);
    await loadDemoTrainingRecord(platform);
    await loadDemoEvents(platform);
    await loadDemoEventFollowUp(platform);
    for (const [who, email] of Object.entries(EMAILS) as [Person, string][])
      sessions[who] = await signIn(t.app, email, DEMO_PASSWORD);
  }, 120_000);

  afterAll(() => stopBrowserTest(t));

  it('lets the manager create LO.V.I.T. with its partners and work packages', async () => {
    const page = await open('pm', '/progetto');
    await page.getByRole('heading', { name: 'Registra un progetto' }).waitFor();
    await page.getByLabel('Codice del progetto').fill('PROG-3858');
    await page.getByLabel('Acronimo').fill('LO.V.I.T.');
    await page.getByLabel('CUP', { exact: true }).fill(CUP);
    await page.getByLabel('Titolo').fill('Lodi verso l’integrazione territoriale');
    await page.getByLabel('Programma e regole').selectOption('FAMI_2014_2020');
    await page.getByLabel('Obiettivo').fill('OS2 – ON 2.3 Capacity building e governance dei servizi');
    await page.getByLabel('Inizio').fill('2024-10-01');
    await page.getByLabel('Fine').fill('2026-12-31');
    await expectReadable(page);
    await page.getByRole('button', { name: 'Registra il progetto' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'LO.V.I.T. – Lodi verso l’integrazione territoriale' })
      .waitFor();
    projectId = new URL(page.url()).pathname.split('/')[2] ?? '';

    const partners = page.getByRole('region', { name: 'Partenariato' });
    await partners.getByLabel('Ente', { exact: true }).selectOption({ label: PREFECTURE });
    await partners.getByLabel('Compiti nel progetto').fill('Capofila: coordinamento e rendicontazione.');
    await partners.getByRole('button', { name: 'Salva nel partenariato' }).click();
    await partners.getByText(`${PREFECTURE} – Capofila`).waitFor();
    await partners.getByLabel('Ente', { exact: true }).selectOption({ label: LULE });
    await partners.getByLabel('Ruolo', { exact: true }).selectOption('PARTNER');
    await partners.getByLabel('Compiti nel progetto').fill('Mediazione linguistico-culturale e formazione.');
    await partners.getByRole('button', { name: 'Salva nel partenariato' }).click();
    await partners.getByText(`${LULE} – Partner`).waitFor();

    const newPackage = page.getByRole('region', { name: 'Aggiungi un work package' });
    for (const [code, title] of [
      ['WP1', 'Rafforzamento del Consiglio territoriale per l’immigrazione'],
      ['WP2', 'Sportello unico e servizi ai cittadini di Paesi terzi'],
    ] as const) {
      await expect.poll(() => newPackage.getByLabel('Codice').inputValue()).toBe(code);
      await newPackage.getByLabel('Titolo').fill(title);
      await newPackage.getByRole('button', { name: 'Aggiungi il work package' }).click();
      await page.getByRole('heading', { name: `${code} – ${title}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Aggiungi a WP2' }).click();
    const item = page
      .locator('form')
      .filter({ has: page.getByRole('heading', { name: 'Nuova voce di WP2' }) });
    await item.getByLabel('Codice').fill('A2.1');
    await item.getByLabel('Stato').selectOption('IN_PROGRESS');
    await item.getByLabel('Titolo').fill('Équipe multidisciplinare allo Sportello unico');
    await item.getByLabel('Inizio previsto').fill('2024-10-01');
    await item.getByLabel('Fine prevista').fill('2026-12-31');
    await item.getByLabel('Inizio effettivo').fill('2024-10-01');
    await item.getByRole('button', { name: 'Salva' }).click();
    await page.getByRole('rowheader', { name: /A2\.1 Équipe multidisciplinare/ }).waitFor();
    await page.getByRole('img', { name: /Cronoprogramma di LO\.V\.I\.T\.: 1 voce, 0 in ritardo/ }).waitFor();
    await expectReadable(page);
    await closePage(page);
  });

  it('refuses a budget line over the legal expert’s cap at its field, then records the budget', async () => {
    const page = await open('pm', `/progetto/${projectId}/budget`);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Budget di LO.V.I.T.' }).waitFor();
    const lines = [
      ['A', PREFECTURE, '100.000,00'],
      ['A', LULE, '40.000,00'],
      ['F', LULE, '20.000,00'],
      ['G2', PREFECTURE, '5.000,00'],
      ['G1', PREFECTURE, '5.000,00'],
    ] as const;
    for (const [index, [code, partner, amount]] of lines.entries()) {
      await page.getByRole('button', { name: 'Aggiungi una voce' }).click();
      const line = page.getByRole('group', { name: `Voce ${index + 1}`, exact: true });
      await line.getByLabel('Voce di budget').selectOption(code);
      await line.getByLabel('Partner').selectOption({ label: partner });
      await line.getByLabel('Importo').fill(amount);
    }
    await expectReadable(page);
    await page.getByRole('button', { name: 'Registra il budget iniziale' }).click();
    const over = page.getByRole('group', { name: 'Voce 4', exact: true }).getByLabel('Importo');
    await expect.poll(() => over.getAttribute('aria-invalid')).toBe('true');
    await page
      .getByRole('group', { name: 'Voce 4', exact: true })
      .getByText('Le spese per l’esperto legale (G2) superano il 2 % dei costi diretti: massimo 3.400,00 €')
      .waitFor();
    await page.getByText('Il budget del progetto non è ancora stato registrato.').waitFor();
    expect((await call('pm', 'GET', `/api/project/projects/${projectId}/budget`)).versions).toEqual([]);
    await expectReadable(page);

    await over.fill('3.000,00');
    await page.getByRole('button', { name: 'Registra il budget iniziale' }).click();
    await page.getByRole('status').getByText('Budget iniziale registrato.').waitFor();
    await page.getByRole('heading', { name: 'Budget iniziale (vigente)' }).waitFor();
    await page.getByText('Totale del budget').waitFor();
    await showsText(page.getByRole('row', { name: /Totale del budget/ }), '168.000,00 €');
    await page
      .getByText(
        'Le spese per l’esperto legale (G2): 3.000,00 €, entro il 2 % dei costi diretti (massimo 3.360,00 €)',
      )
      .waitFor();
    await expectReadable(page);
    await closeAfterRefusals(page, errors);
  });

  it('lets the cooperative’s referent enter an expense with its PDF and see its checks', async () => {
    const page = await open('partner', `/progetto/${projectId}/spese`);
    await page.getByRole('heading', { level: 1, name: 'Spese di LO.V.I.T.' }).waitFor();
    await page.getByRole('button', { name: 'Registra una spesa' }).click();
    const form = page.locator('form').filter({ has: page.getByRole('heading', { name: 'Nuova spesa' }) });
    await showsText(form.getByLabel('Partner').locator('option:checked'), LULE);
    await form.getByLabel('Voce di budget').selectOption('F');
    await form
      .getByLabel('Work package')
      .selectOption({ label: 'WP2 – Sportello unico e servizi ai cittadini di Paesi terzi' });
    await form
      .getByLabel('Oggetto della spesa')
      .fill('Traduzione delle schede informative in quattro lingue');
    await form.getByLabel('Numero del documento').fill('12/2026');
    await form.getByLabel('Data del documento').fill('2026-02-10');
    await form.getByLabel('Nome del fornitore o del percipiente').fill('Studio Traduzioni Lodigiane srl');
    await form.getByLabel('Partita IVA o codice fiscale').fill('12345678901');
    await form.getByLabel('Imponibile').fill('1.000,00');
    await form.getByLabel('IVA', { exact: true }).fill('220,00');
    await form.getByLabel('Totale del documento').fill('1.220,00');
    await form.getByLabel('Imputato al progetto').fill('1.220,00');
    await form.getByLabel('CIG (se dovuto)').fill(CIG);
    await form.getByLabel('CUP (se dovuto)').fill(CUP);
    await form.getByLabel('Data del pagamento').fill('2026-02-20');
    await form.getByLabel('Mezzo di pagamento').selectOption('BANK_TRANSFER');
    await form.getByLabel('Riferimento del pagamento (CRO, TRN, quietanza)').fill('TRN 0306 1234 5678');
    await form.getByText('Il documento originale porta il timbro di annullo').click();
    expect(await form.getByLabel('Il documento originale porta il timbro di annullo').isChecked()).toBe(true);
    await expectReadable(page);
    await form.getByRole('button', { name: 'Salva la spesa' }).click();
    await page.getByRole('status').getByText('Spesa registrata.').waitFor();
    const detail = page.getByRole('region', { name: INVOICE });
    await detail.waitFor();
    expenseId = new URL(page.url()).searchParams.get('spesa') ?? '';
    await detail.getByText('Nessun allegato: caricare il giustificativo').waitFor();

    await detail.getByLabel('Tipo di allegato').selectOption('DOCUMENT');
    await detail.getByLabel('File (PDF, JPEG o PNG)').setInputFiles({
      name: 'fattura-12-2026.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Fattura 12/2026 – Studio Traduzioni Lodigiane srl'),
    });
    await detail.getByRole('button', { name: 'Allega il file' }).click();
    await page.getByRole('status').getByText('File allegato alla spesa.').waitFor();
    await detail.getByRole('link', { name: 'fattura-12-2026.pdf' }).waitFor();
    await detail.getByRole('button', { name: 'Correggi la spesa' }).click();
    const edit = page
      .locator('form')
      .filter({ has: page.getByRole('heading', { name: 'Correggi la spesa' }) });
    await edit.getByLabel('Stato').selectOption('COMPLETE');
    await edit.getByRole('button', { name: 'Salva la spesa' }).click();
    await page.getByRole('status').getByText('Spesa corretta.').waitFor();

    await detail.getByText('Completa · Pronta per la domanda di rimborso').waitFor();
    const checks = detail.getByRole('listitem');
    for (const passed of [
      'Superato: Periodo del progetto: La data del documento cade nel periodo del progetto',
      'Superato: Pagamento tracciabile: Pagato il 20 febbraio 2026',
      'Superato: CUP sul documento: Il documento riporta il CUP del progetto',
      'Superato: Capienza della voce di budget: Imputati 1.220,00 € su 20.000,00 € previsti',
      'Superato: Annullo del documento: Il documento originale porta il timbro di annullo',
      'Superato: Nessun doppio finanziamento: Il documento non è imputato altrove',
    ])
      await checks.filter({ hasText: passed }).waitFor();
    await showsText(page.getByRole('table', { name: 'Spese del progetto' }), 'Tutti superati');
    await expectReadable(page);
    await closePage(page);
  });

  it('lets the referent delete an expense entered by mistake, after asking, and keeps the others', async () => {
    const kept = await call('partner', 'GET', `/api/project/expenses/${expenseId}`);
    const mistake = await call('partner', 'POST', `/api/project/projects/${projectId}/expenses`, {
      organisationId: kept.organisationId,
      lineCode: 'F',
      workPackageId: null,
      description: 'Traduzione registrata per errore',
      documentType: 'INVOICE',
      documentNumber: '13/2026',
      documentDate: '2026-02-11',
      supplierName: 'Studio Traduzioni Lodigiane srl',
      supplierTaxCode: '12345678901',
      netCents: 10_000,
      vatCents: 2_200,
      totalCents: 12_200,
      amountCents: 12_200,
      cig: null,
      cup: CUP,
      paymentDate: null,
      paymentMethod: null,
      paymentReference: null,
      annulled: false,
      status: 'DRAFT',
    });
    const page = await open('partner', `/progetto/${projectId}/spese?spesa=${mistake.id}`);
    const detail = page.getByRole('region', { name: 'Fattura n. 13/2026 del 11 febbraio 2026' });
    await detail.getByRole('button', { name: 'Elimina la spesa' }).click();
    const dialog = page.getByRole('dialog', {
      name: 'Eliminare la spesa «Fattura n. 13/2026 del 11 febbraio 2026»?',
    });
    await dialog.getByRole('button', { name: 'Annulla' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await detail.getByRole('button', { name: 'Elimina la spesa' }).click();
    await dialog.getByRole('button', { name: 'Elimina la spesa' }).click();
    await page.getByRole('status').getByText('Spesa eliminata.').waitFor();
    const table = page.getByRole('table', { name: 'Spese del progetto' });
    await showsText(table, '12/2026');
    await expect.poll(async () => (await table.textContent()) ?? '').not.toContain('13/2026');
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/project/expenses/${mistake.id}`,
      headers: sessions.partner.headers,
    });
    expect(gone.statusCode).toBe(404);
    await closePage(page);
  });

  it('lets the referent, on the cooperative’s staff, send February’s timesheet', async () => {
    // the contract the manager registered, and the procurement file the expense was paid under
    const lule = (await call('pm', 'GET', `/api/project/projects/${projectId}/budget`)).partners.find(
      (p: { name: string }) => p.name === LULE,
    ).organisationId as string;
    await call('pm', 'POST', `/api/project/projects/${projectId}/staff`, {
      organisationId: lule,
      userEmail: EMAILS.partner,
      personName: 'Chiara Rinaldi',
      kind: 'INTERNAL',
      contractReference: 'Contratto di lavoro 4/2024',
      contractStartsOn: '2024-10-01',
      contractEndsOn: '2026-12-31',
      monthlyHoursCap: 60,
      annualGrossCostCents: 3_440_000,
      annualHours: 1720,
    });
    procurementId = (
      await call('partner', 'POST', `/api/project/projects/${projectId}/procurements`, {
        organisationId: lule,
        subject: 'Traduzione delle schede informative',
        kind: 'SERVICES',
        procedure: 'DIRECT_AWARD',
        cig: CIG,
        amountCents: 100_000,
        contractorName: 'Studio Traduzioni Lodigiane srl',
        decisionOn: '2026-01-15',
        contractOn: '2026-01-20',
      })
    ).id;
    await call('partner', 'POST', `/api/project/procurements/${procurementId}/expenses`, { expenseId });

    const page = await open('partner', `/progetto/${projectId}/fogli-ore`);
    await page.getByRole('heading', { level: 1, name: 'Fogli ore – LO.V.I.T.' }).waitFor();
    await page.getByLabel('Mese', { exact: true }).fill('2026-02');
    await page.getByLabel('A2.1 Équipe multidisciplinare allo Sportello unico').fill('18,5');
    await page.getByLabel('WP1 – attività generali del work package').fill('1,5');
    await page
      .getByRole('row', { name: /Totale del mese/ })
      .getByText('20 ore')
      .waitFor();
    await expectReadable(page);
    await page.getByRole('button', { name: 'Invia al supervisore' }).click();
    await page.getByRole('status').getByText('Foglio ore inviato al supervisore.').waitFor();
    await page.getByText('Questo foglio ore non si modifica più.').waitFor();
    await expectReadable(page);
    await closePage(page);
  });

  it('lets the supervisor approve the timesheet at its cost', async () => {
    const page = await open('supervisor', `/progetto/${projectId}/fogli-ore`);
    const sheet = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: 'Chiara Rinaldi – febbraio 2026' }),
    });
    await sheet.waitFor();
    await sheet.getByText('20 ore × 20,00 € = 400,00 €').waitFor();
    await expectReadable(page);
    await sheet.getByRole('button', { name: 'Approva' }).click();
    await page.getByRole('status').getByText('Foglio ore approvato.').waitFor();
    await page.getByText('Nessun foglio ore in questo stato.').waitFor();
    await expectReadable(page);
    await closePage(page);
  });

  it('lets the legal expert check the procurement positive with the checklist', async () => {
    const page = await open('legal', `/progetto/${projectId}/acquisti`);
    await page.getByRole('heading', { level: 1, name: 'Acquisti e incarichi – LO.V.I.T.' }).waitFor();
    await showsText(page.getByRole('row', { name: /Traduzione delle schede informative/ }), 'Da verificare');
    await page.getByRole('button', { name: 'Traduzione delle schede informative' }).click();
    const detail = page.getByRole('region', { name: 'Traduzione delle schede informative' });
    await detail.getByText('La procedura non è ancora stata verificata.').waitFor();
    await detail.getByText(`12/2026 del 10 febbraio 2026`, { exact: false }).first().waitFor();
    const check = page.locator('form').filter({
      has: page.getByRole('heading', { name: 'Verifica della procedura' }),
    });
    const items = check.getByRole('group');
    expect(await items.count()).toBeGreaterThan(2);
    // nothing is answered for the legal expert: each item is ticked on purpose
    for (const item of await items.all()) {
      expect(await item.getByLabel('Sì').isChecked()).toBe(false);
      await item.locator('label', { hasText: /^Sì$/ }).click();
      expect(await item.getByLabel('Sì').isChecked()).toBe(true);
    }
    await check.getByLabel('Esito').selectOption('POSITIVE');
    await check
      .getByLabel('Note e rilievi')
      .fill('Affidamento diretto sotto soglia, motivato nella determina.');
    await check.getByLabel('Data della verifica').fill('2026-03-02');
    await expectReadable(page);
    await check.getByRole('button', { name: 'Registra la verifica' }).click();
    await page.getByRole('status').getByText('Verifica registrata.').waitFor();
    await detail.getByText('Verifica n. 1: Positivo – Stefano Ricci, 2 marzo 2026').waitFor();
    await showsText(page.getByRole('row', { name: /Traduzione delle schede informative/ }), 'Positivo');
    await expectReadable(page);
    await closePage(page);
  });

  it('shows the indicators computed from the demo’s records and opens the records behind one', async () => {
    const packages = (await call('pm', 'GET', `/api/project/projects/${projectId}`)).workPackages as {
      id: string;
      code: string;
    }[];
    const wp = (code: string) => packages.find((p) => p.code === code)?.id ?? null;
    const definitions = [
      ['O1.1', 'Sedute del Consiglio e dei tavoli tematici', 'sedute', 'council.meetings-held', 'WP1'],
      ['O2.1', 'Pratiche SUI trattate', 'pratiche', 'cases.handled', 'WP2'],
      ['O3.1', 'Operatori pubblici formati', 'operatori', 'training.operators-trained-public', 'WP1'],
      ['O4.2', 'Sessioni di eventi tenute', 'sessioni', 'outreach.sessions-held', 'WP1'],
    ] as const;
    for (const [code, name, unit, source, workPackage] of definitions)
      await call('pm', 'POST', `/api/project/projects/${projectId}/indicators`, {
        code,
        name,
        kind: 'OUTPUT',
        unit,
        baseline: 0,
        target: 100,
        source,
        workPackageId: wp(workPackage),
      });
    const view = await call('pm', 'GET', `/api/project/projects/${projectId}/indicators`);
    for (const indicator of view.indicators as { code: string; current: { value: number } }[]) {
      expect(indicator.current.value, indicator.code).toBeGreaterThan(0);
      indicatorValues.set(indicator.code, indicator.current.value);
    }

    const page = await open('supervisor', `/progetto/${projectId}/indicatori`);
    await page.getByRole('heading', { level: 1, name: 'Indicatori di LO.V.I.T.' }).waitFor();
    await page.getByText('Valore dall’avvio del progetto a oggi (1 ottobre 2024 – 2 marzo 2026)').waitFor();
    for (const [code, , unit] of definitions)
      await showsText(
        page.getByRole('row', { name: new RegExp(`^${code.replace('.', '\\.')} `) }),
        `${indicatorValues.get(code)} ${unit}`,
      );
    await expectReadable(page);
    // the supervisor follows the Council's work: the meetings behind O1.1 are records they may open
    await page.getByRole('button', { name: 'Dettaglio O1.1' }).click();
    await page.getByRole('heading', { name: 'O1.1 – Sedute del Consiglio e dei tavoli tematici' }).waitFor();
    const records = page.getByRole('region', { name: 'Dati da cui è calcolato il valore' });
    await records
      .getByText(`Periodo 1 ottobre 2024 – 2 marzo 2026: ${indicatorValues.get('O1.1')} voci`)
      .waitFor();
    expect(await records.getByRole('row').count()).toBeGreaterThan(1);
    await expectReadable(page);
    await closePage(page);
  });

  it('lets the manager build the claim with the expense and submit it', async () => {
    const page = await open('pm', `/progetto/${projectId}/domande-di-rimborso`);
    await page.getByRole('heading', { level: 1, name: 'Domande di rimborso di LO.V.I.T.' }).waitFor();
    await page.getByLabel('Tipo di domanda').selectOption('INTERMEDIATE');
    await page.getByLabel('Inizio del periodo').fill('2024-10-01');
    await page.getByLabel('Fine del periodo').fill('2026-02-28');
    await page.getByRole('button', { name: 'Mostra le spese del periodo' }).click();
    const expense = page.getByRole('checkbox', { name: /12\/2026/ });
    expect(await expense.isEnabled()).toBe(true);
    // bootstrap-italia draws the box on the label: the label is what a person clicks
    await page.locator('label', { hasText: /12\/2026/ }).click();
    expect(await expense.isChecked()).toBe(true);
    await expectReadable(page);
    await page.getByRole('button', { name: 'Prepara la domanda con 1 spesa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Domanda di rimborso n. 1 di LO.V.I.T.' }).waitFor();
    claimUrl = new URL(page.url()).pathname;
    await page.getByText('1 spesa rendicontata').waitFor();
    await expectReadable(page);
    await page.getByRole('button', { name: 'Presenta la domanda' }).click();
    await page
      .getByRole('status')
      .getByText('Domanda presentata: la domanda e le sue spese sono bloccate.')
      .waitFor();
    await page.getByText('Presentata, in verifica').waitFor();
    await expectReadable(page);
    await closePage(page);
  });

  it('lets the auditor admit the expense in part and reads the admitted amount in the verbale', async () => {
    const page = await open('auditor', claimUrl);
    await page.getByRole('heading', { level: 1, name: 'Domanda di rimborso n. 1 di LO.V.I.T.' }).waitFor();
    await page.getByText('Lista di controllo ed esito del revisore').click();
    await page.getByLabel('Esito', { exact: true }).selectOption('PARTIAL');
    await page.getByLabel('Importo ammesso (euro)').fill('1.000,00');
    await page.getByLabel('Motivazioni').fill('IVA detraibile per l’ente: ammesso il solo imponibile.');
    await expectReadable(page);
    await page.getByRole('button', { name: 'Registra l’esito' }).click();
    await page
      .getByRole('status')
      .getByText(/^Esito registrato per/)
      .waitFor();
    await page.getByText('Esito: Ammessa in parte, ammessi 1.000,00 €', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Chiudi la verifica e redigi il verbale' }).click();
    await page.getByRole('status').getByText('Verifica chiusa: il verbale è redatto.').waitFor();
    await page.getByText('ammessi 1.000,00 € su 1.220,00 € richiesti', { exact: false }).waitFor();
    await expectReadable(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Verbale di verifica (PDF)' }).click();
    const folder = mkdtempSync(path.join(tmpdir(), 'lovit-verbale-'));
    try {
      const file = path.join(folder, 'verbale.pdf');
      await (await download).saveAs(file);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Verbale di verifica amministrativo-contabile');
      expect(text).toContain('Domanda di rimborso n. 1, periodo dal 1 ottobre 2024 al 28 febbraio 2026');
      expect(text).toMatch(/Importo richiesto\s+1\.220,00 €/);
      expect(text).toMatch(/Importo ammesso\s+1\.000,00 €/);
      expect(text).toMatch(/Importo non ammesso\s+220,00 €/);
      expect(text).toContain('ammessa in parte, richiesti\n1.220,00 €, ammessi 1.000,00 €');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    await closePage(page);
  });
});
