import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserTest,
  browserAvailable,
  closeAfterRefusals,
  expectAccessible,
  openSignedIn,
  startBrowserTest,
  stopBrowserTest,
  watchErrors,
} from '../support/browser.ts';
import { workPermitApplication } from '../support/cases.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';

/**
 * The figures of the exchange and the shared problem log in the browser: the SUI manager reads where files
 * wait (charts with their figures as text), raises a problem for the Questura, whose officer resolves it.
 */
describe.skipIf(!browserAvailable())('bottleneck figures and the problem log, in Chromium', () => {
  let t: BrowserTest;
  const emails = { manager: '', police: '' };

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, {
      type: 'PREFECTURE',
      code: 'PREF-LO',
      name: 'Prefettura di Lodi',
    });
    const questura = await makeOrganisation(t.platform, {
      type: 'POLICE_HQ',
      code: 'QUESTURA-LO',
      name: 'Questura di Lodi',
    });
    await makeOrganisation(t.platform, { type: 'LABOUR_INSPECTORATE', code: 'ITL-LO', name: 'ITL di Lodi' });
    emails.manager = (
      await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'sui_manager' }])
    ).email;
    emails.police = (
      await makeUser(t.platform, [{ organisationId: questura.id, role: 'questura_officer' }])
    ).email;
    const manager: Session = await signIn(t.app, emails.manager);
    const police: Session = await signIn(t.app, emails.police);
    const call = (who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    await call(manager, 'PUT', '/api/quotas', {
      year: 2026,
      sector: 'NON_SEASONAL',
      total: 10,
      legalBasis: 'DPCM 2.10.2025',
    });
    for (const n of [1, 2]) {
      const { id } = (await call(manager, 'POST', '/api/cases', workPermitApplication(n))).json();
      for (const action of ['START_REVIEW', 'REQUEST_OPINIONS']) {
        const { version } = (await call(manager, 'GET', `/api/cases/${id}`)).json();
        expect(
          (await call(manager, 'POST', `/api/cases/${id}/actions`, { action, version })).statusCode,
        ).toBe(200);
      }
      const { opinions } = (await call(manager, 'GET', `/api/cases/${id}`)).json();
      const opinion = opinions.find((o: { body: string }) => o.body === 'POLICE_HQ');
      if (n === 1)
        await call(police, 'POST', `/api/opinions/${opinion.id}/answers`, { outcome: 'FAVOURABLE' });
    }
  });

  afterAll(() => stopBrowserTest(t));

  it('shows the time opinions take, what is open now, and offers the figures as CSV and XLSX', async () => {
    const page = await openSignedIn(t.browser, t.base, '/pareri/tempi', emails.manager);
    const errors = watchErrors(page);
    await page.getByRole('heading', { level: 1, name: 'Tempi dei pareri e delle pratiche' }).waitFor();
    const chart = page.getByRole('figure', {
      name: 'Giorni per rendere il parere, per ente e tipo di pratica',
    });
    await chart.waitFor();
    expect(await chart.locator('svg rect').count()).toBeGreaterThan(0);
    const table = page.getByRole('table', { name: 'Pareri per ente e tipo di pratica' });
    const police = table.getByRole('row', { name: /^Questura – Nulla osta/ });
    await expect(police.getByRole('cell').allTextContents()).resolves.toEqual(['1', '0', '0', '0', '1', '0']);
    expect(await page.getByRole('link', { name: 'Scarica Excel' }).getAttribute('href')).toBe(
      '/api/opinions/dashboard?format=xlsx',
    );
    await page.getByLabel('Confronta prima e dopo il').fill('2026-03-01');
    await page.getByRole('button', { name: 'Aggiorna' }).click();
    await page.waitForURL(/\/pareri\/tempi\?dal=2026-03-01$/);
    await page.getByRole('figure', { name: /richieste prima e dopo il 1 marzo 2026/ }).waitFor();
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);
  });

  it('lets an office raise a problem for another, which takes it up and records how it solved it', async () => {
    const manager = await openSignedIn(t.browser, t.base, '/pareri/problemi', emails.manager);
    const errors = watchErrors(manager);
    await manager.getByRole('heading', { level: 1, name: 'Registro dei problemi' }).waitFor();
    await manager.getByText('Nessun problema in questo elenco.').waitFor();
    await manager.getByRole('button', { name: 'Segnala', exact: true }).click();
    await manager.getByText('Campo obbligatorio').first().waitFor();
    await manager.getByLabel('Categoria').selectOption({ label: 'Sistemi informativi e interoperabilità' });
    await manager.getByLabel('Titolo').fill('Pareri senza riscontro da due giorni');
    await manager.getByLabel('Descrizione').fill('Le richieste inviate lunedì non risultano ricevute.');
    await manager.getByLabel('Ente incaricato').selectOption({ label: 'Questura di Lodi' });
    await manager.getByRole('button', { name: 'Segnala', exact: true }).click();
    await manager
      .getByRole('status')
      .getByText('Problema «Pareri senza riscontro da due giorni» segnalato.')
      .waitFor();
    await manager.getByRole('heading', { level: 2, name: 'Pareri senza riscontro da due giorni' }).waitFor();
    await expectAccessible(manager);
    await closeAfterRefusals(manager, errors);

    const officer = await openSignedIn(t.browser, t.base, '/pareri/problemi', emails.police);
    // resolving without saying how is refused by the server (400), on purpose
    const officerErrors = watchErrors(officer, /status of (400|401)/);
    const item = officer.getByRole('article', { name: 'Pareri senza riscontro da due giorni' });
    await item.getByRole('button', { name: 'Segna come risolto' }).click();
    await officer.getByText('Descrivere la soluzione adottata').waitFor();
    await item.getByLabel('Soluzione adottata').fill('Certificato del canale rinnovato, code svuotate.');
    await item.getByRole('button', { name: 'Segna come risolto' }).click();
    await officer
      .getByRole('status')
      .getByText('Problema «Pareri senza riscontro da due giorni»: Risolto.')
      .waitFor();
    await officer.getByText('Nessun problema in questo elenco.').waitFor();
    await officer.getByRole('button', { name: 'Risolti' }).click();
    await officer.getByText('Certificato del canale rinnovato, code svuotate.').waitFor();
    await expectAccessible(officer);
    await closeAfterRefusals(officer, officerErrors);
  });
});
