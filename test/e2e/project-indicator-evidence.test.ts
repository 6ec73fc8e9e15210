import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_EVIDENCE } from '../../src/modules/project/indicators/rules.ts';
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
import { makePdf } from '../support/documents.ts';
import { makeOrganisation, makeUser, type Session, signIn } from '../support/identity.ts';

// the test clock reads 2 March 2026
const PROJECT = {
  code: 'PROG-3858',
  acronym: 'LO.V.I.T.',
  title: 'Lodi verso l’integrazione territoriale',
  programme: 'FAMI_2014_2020',
  objective: 'OS2 – ON 2.3 Capacity building',
  cup: 'F79I22002140006',
  startsOn: '2025-10-01',
  endsOn: '2027-06-30',
};

/** The project manager gives a manual value its evidence file, freezes it, and the auditor finds it in the snapshot. */
describe.skipIf(!browserAvailable())('the evidence of a manual indicator value, in Chromium', () => {
  let t: BrowserTest;
  let pm: { email: string; session: Session };
  let auditor: string;
  let projectId = '';

  beforeAll(async () => {
    t = await startBrowserTest();
    const prefecture = await makeOrganisation(t.platform, { type: 'PREFECTURE', name: 'Prefettura di Lodi' });
    const manager = await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'project_manager' }]);
    auditor = (await makeUser(t.platform, [{ organisationId: prefecture.id, role: 'auditor' }])).email;
    pm = { email: manager.email, session: await signIn(t.app, manager.email) };
    const call = async (url: string, payload: object) => {
      const response = await t.app.inject({ method: 'POST', url, headers: pm.session.headers, payload });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    projectId = (await call('/api/project/projects', PROJECT)).id;
    await call(`/api/project/projects/${projectId}/indicators`, {
      code: 'O1.3',
      name: 'Analisi dei bisogni e delle risorse consegnata',
      kind: 'OUTPUT',
      unit: 'analisi',
      baseline: 0,
      target: 1,
      workPackageId: null,
      source: 'MANUAL',
    });
  }, 120_000);

  afterAll(() => stopBrowserTest(t));

  it('refuses a value without evidence, records one with its file, and shows the file frozen in the snapshot', async () => {
    const route = `/progetto/${projectId}/indicatori`;
    const page = await openSignedIn(t.browser, t.base, route, pm.email);
    const errors = watchErrors(page);
    await page.getByRole('button', { name: 'Dettaglio O1.3' }).click();
    await page.getByLabel('Valore (analisi)').fill('1');
    await page.getByLabel('Rilevato il').fill('2026-02-20');
    await page.getByRole('button', { name: 'Registra il valore' }).click();
    await page.getByText(NO_EVIDENCE).first().waitFor();

    await page.getByLabel('File di evidenza da allegare').setInputFiles({
      name: 'mappa dei bisogni.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf('Mappa dei bisogni e delle risorse'),
    });
    await page.getByRole('button', { name: 'Registra il valore' }).click();
    await page.getByText('Valore registrato.').waitFor();
    const values = page.getByRole('region', { name: 'Valori inseriti a mano' });
    await values.getByRole('link', { name: 'mappa dei bisogni.pdf' }).waitFor();
    await values.getByRole('button', { name: 'Togli mappa dei bisogni.pdf' }).waitFor();
    await expectAccessible(page);
    await closeAfterRefusals(page, errors);

    const frozen = await t.app.inject({
      method: 'POST',
      url: `/api/project/projects/${projectId}/indicator-snapshots`,
      headers: pm.session.headers,
      payload: { label: 'Primo periodo', from: '2025-10-01', to: '2026-02-28' },
    });
    expect(frozen.statusCode, frozen.body).toBe(201);

    const reader = await openSignedIn(t.browser, t.base, route, auditor);
    await reader.getByRole('button', { name: 'Dettaglio O1.3' }).click();
    await reader.getByRole('button', { name: 'Mostra l’evidenza – Primo periodo' }).click();
    const evidence = reader.getByRole('region', {
      name: 'Valore congelato in «Primo periodo» e sua evidenza',
    });
    const link = evidence.getByRole('link', { name: 'mappa dei bisogni.pdf' });
    const [download] = await Promise.all([reader.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('mappa dei bisogni.pdf');
    await evidence
      .getByText('Valore congelato in una rilevazione: le sue evidenze restano come sono.')
      .waitFor();
    expect(await reader.getByRole('button', { name: 'Togli mappa dei bisogni.pdf' }).count()).toBe(0);
    await expectAccessible(reader);
    await reader.context().close();
  });
});
