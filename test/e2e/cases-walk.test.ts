import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_CALLER } from '../../src/kernel/auth.ts';
import { createApiClient } from '../../src/modules/identity/service.ts';
import { translator } from '../../src/modules/portal/languages.ts';
import {
  type BrowserTestWithMail,
  browserAvailable,
  closePage,
  expectAccessible,
  openPage,
  openSignedIn as openSignedInAs,
  startBrowserTest,
  stateIs,
  stopBrowserTest,
  takeStep,
} from '../support/browser.ts';
import { workPermitApplication } from '../support/cases.ts';
import { makePdf } from '../support/documents.ts';
import { makeOrganisation, makeUser, signIn } from '../support/identity.ts';
import { setQuota } from '../support/intake.ts';
import { waitForMail } from '../support/smtp.ts';

/**
 * A work permit from the national portal to the nulla osta, as the SUI works it in the browser: review,
 * documents requested and received, both opinions, convocation (with the letter by PEC), issue, the PDF
 * downloaded and its code checked on the public verification page.
 */
describe.skipIf(!browserAvailable())('a work permit from submission to nulla osta, in Chromium', () => {
  let t: BrowserTestWithMail;
  let managerEmail: string;
  const filed = { id: '', number: '' };

  beforeAll(async () => {
    t = await startBrowserTest({ smtp: true });
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', code: 'PREF-LO' });
    managerEmail = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }]))
      .email;
    const manager = await signIn(t.app, managerEmail);
    await setQuota(t.app, manager, 10);
    const portal = await createApiClient(t.platform, SYSTEM_CALLER, {
      organisationCode: 'PREF-LO',
      name: 'Portale ALI',
    });
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { authorization: `Bearer ${portal.token}`, 'idempotency-key': 'ali-walk-000001' },
      payload: workPermitApplication(7),
    });
    expect(submitted.statusCode).toBe(201);
    Object.assign(filed, submitted.json());
  });

  afterAll(() => stopBrowserTest(t));

  const openSignedIn = (path: string): Promise<Page> => openSignedInAs(t.browser, t.base, path, managerEmail);

  it('reviews, collects documents and opinions, convokes, issues, and the nulla osta verifies', async () => {
    const page = await openSignedIn(`/pratiche/${filed.id}`);
    await page.getByRole('heading', { level: 1, name: `Pratica ${filed.number}` }).waitFor();
    // DL 146/2025: the term runs from the imputation to the quota, which a live application gets on arrival
    await page
      .getByRole('region', { name: 'Imputazione alla quota' })
      .getByText('Domanda imputata alla quota il 2 marzo 2026')
      .waitFor();
    await takeStep(page, 'Avvia l’istruttoria', 'In istruttoria');

    await page
      .getByRole('region', { name: 'Azioni' })
      .getByRole('button', { name: 'Richiedi integrazione documentale' })
      .click();
    const request = page.getByRole('dialog', { name: 'Richiedi integrazione documentale' });
    await request
      .getByLabel('Motivazione')
      .fill('Mancano l’asseverazione e la verifica presso il Centro per l’Impiego.');
    await request.getByRole('button', { name: 'Conferma' }).click();
    await stateIs(page, 'Richiedi integrazione documentale', 'Integrazione documentale richiesta');

    // The convocation is blocked while required documents are missing; each upload ticks its checklist item.
    const required = [
      'Copia del passaporto del lavoratore',
      'Proposta di contratto di soggiorno',
      'Sistemazione alloggiativa del lavoratore',
      'Verifica di indisponibilità presso il Centro per l’Impiego',
      'Asseverazione (art. 24-bis TUI)',
    ];
    for (const [index, item] of required.entries()) {
      await page.getByLabel("Voce dell'elenco").selectOption({ label: item });
      await page.getByLabel('File', { exact: true }).setInputFiles({
        name: `documento-${index + 1}.pdf`,
        mimeType: 'application/pdf',
        buffer: await makePdf(item),
      });
      await page.getByRole('button', { name: 'Carica il documento' }).click();
      await page
        .getByRole('status')
        .getByText(`Documento «documento-${index + 1}.pdf» caricato.`)
        .waitFor();
    }
    await takeStep(page, 'Registra i documenti ricevuti', 'In istruttoria');
    await takeStep(page, 'Richiedi i pareri', 'In attesa dei pareri');
    for (const body of ['Questura', 'Ispettorato Territoriale del Lavoro']) {
      const form = page.getByRole('group', { name: `Registra parere: ${body}` });
      await form.getByText('Favorevole', { exact: true }).click();
      await form.getByLabel('Note').fill('Nessun elemento ostativo.');
      await form.getByRole('button', { name: 'Registra il parere' }).click();
      await page.getByRole('status').getByText(`Parere di ${body} registrato: Favorevole.`).waitFor();
    }
    await takeStep(page, 'Riprendi l’istruttoria', 'In istruttoria');
    await expectAccessible(page);

    // The appointment for the signature of the contratto di soggiorno: the letter goes to the employer's PEC.
    const manager = await signIn(t.app, managerEmail);
    const desk = await t.app.inject({
      method: 'POST',
      url: '/api/desks',
      headers: manager.headers,
      payload: {
        name: 'Sportello 1',
        place: 'Prefettura di Lodi, Corso Umberto I 40, 26900 Lodi – piano terra',
        openings: [1, 2, 3, 4, 5].map((weekday) => ({
          weekday,
          opens: '09:00',
          closes: '12:00',
          slotMinutes: 30,
        })),
      },
    });
    const slots = await t.app.inject({ url: `/api/desks/${desk.json().id}/slots`, headers: manager.headers });
    const booked = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${filed.id}/appointments`,
      headers: manager.headers,
      payload: {
        deskId: desk.json().id,
        startsAt: slots.json().slots[0].startsAt,
        purpose: 'CONTRACT_SIGNATURE',
        documentsToBring: ['Passaporto del lavoratore', 'Marca da bollo da 16 €'],
      },
    });
    expect(booked.statusCode).toBe(201);
    const letter = await waitForMail(t.smtp.inbox, 'azienda7@pec.lovit.example');
    expect(letter.text).toContain(filed.number);
    expect(letter.attachments.some((file) => file.content.includes('BEGIN:VEVENT'))).toBe(true);

    await page.reload();
    await takeStep(page, 'Convoca per la firma del contratto di soggiorno', 'Richiedente convocato');
    await takeStep(page, 'Rilascia il provvedimento', 'Provvedimento rilasciato');

    const outcomes = page.getByRole('region', { name: 'Provvedimenti' });
    await outcomes.getByText(`Nulla osta al lavoro n. ${filed.number}/NO`).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      outcomes.getByRole('link', { name: /Scarica il PDF/ }).click(),
    ]);
    const pdf = await readFile((await download.path()) as string);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const code = (await outcomes.locator('code').first().textContent())?.trim() ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await closePage(page);

    // A consulate checks the code on the public page: authentic, the key fields, no personal data.
    const check = await openPage(t.browser, `${t.base}/verifica/${code}`);
    const lang = /\/portale\/([a-z]{2,3})\/verifica\//.exec(check.url())?.[1] ?? '';
    expect(check.url()).toBe(`${t.base}/portale/${lang}/verifica/${code}`);
    await check.getByRole('heading', { level: 2, name: translator(lang)('verify.authentic') }).waitFor();
    await check.getByText(`${filed.number}/NO`).waitFor();
    await check.getByText('valido', { exact: true }).waitFor();
    expect(await check.content()).not.toContain('HOSSAIN');
    await expectAccessible(check);
    await closePage(check);
  });

  it('after a file over the limit is refused, the next upload goes through at once', async () => {
    const manager = await signIn(t.app, managerEmail);
    const submitted = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: manager.headers,
      payload: workPermitApplication(8),
    });
    expect(submitted.statusCode).toBe(201);
    const page = await openSignedIn(`/pratiche/${submitted.json().id}`);
    await page.getByLabel("Voce dell'elenco").selectOption({ label: 'Copia del passaporto del lavoratore' });
    const pdf = await makePdf('Passaporto del lavoratore');
    // from disk: the browser reads the file itself, as when a user picks it
    const folder = await mkdtemp(path.join(tmpdir(), 'lovit-walk-'));
    const huge = path.join(folder, 'scansione-enorme.pdf');
    await writeFile(huge, Buffer.concat([pdf, Buffer.alloc(25 * 1024 * 1024, 0x20)]));
    try {
      await page.getByLabel('File', { exact: true }).setInputFiles(huge);
      await page.getByRole('button', { name: 'Carica il documento' }).click();
      await page.getByText('supera il limite di 20 MB').waitFor();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'passaporto.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.getByRole('button', { name: 'Carica il documento' }).click();
    // the refused body must not hold up the connection the browser uses next
    await page
      .getByRole('status')
      .getByText('Documento «passaporto.pdf» caricato.')
      .waitFor({ timeout: 10_000 });
    // not closePage: the browser logs the refused upload's 413 as an error, and that refusal is the point
    await page.context().close();
  });
});
